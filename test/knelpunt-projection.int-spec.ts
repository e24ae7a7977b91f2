import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { KnelpuntProjectionActivities } from '../libs/knelpunten/src/activities/knelpunt-projection.activities';
import type { KnelpuntState } from '../workflows/knelpunt/knelpunt.contract';
import type { TimelineEvent } from '../workflows/knelpunt/knelpunt.activities-contract';
import { TestSystem } from './support/test-system';
import { aKnelpunt, aStand } from './builders';

/**
 * The projection activity (the last step of every transition, inside the Update): timeline, read model, workflow start
 * and outbox in one go, idempotent. Real PostgreSQL; no worker: the states are projected as the workflow would.
 */
describe('knelpunt projection (real PostgreSQL)', () => {
  let sys: TestSystem;
  let ds: DataSource;
  let project: KnelpuntProjectionActivities;
  let k: { id: string; reference: string };

  const actor = { subject: 'u-1', name: 'Driehoek UWV', role: 'driehoek', organisation: null, driehoek: 'UWV' };
  const state = (version: number, status: KnelpuntState['status']): KnelpuntState => ({
    knelpuntId: k.id,
    reference: k.reference,
    organisation: 'UWV',
    driehoek: 'UWV',
    submittedAt: new Date().toISOString(),
    status,
    outcome: null,
    escalated: false,
    details: { flags: [], question: `vraag ${version}` },
    deadlines: [],
    version,
    appliedDecisionIds: [],
  });
  const event = (type: string, at: string): TimelineEvent => ({ id: randomUUID(), at, type, actor, data: { type, nested: { n: 1 } } });
  const timeline = async (): Promise<{ id: string; type: string; data: unknown; actor: unknown }[]> =>
    ds.query(`SELECT id, type, data, actor FROM knelpunt_timeline WHERE knelpunt_id = $1 ORDER BY seq`, [k.id]);
  const row = async (): Promise<{ status: string; projection_version: number; details: Record<string, unknown> }> =>
    (await ds.query(`SELECT status, projection_version, details FROM knelpunten WHERE id = $1`, [k.id]))[0];
  const startedAt = async (): Promise<Date | null> =>
    (await ds.query(`SELECT started_at FROM workflow_starts WHERE knelpunt_id = $1`, [k.id]))[0]?.started_at ?? null;

  beforeAll(async () => {
    sys = await TestSystem.start({ worker: false });
    ds = sys.api.get(DataSource);
    project = sys.api.get(KnelpuntProjectionActivities, { strict: false });
    const res = await sys.request('POST', '/api/v1/standen', {
      token: await sys.token({ role: 'indiener', organisation: 'UWV' }),
      body: aStand({}, [aKnelpunt()]),
    });
    expect(res.status).toBe(201);
    k = res.body.knelpunten[0];
  });

  afterAll(async () => {
    await sys?.close();
  });

  it('writes the timeline in its order, the read model and the start; the same projection again changes nothing', async () => {
    const before = (await timeline()).length;
    const at = new Date().toISOString();
    const events = [event('informatie_opvragen', at), event('termijn_opgeschort', at), event('termijn_gestart', at)];
    const input = { state: state(50, 'wacht_op_informatie'), timeline: events, at };
    await project.projectKnelpunt(input);

    const rows = (await timeline()).slice(before);
    expect(rows.map((r) => r.id)).toEqual(events.map((e) => e.id));
    expect(rows[0]).toMatchObject({ type: 'informatie_opvragen', data: events[0]!.data, actor });
    expect(await row()).toMatchObject({ status: 'wacht_op_informatie', projection_version: 50, details: { question: 'vraag 50' } });
    const started = await startedAt();
    expect(started).not.toBeNull();

    await project.projectKnelpunt(input); // a retried activity
    expect((await timeline()).slice(before).map((r) => r.id)).toEqual(events.map((e) => e.id));
    expect(await row()).toMatchObject({ status: 'wacht_op_informatie', projection_version: 50 });
    expect(await startedAt()).toEqual(started);
  });

  it('an older version adds its timeline but never moves the row back; a later one keeps the start time', async () => {
    const started = await startedAt();
    const at = new Date(Date.now() + 1000).toISOString();
    const old = event('oud', at);
    await project.projectKnelpunt({ state: state(49, 'bij_driehoek'), timeline: [old], at });
    expect((await timeline()).some((r) => r.id === old.id)).toBe(true);
    expect(await row()).toMatchObject({ status: 'wacht_op_informatie', projection_version: 50 });

    await project.projectKnelpunt({ state: state(51, 'bij_driehoek'), timeline: [], at });
    expect(await row()).toMatchObject({ status: 'bij_driehoek', projection_version: 51 });
    expect(await startedAt()).toEqual(started);
  });

  it('stores the notifications with the state, once per key', async () => {
    const at = new Date().toISOString();
    const key = `${k.id}:projectie-test`;
    const input = {
      state: state(52, 'bij_driehoek'),
      timeline: [event('informatie_aanleveren', at)],
      notifications: [
        { key, kind: 'ontvangen', recipients: [{ role: 'indiener', organisation: 'UWV' }], data: { driehoek: 'UWV', dueDate: null } },
      ],
      at,
    };
    await project.projectKnelpunt(input as never);
    await project.projectKnelpunt(input as never);
    const rows = await ds.query(`SELECT id FROM notifications WHERE knelpunt_id = $1 AND dedupe_key = $2`, [k.id, key]);
    expect(rows).toHaveLength(1);
    expect((await row()).projection_version).toBe(52);
  });
});
