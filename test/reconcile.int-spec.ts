import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { TemporalClientService } from '../libs/temporal/src/temporal-client.service';
import { WorkflowStartDispatcher } from '../libs/intake/src/use-cases/dispatch-workflow-starts/workflow-start.dispatcher';
import { knelpuntWorkflowId, stateQuery, type KnelpuntState } from '../workflows/knelpunt/knelpunt.contract';
import { reconcileCli } from '../scripts/reconcile/reconcile-cli';
import { TestSystem, eventually } from './support/test-system';
import { aKnelpunt, aStand } from './builders';

/**
 * Reconciliation (issue 8 item 4) on the real stack: a clean system has no drift; a tampered read model, a
 * workflow that was never started and one that is missing are reported with their kind, and repaired.
 */
describe('reconciliation of workflows, read model and outboxes', () => {
  let sys: TestSystem;
  let ds: DataSource;
  let admin: string;
  const ids: string[] = [];

  interface Report {
    checkedAt: string;
    checked: number;
    deliveriesChecked: boolean;
    drift: { knelpuntId: string | null; reference: string | null; kind: string; detail: string; repaired?: boolean }[];
    counts: { kind: string; count: number }[];
    repaired?: number;
  }

  const check = async (): Promise<Report> => {
    const res = await sys.request('GET', '/api/v1/beheer/reconciliatie', { token: admin });
    expect(res.status).toBe(200);
    return res.body as Report;
  };
  const repair = async (): Promise<Report> => {
    const res = await sys.request('POST', '/api/v1/beheer/reconciliatie/herstel', { token: admin });
    expect(res.status).toBe(200);
    return res.body as Report;
  };
  const kindsOf = (report: Report, id: string): string[] =>
    report.drift
      .filter((d) => d.knelpuntId === id)
      .map((d) => d.kind)
      .sort();
  const workflowState = (id: string): Promise<KnelpuntState> =>
    sys.api.get(TemporalClientService).client.workflow.getHandle(knelpuntWorkflowId(id)).query(stateQuery);
  const status = async (id: string): Promise<string> =>
    ((await ds.query(`SELECT status FROM knelpunten WHERE id = $1`, [id])) as { status: string }[])[0]!.status;

  /** The read model's columns that the reconciliation compares, next to the workflow's state. */
  async function expectReadModelEqualsWorkflow(id: string): Promise<void> {
    const s = await workflowState(id);
    const [row] = (await ds.query(
      `SELECT status, outcome, escalated, overdue, next_due_at AS "nextDueAt", deadlines, details, projection_version AS "version"
         FROM knelpunten WHERE id = $1`,
      [id],
    )) as {
      status: string;
      outcome: string | null;
      escalated: boolean;
      overdue: boolean;
      nextDueAt: Date | null;
      deadlines: { id: string; kind: string; state: string; dueDate: string }[];
      details: { flags?: string[] };
      version: number;
    }[];
    expect(row).toMatchObject({
      status: s.status,
      outcome: s.outcome,
      version: s.version,
      overdue: s.deadlines.some((d) => d.state === 'verlopen'),
    });
    expect(row!.escalated || !s.escalated).toBe(true);
    expect(row!.deadlines.map((d) => ({ id: d.id, kind: d.kind, state: d.state, dueDate: d.dueDate }))).toEqual(
      s.deadlines.map((d) => ({ id: d.id, kind: d.kind, state: d.state, dueDate: d.dueDate })),
    );
    expect([...(row!.details.flags ?? [])].sort()).toEqual([...s.details.flags].sort());
  }

  beforeAll(async () => {
    sys = await TestSystem.start({ env: { RECONCILE_SETTLE_MS: '300', RECONCILE_START_GRACE_MS: '0' } });
    ds = sys.api.get(DataSource);
    admin = await sys.token({ role: 'admin' });
    const indiener = await sys.token({ role: 'indiener', organisation: 'UWV' });
    const driehoek = await sys.token({ role: 'driehoek', driehoek: 'UWV' });
    const stand = await sys.request('POST', '/api/v1/standen', {
      token: indiener,
      body: aStand({}, [aKnelpunt(), aKnelpunt(), aKnelpunt(), aKnelpunt()]),
    });
    expect(stand.status).toBe(201);
    ids.push(...stand.body.knelpunten.map((k: { id: string }) => k.id));
    for (const id of ids) await eventually(async () => (await status(id)) === 'bij_driehoek', 60000, `${id} bij_driehoek`);
    // One escalated (deadlines of the ACU phase), one closed (its workflow completes).
    const escalated = await sys.request('POST', `/api/v1/knelpunten/${ids[1]}/decisions`, {
      token: driehoek,
      body: { decision: 'escaleren_acu', motivation: 'Raakt meerdere organisaties' },
    });
    expect(escalated.status).toBe(200);
    const closed = await sys.request('POST', `/api/v1/knelpunten/${ids[2]}/decisions`, {
      token: driehoek,
      body: { decision: 'afwijzen', outcome: 'geen_knelpunt', motivation: 'Geen knelpunt maar een wens' },
    });
    expect(closed.status).toBe(200);
    await eventually(async () => (await status(ids[1]!)) === 'bij_acu', 30000, 'bij_acu');
    await eventually(async () => (await status(ids[2]!)) === 'afgesloten', 30000, 'afgesloten');
    await eventually(
      async () =>
        (await sys.api.get(TemporalClientService).client.workflow.getHandle(knelpuntWorkflowId(ids[2]!)).describe()).status.name ===
        'COMPLETED',
      30000,
      'workflow completed',
    );
  });

  afterAll(async () => {
    await sys.close();
  });

  it('finds zero drift on a clean system and counts what it compared', async () => {
    const report = await check();
    expect(report.drift).toEqual([]);
    expect(report.counts).toEqual([]);
    expect(report.checked).toBe(3); // the open knelpunten; the closed one agrees with its completed workflow
    expect(new Date(report.checkedAt).getTime()).not.toBeNaN();
    expect(report.deliveriesChecked).toBe(true);
  });

  it('reports a tampered read model with the kind of drift, and repair makes it equal to the workflow again', async () => {
    const [a, b, closed, d] = ids as [string, string, string, string];
    await ds.query(`UPDATE knelpunten SET status = 'in_aanpak_driehoek' WHERE id = $1`, [a]);
    await ds.query(`UPDATE knelpunten SET deadlines = '[]'::jsonb, projection_version = projection_version - 1 WHERE id = $1`, [b]);
    await ds.query(`UPDATE knelpunten SET status = 'bij_driehoek', outcome = NULL WHERE id = $1`, [closed]);
    await ds.query(`UPDATE knelpunten SET status = 'afgesloten', outcome = 'opgelost' WHERE id = $1`, [d]);
    await ds.query(`UPDATE knelpunten SET details = jsonb_set(details, '{flags}', '["informatie_onbeantwoord"]'::jsonb) WHERE id = $1`, [
      a,
    ]);

    const found = await check();
    expect(kindsOf(found, a)).toEqual(['signalen_verschillen', 'status_verschilt']);
    expect(kindsOf(found, b)).toEqual(['termijnen_verschillen', 'versie_achter']);
    expect(kindsOf(found, closed)).toEqual(['afgesloten_verschilt']);
    expect(kindsOf(found, d)).toEqual(['afgesloten_verschilt']);
    const statusDrift = found.drift.find((x) => x.knelpuntId === a && x.kind === 'status_verschilt')!;
    expect(statusDrift.detail).toBe(
      "Het leesmodel zegt status 'in_aanpak_driehoek' (uitkomst leeg), de workflow 'bij_driehoek' (uitkomst leeg).",
    );
    expect(statusDrift.reference).toMatch(/^UWV-\d+$/);
    expect(found.counts).toEqual(
      expect.arrayContaining([
        { kind: 'afgesloten_verschilt', count: 2 },
        { kind: 'status_verschilt', count: 1 },
      ]),
    );
    // A check changes nothing.
    expect(await status(a)).toBe('in_aanpak_driehoek');

    const repaired = await repair();
    expect(repaired.drift.map((x) => `${x.knelpuntId}:${x.kind}`).sort()).toEqual(
      found.drift.map((x) => `${x.knelpuntId}:${x.kind}`).sort(),
    );
    expect(repaired.drift.every((x) => x.repaired === true)).toBe(true);
    expect(repaired.repaired).toBe(found.drift.length);

    expect((await check()).drift).toEqual([]);
    for (const id of [a, b, d]) await expectReadModelEqualsWorkflow(id);
    const [closedRow] = await ds.query(`SELECT status, outcome FROM knelpunten WHERE id = $1`, [closed]);
    expect(closedRow).toEqual({ status: 'afgesloten', outcome: 'geen_knelpunt' });
  });

  it('repairs even when the projection version already equals the workflow (forced re-projection)', async () => {
    const [a] = ids as [string];
    await ds.query(`UPDATE knelpunten SET status = 'wacht_op_informatie', overdue = true WHERE id = $1`, [a]);
    expect(kindsOf(await check(), a)).toEqual(['status_verschilt', 'termijnen_verschillen']);
    expect((await repair()).repaired).toBe(2);
    await expectReadModelEqualsWorkflow(a);
    expect((await check()).drift).toEqual([]);
  });

  it('npm run reconcile: prints the drift and exits 1, repairs with --repair (exit 0), --json gives the report', async () => {
    const [a] = ids as [string];
    await ds.query(`UPDATE knelpunten SET status = 'bij_acu' WHERE id = $1`, [a]);
    const run = async (args: string[]): Promise<{ code: number; out: string }> => {
      let out = '';
      const code = await reconcileCli(args, sys.config, (text) => (out += text), false);
      return { code, out };
    };
    const found = await run([]);
    expect(found.code).toBe(1);
    expect(found.out).toMatch(/3 knelpunten vergeleken met hun workflow/);
    expect(found.out).toMatch(/Drift: 1 \(status_verschilt 1\)/);
    expect(found.out).toMatch(/UWV-\d+ {2}status_verschilt: Het leesmodel zegt status 'bij_acu'/);
    expect(await status(a)).toBe('bij_acu');

    const repaired = await run(['--repair']);
    expect(repaired.code).toBe(0);
    expect(repaired.out).toMatch(/status_verschilt \[hersteld\]/);
    expect(repaired.out).toMatch(/Hersteld: 1 van 1\./);
    await expectReadModelEqualsWorkflow(a);

    const clean = await run(['--json']);
    expect(clean.code).toBe(0);
    expect(JSON.parse(clean.out)).toMatchObject({ checked: 3, drift: [], counts: [] });
  });

  it('refuses other roles (403) and anonymous callers (401); the programmadirectie may look but not repair', async () => {
    for (const role of ['indiener', 'driehoek', 'acu'] as const) {
      const token = await sys.token({
        role,
        organisation: role === 'indiener' ? 'UWV' : undefined,
        driehoek: role === 'driehoek' ? 'UWV' : undefined,
      });
      expect((await sys.request('GET', '/api/v1/beheer/reconciliatie', { token })).status).toBe(403);
      expect((await sys.request('POST', '/api/v1/beheer/reconciliatie/herstel', { token })).status).toBe(403);
    }
    const pd = await sys.token({ role: 'programmadirectie' });
    expect((await sys.request('GET', '/api/v1/beheer/reconciliatie', { token: pd })).status).toBe(200);
    const refused = await sys.request('POST', '/api/v1/beheer/reconciliatie/herstel', { token: pd });
    expect(refused.status).toBe(403);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    const anonymous = await sys.request('GET', '/api/v1/beheer/reconciliatie');
    expect(anonymous.status).toBe(401);
    expect((await sys.request('POST', '/api/v1/beheer/reconciliatie/herstel')).status).toBe(401);
  });

  it('reports a stuck notification delivery', async () => {
    const [notification] = (await ds.query(
      `INSERT INTO notifications (id, dedupe_key, recipient_key, knelpunt_id, reference, kind, subject, body, recipient_role, occurred_at)
       SELECT $1, $2, 'acu', id, reference, 'herinnering', 'Herinnering', 'Tekst', 'acu', now() FROM knelpunten WHERE id = $3
       RETURNING id`,
      [randomUUID(), `reconcile-${randomUUID()}`, ids[0]],
    )) as { id: string }[];
    const delivery = randomUUID();
    await ds.query(
      `INSERT INTO deliveries (id, notification_id, channel, state, attempts, next_attempt_at, lease_until)
       VALUES ($1, $2, 'webhook', 'bezig', 1, now() - interval '2 hours', now() - interval '2 hours')`,
      [delivery, notification!.id],
    );
    const report = await check();
    const stuck = report.drift.filter((x) => x.kind === 'bezorging_vastgelopen');
    expect(stuck).toEqual([expect.objectContaining({ knelpuntId: ids[0], kind: 'bezorging_vastgelopen' })]);
    expect(stuck[0]!.detail).toContain(delivery);
    // Not something reconcile repairs (the delivery dispatcher owns it): reported as not repaired.
    const repaired = await repair();
    expect(repaired.drift.find((x) => x.kind === 'bezorging_vastgelopen')?.repaired).toBe(false);
    await ds.query(`DELETE FROM deliveries WHERE id = $1`, [delivery]);
    expect((await check()).drift).toEqual([]);
  });

  it('reports a workflow that was never started and one that is missing, and starts both through the outbox', async () => {
    // The API's outbox dispatcher stops (as if the API died between the commit and the start).
    await sys.api.get(WorkflowStartDispatcher).onApplicationShutdown();
    const indiener = await sys.token({ role: 'indiener', organisation: 'UWV' });
    const stand = await sys.request('POST', '/api/v1/standen', { token: indiener, body: aStand({}, [aKnelpunt(), aKnelpunt()]) });
    expect(stand.status).toBe(201);
    const [pending, missing] = stand.body.knelpunten.map((k: { id: string }) => k.id) as [string, string];
    // The outbox thinks the second one started, but Temporal never heard of it.
    await ds.query(`UPDATE workflow_starts SET started_at = now() WHERE knelpunt_id = $1`, [missing]);

    const found = await check();
    expect(kindsOf(found, pending)).toEqual(['workflow_niet_gestart']);
    expect(kindsOf(found, missing)).toEqual(['workflow_ontbreekt']);
    expect(found.drift).toHaveLength(2);

    const repaired = await repair();
    expect(repaired.repaired).toBe(2);
    for (const id of [pending, missing]) {
      const [start] = await ds.query(`SELECT started_at AS "startedAt" FROM workflow_starts WHERE knelpunt_id = $1`, [id]);
      expect(start.startedAt).not.toBeNull();
      await eventually(async () => (await status(id)) === 'bij_driehoek', 60000, `${id} projected by its workflow`);
    }
    await eventually(async () => ((await check()).drift.length === 0 ? true : null), 30000, 'zero drift');
    for (const id of [pending, missing]) await expectReadModelEqualsWorkflow(id);
  });
});
