import { freePort } from '../../scripts/infra/ports';
import { knelpuntWorkflowId } from '../../workflows/knelpunt/knelpunt.contract';
import { DrillSystem, expectNoDrift } from './support/drill-system';
import { knelpuntenOf, postStand, statuses, waitForStatus } from './support/scenario';

/**
 * Drill 3 (issue 8): the API dies (SIGKILL) after the Stand's commit and before the workflows were started.
 * Faithfully and deterministically: the first API cannot reach Temporal at all (its address is a closed port),
 * so its outbox never starts a workflow; it accepts the Standen (201) and is killed. Two new APIs with the right
 * address start at once and race for the outbox: exactly one workflow execution per knelpunt.
 */
describe('drill 3: the API killed between the commit and the workflow start', () => {
  let sys: DrillSystem;

  beforeAll(async () => {
    sys = await DrillSystem.create();
  });

  afterAll(async () => {
    await sys?.close();
  });

  it('starts exactly one workflow per knelpunt after the API comes back', async () => {
    const first = await sys.startApi({ TEMPORAL_ADDRESS: `127.0.0.1:${await freePort()}` });
    const indiener = await sys.token({ role: 'indiener', organisation: 'UWV' });
    const accepted = [await postStand(sys, indiener, 3), await postStand(sys, indiener, 2)];
    expect(accepted.map((r) => r.status)).toEqual([201, 201]);
    const ids = accepted.flatMap(knelpuntenOf).map((k) => k.id);
    expect(ids).toHaveLength(5);
    expect([...(await statuses(sys, ids)).values()]).toEqual(ids.map(() => 'ingediend'));
    const pending = await sys.sql<{ knelpunt_id: string }>(`SELECT knelpunt_id FROM workflow_starts WHERE started_at IS NULL`);
    expect(pending.map((p) => p.knelpunt_id).sort()).toEqual([...ids].sort());

    await first.kill();

    const temporal = await sys.temporal();
    for (const id of ids) {
      await expect(temporal.workflow.getHandle(knelpuntWorkflowId(id)).describe()).rejects.toThrow();
    }

    // Two APIs come back at once (e.g. two replicas) and drain the same outbox; one worker runs the workflows.
    await Promise.all([sys.startApi(), sys.startApi()]);
    await sys.startWorker();
    await waitForStatus(sys, { ids, status: 'bij_driehoek' }, 60_000, 'bij_driehoek after the restart');

    const started = await sys.sql<{ n: number }>(`SELECT count(*)::int AS n FROM workflow_starts WHERE started_at IS NULL`);
    expect(started[0]!.n).toBe(0);
    for (const id of ids) {
      const executions = [];
      for await (const wf of temporal.workflow.list({ query: `WorkflowId = '${knelpuntWorkflowId(id)}'` })) executions.push(wf);
      expect(executions.map((e) => e.workflowId)).toEqual([knelpuntWorkflowId(id)]);
      expect(executions[0]!.status.name).toBe('RUNNING');
    }

    await expectNoDrift(sys);
  }, 300_000);
});
