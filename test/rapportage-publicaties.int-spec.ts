import { DataSource } from 'typeorm';
import { TestSystem, eventually } from './support/test-system';
import { aKnelpunt, aStand } from './builders';
import { toLocalDateAmsterdam } from '../libs/domain/src';
import { kwartaalOf } from '../libs/knelpunten/src/use-cases/get-voortgangsrapportage/get-voortgangsrapportage.use-case';

const PUBLISHER = { name: 'Pieter Publicist', subject: 'pd-publicist-7f3a' };

/**
 * Publication of the quarterly report on the real stack (PostgreSQL, Temporal dev server, worker): versions are
 * immutable snapshots, the public reads them without logging in, and nobody's name leaves the API.
 */
describe('rapportage-publicaties: published quarterly reports (real PostgreSQL and Temporal)', () => {
  let sys: TestSystem;
  let pd: string;
  let driehoek: string;
  const kwartaal = kwartaalOf(new Date());
  let knelpunten: string[] = [];
  const published: Record<number, unknown> = {};

  const publish = (token: string | undefined, body: unknown) =>
    sys.request('POST', '/api/v1/rapportages/voortgang/publicaties', { token, body });

  async function decide(id: string, body: Record<string, unknown>, status: string): Promise<void> {
    const res = await sys.request('POST', `/api/v1/knelpunten/${id}/decisions`, { token: driehoek, body });
    expect({ status: res.status, to: res.body.status }).toEqual({ status: 200, to: status });
  }

  async function live(): Promise<any> {
    const res = await sys.request('GET', `/api/v1/rapportages/voortgang?kwartaal=${kwartaal}`, { token: pd });
    expect(res.status).toBe(200);
    return res.body;
  }

  beforeAll(async () => {
    sys = await TestSystem.start();
    pd = await sys.token({ role: 'programmadirectie', ...PUBLISHER });
    driehoek = await sys.token({ role: 'driehoek', driehoek: 'UWV' });
    const indiener = await sys.token({ role: 'indiener', organisation: 'UWV' });
    const stand = await sys.request('POST', '/api/v1/standen', { token: indiener, body: aStand({}, [aKnelpunt(), aKnelpunt()]) });
    expect(stand.status).toBe(201);
    knelpunten = stand.body.knelpunten.map((k: { id: string }) => k.id);
    for (const id of knelpunten) {
      await eventually(
        async () => (await sys.request('GET', `/api/v1/knelpunten/${id}`, { token: pd })).body.status === 'bij_driehoek',
        30000,
        'bij_driehoek',
      );
    }
  }, 120_000);

  afterAll(async () => {
    await sys?.close();
  });

  it('publishes versions 1 and 2 that stay exactly as published while the live report moves on', async () => {
    const before = await live();
    const first = await publish(pd, { kwartaal });
    expect(first.status).toBe(201);
    expect(first.body).toEqual({
      kwartaal,
      versie: 1,
      publishedOn: toLocalDateAmsterdam(new Date()),
      url: `/api/v1/openbaar/rapportages/${kwartaal}/versies/1`,
    });
    const v1 = await sys.request('GET', first.body.url);
    expect(v1.status).toBe(200);
    published[1] = v1.body;
    // The running quarter may be published: the snapshot says so, and holds the numbers of that moment.
    expect(v1.body).toMatchObject({ kwartaal, lopend: true, quarter: before.quarter, flows: before.flows });
    expect(v1.body.flows.decidedByDriehoek).toBe(0);

    await decide(knelpunten[0]!, { decision: 'escaleren_acu', motivation: 'Raakt meerdere organisaties' }, 'bij_acu');
    await eventually(async () => (await live()).flows.decidedByDriehoek === 1, 30000, 'live report counts the decision');

    const second = await publish(pd, { kwartaal });
    expect(second.status).toBe(201);
    expect(second.body).toMatchObject({ kwartaal, versie: 2, url: `/api/v1/openbaar/rapportages/${kwartaal}/versies/2` });
    const v2 = await sys.request('GET', second.body.url);
    expect(v2.status).toBe(200);
    published[2] = v2.body;
    expect(v2.body.flows).toMatchObject({ decidedByDriehoek: 1, escalatedToAcu: 1 });
    expect(v2.body.moved.items.filter((m: { to: string }) => m.to === 'bij_acu')).toHaveLength(1);

    // A further decision changes the live report again; both versions are read back byte for byte as published.
    await decide(knelpunten[1]!, { decision: 'escaleren_acu', motivation: 'Ook overheidsbreed' }, 'bij_acu');
    await eventually(async () => (await live()).flows.decidedByDriehoek === 2, 30000, 'live report counts the second decision');
    for (const versie of [1, 2]) {
      const again = await sys.request('GET', `/api/v1/openbaar/rapportages/${kwartaal}/versies/${versie}`);
      expect({ versie, status: again.status, body: again.body }).toEqual({ versie, status: 200, body: published[versie] });
    }
  });

  it('lists the publications newest first for anyone, cacheable, without who published them', async () => {
    const res = await sys.request('GET', '/api/v1/openbaar/rapportages');
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('public, max-age=60');
    expect(res.body.items).toEqual([
      {
        kwartaal,
        versie: 2,
        publishedOn: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
        url: `/api/v1/openbaar/rapportages/${kwartaal}/versies/2`,
      },
      {
        kwartaal,
        versie: 1,
        publishedOn: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
        url: `/api/v1/openbaar/rapportages/${kwartaal}/versies/1`,
      },
    ]);

    const version = await sys.request('GET', `/api/v1/openbaar/rapportages/${kwartaal}/versies/2`);
    expect(version.headers['cache-control']).toBe('public, max-age=60');
    // With credentials the answer is the caller's own: not cached publicly.
    const withToken = await sys.request('GET', '/api/v1/openbaar/rapportages', { token: pd });
    expect(withToken.status).toBe(200);
    expect(withToken.headers['cache-control']).not.toContain('public');

    for (const body of [res.body, version.body]) {
      const text = JSON.stringify(body);
      for (const secret of ['published_by', 'publishedBy', PUBLISHER.name, PUBLISHER.subject]) expect(text).not.toContain(secret);
    }
    // The knelpunten in the snapshot carry only public fields.
    for (const item of version.body.moved.items)
      expect(Object.keys(item).sort()).toEqual(['from', 'organisation', 'reference', 'title', 'to']);
    // The publisher is recorded, inside.
    const [row] = await sys.api
      .get(DataSource)
      .query(`SELECT published_by FROM rapportage_publicaties WHERE kwartaal = $1 AND versie = 1`, [kwartaal]);
    expect(row.published_by).toEqual({ subject: PUBLISHER.subject, name: PUBLISHER.name });
  });

  it('lets only the programmadirectie publish: 401 without login, 403 for ACU, indiener and driehoek', async () => {
    const anonymous = await publish(undefined, { kwartaal });
    expect({ status: anonymous.status, code: anonymous.body.code }).toEqual({ status: 401, code: 'NIET_GEAUTHENTICEERD' });
    for (const token of [await sys.token({ role: 'acu' }), await sys.token({ role: 'indiener', organisation: 'UWV' }), driehoek]) {
      const res = await publish(token, { kwartaal });
      expect({ status: res.status, code: res.body.code }).toEqual({ status: 403, code: 'GEEN_TOEGANG' });
    }
    const list = await sys.request('GET', '/api/v1/openbaar/rapportages');
    expect(list.body.items).toHaveLength(2);
  });

  it('refuses a missing, malformed or future quarter with 400 naming kwartaal', async () => {
    for (const body of [{}, { kwartaal: '2026-Q5' }, { kwartaal: '2026Q4' }, { kwartaal: 2026 }, { kwartaal: '2999-Q4' }]) {
      const res = await publish(pd, body);
      expect({ body, status: res.status, type: res.headers['content-type'] }).toEqual({
        body,
        status: 400,
        type: expect.stringContaining('application/problem+json'),
      });
      expect(res.body.invalidParams.map((p: { name: string }) => p.name)).toEqual(['kwartaal']);
    }
  });

  it('answers 404 for a version that was not published and 400 naming the bad path parameter', async () => {
    const missing = await sys.request('GET', `/api/v1/openbaar/rapportages/${kwartaal}/versies/3`);
    expect(missing.status).toBe(404);
    expect(missing.headers['cache-control'] ?? '').not.toContain('public');
    for (const [path, name] of [
      [`${kwartaal}/versies/nul`, 'versie'],
      [`${kwartaal}/versies/0`, 'versie'],
      ['2026-Q9/versies/1', 'kwartaal'],
    ] as const) {
      const res = await sys.request('GET', `/api/v1/openbaar/rapportages/${path}`);
      expect({ path, status: res.status }).toEqual({ path, status: 400 });
      expect(res.body.invalidParams.map((p: { name: string }) => p.name)).toEqual([name]);
    }
  });

  it('migrates down and up again: down() drops the table, up() recreates it with its unique (kwartaal, versie)', async () => {
    const ds = sys.api.get(DataSource);
    const table = async (): Promise<string | null> =>
      ((await ds.query(`SELECT to_regclass('rapportage_publicaties')::text AS t`)) as { t: string | null }[])[0]!.t;
    const applied = async (): Promise<string[]> =>
      (await ds.query(`SELECT name FROM schema_migrations`)).map((r: { name: string }) => r.name);
    expect(await table()).toBe('rapportage_publicaties');
    while ((await applied()).includes('RapportagePublicaties1765200000000')) await ds.undoLastMigration({ transaction: 'each' });
    expect(await table()).toBeNull();
    await ds.runMigrations({ transaction: 'each' });
    expect(await table()).toBe('rapportage_publicaties');
    const insert = `INSERT INTO rapportage_publicaties (id, kwartaal, versie, published_by, snapshot)
                    VALUES (gen_random_uuid(), '2026-Q1', 1, '{}'::jsonb, '{}'::jsonb)`;
    await ds.query(insert);
    await expect(ds.query(insert)).rejects.toThrow(/rapportage_publicaties_kwartaal_versie_key/);
  });
});
