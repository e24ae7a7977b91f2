/**
 * Builds a real system per spec file: a fresh database cloned from the migrated template, the API
 * (Fastify, called through inject) and a Temporal worker in-process on a unique task queue of the real
 * dev server. Nothing is mocked.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { Client as PgClient } from 'pg';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { AppConfig, loadConfig } from '../../libs/shared/src/config';
import { createApiApp } from '../../apps/api/src/bootstrap';
import { WorkerModule } from '../../apps/worker/src/worker.module';
import { TemporalWorkerService } from '../../apps/worker/src/temporal-worker.service';
import { DevIssuer } from '../../libs/toegang/src/dev-issuer';
import { freePort } from '../../scripts/infra/ports';
import type { Rol } from '../../libs/toegang/src/principal';

/** Temporal's worker logs only warnings in tests (its INFO lines drown the test output). */
export function quietTemporalLogs(): void {
  try {
    Runtime.install({ logger: new DefaultLogger('WARN') });
  } catch {
    // already installed in this process
  }
}
quietTemporalLogs();

export async function createTestDatabase(): Promise<string> {
  const admin = process.env.KP_TEST_PG_ADMIN_URL;
  const template = process.env.KP_TEST_TEMPLATE_DB;
  if (!admin || !template) throw new Error('global setup did not run (KP_TEST_PG_ADMIN_URL missing)');
  const name = `kp_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
  const client = new PgClient({ connectionString: admin });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${name} TEMPLATE ${template}`);
  } finally {
    await client.end();
  }
  return admin.replace(/\/[^/]+$/, `/${name}`);
}

/** A copy of a config with some values replaced (AppConfig is a class: keep its prototype). */
function withOverrides(config: AppConfig, overrides: Partial<AppConfig>): AppConfig {
  return Object.assign(Object.create(Object.getPrototypeOf(config)) as AppConfig, config, overrides);
}

export interface TestSystemOptions {
  /** Point the API at an address where no Temporal listens (the Temporal-down path). */
  temporalAddress?: string;
  /** Start a worker in-process (default true). */
  worker?: boolean;
  env?: Record<string, string>;
  /**
   * Listen on a real port of 127.0.0.1 (for flows that redirect a client back to the API, such as the OIDC login),
   * with PUBLIC_BASE_URL pointing at it unless `env` sets it; see {@link TestSystem.baseUrl}. Default: inject only.
   */
  listen?: boolean;
}

export interface TokenRequest {
  role: Rol;
  organisation?: string;
  driehoek?: string;
  name?: string;
  subject?: string;
}

export class TestSystem {
  private workers: INestApplicationContext[] = [];

  constructor(
    readonly config: AppConfig,
    readonly api: NestFastifyApplication,
    private readonly issuer: DevIssuer,
  ) {}

  static async start(options: TestSystemOptions = {}): Promise<TestSystem> {
    const databaseUrl = await createTestDatabase();
    const dataDir = mkdtempSync(join(tmpdir(), 'kp-spec-'));
    const port = options.listen ? await freePort() : undefined;
    const config = loadConfig({
      NODE_ENV: 'test',
      DATABASE_URL: databaseUrl,
      TEMPORAL_ADDRESS: options.temporalAddress ?? process.env.KP_TEST_TEMPORAL_ADDRESS,
      TEMPORAL_TASK_QUEUE: `knelpunten-test-${randomUUID()}`,
      WORKFLOW_BUNDLE_PATH: process.env.KP_TEST_WORKFLOW_BUNDLE,
      DATA_DIR: dataDir,
      AUTH_MODE: 'dev',
      MAIL_TRANSPORT: 'file',
      RUN_MIGRATIONS: 'false',
      OUTBOX_INTERVAL_MS: '500',
      RATE_LIMIT_PER_MINUTE: '100000',
      ...(port !== undefined ? { PUBLIC_BASE_URL: `http://127.0.0.1:${port}` } : {}),
      ...options.env,
    });
    const api = await createApiApp(config, { logger: ['error'] });
    await api.getHttpAdapter().getInstance().ready();
    const system = new TestSystem(config, api, new DevIssuer(config));
    if (port !== undefined) {
      await api.listen({ port, host: '127.0.0.1' });
      system.baseUrl = `http://127.0.0.1:${port}`;
    }
    if (options.worker !== false) await system.startWorker();
    return system;
  }

  /** A new API (and worker) on the same database as an earlier system, e.g. after Temporal came back. */
  static async reopen(previous: AppConfig, options: { temporalAddress?: string; worker?: boolean } = {}): Promise<TestSystem> {
    const config = withOverrides(previous, { TEMPORAL_ADDRESS: options.temporalAddress ?? previous.TEMPORAL_ADDRESS });
    const api = await createApiApp(config, { logger: ['error'] });
    await api.getHttpAdapter().getInstance().ready();
    const system = new TestSystem(config, api, new DevIssuer(config));
    if (options.worker !== false) await system.startWorker();
    return system;
  }

  /** Starts (another) worker on this system's task queue. */
  async startWorker(overrides: Partial<AppConfig> = {}): Promise<INestApplicationContext> {
    const config = withOverrides(this.config, overrides);
    const ctx = await NestFactory.createApplicationContext(WorkerModule.forConfig(config), { logger: ['error'] });
    await ctx.init();
    this.workers.push(ctx);
    return ctx;
  }

  /** Stops a worker abruptly-ish (shutdown without draining new work), as a crash would. */
  async stopWorker(ctx: INestApplicationContext): Promise<void> {
    this.workers = this.workers.filter((w) => w !== ctx);
    await ctx.close();
  }

  workerService(ctx: INestApplicationContext): TemporalWorkerService {
    return ctx.get(TemporalWorkerService);
  }

  token(req: TokenRequest): Promise<string> {
    return this.issuer.issue(req);
  }

  async request(
    method: 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH',
    url: string,
    opts: { token?: string; body?: unknown; headers?: Record<string, string>; raw?: string } = {},
  ): Promise<{ status: number; body: any; headers: Record<string, unknown> }> {
    const headers: Record<string, string> = { ...(opts.headers ?? {}) };
    if (opts.token) headers['authorization'] = `Bearer ${opts.token}`;
    let payload: string | undefined;
    if (opts.raw !== undefined) payload = opts.raw;
    else if (opts.body !== undefined) {
      payload = JSON.stringify(opts.body);
      headers['content-type'] ??= 'application/json';
    }
    const res = await this.api.getHttpAdapter().getInstance().inject({ method, url, headers, payload });
    let body: unknown = res.body;
    try {
      body = res.body ? JSON.parse(res.body) : undefined;
    } catch {
      // not JSON
    }
    return { status: res.statusCode, body, headers: res.headers };
  }

  async close(): Promise<void> {
    for (const w of this.workers) await w.close().catch(() => undefined);
    this.workers = [];
    await this.api.close();
    if (!this.keepDataDir) rmSync(this.config.DATA_DIR, { recursive: true, force: true });
  }

  /** Set when another system reopens the same data (see reopen). */
  keepDataDir = false;

  /** Where the API listens when started with `listen: true` (e.g. http://127.0.0.1:41234), else undefined. */
  baseUrl?: string;
}

/** Polls until `check` returns a truthy value (eventual projections), without fixed sleeps. */
export async function eventually<T>(check: () => Promise<T | undefined | null | false>, timeoutMs = 30000, what = 'condition'): Promise<T> {
  const until = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < until) {
    try {
      const v = await check();
      if (v) return v;
    } catch (err) {
      last = err;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
}
