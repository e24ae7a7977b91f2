import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { TemporalClientService } from '../libs/temporal/src';
import { WerkdagenKalender, addDays, toLocalDateAmsterdam } from '../libs/domain/src';
import { uitvraagWorkflowId } from '../workflows/uitvraag/uitvraag.contract';
import { TestSystem, eventually } from './support/test-system';
import { aKnelpunt, aStand } from './builders';

/**
 * The intake-round routes on the real stack (PostgreSQL, the Temporal dev server and a worker): opening a round starts
 * its workflow; validation names the fields; only the programmadirectie opens and closes; an organisation sees only
 * the rounds it is expected in and only its own row; completeness follows a real POST /standen.
 */
describe('uitvraagrondes (intake rounds)', () => {
  let sys: TestSystem;
  let pd: string;
  const kalender = new WerkdagenKalender();
  const today = toLocalDateAmsterdam(new Date());
  /** A werkdag some six weeks ahead (the seeded equated days are the defaults of the calendar). */
  const closingDate = kalender.nextWerkdagOnOrAfter(addDays(today, 45)).date;
  const year = Number(closingDate.slice(0, 4)) + 1;
  const body = (overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
    name: `Standen ${year}`,
    year,
    closingDate,
    organisations: ['UWV', 'SVB', 'DUO'],
    ...overrides,
  });

  beforeAll(async () => {
    sys = await TestSystem.start();
    pd = await sys.token({ role: 'programmadirectie', name: 'Paula Programma' });
  });

  afterAll(async () => {
    await sys?.close();
  });

  const open = async (overrides: Record<string, unknown> = {}): Promise<any> => {
    const res = await sys.request('POST', '/api/v1/uitvraagrondes', { token: pd, body: body(overrides) });
    expect(res.status).toBe(201);
    return res.body;
  };
  const workflowStatus = async (rondeId: string): Promise<string> => {
    const d = await sys.api.get(TemporalClientService).client.workflow.getHandle(uitvraagWorkflowId(rondeId)).describe();
    return d.status.name;
  };

  it('opens a round (201, Idempotency-Key replays it) and starts its workflow after the commit', async () => {
    const key = randomUUID();
    const res = await sys.request('POST', '/api/v1/uitvraagrondes', { token: pd, body: body(), headers: { 'idempotency-key': key } });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      name: `Standen ${year}`,
      year,
      closingDate,
      status: 'open',
      closedAt: null,
      expected: 3,
      submitted: 0,
      late: 0,
      ownStatus: null,
      createdBy: { name: 'Paula Programma', role: 'programmadirectie' },
    });
    expect(res.body.organisations.map((o: { code: string; status: string }) => [o.code, o.status])).toEqual([
      ['DUO', 'nog_niet_ingediend'],
      ['SVB', 'nog_niet_ingediend'],
      ['UWV', 'nog_niet_ingediend'],
    ]);
    expect(res.body.reminderSchedule.map((r: { kind: string; date: string }) => [r.kind, r.date])).toEqual([
      ['10_werkdagen', kalender.addWerkdagen(closingDate, -10)],
      ['5_werkdagen', kalender.addWerkdagen(closingDate, -5)],
      ['sluitingsdag', closingDate],
    ]);
    const again = await sys.request('POST', '/api/v1/uitvraagrondes', { token: pd, body: body(), headers: { 'idempotency-key': key } });
    expect(again.status).toBe(201);
    expect(again.body.id).toBe(res.body.id);
    const ds = sys.api.get(DataSource);
    const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM uitvraagrondes WHERE id = $1`, [res.body.id]);
    expect(n).toBe(1);

    await eventually(async () => (await workflowStatus(res.body.id).catch(() => null)) === 'RUNNING', 20_000, 'workflow running');
    const [row] = await ds.query(`SELECT workflow_started_at FROM uitvraagrondes WHERE id = $1`, [res.body.id]);
    expect(row.workflow_started_at).toBeInstanceOf(Date);
  });

  it('refuses bad input with a 400 naming each field', async () => {
    const saturday = (() => {
      let d = addDays(today, 20);
      while (kalender.reasonNotWerkdag(d) !== 'zaterdag') d = addDays(d, 1);
      return d;
    })();
    const cases: [Record<string, unknown>, string, RegExp][] = [
      [{ name: 'ab' }, 'name', /minstens 3 tekens/],
      [{ name: 'x'.repeat(101) }, 'name', /maximaal 100 tekens/],
      [{ year: '2027' }, 'year', /jaartal/],
      [{ year: 1999 }, 'year', /minstens 2000/],
      [{ closingDate: today }, 'closingDate', /in de toekomst/],
      [{ closingDate: saturday }, 'closingDate', /moet een werkdag zijn: zaterdag .* valt in het weekend/],
      [{ closingDate: '2027-02-30' }, 'closingDate', /bestaande datum/],
      [{ organisations: [] }, 'organisations', /minstens één organisatie/],
      [{ organisations: ['UWV', 'UWV'] }, 'organisations', /twee keer/],
      [{ organisations: ['UWV', 'ONBEKEND'] }, 'organisations[1]', /onbekende organisatie: ONBEKEND/],
    ];
    for (const [overrides, field, reason] of cases) {
      const res = await sys.request('POST', '/api/v1/uitvraagrondes', { token: pd, body: body(overrides) });
      expect({ overrides, status: res.status, type: res.headers['content-type'] }).toEqual({
        overrides,
        status: 400,
        type: expect.stringContaining('application/problem+json'),
      });
      const reasons = (res.body.invalidParams as { name: string; reason: string }[]).filter((p) => p.name === field).map((p) => p.reason);
      expect({ overrides, reasons }).toEqual({ overrides, reasons: expect.arrayContaining([expect.stringMatching(reason)]) });
    }
  });

  it('lets only the programmadirectie open and close rounds, and only organisations and the programmadirectie read them', async () => {
    const ronde = await open();
    for (const role of ['indiener', 'driehoek', 'acu', 'admin'] as const) {
      const token = await sys.token({ role, organisation: 'UWV', driehoek: 'UWV' });
      expect((await sys.request('POST', '/api/v1/uitvraagrondes', { token, body: body() })).status).toBe(403);
      expect((await sys.request('POST', `/api/v1/uitvraagrondes/${ronde.id}/sluiten`, { token })).status).toBe(403);
    }
    for (const role of ['acu', 'admin'] as const) {
      const token = await sys.token({ role });
      expect((await sys.request('GET', '/api/v1/uitvraagrondes', { token })).status).toBe(403);
      expect((await sys.request('GET', `/api/v1/uitvraagrondes/${ronde.id}`, { token })).status).toBe(403);
    }
    expect((await sys.request('GET', '/api/v1/uitvraagrondes')).status).toBe(401);
  });

  it('shows an organisation only the rounds it is expected in, and only its own row; completeness follows a real POST /standen', async () => {
    const ronde = await open({ organisations: ['UWV', 'SVB', 'DUO'], name: `Standen ${year} (volledigheid)` });
    const other = await open({ organisations: ['CJIB'], name: `Standen ${year} (alleen CJIB)` });
    const uwv = await sys.token({ role: 'indiener', organisation: 'UWV' });
    const uwvDriehoek = await sys.token({ role: 'driehoek', driehoek: 'UWV' });

    const list = await sys.request('GET', '/api/v1/uitvraagrondes', { token: uwv });
    expect(list.status).toBe(200);
    const ids = list.body.items.map((r: { id: string }) => r.id);
    expect(ids).toContain(ronde.id);
    expect(ids).not.toContain(other.id);
    expect(list.body.items.find((r: { id: string }) => r.id === ronde.id)).toMatchObject({ expected: 1, ownStatus: 'nog_niet_ingediend' });
    expect((await sys.request('GET', `/api/v1/uitvraagrondes/${other.id}`, { token: uwv })).status).toBe(404);
    expect((await sys.request('GET', `/api/v1/uitvraagrondes/${other.id}`, { token: uwvDriehoek })).status).toBe(404);
    const pdList = await sys.request('GET', '/api/v1/uitvraagrondes', { token: pd });
    expect(pdList.body.items.map((r: { id: string }) => r.id)).toEqual(expect.arrayContaining([ronde.id, other.id]));

    // A Stand of another year does not count; one of the round's year does.
    expect(
      (
        await sys.request('POST', '/api/v1/standen', {
          token: uwv,
          body: aStand({ organisation: 'UWV', period: String(year - 1) }, [aKnelpunt()]),
        })
      ).status,
    ).toBe(201);
    let mine = await sys.request('GET', `/api/v1/uitvraagrondes/${ronde.id}`, { token: uwv });
    expect(mine.body.organisations).toEqual([expect.objectContaining({ code: 'UWV', status: 'nog_niet_ingediend', standId: null })]);
    const stand = await sys.request('POST', '/api/v1/standen', {
      token: uwv,
      body: aStand({ organisation: 'UWV', period: `${year}-H1` }, [aKnelpunt()]),
    });
    expect(stand.status).toBe(201);

    mine = await sys.request('GET', `/api/v1/uitvraagrondes/${ronde.id}`, { token: uwv });
    expect(mine.status).toBe(200);
    expect(mine.body).toMatchObject({ expected: 1, submitted: 1, ownStatus: 'ingediend' });
    expect(mine.body.organisations).toEqual([
      expect.objectContaining({ code: 'UWV', status: 'ingediend', standId: stand.body.id, onTime: true, submittedAt: expect.any(String) }),
    ]);
    const byDriehoek = await sys.request('GET', `/api/v1/uitvraagrondes/${ronde.id}`, { token: uwvDriehoek });
    expect(byDriehoek.body.organisations.map((o: { code: string }) => o.code)).toEqual(['UWV']);

    const all = await sys.request('GET', `/api/v1/uitvraagrondes/${ronde.id}`, { token: pd });
    expect(all.body).toMatchObject({ expected: 3, submitted: 1, late: 0 });
    expect(all.body.organisations.map((o: { code: string; status: string }) => [o.code, o.status])).toEqual([
      ['DUO', 'nog_niet_ingediend'],
      ['SVB', 'nog_niet_ingediend'],
      ['UWV', 'ingediend'],
    ]);

    // Closing early: who has nothing is late; the workflow stops; closing again is a 409.
    await eventually(async () => (await workflowStatus(ronde.id).catch(() => null)) === 'RUNNING', 20_000, 'workflow running');
    const closed = await sys.request('POST', `/api/v1/uitvraagrondes/${ronde.id}/sluiten`, { token: pd });
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({ status: 'gesloten', closedAt: expect.any(String), submitted: 1, late: 2 });
    expect(closed.body.organisations.map((o: { code: string; status: string }) => [o.code, o.status])).toEqual([
      ['DUO', 'te_laat'],
      ['SVB', 'te_laat'],
      ['UWV', 'ingediend'],
    ]);
    expect((await sys.request('POST', `/api/v1/uitvraagrondes/${ronde.id}/sluiten`, { token: pd })).status).toBe(409);
    await eventually(async () => (await workflowStatus(ronde.id)) === 'COMPLETED', 20_000, 'workflow completed');
    expect((await sys.request('POST', `/api/v1/uitvraagrondes/${randomUUID()}/sluiten`, { token: pd })).status).toBe(404);
    expect((await sys.request('GET', `/api/v1/uitvraagrondes/${randomUUID()}`, { token: pd })).status).toBe(404);
    expect((await sys.request('GET', '/api/v1/uitvraagrondes/geen-uuid', { token: pd })).status).toBe(400);
  });

  it('migrates down and up again: down() drops the three tables, up() recreates them with the reminder key', async () => {
    const ds = sys.api.get(DataSource);
    const tables = async (): Promise<(string | null)[]> =>
      (
        (await ds.query(
          `SELECT to_regclass('uitvraagrondes')::text AS a, to_regclass('uitvraag_organisaties')::text AS b,
                  to_regclass('uitvraag_herinneringen')::text AS c`,
        )) as { a: string | null; b: string | null; c: string | null }[]
      ).flatMap((r) => [r.a, r.b, r.c]);
    const applied = async (): Promise<string[]> =>
      (await ds.query(`SELECT name FROM schema_migrations`)).map((r: { name: string }) => r.name);
    expect(await tables()).toEqual(['uitvraagrondes', 'uitvraag_organisaties', 'uitvraag_herinneringen']);
    while ((await applied()).includes('Uitvraagrondes1765460000000')) await ds.undoLastMigration({ transaction: 'each' });
    expect(await tables()).toEqual([null, null, null]);
    await ds.runMigrations({ transaction: 'each' });
    expect(await tables()).toEqual(['uitvraagrondes', 'uitvraag_organisaties', 'uitvraag_herinneringen']);
    const ronde = await open({ organisations: ['UWV'] });
    const insert = `INSERT INTO uitvraag_herinneringen (ronde_id, organisation_code, kind, sent_at) VALUES ($1, 'UWV', '5_werkdagen', now())`;
    await ds.query(insert, [ronde.id]);
    await expect(ds.query(insert, [ronde.id])).rejects.toThrow(/uitvraag_herinneringen_pkey/);
  });
});
