import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TemporalDevServerHandle } from '../../scripts/infra/temporal-dev-server';
import { startOwnTemporalServer } from '../support/own-temporal';
import { knelpuntWorkflowId } from '../../workflows/knelpunt/knelpunt.contract';
import { loadConfig } from '../../libs/shared/src/config';
import { DrillSystem, envMs, expectNoDrift, sleep, type HttpResult } from './support/drill-system';
import { DECISIONS, decide, decideUntilAnswered, knelpuntenOf, postStand, waitForStatus } from './support/scenario';

/**
 * Drill 5 (issue 8): the Temporal server (the real server on PostgreSQL, `TEMPORAL_MODE=server`) restarts while Standen arrive
 * and decisions are taken. Intake keeps accepting (the workflow-start outbox), a decision is answered (applied, or
 * a 503 that a retry with the same Idempotency-Key completes), and afterwards the backlog drains: every workflow
 * runs, nothing is lost.
 */
const DOWN_MS = envMs('DRILL_DOWN_MS', 10_000);
/**
 * "Never applied later without an answer": the API waits UPDATE_TIMEOUT_MS for the workflow, then answers 503 with
 * Retry-After. A few seconds of slack for the process and the client.
 */
const ANSWER_SLACK_MS = 3_000;

describe('drill 5: the Temporal server restarted under load', () => {
  let dir: string;
  let server: TemporalDevServerHandle | undefined;
  let sys: DrillSystem;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kp-drill-temporal-'));
    server = await startOwnTemporalServer(dir, 'drill5');
    sys = await DrillSystem.create({ temporalAddress: server.address });
    await sys.startApi();
    await sys.startWorker();
  });

  afterAll(async () => {
    await sys?.close();
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps accepting, answers decisions, and drains the backlog after the restart', async () => {
    const indiener = await sys.token({ role: 'indiener', organisation: 'UWV' });
    const driehoek = await sys.token({ role: 'driehoek', driehoek: 'UWV' });
    const first = [await postStand(sys, indiener, 2), await postStand(sys, indiener, 2)];
    expect(first.map((r) => r.status)).toEqual([201, 201]);
    const early = first.flatMap(knelpuntenOf);
    await waitForStatus(sys, { ids: early.map((k) => k.id), status: 'bij_driehoek' }, 60_000, 'bij_driehoek before the restart');

    const { port } = server!;
    await server!.stop();

    // Down: Standen are accepted (their workflow starts wait in the outbox); decisions are answered, not hung.
    const downStarted = Date.now();
    const [during, decisions] = await Promise.all([
      (async () => {
        const accepted: HttpResult[] = [];
        for (let i = 0; i < 3; i++) accepted.push(await postStand(sys, indiener, 1));
        return accepted;
      })(),
      Promise.all(
        early.map((k) =>
          decide(sys, driehoek, k.id, DECISIONS.oppakken(), { idempotencyKey: `drill5-${k.id}`, timeoutMs: 30_000 }).catch(
            (err: unknown) => `geen antwoord: ${String(err)}`,
          ),
        ),
      ),
    ]);
    await sleep(Math.max(0, DOWN_MS - (Date.now() - downStarted)));
    server = await startOwnTemporalServer(dir, 'drill5', port);

    expect(during.map((r) => r.status)).toEqual(during.map(() => 201));
    const answerWithinMs = loadConfig(sys.env).UPDATE_TIMEOUT_MS + ANSWER_SLACK_MS;
    const answered = decisions.map((res) =>
      typeof res === 'string'
        ? res
        : res.ms > answerWithinMs
          ? `${res.status} after ${res.ms} ms`
          : res.status === 200 || (res.status === 503 && res.headers.get('retry-after') !== null)
            ? 'ok'
            : `${res.status} (Retry-After ${res.headers.get('retry-after')}): ${res.text.slice(0, 200)}`,
    );

    // After the restart: a refused decision is retried with its key and applied once; the backlog drains.
    for (const k of early) {
      const answers = await decideUntilAnswered(sys, driehoek, k.id, DECISIONS.oppakken(), `drill5-${k.id}`, 90_000);
      const last = answers[answers.length - 1]!;
      expect([last.status, last.body?.status]).toEqual([200, 'in_aanpak_driehoek']);
    }
    const late = during.flatMap(knelpuntenOf);
    await waitForStatus(sys, { ids: late.map((k) => k.id), status: 'bij_driehoek' }, 90_000, 'the backlog of workflow starts drained');
    await waitForStatus(sys, { ids: early.map((k) => k.id), status: 'in_aanpak_driehoek' }, 30_000, 'the decisions projected');
    const pending = await sys.sql<{ n: number }>(`SELECT count(*)::int AS n FROM workflow_starts WHERE started_at IS NULL`);
    expect(pending[0]!.n).toBe(0);
    const oppakken = await sys.sql<{ knelpunt_id: string; n: number }>(
      `SELECT knelpunt_id, count(*)::int AS n FROM knelpunt_timeline WHERE type = 'oppakken' AND knelpunt_id = ANY($1::uuid[]) GROUP BY knelpunt_id`,
      [early.map((k) => k.id)],
    );
    expect(oppakken.map((r) => r.n)).toEqual(early.map(() => 1));

    const temporal = await sys.temporal();
    for (const k of [...early, ...late]) {
      expect((await temporal.workflow.getHandle(knelpuntWorkflowId(k.id)).describe()).status.name).toBe('RUNNING');
    }

    await expectNoDrift(sys);
    // Asserted last so that one run reports the whole drill: every decision sent while Temporal was down was
    // answered (applied, or refused with 503) within seconds.
    expect(answered).toEqual(decisions.map(() => 'ok'));
  }, 360_000);
});
