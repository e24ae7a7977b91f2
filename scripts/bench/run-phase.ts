/**
 * Runs one of the scale phases on its own: starts the bench system, runs the phase, prints its result as JSON
 * and stops the system. For development and for reading one goal's numbers without the whole bench.
 *
 *   node --enable-source-maps dist/scripts/bench/run-phase.js <open-cases|timer-storm|history|scale> [--quick]
 *        [--mode server|dev] [--budget-s N] [--json '{"option": value}'] [--out result.json]
 *        [--worker-env '{"WORKER_MAX_CACHED_WORKFLOWS": "12000"}']
 *
 * The engine is the real Temporal server on PostgreSQL (`--mode server`, the default) or the dev server.
 * `--quick` uses the phase's small sizes; `--json` overrides single options; `--worker-env` adds to the environment of
 * the worker's process (its sticky cache, its heap). The result goes to stdout as JSON (or to
 * `--out`: Nest may print warnings on stdout), progress lines to stderr.
 */
import { writeFileSync } from 'node:fs';
import { BenchHttp } from './http';
import type { PhaseContext } from './phase-context';
import { parseTemporalMode } from '../infra/temporal';
import { startBenchInfra, startBenchSystem, type BenchInfra, type BenchSystem } from './system';

const PHASES = ['open-cases', 'timer-storm', 'history', 'scale'] as const;
type Phase = (typeof PHASES)[number];

const started = Date.now();
const log = (m: string): void => {
  process.stderr.write(`[${((Date.now() - started) / 1000).toFixed(1).padStart(6)} s] ${m}\n`);
};

function argValue(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function runPhase(phase: Phase, ctx: PhaseContext, quick: boolean, overrides: Record<string, unknown>): Promise<unknown> {
  switch (phase) {
    case 'open-cases': {
      const m = await import('./open-cases');
      return m.runOpenCases(ctx, { ...(quick ? m.OPEN_CASES_QUICK : {}), ...overrides });
    }
    case 'timer-storm': {
      const m = await import('./timer-storm');
      return m.runTimerStorm(ctx, { ...(quick ? m.TIMER_STORM_QUICK : {}), ...overrides });
    }
    case 'history': {
      const m = await import('./history');
      return m.runHistory(ctx, { ...(quick ? m.HISTORY_QUICK : {}), ...overrides });
    }
    case 'scale': {
      const m = await import('./scale');
      return m.runScale(ctx, { ...(quick ? m.SCALE_QUICK : {}), ...overrides });
    }
  }
}

async function main(): Promise<number> {
  const phase = process.argv[2] as Phase;
  if (!PHASES.includes(phase)) {
    process.stderr.write(`usage: run-phase <${PHASES.join('|')}> [--quick] [--budget-s N] [--json '{...}']\n`);
    return 2;
  }
  const quick = process.argv.includes('--quick');
  const budgetMs = Number(argValue('--budget-s') ?? 1800) * 1000;
  const overrides = JSON.parse(argValue('--json') ?? '{}') as Record<string, unknown>;
  const mode = parseTemporalMode(argValue('--mode') ?? 'server');
  const workerEnv = JSON.parse(argValue('--worker-env') ?? '{}') as Record<string, string>;
  let infra: BenchInfra | undefined;
  let system: BenchSystem | undefined;
  const closeAll = async (): Promise<void> => {
    await system?.close();
    await infra?.close();
  };
  const watchdog = setTimeout(() => {
    log(`watchdog: still running after ${budgetMs / 1000 + 120} s; stopping`);
    void closeAll().finally(() => process.exit(1));
    setTimeout(() => process.exit(1), 30_000).unref();
  }, budgetMs + 120_000);
  watchdog.unref();
  try {
    infra = await startBenchInfra(log);
    system = await startBenchSystem(infra, mode, log, { workerEnv });
    const ctx: PhaseContext = { system, http: new BenchHttp(system.baseUrl), log, stopAt: Date.now() + budgetMs };
    log(`${phase}${quick ? ' (quick)' : ''} on ${mode}: budget ${budgetMs / 1000} s`);
    const result = await runPhase(phase, ctx, quick, overrides);
    const out = argValue('--out');
    if (out) writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);
    else process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    return 0;
  } catch (err) {
    log(`failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    return 1;
  } finally {
    clearTimeout(watchdog);
    log('stopping the system');
    await closeAll();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
