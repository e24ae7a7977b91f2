/**
 * The system under test, assembled like `npm run up` but throwaway.
 *
 * `startBenchInfra` starts what every mode shares: one embedded PostgreSQL in a temporary directory (durable defaults,
 * fsync on, as in production — not the test suite's fsync=off) and the product's workflow bundle.
 * `startBenchSystem(infra, mode)` then starts, for one Temporal mode, the engine (`server`: the real Temporal server
 * v1.29.1 on that PostgreSQL; `dev`: the CLI dev server, in memory), a product database of its own
 * (`knelpunten_bench_<mode>`, migrated and seeded, so that no knelpunt points at a workflow of the other engine), the
 * API on 127.0.0.1 on a free port and a Temporal worker in the same process (as the integration tests run it).
 * Its `close()` stops API, worker and engine; `infra.close()` stops PostgreSQL and removes the directory.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { Client, Pool } from 'pg';
import { DataSource } from 'typeorm';
import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { bundleWorkflowCode, DefaultLogger, Runtime } from '@temporalio/worker';
import { startEmbeddedPostgres, type PostgresHandle } from '../infra/postgres';
import { startTemporal, type TemporalMode } from '../infra/temporal';
import type { TemporalDevServerHandle } from '../infra/temporal-dev-server';
import { dataSourceOptions, runMigrations } from '../../libs/shared/src/database/data-source';
import { seedReferenceData } from '../../libs/referentie/src/seed/seed-reference-data';
import { AppConfig, loadConfig } from '../../libs/shared/src/config';
import { createApiApp } from '../../apps/api/src/bootstrap';
import { WorkerModule } from '../../apps/worker/src/worker.module';
import { DevIssuer, type DevTokenOptions } from '../../libs/toegang/src/dev-issuer';

export type Log = (message: string) => void;

export interface BenchInfra {
  pg: PostgresHandle;
  tmpRoot: string;
  workflowBundlePath: string;
  close(): Promise<void>;
}

export interface BenchSystem {
  mode: TemporalMode;
  baseUrl: string;
  /** The API's origin (http://127.0.0.1:port), for routes outside /api/v1. */
  origin: string;
  config: AppConfig;
  databaseUrl: string;
  temporalAddress: string;
  /** Direct SQL access for volume data, polling and EXPLAIN (a separate small pool). */
  sql: Pool;
  tmpRoot: string;
  /** Time to start this mode's engine, database, worker and API. */
  startMs: number;
  token(options: DevTokenOptions): Promise<string>;
  close(): Promise<void>;
}

let runtimeInstalled = false;

function installRuntime(): void {
  if (runtimeInstalled) return;
  // The SDK's default logger prints every worker state change at INFO.
  Runtime.install({ logger: new DefaultLogger('WARN') });
  runtimeInstalled = true;
}

async function bundleWorkflows(dir: string): Promise<string> {
  const { code } = await bundleWorkflowCode({
    workflowsPath: require.resolve('../../workflows'),
    logger: new DefaultLogger('WARN'),
  });
  const path = join(dir, 'workflow-bundle.js');
  writeFileSync(path, code);
  return path;
}

export async function startBenchInfra(log: Log): Promise<BenchInfra> {
  installRuntime();
  const tmpRoot = mkdtempSync(join(tmpdir(), 'knelpunten-bench-'));
  let pg: PostgresHandle | undefined;
  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing ??= (async () => {
      await pg?.stop().catch(() => undefined);
      rmSync(tmpRoot, { recursive: true, force: true });
    })();
    return closing;
  };
  try {
    const started = Date.now();
    const [pgResult, bundleResult] = await Promise.allSettled([
      startEmbeddedPostgres({
        dataDir: join(tmpRoot, 'pg'),
        persistent: true, // durable settings; the whole directory is removed in close()
        databaseName: 'knelpunten_bench',
        logFile: join(tmpRoot, 'postgres.log'),
      }),
      bundleWorkflows(tmpRoot),
    ]);
    if (pgResult.status === 'fulfilled') pg = pgResult.value;
    for (const r of [pgResult, bundleResult]) if (r.status === 'rejected') throw r.reason;
    if (!pg || bundleResult.status !== 'fulfilled') throw new Error('infrastructure did not start');
    log(`PostgreSQL and the workflow bundle ready in ${Date.now() - started} ms`);
    return { pg, tmpRoot, workflowBundlePath: bundleResult.value, close };
  } catch (err) {
    await close();
    throw err;
  }
}

async function createDatabase(adminUrl: string, name: string): Promise<string> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS ${client.escapeIdentifier(name)}`);
    await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`);
  } finally {
    await client.end().catch(() => undefined);
  }
  const url = new URL(adminUrl);
  url.pathname = `/${encodeURIComponent(name)}`;
  return url.toString();
}

export async function startBenchSystem(infra: BenchInfra, mode: TemporalMode, log: Log): Promise<BenchSystem> {
  const dir = join(infra.tmpRoot, mode);
  mkdirSync(dir, { recursive: true });
  let temporal: TemporalDevServerHandle | undefined;
  let sql: Pool | undefined;
  let api: NestFastifyApplication | undefined;
  let worker: INestApplicationContext | undefined;

  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing ??= (async () => {
      await worker?.close().catch(() => undefined);
      await api?.close().catch(() => undefined);
      await sql?.end().catch(() => undefined);
      await temporal?.stop().catch(() => undefined);
    })();
    return closing;
  };

  try {
    const started = Date.now();
    const databaseUrl = await createDatabase(infra.pg.url, `knelpunten_bench_${mode}`);
    const [temporalResult, migrated] = await Promise.allSettled([
      // dev: in memory (with its SQLite file the dev server caps the system at ~5 workflow starts/s, a limit of
      // `npm run up`'s quick start, not of production). server: the production engine on the shared PostgreSQL.
      startTemporal({ mode, dir, databaseUrl: infra.pg.url, uiPort: null, logFile: join(dir, 'temporal.log') }),
      (async () => {
        await runMigrations(databaseUrl);
        const ds = new DataSource(dataSourceOptions(databaseUrl));
        await ds.initialize();
        try {
          await seedReferenceData(ds);
        } finally {
          await ds.destroy();
        }
      })(),
    ]);
    if (temporalResult.status === 'fulfilled') temporal = temporalResult.value;
    for (const r of [temporalResult, migrated]) if (r.status === 'rejected') throw r.reason;
    if (!temporal) throw new Error('Temporal did not start');
    log(`[${mode}] Temporal on ${temporal.address} and database migrated in ${Date.now() - started} ms`);

    const config = loadConfig({
      NODE_ENV: 'development',
      HOST: '127.0.0.1',
      PORT: '0',
      DATABASE_URL: databaseUrl,
      TEMPORAL_ADDRESS: temporal.address,
      WORKFLOW_BUNDLE_PATH: infra.workflowBundlePath,
      DATA_DIR: join(dir, 'data'),
      AUTH_MODE: 'dev',
      MAIL_TRANSPORT: 'file',
      RUN_MIGRATIONS: 'false',
      // One client on loopback: the per-client limiter would measure itself, not the system.
      RATE_LIMIT_PER_MINUTE: '1000000',
    });
    sql = new Pool({ connectionString: databaseUrl, max: 4, application_name: 'knelpunten-bench' });
    sql.on('error', () => undefined);

    worker = await NestFactory.createApplicationContext(WorkerModule.forConfig(config), { logger: ['error', 'warn'] });
    await worker.init();
    api = await createApiApp(config, { logger: ['error', 'warn'] });
    await api.listen({ port: 0, host: '127.0.0.1' });
    const address = api.getHttpServer().address() as AddressInfo;
    const origin = `http://127.0.0.1:${address.port}`;
    const baseUrl = `${origin}/api/v1`;
    const startMs = Date.now() - started;
    log(`[${mode}] API on ${baseUrl}, worker on task queue '${config.TEMPORAL_TASK_QUEUE}' (${startMs} ms after start)`);

    const issuer = new DevIssuer(config);
    const pool = sql;
    return {
      mode,
      baseUrl,
      origin,
      config,
      databaseUrl,
      temporalAddress: temporal.address,
      sql: pool,
      tmpRoot: dir,
      startMs,
      token: (o) => issuer.issue(o),
      close,
    };
  } catch (err) {
    await close();
    throw err;
  }
}
