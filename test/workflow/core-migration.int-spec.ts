import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { bundleWorkflowCode } from '@temporalio/worker';
import { addDays, toLocalDateAmsterdam } from '../../libs/domain/src';
import { knelpuntWorkflowId, stateQuery, voortgangUpdate } from '../../workflows/knelpunt/knelpunt.contract';
import { TestSystem, eventually } from '../support/test-system';
import { aKnelpunt, aStand } from '../builders';

/**
 * A knelpunt whose workflow started on core v1 (a worker of before issue 8: the legacy code under the workflow's
 * name) keeps running after the deployment of core v2: the new worker replays it on the legacy code (its history has
 * no `kern-v2` marker), applies the next decision, and at that wake-up continues as new on core v2 with its state.
 */
describe('moving running workflows from core v1 to core v2 (real PostgreSQL, real Temporal dev server)', () => {
  let dir: string;
  let sys: TestSystem;
  let client: Client;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kp-kern-v1-'));
    const { code } = await bundleWorkflowCode({ workflowsPath: require.resolve('./support/legacy-core-workflows'), logger: quiet });
    writeFileSync(join(dir, 'kern-v1.js'), code);
    sys = await TestSystem.start({ worker: false });
    client = new Client({ connection: await Connection.connect({ address: sys.config.TEMPORAL_ADDRESS }) });
  });

  afterAll(async () => {
    await client?.connection.close();
    await sys?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('replays on v1, applies the decision, and continues as new on v2 with the same state', async () => {
    const indiener = await sys.token({ role: 'indiener', organisation: 'UWV' });
    const driehoek = await sys.token({ role: 'driehoek', driehoek: 'UWV', name: 'Dirk Driehoek' });

    // Before the deployment: a core v1 worker takes the knelpunt in.
    const v1 = await sys.startWorker({ WORKFLOW_BUNDLE_PATH: join(dir, 'kern-v1.js') });
    const res = await sys.request('POST', '/api/v1/standen', { token: indiener, body: aStand({}, [aKnelpunt()]) });
    expect(res.status).toBe(201);
    const k = res.body.knelpunten[0] as { id: string };
    await eventually(
      async () => (await sys.request('GET', `/api/v1/knelpunten/${k.id}`, { token: indiener })).body.status === 'bij_driehoek',
      60_000,
      'bij_driehoek on v1',
    );
    const handle = client.workflow.getHandle(knelpuntWorkflowId(k.id));
    const firstRun = (await handle.describe()).runId;
    expect(await patchMarkers(handle.workflowId, firstRun)).not.toContain('kern-v2');
    await sys.stopWorker(v1);

    // The deployment: the current worker. The next decision is applied, then the run moves to core v2.
    await sys.startWorker();
    const decided = await sys.request('POST', `/api/v1/knelpunten/${k.id}/decisions`, {
      token: driehoek,
      body: { decision: 'oppakken', owner: 'Directie UB', targetDate: addDays(toLocalDateAmsterdam(new Date()), 60), plan: 'Plan' },
    });
    expect(decided.status).toBe(200);
    expect(decided.body.status).toBe('in_aanpak_driehoek');
    const secondRun = await eventually(
      async () => {
        const d = await client.workflow.getHandle(knelpuntWorkflowId(k.id)).describe();
        return d.runId !== firstRun && d.status.name === 'RUNNING' ? d.runId : null;
      },
      30_000,
      'continued as new',
    );
    // Its first workflow task records the core v2 marker.
    await eventually(async () => (await patchMarkers(handle.workflowId, secondRun)).includes('kern-v2'), 30_000, 'kern-v2 marker');
    const state = await client.workflow.getHandle(knelpuntWorkflowId(k.id)).query(stateQuery);
    expect(state.status).toBe('in_aanpak_driehoek');
    expect(state.deadlines.filter((d) => d.state === 'lopend').map((d) => d.kind)).toEqual(['voortgang', 'streefdatum']);

    // On core v2 now: an Update answers the small result, and the read model keeps up.
    const result = await client.workflow.getHandle(knelpuntWorkflowId(k.id)).executeUpdate(voortgangUpdate, {
      args: [
        {
          voortgangId: 'na-overstap-1',
          actor: { subject: 'dh', name: 'Dirk', role: 'driehoek', organisation: 'UWV', driehoek: 'UWV' },
          summary: 'Eerste stap gezet.',
        },
      ],
    });
    expect(result).toEqual({ status: 'in_aanpak_driehoek', outcome: null, version: state.version + 1 });
    const detail = (await sys.request('GET', `/api/v1/knelpunten/${k.id}`, { token: indiener })).body;
    expect(detail.timeline.filter((e: { type: string }) => e.type === 'voortgang')).toHaveLength(1);
    expect(detail.timeline.filter((e: { type: string }) => e.type === 'oppakken')).toHaveLength(1);
  });

  async function patchMarkers(workflowId: string, runId: string): Promise<string[]> {
    const history = await client.workflow.getHandle(workflowId, runId).fetchHistory();
    return (history.events ?? [])
      .filter((e) => e.markerRecordedEventAttributes?.markerName === 'core_patch')
      .map((e) => {
        const payload = e.markerRecordedEventAttributes?.details?.['patch-data']?.payloads?.[0]?.data;
        return payload ? (JSON.parse(Buffer.from(payload).toString('utf8')) as { id: string }).id : '';
      });
  }
});

const quiet = {
  trace: () => undefined,
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: console.error,
  log: () => undefined,
};
