import { DataSource } from 'typeorm';
import { TestSystem, createTestDatabase, eventually } from '../support/test-system';
import { aKnelpunt, aStand } from '../builders';
import { dataSourceOptions } from '../../libs/shared/src/database/data-source';
import { nestRoutes, routeKey } from './support/route-table';

interface AuditRow {
  actor_subject: string | null;
  actor_name: string | null;
  actor_role: string | null;
  actor_organisation: string | null;
  actor_driehoek: string | null;
  method: string;
  route: string;
  params: Record<string, string>;
  resource_id: string | null;
  status: number;
  at: Date;
  request_id: string | null;
}

/**
 * Every mutation leaves a trace of who did what when: the global audit interceptor writes audit_log (never the
 * body), knelpunt changes also go into knelpunt_timeline, and the database refuses to change either afterwards.
 * Real PostgreSQL, real Temporal with a worker.
 */
describe('audit trail', () => {
  let sys: TestSystem;
  let ds: DataSource;
  let indiener: string;
  let driehoek: string;
  let admin: string;
  let stand: { id: string; knelpunten: { id: string }[] };
  const secretTitle = `Vertrouwelijk-${Date.now()}`;

  const auditRows = (where = 'TRUE', params: unknown[] = []): Promise<AuditRow[]> =>
    ds.query(`SELECT * FROM audit_log WHERE ${where} ORDER BY seq`, params);

  beforeAll(async () => {
    sys = await TestSystem.start();
    ds = sys.api.get(DataSource);
    indiener = await sys.token({ role: 'indiener', organisation: 'UWV', name: 'Ina Indiener', subject: 'ina@uwv' });
    driehoek = await sys.token({ role: 'driehoek', driehoek: 'UWV', name: 'Dirk Driehoek', subject: 'dirk@szw' });
    admin = await sys.token({ role: 'admin', name: 'Ada Admin', subject: 'ada@wau' });
    const res = await sys.request('POST', '/api/v1/standen', {
      token: indiener,
      body: aStand({ title: secretTitle }, [aKnelpunt({ description: `Persoonsgegevens van ${secretTitle}` })]),
    });
    expect(res.status).toBe(201);
    stand = res.body;
  });

  afterAll(async () => {
    await sys.close();
  });

  it('records a mutation with the actor, the route, the ids and the status, but not the body', async () => {
    const rows = await auditRows(`route = '/api/v1/standen' AND resource_id = $1`, [stand.id]);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      actor_subject: 'ina@uwv',
      actor_name: 'Ina Indiener',
      actor_role: 'indiener',
      actor_organisation: 'UWV',
      actor_driehoek: null,
      method: 'POST',
      route: '/api/v1/standen',
      params: {},
      resource_id: stand.id,
      status: 201,
    });
    expect(rows[0]!.at).toBeInstanceOf(Date);
    expect(Date.now() - rows[0]!.at.getTime()).toBeLessThan(60_000);
    const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM audit_log a WHERE row_to_json(a)::text LIKE $1`, [`%${secretTitle}%`]);
    expect(n).toBe(0);
  });

  it('records a knelpunt decision in audit_log and in the knelpunt timeline, both with the actor', async () => {
    const id = stand.knelpunten[0]!.id;
    await eventually(
      async () => (await sys.request('GET', `/api/v1/knelpunten/${id}`, { token: driehoek })).body.status === 'bij_driehoek',
    );
    const res = await sys.request('POST', `/api/v1/knelpunten/${id}/decisions`, {
      token: driehoek,
      body: { decision: 'informatie_opvragen', question: 'Hoeveel burgers raakt dit?' },
    });
    expect(res.status).toBe(200);

    const rows = await auditRows(`params @> $1::jsonb`, [JSON.stringify({ id })]);
    expect(rows).toEqual([
      expect.objectContaining({
        actor_subject: 'dirk@szw',
        actor_name: 'Dirk Driehoek',
        actor_role: 'driehoek',
        actor_driehoek: 'UWV',
        method: 'POST',
        route: '/api/v1/knelpunten/:id/decisions',
        params: { id },
        resource_id: id,
        status: 200,
      }),
    ]);
    expect(JSON.stringify(rows)).not.toContain('Hoeveel burgers');

    const timeline: { type: string; actor: Record<string, unknown> }[] = await ds.query(
      `SELECT type, actor FROM knelpunt_timeline WHERE knelpunt_id = $1 ORDER BY at, seq`,
      [id],
    );
    expect(timeline.find((t) => t.type === 'informatie_opvragen')).toMatchObject({
      actor: { subject: 'dirk@szw', name: 'Dirk Driehoek', role: 'driehoek' },
    });
  });

  it('records reference data changes by the admin with the code involved', async () => {
    const res = await sys.request('PUT', '/api/v1/ministries/szw', {
      token: admin,
      body: { name: 'Ministerie van Sociale Zaken en Werkgelegenheid', active: true },
    });
    expect(res.status).toBe(200);
    const rows = await auditRows(`route = '/api/v1/ministries/:code'`);
    expect(rows).toEqual([
      expect.objectContaining({
        actor_subject: 'ada@wau',
        actor_role: 'admin',
        method: 'PUT',
        params: { code: 'szw' },
        resource_id: 'SZW',
        status: 200,
      }),
    ]);
  });

  it('records nothing for reads and for refused or invalid requests (they changed nothing)', async () => {
    const [{ n: before }] = await ds.query(`SELECT count(*)::int AS n FROM audit_log`);
    await sys.request('GET', '/api/v1/knelpunten', { token: indiener });
    await sys.request('GET', `/api/v1/standen/${stand.id}`);
    await sys.request('POST', '/api/v1/standen', { token: indiener, body: {} }); // 400
    await sys.request('POST', '/api/v1/standen', { body: aStand() }); // 401
    await sys.request('PUT', '/api/v1/ministries/SZW', { token: indiener, body: { name: 'X', active: false } }); // 403
    const [{ n: after }] = await ds.query(`SELECT count(*)::int AS n FROM audit_log`);
    expect(after).toBe(before);
  });

  it('refuses UPDATE, DELETE and TRUNCATE of audit_log, and UPDATE and DELETE of knelpunt_timeline, in the database', async () => {
    const [{ n: audit }] = await ds.query(`SELECT count(*)::int AS n FROM audit_log`);
    const [{ n: timeline }] = await ds.query(`SELECT count(*)::int AS n FROM knelpunt_timeline`);
    expect(audit).toBeGreaterThan(0);
    expect(timeline).toBeGreaterThan(0);
    const quiet = jest.spyOn(console, 'log').mockImplementation(() => undefined); // TypeORM logs each refused query
    try {
      await expect(ds.query(`UPDATE audit_log SET actor_subject = 'iemand-anders'`)).rejects.toThrow(/append-only/);
      await expect(ds.query(`DELETE FROM audit_log`)).rejects.toThrow(/append-only/);
      await expect(ds.query(`TRUNCATE audit_log`)).rejects.toThrow(/append-only/);
      await expect(ds.query(`UPDATE knelpunt_timeline SET type = 'vervalst'`)).rejects.toThrow(/append-only/);
      await expect(ds.query(`DELETE FROM knelpunt_timeline`)).rejects.toThrow(/append-only/);
    } finally {
      quiet.mockRestore();
    }
    expect((await ds.query(`SELECT count(*)::int AS n FROM audit_log`))[0].n).toBe(audit);
    expect((await ds.query(`SELECT count(*)::int AS n FROM knelpunt_timeline`))[0].n).toBe(timeline);
    expect((await ds.query(`SELECT count(*)::int AS n FROM audit_log WHERE actor_subject = 'iemand-anders'`))[0].n).toBe(0);
  });

  it('offers no API route that edits or deletes timeline or audit entries', () => {
    const routes = nestRoutes(sys.api);
    expect(routes.length).toBeGreaterThan(10);
    const editing = routes.filter((r) => ['PUT', 'PATCH', 'DELETE'].includes(r.method) && /timeline|tijdlijn|audit/i.test(r.path));
    expect(editing.map(routeKey)).toEqual([]);
    // Nor any DELETE at all on knelpunten (withdrawal is the decision 'intrekken', kept in the timeline).
    expect(routes.filter((r) => r.method === 'DELETE' && r.path.includes('/knelpunten')).map(routeKey)).toEqual([]);
  });
});

describe('migration 1764000000000-audit', () => {
  it('reverts cleanly (table, triggers, function) and applies again', async () => {
    const ds = new DataSource(dataSourceOptions(await createTestDatabase()));
    await ds.initialize();
    try {
      const objects = async () =>
        (
          await ds.query(
            `SELECT to_regclass('audit_log')::text AS t, to_regprocedure('audit_log_append_only()')::text AS f,
                    (SELECT count(*)::int FROM pg_trigger WHERE tgname LIKE 'audit_log_%') AS triggers`,
          )
        )[0];
      expect(await objects()).toEqual({ t: 'audit_log', f: 'audit_log_append_only()', triggers: 2 });
      const applied = async (): Promise<string[]> =>
        (await ds.query(`SELECT name FROM schema_migrations`)).map((r: { name: string }) => r.name);
      while ((await applied()).includes('Audit1764000000000')) await ds.undoLastMigration({ transaction: 'each' });
      expect(await objects()).toEqual({ t: null, f: null, triggers: 0 });
      await ds.runMigrations({ transaction: 'each' });
      expect(await objects()).toEqual({ t: 'audit_log', f: 'audit_log_append_only()', triggers: 2 });
    } finally {
      await ds.destroy();
    }
  });
});
