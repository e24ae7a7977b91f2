import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { knelpuntWorkflowId, stateQuery } from '../../workflows/knelpunt/knelpunt.contract';
import type { TemporalDevServerHandle } from '../../scripts/infra/temporal-dev-server';
import { startOwnTemporalServer } from '../support/own-temporal';
import { addDays, toLocalDateAmsterdam } from '../../libs/domain/src';
import { TestSystem, eventually } from '../support/test-system';
import { aKnelpunt, aStand } from '../builders';

/**
 * Durability with real components only, on the production engine (the Temporal server on PostgreSQL,
 * `TEMPORAL_MODE=server`): the worker process dies while a knelpunt waits, and the Temporal server itself restarts on
 * its databases. The workflows must carry on where they were.
 */
describe('durability (real PostgreSQL, the real Temporal server on PostgreSQL)', () => {
  let dir: string;
  let server: TemporalDevServerHandle | undefined;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kp-durability-'));
    server = await startOwnTemporalServer(dir, 'durability');
  });

  afterAll(async () => {
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const oppakken = {
    decision: 'oppakken',
    owner: 'Directie Uitvoeringsbeleid',
    targetDate: addDays(toLocalDateAmsterdam(new Date()), 90),
    plan: 'Peildata gelijktrekken',
  };

  async function submit(sys: TestSystem, token: string, count: number): Promise<{ id: string; reference: string }[]> {
    const res = await sys.request('POST', '/api/v1/standen', {
      token,
      body: aStand(
        {},
        Array.from({ length: count }, () => aKnelpunt()),
      ),
    });
    expect(res.status).toBe(201);
    const knelpunten: { id: string; reference: string }[] = res.body.knelpunten;
    for (const k of knelpunten) {
      await eventually(
        async () => (await sys.request('GET', `/api/v1/knelpunten/${k.id}`, { token })).body.status === 'bij_driehoek',
        60_000,
        `${k.reference} bij_driehoek`,
      );
    }
    return knelpunten;
  }

  it('a decision sent while no worker runs is answered 503 in bounded time, and its retry completes once a new worker starts', async () => {
    const sys = await TestSystem.start({ worker: false, temporalAddress: server!.address, env: { UPDATE_TIMEOUT_MS: '2000' } });
    try {
      const first = await sys.startWorker();
      const indiener = await sys.token({ role: 'indiener', organisation: 'UWV' });
      const driehoek = await sys.token({ role: 'driehoek', driehoek: 'UWV', name: 'Dirk Driehoek' });
      const [k] = await submit(sys, indiener, 1);

      // The worker dies while the knelpunt waits for its driehoek (a timer and an open condition).
      await sys.stopWorker(first);

      // Never a hanging request: without a worker the API answers 503 with Retry-After after UPDATE_TIMEOUT_MS.
      const headers = { 'idempotency-key': 'zonder-worker-1' };
      const refused = await sys.request('POST', `/api/v1/knelpunten/${k!.id}/decisions`, { token: driehoek, body: oppakken, headers });
      expect(refused.status).toBe(503);
      expect(refused.headers['retry-after']).toBe('5');
      expect(refused.body.detail).toMatch(/dezelfde Idempotency-Key/);
      const temporal = new Client({ connection: await Connection.connect({ address: sys.config.TEMPORAL_ADDRESS }) });
      try {
        const handle = temporal.workflow.getHandle(knelpuntWorkflowId(k!.id));
        expect((await handle.describe()).status.name).toBe('RUNNING');
        expect((await sys.request('GET', `/api/v1/knelpunten/${k!.id}`, { token: indiener })).body.status).toBe('bij_driehoek');

        // A new worker; the client retries with the same key and joins the waiting Update: applied once.
        await sys.startWorker();
        const res = await sys.request('POST', `/api/v1/knelpunten/${k!.id}/decisions`, { token: driehoek, body: oppakken, headers });
        expect(res.status).toBe(200);
        expect(res.body.status).toBe('in_aanpak_driehoek');
        expect(res.body.timeline.filter((e: { type: string }) => e.type === 'oppakken')).toEqual([
          expect.objectContaining({ actor: expect.objectContaining({ name: 'Dirk Driehoek', role: 'driehoek' }) }),
        ]);
        const state = await handle.query(stateQuery);
        expect(state.status).toBe('in_aanpak_driehoek');
        expect(state.deadlines.map((d) => [d.kind, d.state])).toEqual([
          ['driehoek_besluit', 'voldaan'],
          ['voortgang', 'lopend'],
          ['streefdatum', 'lopend'],
        ]);
        const detail = (await sys.request('GET', `/api/v1/knelpunten/${k!.id}`, { token: indiener })).body;
        expect(detail.status).toBe('in_aanpak_driehoek');
        expect(detail.details).toMatchObject({ owner: oppakken.owner, targetDate: oppakken.targetDate });
      } finally {
        await temporal.connection.close();
      }
    } finally {
      await sys.close();
    }
  });

  describe('when the Temporal server restarts', () => {
    let sys: TestSystem | undefined;

    afterAll(async () => {
      await sys?.close();
    });

    it('keeps the workflows across a Temporal server restart on the same databases and port', async () => {
      const { port, address } = server!;
      sys = await TestSystem.start({ temporalAddress: address });
      const indiener = await sys.token({ role: 'indiener', organisation: 'UWV' });
      const driehoek = await sys.token({ role: 'driehoek', driehoek: 'UWV' });
      const knelpunten = await submit(sys, indiener, 2);

      await server!.stop();
      server = await startOwnTemporalServer(dir, 'durability', port);
      expect(server.address).toBe(address);

      const temporal = new Client({ connection: await Connection.connect({ address }) });
      try {
        for (const k of knelpunten) {
          const handle = temporal.workflow.getHandle(knelpuntWorkflowId(k.id));
          const desc = await handle.describe();
          expect(desc.status.name).toBe('RUNNING');
          expect(desc.historyLength).toBeGreaterThan(3);
        }
        // The worker and the API reconnect by themselves: a decision is taken and projected. While the restarted server
        // is still taking its task queues back, the API may answer 503 with Retry-After; the client retries with the
        // same Idempotency-Key, and the decision is applied once.
        const [a, b] = knelpunten;
        const headers = { 'idempotency-key': 'na-herstart-1' };
        let res = await sys.request('POST', `/api/v1/knelpunten/${a!.id}/decisions`, { token: driehoek, body: oppakken, headers });
        for (const deadline = Date.now() + 90_000; res.status === 503 && Date.now() < deadline;) {
          expect(res.headers['retry-after']).toBe('5');
          res = await sys.request('POST', `/api/v1/knelpunten/${a!.id}/decisions`, { token: driehoek, body: oppakken, headers });
        }
        expect(res.status).toBe(200);
        expect(res.body.timeline.filter((e: { type: string }) => e.type === 'oppakken')).toHaveLength(1);
        expect(res.body.status).toBe('in_aanpak_driehoek');
        const state = await temporal.workflow.getHandle(knelpuntWorkflowId(a!.id)).query(stateQuery);
        expect(state.status).toBe('in_aanpak_driehoek');
        // The other one still waits where it was, with its deadline.
        const other = await temporal.workflow.getHandle(knelpuntWorkflowId(b!.id)).query(stateQuery);
        expect(other).toMatchObject({
          status: 'bij_driehoek',
          deadlines: [expect.objectContaining({ kind: 'driehoek_besluit', state: 'lopend' })],
        });
      } finally {
        await temporal.connection.close();
      }
    });
  });
});
