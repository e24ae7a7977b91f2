import { DataSource } from 'typeorm';
import { Client, Connection } from '@temporalio/client';
import { addDays, toLocalDateAmsterdam } from '../../libs/domain/src';
import { knelpuntWorkflowId, stateQuery } from '../../workflows/knelpunt/knelpunt.contract';
import { TestSystem, eventually } from '../support/test-system';
import { aKnelpunt, aStand } from '../builders';

/**
 * Issue 8 item 2, on the real stack: a transition whose projection fails for good is refused with a retryable 503
 * (problem+json, Retry-After) within seconds, leaves the workflow's state exactly as it was and remembers nothing of
 * the command; the same Idempotency-Key applies it once the store works again, exactly once.
 * The failure is a real one: a trigger in PostgreSQL refuses updates of this one knelpunt.
 */
describe('whole transitions (real PostgreSQL, real Temporal dev server)', () => {
  let sys: TestSystem;
  let ds: DataSource;
  let temporal: Client;
  let indiener: string;
  let driehoek: string;

  beforeAll(async () => {
    sys = await TestSystem.start();
    ds = sys.api.get(DataSource);
    temporal = new Client({ connection: await Connection.connect({ address: sys.config.TEMPORAL_ADDRESS }) });
    indiener = await sys.token({ role: 'indiener', organisation: 'UWV' });
    driehoek = await sys.token({ role: 'driehoek', driehoek: 'UWV', name: 'Dirk Driehoek' });
  });

  afterAll(async () => {
    await temporal?.connection.close();
    await sys?.close();
  });

  async function submitOne(): Promise<{ id: string; reference: string }> {
    const res = await sys.request('POST', '/api/v1/standen', { token: indiener, body: aStand({}, [aKnelpunt()]) });
    expect(res.status).toBe(201);
    const k = res.body.knelpunten[0] as { id: string; reference: string };
    await eventually(
      async () => (await sys.request('GET', `/api/v1/knelpunten/${k.id}`, { token: indiener })).body.status === 'bij_driehoek',
      60_000,
      'bij_driehoek',
    );
    return k;
  }

  const oppakken = (): Record<string, string> => ({
    decision: 'oppakken',
    owner: 'Directie Uitvoeringsbeleid',
    targetDate: addDays(toLocalDateAmsterdam(new Date()), 60),
    plan: 'Peildata gelijktrekken',
  });

  async function refuseUpdatesOf(knelpuntId: string): Promise<void> {
    await ds.query(`CREATE OR REPLACE FUNCTION kp_test_weiger() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'opslag tijdelijk geweigerd (test)'; END $$`);
    await ds.query(
      `CREATE TRIGGER kp_test_weiger BEFORE UPDATE ON knelpunten FOR EACH ROW WHEN (OLD.id = '${knelpuntId}'::uuid) EXECUTE FUNCTION kp_test_weiger()`,
    );
  }

  async function allowUpdates(): Promise<void> {
    await ds.query('DROP TRIGGER IF EXISTS kp_test_weiger ON knelpunten');
  }

  it('refuses a decision it cannot store with a 503 and leaves the workflow state unchanged; the retry applies it once', async () => {
    const k = await submitOne();
    const handle = temporal.workflow.getHandle(knelpuntWorkflowId(k.id));
    const before = await handle.query(stateQuery);
    const timelineBefore = await ds.query(`SELECT count(*)::int AS n FROM knelpunt_timeline WHERE knelpunt_id = $1`, [k.id]);

    await refuseUpdatesOf(k.id);
    let refused: Awaited<ReturnType<TestSystem['request']>>;
    try {
      refused = await sys.request('POST', `/api/v1/knelpunten/${k.id}/decisions`, {
        token: driehoek,
        body: oppakken(),
        headers: { 'idempotency-key': 'heel-of-niet-1' },
      });
    } finally {
      await allowUpdates();
    }
    expect(refused.status).toBe(503);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(refused.headers['retry-after']).toBe('5');
    expect(refused.body.code).toBe('DIENST_NIET_BESCHIKBAAR');
    expect(refused.body.detail).toMatch(/niets veranderd/);

    // Nothing of the transition happened: not in the workflow, not in the read model, not in the timeline.
    const after = await handle.query(stateQuery);
    expect(after.status).toBe('bij_driehoek');
    expect(after.details).toEqual(before.details);
    expect(after.deadlines).toEqual(before.deadlines);
    expect(after.appliedDecisionIds).toEqual(before.appliedDecisionIds);
    expect((await sys.request('GET', `/api/v1/knelpunten/${k.id}`, { token: indiener })).body.status).toBe('bij_driehoek');
    const timelineAfter = await ds.query(`SELECT count(*)::int AS n FROM knelpunt_timeline WHERE knelpunt_id = $1`, [k.id]);
    expect(timelineAfter[0].n).toBe(timelineBefore[0].n);

    // The same command again, now that the store works: applied, once.
    const retried = await sys.request('POST', `/api/v1/knelpunten/${k.id}/decisions`, {
      token: driehoek,
      body: oppakken(),
      headers: { 'idempotency-key': 'heel-of-niet-1' },
    });
    expect(retried.status).toBe(200);
    expect(retried.body.status).toBe('in_aanpak_driehoek');
    const again = await sys.request('POST', `/api/v1/knelpunten/${k.id}/decisions`, {
      token: driehoek,
      body: oppakken(),
      headers: { 'idempotency-key': 'heel-of-niet-1' },
    });
    expect(again.status).toBe(200);
    const rows = await ds.query(`SELECT count(*)::int AS n FROM knelpunt_timeline WHERE knelpunt_id = $1 AND type = 'oppakken'`, [k.id]);
    expect(rows[0].n).toBe(1);
    const state = await handle.query(stateQuery);
    expect(state.status).toBe('in_aanpak_driehoek');
    expect(state.deadlines.filter((d) => d.kind === 'voortgang' && d.state === 'lopend')).toHaveLength(1);
  });

  it('answers an Update with { status, outcome, version } only, not the whole state', async () => {
    const k = await submitOne();
    const handle = temporal.workflow.getHandle(knelpuntWorkflowId(k.id));
    const { decisionUpdate } = await import('../../workflows/knelpunt/knelpunt.contract');
    const result = await handle.executeUpdate(decisionUpdate, {
      args: [
        {
          decisionId: 'klein-antwoord-1',
          decision: 'afwijzen',
          actor: { subject: 'dh', name: 'Dirk', role: 'driehoek', organisation: 'UWV', driehoek: 'UWV' },
          fields: { outcome: 'geen_knelpunt', motivation: 'Valt onder bestaand beleid.' },
        },
      ],
    });
    expect(result).toEqual({ status: 'afgesloten', outcome: 'geen_knelpunt', version: expect.any(Number) });
  });
});
