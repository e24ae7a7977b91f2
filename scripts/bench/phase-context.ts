/**
 * What the scale phases (open cases, timer storm, history, read model at scale) need from the bench, and the
 * helpers they share: intake of many knelpunten in large Standen until their workflows run, CPU time of a process
 * from /proc, and database sizes.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import type { BenchSystem } from './system';
import { BenchHttp, Recorder, runPool } from './http';
import { round, type LatencySummary } from './stats';

export interface PhaseContext {
  system: Pick<BenchSystem, 'baseUrl' | 'sql' | 'token' | 'config' | 'tmpRoot' | 'workerPid' | 'workerEnv' | 'restartWorker'>;
  http: BenchHttp;
  /** Progress lines only. */
  log: (message: string) => void;
  /** Epoch ms: the phase stops starting new work at this moment (its budget). */
  stopAt: number;
}

export const OPEN_ORGANISATIONS = ['UWV', 'SVB', 'DUO', 'BD', 'IND'] as const;
/** The largest Stand the API takes in one request. */
export const MAX_STAND_SIZE = 250;

const THEMES = ['vereenvoudiging', 'schaarste', 'gegevensdeling', 'politiek', 'wetgeving', 'ict', 'financiering', 'maatwerk', 'overig'];
const LAWS = ['Participatiewet', 'Wet kinderopvang', 'Algemene wet inkomensafhankelijke regelingen', 'Wet studiefinanciering 2000', 'WIA'];

function aLargeStand(tag: string, organisation: string, n: number, size: number): Record<string, unknown> {
  return {
    organisation,
    period: '2026-H1',
    title: `Bench ${tag} Stand ${n} van ${organisation}`,
    publishedOn: '2026-06-01',
    sourceUrl: `https://www.${organisation.toLowerCase()}.example/stand-${tag}-${n}`,
    knelpunten: Array.from({ length: size }, (_, i) => ({
      title: `Knelpunt ${tag} ${n}.${i + 1}: samenloop van regelingen bij ${LAWS[(n + i) % LAWS.length]}`,
      description:
        'Burgers met meerdere regelingen krijgen tegenstrijdige beslissingen; peildata en inkomensbegrippen verschillen, ' +
        'waardoor terugvorderingen ontstaan die niemand bedoeld heeft.',
      theme: THEMES[(n + i) % THEMES.length],
      law: LAWS[(n + i) % LAWS.length],
      ministry: 'SZW',
      impact: 'Terugvorderingen bij kwetsbare huishoudens',
      proposedSolution: 'Eén inkomensbegrip en afstemming van peildata',
      externalRef: `${tag}-${n}-${i + 1}`,
    })),
  };
}

export interface OpenIntakeResult {
  requested: number;
  submitted: number;
  standen: number;
  /** POST latency of one Stand (up to 250 knelpunten). */
  standLatency: LatencySummary;
  /** First POST until the last response. */
  postMs: number;
  /** Knelpunten whose workflow is running and projected them `bij_driehoek` with a running driehoek_besluit deadline. */
  bijDriehoek: number;
  /** First POST until every submitted knelpunt was bij_driehoek with its deadline (or the budget ran out). */
  untilAllRunningMs: number;
  perSecond: number;
  timedOut: boolean;
  failures: string[];
  ids: string[];
}

/**
 * Submits `count` knelpunten through the API in Standen of up to 250 (a few in flight) and waits until each one is
 * `bij_driehoek` with a running driehoek_besluit deadline: its workflow has started, planned the deadline and is now
 * waiting on that deadline's timer. Polled in SQL, not through the API under test.
 */
export async function submitOpenKnelpunten(
  ctx: PhaseContext,
  opts: { count: number; tag: string; concurrency?: number; stopAt?: number },
): Promise<OpenIntakeResult> {
  const stopAt = opts.stopAt ?? ctx.stopAt;
  const tokens = new Map<string, string>();
  for (const org of OPEN_ORGANISATIONS) tokens.set(org, await ctx.system.token({ role: 'indiener', organisation: org }));
  const standen = Math.ceil(opts.count / MAX_STAND_SIZE);
  const ids: string[] = [];
  const rec = new Recorder(`${opts.tag} intake`);
  const t0 = performance.now();
  let lastLog = Date.now();
  const { ran } = await runPool(
    standen,
    opts.concurrency ?? 2,
    async (n) => {
      const size = Math.min(MAX_STAND_SIZE, opts.count - n * MAX_STAND_SIZE);
      const organisation = OPEN_ORGANISATIONS[n % OPEN_ORGANISATIONS.length] as string;
      const res = await ctx.http.request('POST', '/standen', {
        token: tokens.get(organisation),
        body: aLargeStand(opts.tag, organisation, n, size),
      });
      if (rec.add(res, 201, `Stand ${n}`)) {
        for (const k of (res.body as { knelpunten?: { id: string }[] }).knelpunten ?? []) ids.push(k.id);
      }
      if (Date.now() - lastLog > 10_000) {
        lastLog = Date.now();
        ctx.log(`${opts.tag}: ${ids.length} of ${opts.count} knelpunten submitted`);
      }
    },
    stopAt,
  );
  if (ran < standen) rec.fail(`time budget exhausted after ${ran} of ${standen} Standen`);
  const postMs = performance.now() - t0;

  let reached = 0;
  let timedOut = false;
  lastLog = Date.now();
  for (;;) {
    const { rows } = await ctx.system.sql.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM knelpunten
        WHERE id = ANY($1::uuid[]) AND status = 'bij_driehoek'
          AND deadlines @> '[{"kind":"driehoek_besluit","state":"lopend"}]'::jsonb`,
      [ids],
    );
    reached = rows[0]?.n ?? 0;
    if (reached >= ids.length) break;
    if (Date.now() > stopAt) {
      timedOut = true;
      rec.fail(`time budget exhausted: ${reached} of ${ids.length} knelpunten bij_driehoek`);
      break;
    }
    if (Date.now() - lastLog > 10_000) {
      lastLog = Date.now();
      ctx.log(`${opts.tag}: ${reached} of ${ids.length} workflows running with their deadline`);
    }
    await sleep(250);
  }
  const untilAllRunningMs = performance.now() - t0;
  return {
    requested: opts.count,
    submitted: ids.length,
    standen: rec.samples.length,
    standLatency: rec.summary(),
    postMs: round(postMs),
    bijDriehoek: reached,
    untilAllRunningMs: round(untilAllRunningMs),
    perSecond: round((reached / untilAllRunningMs) * 1000),
    timedOut,
    failures: rec.failures.slice(0, 20),
    ids,
  };
}

/** CPU time (user + system) of a process in ms, from /proc/<pid>/stat. */
export function procCpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name (which may contain spaces) in parentheses; utime and stime are fields 14 and 15.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]);
  return (ticks * 1000) / 100; // USER_HZ is 100 on Linux
}

/** Resident set size of a process in bytes, from /proc/<pid>/status. */
export function procRssBytes(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) * 1024 : Number.NaN;
}

/**
 * The Temporal server process of this bench system: a process whose command line runs the temporal server
 * (`temporal-server … start` in server mode, `temporal server start-dev` in dev mode) and mentions the given
 * address's port or this system's temporary directory. Undefined when none is found.
 */
export function findTemporalServerPid(address: string, tmpRoot: string): { pid: number; cmdline: string } | undefined {
  const port = address.split(':').pop() ?? '';
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let cmdline: string;
    try {
      cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0').join(' ').trim();
    } catch {
      continue;
    }
    const isServer = /temporal-server\b/.test(cmdline) || /\btemporal\b.*\bstart-dev\b/.test(cmdline);
    if (!isServer) continue;
    if (cmdline.includes(tmpRoot) || (port && cmdline.includes(port))) return { pid: Number(entry), cmdline };
  }
  return undefined;
}

/**
 * The PostgreSQL of this bench system: the postmaster whose command line names a data directory under `root`, and
 * its children (backends, background workers). Empty when none is found.
 */
export function findPostgresPids(root: string): number[] {
  const entries = readdirSync('/proc').filter((e) => /^\d+$/.test(e));
  let postmaster: number | undefined;
  const parents = new Map<number, number>();
  for (const entry of entries) {
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      parents.set(Number(entry), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
      if (postmaster === undefined) {
        const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0').join(' ');
        if (/\bpostgres\b/.test(cmdline) && cmdline.includes(`${root}/`)) postmaster = Number(entry);
      }
    } catch {
      // the process ended meanwhile
    }
  }
  if (postmaster === undefined) return [];
  return [postmaster, ...[...parents].filter(([, ppid]) => ppid === postmaster).map(([pid]) => pid)];
}

/** CPU time of several processes in ms (processes that have ended count 0). */
export function procsCpuMs(pids: readonly number[]): number {
  let ms = 0;
  for (const pid of pids) {
    try {
      ms += procCpuMs(pid);
    } catch {
      // ended
    }
  }
  return ms;
}

export interface DatabaseSizes {
  /** Bytes per database that exists on the server among knelpunten (the app's), temporal, temporal_visibility. */
  bytes: Record<string, number>;
  total: number;
}

export async function databaseSizes(ctx: PhaseContext): Promise<DatabaseSizes> {
  const { rows } = await ctx.system.sql.query<{ datname: string; bytes: string }>(
    `SELECT datname, pg_database_size(datname)::text AS bytes FROM pg_database
      WHERE datname = current_database() OR datname IN ('temporal', 'temporal_visibility')`,
  );
  const bytes = Object.fromEntries(rows.map((r) => [r.datname, Number(r.bytes)]));
  return { bytes, total: Object.values(bytes).reduce((s, b) => s + b, 0) };
}

export const MiB = 1024 * 1024;
export const mib = (bytes: number): number => round(bytes / MiB, 1);

/** CPU time spent in a window by the engine, PostgreSQL, the worker process and the bench process (API, client). */
export interface CpuWindow {
  wallMs: number;
  /** The Temporal server process (null when it was not found). */
  serverMs: number | null;
  /** PostgreSQL's postmaster and backends (backends that ended during the window are not counted). */
  postgresMs: number;
  /** The worker's process (apps/worker). */
  workerMs: number;
  /** This process: the load generator and the API (and the raw phases' own workers). */
  benchMs: number;
  totalMs: number;
}

/**
 * Starts a CPU meter; the function it returns ends the window. Reads /proc, so it is cheap and synchronous: CPU per
 * unit of work (a raw start, a knelpunt taken in) says what a ratio can be when the two cores are the limit.
 */
export function cpuMeter(system: Pick<BenchSystem, 'config' | 'tmpRoot' | 'workerPid'>): () => CpuWindow {
  // The bench's PostgreSQL lives in the infrastructure's directory, the mode's directory below it.
  const postgresRoot = dirname(system.tmpRoot);
  const server = findTemporalServerPid(system.config.TEMPORAL_ADDRESS ?? '', system.tmpRoot);
  const pgBefore = new Map(findPostgresPids(postgresRoot).map((pid) => [pid, procsCpuMs([pid])]));
  const serverBefore = server ? procsCpuMs([server.pid]) : 0;
  const workerBefore = procsCpuMs([system.workerPid]);
  const benchBefore = process.cpuUsage();
  const t0 = performance.now();
  return () => {
    const bench = process.cpuUsage(benchBefore);
    const serverMs = server ? procsCpuMs([server.pid]) - serverBefore : null;
    let postgresMs = 0;
    for (const pid of findPostgresPids(postgresRoot)) postgresMs += procsCpuMs([pid]) - (pgBefore.get(pid) ?? 0);
    const benchMs = (bench.user + bench.system) / 1000;
    const workerMs = procsCpuMs([system.workerPid]) - workerBefore;
    return {
      wallMs: round(performance.now() - t0),
      serverMs: serverMs === null ? null : round(serverMs),
      postgresMs: round(postgresMs),
      workerMs: round(workerMs),
      benchMs: round(benchMs),
      totalMs: round((serverMs ?? 0) + postgresMs + workerMs + benchMs),
    };
  };
}
