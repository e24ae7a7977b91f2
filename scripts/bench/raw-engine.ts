/**
 * The engine's own limits, measured first on the same machine and the same engine as the product (issue 10, section 2):
 *   S_raw — plain `client.workflow.start` of a workflow that only sleeps, 32 at a time: starts/s and start latency;
 *   U_raw — plain Update round-trips on one running workflow with an update handler, one at a time.
 * An UpdateProbe measures U_raw again beside the product's decisions (one bare Update before each decision), so that
 * goal 3 compares the two on the same engine at the same moment.
 * The workflows are bench-only (scripts/bench/raw-workflows.ts), bundled separately and run by a worker of this process
 * on a task queue of its own: the product's bundle and task queue are untouched.
 */
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { Client, Connection } from '@temporalio/client';
import { bundleWorkflowCode, DefaultLogger, NativeConnection, Worker } from '@temporalio/worker';
import type { CpuWindow } from './phase-context';
import { round, summarize, type LatencySummary } from './stats';
import type { benchSleeper, benchUpdatable } from './raw-workflows';

export interface RawStarts {
  concurrency: number;
  starts: number;
  errors: number;
  wallMs: number;
  startsPerSecond: number;
  latency: LatencySummary;
  /** CPU of the engine, PostgreSQL and this process while the starts ran (their workflows' first tasks included). */
  cpu?: CpuWindow;
  cpuMsPerStart?: number;
}

export interface RawUpdates {
  roundTrips: number;
  latency: LatencySummary;
}

export interface RawEngineResult {
  /** S_raw. */
  starts: RawStarts;
  /** Starts one at a time (what a sequential starter such as the product's outbox dispatcher can reach: 1000 / p50 per s). */
  sequentialStarts: LatencySummary;
  /** U_raw. */
  updates: RawUpdates;
  taskQueue: string;
}

export interface RawEngineOptions {
  namespace: string;
  /** S_raw: starts in flight. */
  concurrency: number;
  /** S_raw: stop after this many starts or this long, whichever comes first. */
  maxStarts: number;
  startDurationMs: number;
  /** Starts one at a time, for the sequential ceiling. */
  sequentialStarts: number;
  /** U_raw: round-trips (after `updateWarmup` unmeasured ones). */
  updates: number;
  updateWarmup: number;
  updateDurationMs: number;
  /** Measures CPU over the starts (see phase-context's cpuMeter). */
  cpuMeter?: () => () => CpuWindow;
}

let bundle: Promise<{ code: string }> | undefined;

/** The bench workflows' bundle (built once per process, reused for every mode). */
function rawBundle(): Promise<{ code: string }> {
  bundle ??= bundleWorkflowCode({ workflowsPath: require.resolve('./raw-workflows'), logger: new DefaultLogger('WARN') });
  return bundle;
}

export async function measureRawEngine(address: string, opts: RawEngineOptions, log: (m: string) => void): Promise<RawEngineResult> {
  const taskQueue = `bench-raw-${randomUUID().slice(0, 8)}`;
  const workflowBundle = await rawBundle();
  const nativeConnection = await NativeConnection.connect({ address });
  const connection = await Connection.connect({ address });
  const client = new Client({ connection, namespace: opts.namespace });
  try {
    const worker = await Worker.create({ connection: nativeConnection, namespace: opts.namespace, taskQueue, workflowBundle });
    const { starts, sequentialStarts } = await worker.runUntil(async () => {
      // S_raw: `concurrency` lanes each starting workflows back to back.
      const samples: number[] = [];
      let errors = 0;
      let firstError: string | undefined;
      let next = 0;
      const stopAt = Date.now() + opts.startDurationMs;
      const t0 = performance.now();
      const stopCpu = opts.cpuMeter?.();
      const lane = async (): Promise<void> => {
        while (next < opts.maxStarts && Date.now() < stopAt) {
          const i = next++;
          const started = performance.now();
          try {
            await client.workflow.start<typeof benchSleeper>('benchSleeper', { taskQueue, workflowId: `${taskQueue}-sleeper-${i}` });
            samples.push(performance.now() - started);
          } catch (err) {
            errors += 1;
            firstError ??=
              err instanceof Error ? `${err.message}${err.cause instanceof Error ? ` (${err.cause.message})` : ''}` : String(err);
          }
        }
      };
      await Promise.all(Array.from({ length: opts.concurrency }, () => lane()));
      const wallMs = performance.now() - t0;
      const cpu = stopCpu?.();
      const starts: RawStarts = {
        concurrency: opts.concurrency,
        starts: samples.length,
        errors,
        wallMs: round(wallMs),
        startsPerSecond: round((samples.length / wallMs) * 1000),
        latency: summarize(samples, errors),
        ...(cpu && samples.length > 0 ? { cpu, cpuMsPerStart: round(cpu.totalMs / samples.length, 2) } : {}),
      };
      log(
        `S_raw: ${starts.starts} starts in ${round(wallMs / 1000)} s = ${starts.startsPerSecond}/s, ` +
          `p50 ${round(starts.latency.p50)} ms, p95 ${round(starts.latency.p95)} ms, errors ${errors}${firstError ? ` (first: ${firstError})` : ''}`,
      );

      // Starts one at a time: the ceiling of a starter that awaits each start.
      const sequential: number[] = [];
      for (let i = 0; i < opts.sequentialStarts && Date.now() < stopAt + opts.startDurationMs; i++) {
        const t = performance.now();
        try {
          await client.workflow.start<typeof benchSleeper>('benchSleeper', { taskQueue, workflowId: `${taskQueue}-sequential-${i}` });
          sequential.push(performance.now() - t);
        } catch {
          // counted in the summary's sample count
        }
      }
      const sequentialStarts = summarize(sequential);
      log(`starts one at a time: p50 ${round(sequentialStarts.p50)} ms, p95 ${round(sequentialStarts.p95)} ms`);
      return { starts, sequentialStarts };
    });

    // U_raw on a calm engine, as the product's decisions are measured after its intake has drained: the sleepers'
    // worker is stopped (their first tasks, still thousands after S_raw, would otherwise be processed on the same
    // cores during the Updates), and the Updates go to a task queue and worker of their own.
    const probe = await startUpdateProbe(address, opts.namespace, `${taskQueue}-updates`);
    try {
      const updateSamples: number[] = [];
      let updateErrors = 0;
      const updateStopAt = Date.now() + opts.updateDurationMs;
      for (let i = 0; i < opts.updateWarmup + opts.updates && Date.now() < updateStopAt; i++) {
        const ms = await probe.bump();
        if (ms === null) updateErrors += 1;
        else if (i >= opts.updateWarmup) updateSamples.push(ms);
      }
      if (updateErrors > 0) log(`U_raw: ${updateErrors} Updates failed (last: ${probe.lastError() ?? '-'})`);
      const updates: RawUpdates = { roundTrips: updateSamples.length, latency: summarize(updateSamples, updateErrors) };
      log(`U_raw: ${updates.roundTrips} Updates, p50 ${round(updates.latency.p50)} ms, p95 ${round(updates.latency.p95)} ms`);
      return { starts, sequentialStarts, updates, taskQueue };
    } finally {
      await probe.close();
    }
  } finally {
    await connection.close().catch(() => undefined);
    await nativeConnection.close().catch(() => undefined);
  }
}

/** Bare Update round-trips on demand: a worker of this process on a task queue of its own and one updatable workflow. */
export interface UpdateProbe {
  /** One Update round-trip: its latency in ms, or null when it failed. */
  bump(): Promise<number | null>;
  lastError(): string | undefined;
  close(): Promise<void>;
}

/** Starts the probe's worker and workflow and returns once an Update has been answered (within 60 s). */
export async function startUpdateProbe(address: string, namespace: string, taskQueue: string): Promise<UpdateProbe> {
  const workflowBundle = await rawBundle();
  const nativeConnection = await NativeConnection.connect({ address });
  const connection = await Connection.connect({ address });
  const client = new Client({ connection, namespace });
  const worker = await Worker.create({ connection: nativeConnection, namespace, taskQueue, workflowBundle });
  const running = worker.run();
  let lastError: string | undefined;
  let handle: ReturnType<Client['workflow']['getHandle']> | undefined;
  const close = async (): Promise<void> => {
    await handle?.signal('stop').catch(() => undefined);
    if (worker.getState() === 'RUNNING') worker.shutdown();
    await running.catch(() => undefined);
    await connection.close().catch(() => undefined);
    await nativeConnection.close().catch(() => undefined);
  };
  try {
    handle = await client.workflow.start<typeof benchUpdatable>('benchUpdatable', { taskQueue, workflowId: `${taskQueue}-updatable` });
    const readyBy = Date.now() + 60_000;
    for (;;) {
      try {
        await handle.executeUpdate<number, [number]>('bump', { args: [0] });
        break;
      } catch (err) {
        lastError = err instanceof Error ? err.message : String(err);
        if (Date.now() > readyBy) throw new Error(`U_raw: the update workflow did not answer within 60 s: ${lastError}`);
        await sleep(100);
      }
    }
  } catch (err) {
    await close();
    throw err;
  }
  const ready = handle;
  return {
    async bump() {
      const started = performance.now();
      try {
        await ready.executeUpdate<number, [number]>('bump', { args: [1] });
        return performance.now() - started;
      } catch (err) {
        lastError = err instanceof Error ? err.message : String(err);
        return null;
      }
    },
    lastError: () => lastError,
    close,
  };
}
