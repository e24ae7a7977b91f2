/**
 * Goal 5, open cases: many open knelpunten, each with a running deadline (its workflow waits on the
 * driehoek_besluit timer), cost next to nothing while nothing happens.
 *
 * The knelpunten are submitted through the API in Standen of 250 and counted once their workflow has projected them
 * `bij_driehoek` with a running deadline. Then, with nothing happening, the CPU time of the Temporal server process
 * and of the worker's process (utime + stime from /proc/<pid>/stat), plus the bench process (`process.cpuUsage()`:
 * the API with its outbox poller, counted in the total too) over `idleMs`, as a percentage of all cores. Worker
 * memory (RSS of its process) before, at `checkpoint` open and at the full count, beside the worker's sticky cache
 * size: the claim is that memory follows the cache, not the number of open cases. PostgreSQL bytes per open case
 * from pg_database_size of the knelpunten, temporal and temporal_visibility databases.
 */
import { cpus } from 'node:os';
import { getHeapStatistics } from 'node:v8';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  cpuMeter,
  databaseSizes,
  findTemporalServerPid,
  mib,
  procRssBytes,
  submitOpenKnelpunten,
  type DatabaseSizes,
  type OpenIntakeResult,
  type PhaseContext,
} from './phase-context';
import { loadConfig } from '@kp/shared/config';
import { round } from './stats';

export interface OpenCasesOptions {
  /** Open knelpunten at the end. */
  knelpunten: number;
  /** Memory is also measured when this many are open. */
  checkpoint: number;
  /** The idle window for the CPU measurement. */
  idleMs: number;
  /** Pause after the last workflow reached its timer, before measuring (the outbox and pollers settle). */
  settleMs: number;
  /** Goal: idle CPU of server + worker, % of all cores. */
  maxIdleCpuPercent: number;
}

export const OPEN_CASES_DEFAULTS: OpenCasesOptions = {
  knelpunten: 10_000,
  checkpoint: 2_500,
  idleMs: 60_000,
  settleMs: 15_000,
  maxIdleCpuPercent: 5,
};
export const OPEN_CASES_QUICK: Partial<OpenCasesOptions> = { knelpunten: 500, checkpoint: 250, idleMs: 20_000, settleMs: 5_000 };

export interface MemorySample {
  open: number;
  workerRssMiB: number;
  serverRssMiB: number | null;
  databaseMiB: Record<string, number>;
}

export interface IdleCpu {
  windowMs: number;
  cores: number;
  serverMs: number | null;
  workerMs: number;
  /** The bench process: the API with its pollers (and the idle load generator). */
  apiMs: number;
  /** % of all cores (100 % = every core busy for the whole window). */
  serverPercent: number | null;
  workerPercent: number;
  apiPercent: number;
  /** Server + worker + API. */
  totalPercent: number;
  /** PostgreSQL (postmaster and its backends; the Temporal server's and the API's database), not in the total. */
  postgresMs: number | null;
  postgresPercent: number | null;
}

export interface OpenCasesResult {
  knelpunten: number;
  /** Open knelpunten at the end (bij_driehoek with a running deadline). */
  open: number;
  intake: Omit<OpenIntakeResult, 'ids'>[];
  /** The Temporal server process measured ('not found' leaves the server's share out). */
  serverProcess: string;
  /** The worker's sticky cache: max cached workflow executions. */
  workerCacheSize: number;
  workerCacheSource: string;
  memory: MemorySample[];
  /** Worker RSS growth from `checkpoint` to the full count, per extra open case (bytes). */
  workerRssBytesPerExtraCase: number | null;
  idleCpuBaseline: IdleCpu;
  idleCpu: IdleCpu;
  /** Growth of the three databases per open case (bytes), and the extrapolation. */
  postgresBytesPerCase: number;
  postgresBytesPerCaseByDatabase: Record<string, number>;
  extrapolation: { cases: number; postgresGiB: number }[];
  maxIdleCpuPercent: number;
  idleCpuPass: boolean;
  /** Worker memory at the full count within 1.5 × its value at the checkpoint. */
  memoryBoundedPass: boolean;
  pass: boolean;
}

/** The SDK's default maxCachedWorkflows (@temporalio/worker worker-options.js, reuseV8Context on) for this heap. */
function defaultMaxCachedWorkflows(): number {
  const heapMiB = getHeapStatistics().heap_size_limit / (1024 * 1024);
  return Math.max(Math.floor((Math.max(heapMiB - 200, 0) * 600) / 1024), 10);
}

/** The worker's sticky cache: configured in its environment, else the SDK default (same Node, same heap limit). */
function workerCache(ctx: PhaseContext): { size: number; source: string } {
  // Read as the worker reads it (validated: a bad value fails the phase as it would fail the worker).
  const configured = loadConfig({
    WORKER_MAX_CACHED_WORKFLOWS: ctx.system.workerEnv.WORKER_MAX_CACHED_WORKFLOWS,
  }).WORKER_MAX_CACHED_WORKFLOWS;
  if (configured !== undefined) return { size: configured, source: 'WORKER_MAX_CACHED_WORKFLOWS' };
  if (ctx.system.workerEnv.NODE_OPTIONS?.includes('max-old-space-size'))
    return { size: Number.NaN, source: 'SDK default for the worker heap set in NODE_OPTIONS' };
  return { size: defaultMaxCachedWorkflows(), source: 'SDK default maxCachedWorkflows for the default V8 heap limit' };
}

/** CPU over an idle window, as shares of all cores (phase-context's cpuMeter: server, PostgreSQL, worker, API). */
async function idleCpu(ctx: PhaseContext, windowMs: number): Promise<IdleCpu> {
  const cores = cpus().length;
  const stop = cpuMeter(ctx.system);
  await sleep(windowMs);
  const c = stop();
  const pct = (ms: number): number => round((ms / (c.wallMs * cores)) * 100, 2);
  return {
    windowMs: c.wallMs,
    cores,
    serverMs: c.serverMs,
    workerMs: c.workerMs,
    apiMs: c.benchMs,
    serverPercent: c.serverMs === null ? null : pct(c.serverMs),
    workerPercent: pct(c.workerMs),
    apiPercent: pct(c.benchMs),
    totalPercent: pct(c.workerMs + c.benchMs + (c.serverMs ?? 0)),
    postgresMs: c.postgresMs,
    postgresPercent: pct(c.postgresMs),
  };
}

async function sample(ctx: PhaseContext, open: number, serverPid: number | undefined): Promise<{ m: MemorySample; db: DatabaseSizes }> {
  const db = await databaseSizes(ctx);
  const m: MemorySample = {
    open,
    workerRssMiB: mib(procRssBytes(ctx.system.workerPid)),
    serverRssMiB: serverPid ? mib(procRssBytes(serverPid)) : null,
    databaseMiB: Object.fromEntries(Object.entries(db.bytes).map(([k, v]) => [k, mib(v)])),
  };
  ctx.log(
    `open cases: ${open} open: worker RSS ${m.workerRssMiB} MiB, server RSS ${m.serverRssMiB ?? '?'} MiB, databases ${mib(db.total)} MiB`,
  );
  return { m, db };
}

export async function runOpenCases(ctx: PhaseContext, options: Partial<OpenCasesOptions> = {}): Promise<OpenCasesResult> {
  const opts = { ...OPEN_CASES_DEFAULTS, ...options };
  const server = findTemporalServerPid(ctx.system.config.TEMPORAL_ADDRESS ?? '', ctx.system.tmpRoot);
  if (!server) ctx.log('open cases: Temporal server process not found in /proc; its CPU is left out');
  const cache = workerCache(ctx);

  const baselineOpen = await countOpen(ctx);
  const base = await sample(ctx, baselineOpen, server?.pid);
  ctx.log(`open cases: idle CPU baseline over ${Math.min(opts.idleMs, 20_000) / 1000} s`);
  const idleCpuBaseline = await idleCpu(ctx, Math.min(opts.idleMs, 20_000));

  const intake: Omit<OpenIntakeResult, 'ids'>[] = [];
  const memory: MemorySample[] = [base.m];
  const first = Math.min(opts.checkpoint, opts.knelpunten);
  const { ids: _ids1, ...i1 } = await submitOpenKnelpunten(ctx, { count: first, tag: 'open-a' });
  intake.push(i1);
  await sleep(opts.settleMs);
  const atCheckpoint = await sample(ctx, await countOpen(ctx), server?.pid);
  memory.push(atCheckpoint.m);
  let full = atCheckpoint;
  if (opts.knelpunten > first && Date.now() < ctx.stopAt) {
    const { ids: _ids2, ...i2 } = await submitOpenKnelpunten(ctx, { count: opts.knelpunten - first, tag: 'open-b' });
    intake.push(i2);
    await sleep(opts.settleMs);
    full = await sample(ctx, await countOpen(ctx), server?.pid);
    memory.push(full.m);
  }
  const open = full.m.open;
  ctx.log(`open cases: ${open} open; idle CPU over ${opts.idleMs / 1000} s`);
  const idle = await idleCpu(ctx, opts.idleMs);
  ctx.log(
    `open cases: idle CPU server ${idle.serverPercent ?? '?'} % + worker ${idle.workerPercent} % + API ${idle.apiPercent} % = ${idle.totalPercent} % of ${idle.cores} cores (PostgreSQL ${idle.postgresPercent ?? '?'} %)`,
  );

  const opened = open - baselineOpen;
  const perCase = opened > 0 ? (full.db.total - base.db.total) / opened : Number.NaN;
  const perDb = Object.fromEntries(
    Object.entries(full.db.bytes).map(([k, v]) => [k, opened > 0 ? Math.round((v - (base.db.bytes[k] ?? 0)) / opened) : Number.NaN]),
  );
  const extraCases = full.m.open - atCheckpoint.m.open;
  const rssPerExtra = extraCases > 0 ? Math.round(((full.m.workerRssMiB - atCheckpoint.m.workerRssMiB) * 1024 * 1024) / extraCases) : null;
  const memoryBoundedPass = extraCases > 0 && full.m.workerRssMiB <= 1.5 * atCheckpoint.m.workerRssMiB;
  const idleCpuPass = idle.serverPercent !== null && idle.totalPercent <= opts.maxIdleCpuPercent;
  return {
    knelpunten: opts.knelpunten,
    open,
    intake,
    serverProcess: server ? `pid ${server.pid}: ${server.cmdline.slice(0, 200)}` : 'not found',
    workerCacheSize: cache.size,
    workerCacheSource: cache.source,
    memory,
    workerRssBytesPerExtraCase: rssPerExtra,
    idleCpuBaseline,
    idleCpu: idle,
    postgresBytesPerCase: Math.round(perCase),
    postgresBytesPerCaseByDatabase: perDb,
    extrapolation: [100_000, 1_000_000].map((cases) => ({ cases, postgresGiB: round((perCase * cases) / 1024 ** 3, 2) })),
    maxIdleCpuPercent: opts.maxIdleCpuPercent,
    idleCpuPass,
    memoryBoundedPass,
    pass: idleCpuPass && memoryBoundedPass,
  };
}

async function countOpen(ctx: PhaseContext): Promise<number> {
  const { rows } = await ctx.system.sql.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM knelpunten
      WHERE status = 'bij_driehoek' AND deadlines @> '[{"kind":"driehoek_besluit","state":"lopend"}]'::jsonb`,
  );
  return rows[0]?.n ?? 0;
}

/** README text: the extrapolation of PostgreSQL size from the measured bytes per open case. */
export function openCasesReadmeText(r: OpenCasesResult): string {
  const kib = round(r.postgresBytesPerCase / 1024, 1);
  const [e100k, e1m] = r.extrapolation;
  return (
    `Measured: ${r.open} open knelpunten add ${kib} KiB each to PostgreSQL (knelpunten + temporal + temporal_visibility ` +
    `databases, indexes included). On paper that is ~${e100k?.postgresGiB} GiB at 100,000 and ~${e1m?.postgresGiB} GiB at ` +
    `1,000,000 open cases: linear, since every open case is one workflow execution (its history, mutable state, one ` +
    `timer row and a visibility row) and one read-model row; closed workflows leave the temporal database after the ` +
    `namespace retention period.`
  );
}
