import { Client, Connection } from '@temporalio/client';
import { TestSystem, eventually } from './support/test-system';
import { aStand } from './builders';
import { freePort } from '../scripts/infra/ports';
import {
  KNELPUNT_WORKFLOW_TYPE,
  KnelpuntState,
  decisionUpdate,
  knelpuntWorkflowId,
  stateQuery,
  voortgangUpdate,
} from '../workflows/knelpunt/knelpunt.contract';

/**
 * A knelpunt lives for years: before its history grows large the workflow continues as new, keeping its
 * state and open deadlines. Here the history limit is set low so it happens within a few updates.
 */
describe('continue-as-new (real dev server)', () => {
  let sys: TestSystem;
  let client: Client;

  beforeAll(async () => {
    // The API's outbox points at a dead address, so only this test starts the workflow (with a low history
    // limit); the worker runs against the real dev server.
    sys = await TestSystem.start({ temporalAddress: `127.0.0.1:${await freePort()}`, worker: false });
    await sys.startWorker({ TEMPORAL_ADDRESS: process.env.KP_TEST_TEMPORAL_ADDRESS });
    client = new Client({ connection: await Connection.connect({ address: process.env.KP_TEST_TEMPORAL_ADDRESS }) });
  });
  afterAll(async () => {
    await client.connection.close();
    await sys.close();
  });

  it('continues as new with the same state, deadlines and timeline', async () => {
    const indiener = await sys.token({ role: 'indiener', organisation: 'KADASTER' });
    const stand = await sys.request('POST', '/api/v1/standen', {
      token: indiener,
      body: aStand({ organisation: 'KADASTER' }, [aStand().knelpunten[0]!]),
    });
    expect(stand.status).toBe(201);
    const k = stand.body.knelpunten[0] as { id: string; reference: string };
    const workflowId = knelpuntWorkflowId(k.id);
    await client.workflow.start(KNELPUNT_WORKFLOW_TYPE, {
      taskQueue: sys.config.TEMPORAL_TASK_QUEUE,
      workflowId,
      args: [
        {
          knelpuntId: k.id,
          reference: k.reference,
          organisation: 'KADASTER',
          driehoek: 'KADASTER',
          submittedAt: new Date().toISOString(),
          features: { searchAttributes: true, historyLimit: 60 },
        },
      ],
    });
    const handle = client.workflow.getHandle(workflowId);
    const firstRunId = (await handle.describe()).runId;
    const driehoek = { subject: 'd1', name: 'Dora', role: 'driehoek', organisation: null, driehoek: 'KADASTER' };
    await eventually(async () => (await handle.query(stateQuery)).status === 'bij_driehoek', 30000, 'bij_driehoek');
    await handle.executeUpdate(decisionUpdate, {
      args: [
        { decisionId: 'd-1', decision: 'oppakken', actor: driehoek, fields: { owner: 'Dora', plan: 'Plan', targetDate: '2099-01-01' } },
      ],
    });
    for (let i = 0; i < 8; i++) {
      await client.workflow
        .getHandle(workflowId)
        .executeUpdate(voortgangUpdate, { args: [{ voortgangId: `v-${i}`, actor: driehoek, summary: `Voortgang ${i}` }] });
    }
    const after = await eventually(
      async () => {
        const d = await client.workflow.getHandle(workflowId).describe();
        return d.runId !== firstRunId ? d : null;
      },
      30000,
      'a new run',
    );
    expect(after.status.name).toBe('RUNNING');
    const state: KnelpuntState = await client.workflow.getHandle(workflowId).query(stateQuery);
    expect(state.status).toBe('in_aanpak_driehoek');
    expect(state.details.owner).toBe('Dora');
    expect(state.deadlines.filter((d) => d.kind === 'voortgang' && d.state === 'lopend')).toHaveLength(1);
    expect(state.deadlines.find((d) => d.kind === 'streefdatum')?.state).toBe('lopend');
    // A decision still works on the new run and nothing was lost in the projection.
    await client.workflow
      .getHandle(workflowId)
      .executeUpdate(voortgangUpdate, { args: [{ voortgangId: 'v-last', actor: driehoek, summary: 'Na de overgang' }] });
    const pd = await sys.token({ role: 'programmadirectie' });
    const detail = await sys.request('GET', `/api/v1/knelpunten/${k.id}`, { token: pd });
    const voortgang = detail.body.timeline.filter((t: { type: string }) => t.type === 'voortgang');
    expect(voortgang).toHaveLength(9);
    // A retried update (same id) from before the boundary is still recognised.
    await client.workflow
      .getHandle(workflowId)
      .executeUpdate(voortgangUpdate, { args: [{ voortgangId: 'v-0', actor: driehoek, summary: 'Voortgang 0' }] });
    const again = await sys.request('GET', `/api/v1/knelpunten/${k.id}`, { token: pd });
    expect(again.body.timeline.filter((t: { type: string }) => t.type === 'voortgang')).toHaveLength(9);
  });
});
