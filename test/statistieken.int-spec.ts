import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { TestSystem, eventually } from './support/test-system';
import { aKnelpunt, aStand } from './builders';

/** '2026-Q4' of an instant, in Europe/Amsterdam (as the API counts). */
function quarterOf(at: Date): string {
  const [year, month] = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam', year: 'numeric', month: '2-digit' })
    .format(at)
    .split('-')
    .map(Number) as [number, number];
  return `${year}-Q${Math.ceil(month / 3)}`;
}

const WEEK = 7 * 86_400_000;

/**
 * GET /api/v1/statistieken on the real stack (PostgreSQL, Temporal dev server, worker): Standen of two
 * organisations, decisions taken through the API, and the dashboard's numbers asserted exactly.
 *
 * Time cannot pass in this test, so two knelpunten "from the past" are written straight into the read model and
 * the (append-only) timeline as the projection would have left them: one in aanpak for 10 weeks with an overdue
 * voortgang deadline, one closed as deels opgelost half a year ago. They have no workflow, so nothing moves them.
 */
describe('statistieken: the programmadirectie dashboard (real PostgreSQL and Temporal)', () => {
  let sys: TestSystem;
  let ds: DataSource;
  let pd: string;
  let acu: string;
  const uwv: string[] = [];
  const svb: string[] = [];
  const past = { inAanpak: randomUUID(), deelsOpgelost: randomUUID() };

  async function submit(organisation: string, themes: string[]): Promise<{ standId: string; ids: string[] }> {
    const token = await sys.token({ role: 'indiener', organisation });
    const res = await sys.request('POST', '/api/v1/standen', {
      token,
      body: aStand(
        { organisation },
        themes.map((theme) => aKnelpunt({ theme })),
      ),
    });
    expect(res.status).toBe(201);
    const ids: string[] = res.body.knelpunten.map((k: { id: string }) => k.id);
    for (const id of ids) {
      await eventually(
        async () => (await sys.request('GET', `/api/v1/knelpunten/${id}`, { token: pd })).body.status === 'bij_driehoek',
        30000,
        'bij_driehoek',
      );
    }
    return { standId: res.body.id as string, ids };
  }

  async function decide(token: string, id: string, body: Record<string, unknown>, status: string): Promise<void> {
    const res = await sys.request('POST', `/api/v1/knelpunten/${id}/decisions`, { token, body });
    expect({ status: res.status, to: res.body.status }).toEqual({ status: 200, to: status });
  }

  const statistieken = async (token: string, query = ''): Promise<any> => {
    const res = await sys.request('GET', `/api/v1/statistieken${query}`, { token });
    expect(res.status).toBe(200);
    return res.body;
  };

  beforeAll(async () => {
    sys = await TestSystem.start();
    ds = sys.api.get(DataSource);
    pd = await sys.token({ role: 'programmadirectie' });
    acu = await sys.token({ role: 'acu' });
    const a = await submit('UWV', ['ict', 'ict', 'vereenvoudiging']);
    const b = await submit('SVB', ['schaarste', 'vereenvoudiging']);
    uwv.push(...a.ids);
    svb.push(...b.ids);

    const driehoekUwv = await sys.token({ role: 'driehoek', driehoek: 'UWV' });
    const driehoekSvb = await sys.token({ role: 'driehoek', driehoek: 'SVB' });
    const targetDate = new Date(Date.now() + 20 * WEEK).toISOString().slice(0, 10);
    await decide(
      driehoekUwv,
      uwv[0]!,
      { decision: 'oppakken', owner: 'Directie Uitvoering', targetDate, plan: 'Regels versimpelen' },
      'in_aanpak_driehoek',
    );
    await decide(driehoekUwv, uwv[0]!, { decision: 'afronden', outcome: 'opgelost', summary: 'Regeling vereenvoudigd' }, 'afgesloten');
    await decide(driehoekUwv, uwv[1]!, { decision: 'informatie_opvragen', question: 'Om hoeveel mensen gaat het?' }, 'wacht_op_informatie');
    await decide(driehoekSvb, svb[0]!, { decision: 'escaleren_acu', motivation: 'Raakt meerdere organisaties' }, 'bij_acu');
    await decide(driehoekSvb, svb[1]!, { decision: 'afwijzen', outcome: 'geen_knelpunt', motivation: 'Is al opgelost' }, 'afgesloten');

    // Two knelpunten from the past (see above), in the UWV Stand.
    const driehoekActor = JSON.stringify({ subject: 'd', name: 'Dirk', role: 'driehoek', organisation: null });
    const systeem = JSON.stringify({ subject: 'systeem', name: 'Systeem', role: 'systeem', organisation: null });
    const overdueDeadlines = JSON.stringify([
      { id: randomUUID(), kind: 'voortgang', state: 'verlopen', dueAt: new Date(Date.now() - WEEK).toISOString() },
      { id: randomUUID(), kind: 'streefdatum', state: 'lopend', dueAt: new Date(Date.now() + WEEK).toISOString() },
    ]);
    const rows: [string, string, string, string | null, number, string][] = [
      [past.inAanpak, 'UWV-90001', 'in_aanpak_driehoek', null, 100, overdueDeadlines],
      [past.deelsOpgelost, 'UWV-90002', 'afgesloten', 'deels_opgelost', 101, '[]'],
    ];
    for (const [id, reference, status, outcome, position, deadlines] of rows) {
      await ds.query(
        `INSERT INTO knelpunten (id, reference, stand_id, organisation_code, driehoek_code, position, title, description, theme,
           status, outcome, overdue, deadlines, created_at, updated_at)
         VALUES ($1, $2, $3, 'UWV', 'UWV', $4, 'Knelpunt uit het verleden', 'Beschrijving', 'financiering', $5, $6, $7, $8::jsonb,
           now() - interval '40 weeks', now())`,
        [id, reference, a.standId, position, status, outcome, status !== 'afgesloten', deadlines],
      );
    }
    const entry = (knelpuntId: string, ago: string, type: string, actor: string, data: Record<string, unknown>) =>
      ds.query(
        `INSERT INTO knelpunt_timeline (id, knelpunt_id, at, type, actor, data) VALUES ($1, $2, now() - $3::interval, $4, $5::jsonb, $6::jsonb)`,
        [randomUUID(), knelpuntId, ago, type, actor, JSON.stringify(data)],
      );
    await entry(past.inAanpak, '40 weeks', 'bij_driehoek', systeem, { van: 'ingediend', naar: 'bij_driehoek' });
    await entry(past.inAanpak, '10 weeks', 'oppakken', driehoekActor, { van: 'bij_driehoek', naar: 'in_aanpak_driehoek' });
    await entry(past.deelsOpgelost, '40 weeks', 'bij_driehoek', systeem, { van: 'ingediend', naar: 'bij_driehoek' });
    await entry(past.deelsOpgelost, '6 months', 'afronden', driehoekActor, {
      outcome: 'deels_opgelost',
      van: 'in_aanpak_driehoek',
      naar: 'afgesloten',
    });
  });

  afterAll(async () => {
    await sys.close();
  });

  it('counts all knelpunten by theme, organisation and status for the programmadirectie', async () => {
    const s = await statistieken(pd);
    expect(Date.parse(s.generatedAt)).not.toBeNaN();
    expect({ total: s.total, open: s.open }).toEqual({ total: 7, open: 4 });
    expect(s.byTheme).toEqual([
      { key: 'financiering', count: 2 },
      { key: 'ict', count: 2 },
      { key: 'vereenvoudiging', count: 2 },
      { key: 'schaarste', count: 1 },
    ]);
    expect(s.byOrganisation).toEqual([
      { key: 'UWV', count: 5 },
      { key: 'SVB', count: 2 },
    ]);
    expect(s.byStatus).toEqual([
      { key: 'afgesloten', count: 3 },
      { key: 'bij_acu', count: 1 },
      { key: 'bij_driehoek', count: 1 },
      { key: 'in_aanpak_driehoek', count: 1 },
      { key: 'wacht_op_informatie', count: 1 },
    ]);
  });

  it('buckets the open knelpunten by how long they are in their current status', async () => {
    const s = await statistieken(pd);
    expect(s.ageing).toEqual([
      { status: 'bij_acu', bucket: 'minder_dan_4_weken', count: 1 },
      { status: 'bij_driehoek', bucket: 'minder_dan_4_weken', count: 1 },
      // in aanpak since the oppakken of 10 weeks ago, not since intake 40 weeks ago
      { status: 'in_aanpak_driehoek', bucket: '8_tot_13_weken', count: 1 },
      { status: 'wacht_op_informatie', bucket: 'minder_dan_4_weken', count: 1 },
    ]);
  });

  it('counts overdue deadlines of open knelpunten per kind', async () => {
    expect((await statistieken(pd)).overdueByDeadlineKind).toEqual([{ key: 'voortgang', count: 1 }]);
  });

  it('counts decided, solved and partly solved knelpunten per quarter, oldest first, the current quarter last', async () => {
    const s = await statistieken(pd);
    const now = new Date(s.generatedAt);
    expect(s.perQuarter).toHaveLength(8);
    expect(s.perQuarter[7].quarter).toBe(quarterOf(now));
    const expected = new Map<string, { decided: number; solved: number; partlySolved: number }>(
      s.perQuarter.map((q: { quarter: string }) => [q.quarter, { decided: 0, solved: 0, partlySolved: 0 }]),
    );
    const add = (at: Date, field: 'decided' | 'solved' | 'partlySolved'): void => {
      expected.get(quarterOf(at))![field] += 1;
    };
    // Now: UWV 1 taken up and solved (one knelpunt), SVB 1 escalated, SVB 2 rejected; the information request
    // and the automatic bij_driehoek entries are no decisions.
    add(now, 'decided');
    add(now, 'decided');
    add(now, 'decided');
    add(now, 'solved');
    add(new Date(now.getTime() - 10 * WEEK), 'decided');
    const halfYearAgo = new Date(now);
    halfYearAgo.setMonth(halfYearAgo.getMonth() - 6);
    add(halfYearAgo, 'decided');
    add(halfYearAgo, 'partlySolved');
    expect(s.perQuarter).toEqual([...expected].map(([quarter, counts]) => ({ quarter, ...counts })));

    const four = await statistieken(pd, '?quarters=4');
    expect(four.perQuarter).toEqual(s.perQuarter.slice(4));
  });

  it('gives the ACU the numbers of what was escalated to it only', async () => {
    const s = await statistieken(acu);
    expect({ total: s.total, open: s.open }).toEqual({ total: 1, open: 1 });
    expect(s.byOrganisation).toEqual([{ key: 'SVB', count: 1 }]);
    expect(s.byStatus).toEqual([{ key: 'bij_acu', count: 1 }]);
    expect(s.overdueByDeadlineKind).toEqual([]);
    expect(s.perQuarter[7]).toEqual({ quarter: quarterOf(new Date(s.generatedAt)), decided: 1, solved: 0, partlySolved: 0 });
  });

  it('is closed to the other roles and refuses a wrong number of quarters, naming the field', async () => {
    for (const token of [
      await sys.token({ role: 'indiener', organisation: 'UWV' }),
      await sys.token({ role: 'driehoek', driehoek: 'UWV' }),
      await sys.token({ role: 'admin' }),
    ]) {
      expect((await sys.request('GET', '/api/v1/statistieken', { token })).status).toBe(403);
    }
    expect((await sys.request('GET', '/api/v1/statistieken')).status).toBe(401);
    const bad = await sys.request('GET', '/api/v1/statistieken?quarters=0', { token: pd });
    expect(bad.status).toBe(400);
    expect(bad.body.invalidParams).toEqual([{ name: 'quarters', reason: expect.stringContaining('minstens 1') }]);
  });
});
