/**
 * Goal 9, the HTTP stack: GET /health through the real Nest+Fastify app against a bare Fastify server with one /health
 * route on the same machine, with the same client and concurrency (requests/s).
 *
 * The app's /health does a `SELECT 1` on PostgreSQL and a `GetSystemInfo` on Temporal; the bare route does the same
 * I/O (a pg pool of the app's size, one Temporal connection), so the ratio is that of the framework stack
 * (Nest's router, guards, interceptors, filters, serialisation) and not of the I/O. A bare route that does no I/O at
 * all is measured too, for reference.
 */
import type { AddressInfo } from 'node:net';
import { Connection } from '@temporalio/client';
import Fastify from 'fastify';
import { Pool } from 'pg';
import { BenchHttp, Recorder, runPool } from './http';
import { round, type LatencySummary } from './stats';

export interface HttpStackRun {
  requests: number;
  requestsPerSecond: number;
  latency: LatencySummary;
}

export interface HttpStackResult {
  concurrency: number;
  durationMs: number;
  /** GET /api/v1/health through Nest+Fastify. */
  nest: HttpStackRun;
  /** A bare Fastify route doing the same I/O (SELECT 1 + Temporal GetSystemInfo). */
  bare: HttpStackRun;
  /** A bare Fastify route without I/O (reference: the ceiling of this client on this machine). */
  bareStatic: HttpStackRun;
  /** nest / bare requests per second. */
  ratio: number;
}

async function hammer(baseUrl: string, path: string, concurrency: number, durationMs: number, warmup: number): Promise<HttpStackRun> {
  const http = new BenchHttp(baseUrl);
  for (let i = 0; i < warmup; i++) await http.request('GET', path);
  const rec = new Recorder(path);
  const { wallMs } = await runPool(
    Number.MAX_SAFE_INTEGER,
    concurrency,
    async () => {
      rec.add(await http.request('GET', path), 200, path);
    },
    Date.now() + durationMs,
  );
  return { requests: rec.samples.length, requestsPerSecond: round((rec.samples.length / wallMs) * 1000), latency: rec.summary() };
}

export async function measureHttpStack(
  apiBaseUrl: string,
  deps: { databaseUrl: string; temporalAddress: string },
  opts: { concurrency: number; durationMs: number; warmup: number },
): Promise<HttpStackResult & { failures: number }> {
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
  try {
    await app.listen({ port: 0, host: '127.0.0.1' });
    const bareUrl = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    // Alternate, so that a change of background load hits both sides alike.
    const half = Math.max(500, Math.floor(opts.durationMs / 2));
    const nestA = await hammer(apiBaseUrl, '/health', opts.concurrency, half, opts.warmup);
    const bareA = await hammer(bareUrl, '/health', opts.concurrency, half, opts.warmup);
    const nestB = await hammer(apiBaseUrl, '/health', opts.concurrency, half, 0);
    const bareB = await hammer(bareUrl, '/health', opts.concurrency, half, 0);
    const bareStatic = await hammer(bareUrl, '/static', opts.concurrency, half, opts.warmup);
    const merge = (a: HttpStackRun, b: HttpStackRun): HttpStackRun => ({
      requests: a.requests + b.requests,
      requestsPerSecond: round((a.requestsPerSecond + b.requestsPerSecond) / 2),
      latency: a.latency.p95 > b.latency.p95 ? a.latency : b.latency,
    });
    const nest = merge(nestA, nestB);
    const bare = merge(bareA, bareB);
    const failures = [nestA, nestB, bareA, bareB, bareStatic].reduce((s, r) => s + r.latency.errors, 0);
    return {
      concurrency: opts.concurrency,
      durationMs: opts.durationMs,
      nest,
      bare,
      bareStatic,
      ratio: round(nest.requestsPerSecond / bare.requestsPerSecond, 3),
      failures,
    };
  } finally {
    await app.close().catch(() => undefined);
    await connection.close().catch(() => undefined);
    await pool.end().catch(() => undefined);
  }
}
