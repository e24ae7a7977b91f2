/**
 * Goal 9, the HTTP stack: GET /health through the real Nest+Fastify app against a bare Fastify server with one /health
 * route on the same machine, with the same client and concurrency (requests/s).
 *
 * The app's /health does a `SELECT 1` on PostgreSQL and a `GetSystemInfo` on Temporal; the bare route does the same
 * I/O (a pg pool of the app's size, one Temporal connection), so the ratio is that of the framework stack
 * (Nest's router, guards, interceptors, filters, helmet/CORS hooks, serialisation) and not of the I/O. A bare route that
 * does no I/O at all is measured too, for reference.
 *
 * How, so that the ratio is that of the two stacks and nothing else:
 * - Each server runs in a process of its own, alone on its event loop, as the API runs in production (`main.ts`): the
 *   app is built by the same `createApiApp` with the bench system's config, the bare server next to nothing. Neither
 *   shares its loop with the bench's worker, its pollers or the other server.
 * - The load generator (the bench's own client, {@link BenchHttp}) runs in a third process: its CPU time per request
 *   (fetch, JSON parsing, timing) is no longer spent on the loop of the server being measured.
 * - Several rounds, each measuring both sides back to back in alternating order (nest→bare, then bare→nest, …), so
 *   that a change in background load (two cores shared with PostgreSQL, Temporal and other work) hits both sides alike;
 *   the ratio is the median of the per-round ratios, and its spread (min–max) is reported.
 *
 * `BENCH_HTTP_CPU_PROF=<dir>` writes a V8 CPU profile of each server process to <dir> (to see where the time goes).
 */
import { fork, type ChildProcess } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { Connection } from '@temporalio/client';
import Fastify from 'fastify';
import { Pool } from 'pg';
import type { AppConfig } from '@kp/shared/config';
import { BenchHttp, Recorder, runPool } from './http';
import { round, type LatencySummary } from './stats';

export interface HttpStackRun {
  requests: number;
  requestsPerSecond: number;
  latency: LatencySummary;
  /** CPU time (user + system) of the server process per request, in ms: less sensitive to other load than req/s. */
  serverCpuMsPerRequest?: number;
}

export interface HttpStackRound {
  nest: number;
  bare: number;
  /** nest / bare requests per second in this round. */
  ratio: number;
  /** Server CPU ms per request in this round. */
  nestCpuMs: number;
  bareCpuMs: number;
}

export interface HttpStackResult {
  concurrency: number;
  durationMs: number;
  /** GET /api/v1/health through Nest+Fastify (all rounds together). */
  nest: HttpStackRun;
  /** A bare Fastify route doing the same I/O (SELECT 1 + Temporal GetSystemInfo), all rounds together. */
  bare: HttpStackRun;
  /** A bare Fastify route without I/O (reference: the ceiling of this client on this machine). */
  bareStatic: HttpStackRun;
  /** The median of the per-round nest / bare ratios. */
  ratio: number;
  /** The per-round requests/s and ratios, in the order they were measured. */
  rounds?: HttpStackRound[];
  /** The lowest and highest per-round ratio. */
  ratioSpread?: { min: number; max: number };
}

export interface HttpStackDeps {
  /** The bench system's API config: the measured app is built from it exactly as `main.ts` builds the API. */
  config: AppConfig;
  databaseUrl: string;
  temporalAddress: string;
}

export interface HttpStackOptions {
  concurrency: number;
  /** Measured time per side, over all rounds. */
  durationMs: number;
  warmup: number;
}

// ---------------------------------------------------------------------------------------------------------------
// The child processes: one role each (`node http-stack.js <role>`), driven over IPC by the parent.

type ChildRole = 'serve-nest' | 'serve-bare' | 'load';

interface LoadCommand {
  baseUrl: string;
  path: string;
  concurrency: number;
  durationMs: number;
  warmup: number;
}

type ChildReply = { ok: true; value: unknown } | { ok: false; error: string };

async function hammer(cmd: LoadCommand): Promise<HttpStackRun> {
  const http = new BenchHttp(cmd.baseUrl);
  for (let i = 0; i < cmd.warmup; i++) await http.request('GET', cmd.path);
  const rec = new Recorder(cmd.path);
  const { wallMs } = await runPool(
    Number.MAX_SAFE_INTEGER,
    cmd.concurrency,
    async () => {
      rec.add(await http.request('GET', cmd.path), 200, cmd.path);
    },
    Date.now() + cmd.durationMs,
  );
  return { requests: rec.samples.length, requestsPerSecond: round((rec.samples.length / wallMs) * 1000), latency: rec.summary() };
}

/** The bare server: Fastify, one route with the app's I/O, one without. */
async function serveBare(deps: { databaseUrl: string; temporalAddress: string }): Promise<{ baseUrl: string; close: () => Promise<void> }> {
  const pool = new Pool({ connectionString: deps.databaseUrl, max: 20, application_name: 'knelpunten-bench-bare' });
  pool.on('error', () => undefined);
  const connection = await Connection.connect({ address: deps.temporalAddress });
  const app = Fastify({ logger: false });
  app.get('/health', async () => {
    const pg = await pool
      .query('SELECT 1')
      .then(() => true)
      .catch(() => false);
    const temporal = await connection.workflowService
      .getSystemInfo({})
      .then(() => true)
      .catch(() => false);
    return {
      status: pg && temporal ? 'up' : 'degraded',
      postgres: { status: pg ? 'up' : 'down' },
      temporal: { status: temporal ? 'up' : 'down' },
    };
  });
  app.get('/static', () => ({ status: 'up' }));
  await app.listen({ port: 0, host: '127.0.0.1' });
  return {
    baseUrl: `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`,
    close: async () => {
      await app.close().catch(() => undefined);
      await connection.close().catch(() => undefined);
      await pool.end().catch(() => undefined);
    },
  };
}

/** The app: built by `createApiApp` with the given config, as `main.ts` does. */
async function serveNest(config: AppConfig): Promise<{ baseUrl: string; close: () => Promise<void> }> {
  // Loaded here, not at the top: the load generator and the bare server do not carry the app.
  const [{ createApiApp }, { API_BASE_PATH }, { AppConfig: AppConfigClass }] = await Promise.all([
    import('../../apps/api/src/bootstrap'),
    import('../../apps/api/src/openapi'),
    import('@kp/shared/config'),
  ]);
  const app = await createApiApp(Object.assign(new AppConfigClass(), config), { logger: ['error', 'warn'] });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const port = (app.getHttpServer().address() as AddressInfo).port;
  return { baseUrl: `http://127.0.0.1:${port}${API_BASE_PATH}`, close: () => app.close() };
}

async function childMain(role: ChildRole): Promise<void> {
  const send = (reply: ChildReply): void => {
    process.send?.(reply);
  };
  // The parent gone (also when it is killed): nothing left to do.
  process.on('disconnect', () => process.exit(0));
  let close: (() => Promise<void>) | undefined;
  process.on('message', (msg: { kind: string; payload?: unknown }) => {
    void (async () => {
      try {
        if (msg.kind === 'start' && role === 'serve-bare') {
          const s = await serveBare(msg.payload as { databaseUrl: string; temporalAddress: string });
          close = s.close;
          send({ ok: true, value: s.baseUrl });
        } else if (msg.kind === 'start' && role === 'serve-nest') {
          const s = await serveNest(msg.payload as AppConfig);
          close = s.close;
          send({ ok: true, value: s.baseUrl });
        } else if (msg.kind === 'cpu') {
          const u = process.cpuUsage();
          send({ ok: true, value: (u.user + u.system) / 1000 });
        } else if (msg.kind === 'load' && role === 'load') {
          send({ ok: true, value: await hammer(msg.payload as LoadCommand) });
        } else if (msg.kind === 'stop') {
          await close?.();
          send({ ok: true, value: null });
          process.disconnect?.();
        } else {
          send({ ok: false, error: `unknown command ${msg.kind} for ${role}` });
        }
      } catch (err) {
        send({ ok: false, error: err instanceof Error ? (err.stack ?? err.message) : String(err) });
      }
    })();
  });
}

// ---------------------------------------------------------------------------------------------------------------
// The parent.

class Child {
  private readonly proc: ChildProcess;
  private exited: string | undefined;

  constructor(role: ChildRole, cpuProfDir: string | undefined) {
    const execArgv = [...process.execArgv];
    if (cpuProfDir && role !== 'load')
      execArgv.push('--cpu-prof', `--cpu-prof-dir=${cpuProfDir}`, `--cpu-prof-name=${role}-${Date.now()}.cpuprofile`);
    this.proc = fork(__filename, [role], { execArgv, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    this.proc.on('exit', (code, signal) => {
      this.exited = `${role} exited (${signal ?? code})`;
    });
  }

  call<T>(kind: string, payload?: unknown, timeoutMs = 120_000): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      if (this.exited) return reject(new Error(this.exited));
      const done = (): void => {
        clearTimeout(timer);
        this.proc.off('message', onMessage);
        this.proc.off('exit', onExit);
      };
      const onMessage = (reply: ChildReply): void => {
        done();
        if (reply.ok) resolve(reply.value as T);
        else reject(new Error(reply.error));
      };
      const onExit = (): void => {
        done();
        reject(new Error(this.exited ?? 'child exited'));
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`${kind}: no answer in ${timeoutMs} ms`));
      }, timeoutMs);
      this.proc.on('message', onMessage);
      this.proc.on('exit', onExit);
      this.proc.send({ kind, payload });
    });
  }

  /** Stops the child (its server closes first, so a CPU profile is written); kills it when it does not go. */
  async stop(): Promise<void> {
    if (this.exited) return;
    await this.call('stop', undefined, 15_000).catch(() => undefined);
    await new Promise<void>((resolve) => {
      if (this.exited) return resolve();
      const t = setTimeout(() => {
        this.proc.kill('SIGKILL');
        resolve();
      }, 5_000);
      this.proc.once('exit', () => {
        clearTimeout(t);
        resolve();
      });
    });
  }
}

function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

function merge(runs: readonly HttpStackRun[], durationMs: number): HttpStackRun {
  const requests = runs.reduce((s, r) => s + r.requests, 0);
  return {
    requests,
    requestsPerSecond: round((requests / durationMs) * 1000),
    serverCpuMsPerRequest: round(median(runs.map((r) => r.serverCpuMsPerRequest ?? Number.NaN)), 3),
    // The worst round's latencies (the rounds' samples are not kept).
    latency: runs.reduce((worst, r) => (r.latency.p95 > worst.latency.p95 ? r : worst)).latency,
  };
}

export async function measureHttpStack(deps: HttpStackDeps, opts: HttpStackOptions): Promise<HttpStackResult & { failures: number }> {
  // Rounds of at least 1 s per side; 5 rounds of 2 s per side for the full bench's 10 s.
  const rounds = Math.max(3, Math.min(7, Math.floor(opts.durationMs / 2_000)));
  const roundMs = Math.max(1_000, Math.floor(opts.durationMs / rounds));
  const cpuProfDir = process.env['BENCH_HTTP_CPU_PROF'] || undefined;
  const nestServer = new Child('serve-nest', cpuProfDir);
  const bareServer = new Child('serve-bare', cpuProfDir);
  const load = new Child('load', undefined);
  try {
    const [nestUrl, bareUrl] = await Promise.all([
      nestServer.call<string>('start', deps.config),
      bareServer.call<string>('start', { databaseUrl: deps.databaseUrl, temporalAddress: deps.temporalAddress }),
    ]);
    const run = async (server: Child, baseUrl: string, path: string, warmup: number, durationMs = roundMs): Promise<HttpStackRun> => {
      const cpuBefore = await server.call<number>('cpu');
      const r = await load.call<HttpStackRun>('load', {
        baseUrl,
        path,
        concurrency: opts.concurrency,
        durationMs,
        warmup,
      } satisfies LoadCommand);
      const cpuMs = (await server.call<number>('cpu')) - cpuBefore;
      return { ...r, serverCpuMsPerRequest: round(cpuMs / Math.max(1, r.requests + warmup), 3) };
    };

    // Warm both up (JIT, pools, connections) before anything counts: a server in production is warm, and on a loaded
    // machine the CPU per request of a fresh process keeps falling for many seconds (Nest's longer, it has more code).
    // Windows of 1 s, at least 3, until one no longer beats the best so far by 10 % (at most 12 s per side).
    const warm = async (server: Child, baseUrl: string): Promise<void> => {
      let best = Number.POSITIVE_INFINITY;
      for (let i = 0; i < 12; i++) {
        const cpu = (await run(server, baseUrl, '/health', i === 0 ? opts.warmup : 0, 1_000)).serverCpuMsPerRequest ?? 0;
        if (i >= 3 && cpu > 0.9 * best) return;
        best = Math.min(best, cpu);
      }
    };
    await warm(nestServer, nestUrl);
    await warm(bareServer, bareUrl);

    const nestRuns: HttpStackRun[] = [];
    const bareRuns: HttpStackRun[] = [];
    const perRound: HttpStackRound[] = [];
    for (let i = 0; i < rounds; i++) {
      let n: HttpStackRun;
      let b: HttpStackRun;
      if (i % 2 === 0) {
        n = await run(nestServer, nestUrl, '/health', 0);
        b = await run(bareServer, bareUrl, '/health', 0);
      } else {
        b = await run(bareServer, bareUrl, '/health', 0);
        n = await run(nestServer, nestUrl, '/health', 0);
      }
      nestRuns.push(n);
      bareRuns.push(b);
      perRound.push({
        nest: n.requestsPerSecond,
        bare: b.requestsPerSecond,
        ratio: round(n.requestsPerSecond / b.requestsPerSecond, 3),
        nestCpuMs: n.serverCpuMsPerRequest ?? Number.NaN,
        bareCpuMs: b.serverCpuMsPerRequest ?? Number.NaN,
      });
    }
    const bareStatic = await run(bareServer, bareUrl, '/static', opts.warmup);
    const ratios = perRound.map((r) => r.ratio);
    const failures = [...nestRuns, ...bareRuns, bareStatic].reduce((s, r) => s + r.latency.errors, 0);
    return {
      concurrency: opts.concurrency,
      durationMs: rounds * roundMs,
      nest: merge(nestRuns, rounds * roundMs),
      bare: merge(bareRuns, rounds * roundMs),
      bareStatic,
      ratio: round(median(ratios), 3),
      rounds: perRound,
      ratioSpread: { min: Math.min(...ratios), max: Math.max(...ratios) },
      failures,
    };
  } finally {
    await Promise.all([load.stop(), nestServer.stop(), bareServer.stop()]);
  }
}

if (require.main === module) {
  const role = process.argv[2] as ChildRole;
  if (role !== 'serve-nest' && role !== 'serve-bare' && role !== 'load') {
    process.stderr.write('http-stack.js is started by the bench (roles: serve-nest, serve-bare, load)\n');
    process.exit(2);
  }
  void childMain(role);
}
