/**
 * The system under test, assembled like `npm run up` but throwaway: an embedded PostgreSQL and a Temporal
 * dev server on free ports in a temporary directory, migrated and seeded, the API listening on 127.0.0.1
 * on a free port, and a Temporal worker in the same process (as the integration tests run it).
 *
 * PostgreSQL runs with its durable defaults (fsync on, as in production), not with the test suite's
 * fsync=off. The Temporal dev server keeps its state in memory (see below).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { bundleWorkflowCode, DefaultLogger, Runtime } from '@temporalio/worker';
import { startEmbeddedPostgres, type PostgresHandle } from '../infra/postgres';
import { startTemporalDevServer, type TemporalDevServerHandle } from '../infra/temporal-dev-server';
import { dataSourceOptions, runMigrations } from '../../libs/shared/src/database/data-source';
import { seedReferenceData } from '../../libs/referentie/src/seed/seed-reference-data';
import { AppConfig, loadConfig } from '../../libs/shared/src/config';
import { createApiApp } from '../../apps/api/src/bootstrap';
import { WorkerModule } from '../../apps/worker/src/worker.module';
import { DevIssuer, type DevTokenOptions } from '../../libs/toegang/src/dev-issuer';

export interface BenchSystem {
  baseUrl: string;
  config: AppConfig;
  /** Direct SQL access for volume data, polling and EXPLAIN (a separate small pool). */
  sql: Pool;
  tmpRoot: string;
  token(options: DevTokenOptions): Promise<string>;
  close(): Promise<void>;
}

export type Log = (message: string) => void;

async function bundleWorkflows(dir: string): Promise<string> {
  const { code } = await bundleWorkflowCode({
    workflowsPath: require.resolve('../../workflows'),
    logger: new DefaultLogger('WARN'),
  });
  const path = join(dir, 'workflow-bundle.js');
  writeFileSync(path, code);
  return path;
}

export async function startBenchSystem(log: Log): Promise<BenchSystem> {
  const tmpRoot = mkdtempSync(join(tmpdir(), 'knelpunten-bench-'));
  let pg: PostgresHandle | undefined;
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
      await pg?.stop().catch(() => undefined);
      rmSync(tmpRoot, { recursive: true, force: true });
    })();
    return closing;
  };

  try {
    const started = Date.now();
    const [pgResult, temporalResult, bundleResult] = await Promise.allSettled([
      startEmbeddedPostgres({
        dataDir: join(tmpRoot, 'pg'),
        persistent: true, // durable settings; the whole directory is removed in close()
        databaseName: 'knelpunten_bench',
        logFile: join(tmpRoot, 'postgres.log'),
      }),
      // In memory: the dev server's SQLite file (one fsync per write) caps the whole system at ~5 workflows/s,
      // which measures SQLite, not this system; production runs a Temporal cluster with its own database.
      startTemporalDevServer({ uiPort: null, logFile: join(tmpRoot, 'temporal.log') }),
      bundleWorkflows(tmpRoot),
    ]);
    if (pgResult.status === 'fulfilled') pg = pgResult.value;
    if (temporalResult.status === 'fulfilled') temporal = temporalResult.value;
    for (const r of [pgResult, temporalResult, bundleResult]) if (r.status === 'rejected') throw r.reason;
    if (!pg || !temporal || bundleResult.status !== 'fulfilled') throw new Error('infrastructure did not start');
    log(`PostgreSQL, Temporal and the workflow bundle ready in ${Date.now() - started} ms`);

    await runMigrations(pg.url);
    const ds = new DataSource(dataSourceOptions(pg.url));
    await ds.initialize();
    try {
      await seedReferenceData(ds);
    } finally {
      await ds.destroy();
    }

    const config = loadConfig({
      NODE_ENV: 'development',
      HOST: '127.0.0.1',
      PORT: '0',
      DATABASE_URL: pg.url,
      TEMPORAL_ADDRESS: temporal.address,
      WORKFLOW_BUNDLE_PATH: bundleResult.value,
      DATA_DIR: join(tmpRoot, 'data'),
      AUTH_MODE: 'dev',
      MAIL_TRANSPORT: 'file',
      RUN_MIGRATIONS: 'false',
      // One client on loopback: the per-client limiter would measure itself, not the system.
      RATE_LIMIT_PER_MINUTE: '1000000',
    });
    sql = new Pool({ connectionString: pg.url, max: 4, application_name: 'knelpunten-bench' });
    sql.on('error', () => undefined);

    // The SDK's default logger prints every worker state change at INFO.
    Runtime.install({ logger: new DefaultLogger('WARN') });
    worker = await NestFactory.createApplicationContext(WorkerModule.forConfig(config), { logger: ['error', 'warn'] });
    await worker.init();
    api = await createApiApp(config, { logger: ['error', 'warn'] });
    await api.listen({ port: 0, host: '127.0.0.1' });
    const address = api.getHttpServer().address() as AddressInfo;
    const baseUrl = `http://127.0.0.1:${address.port}/api/v1`;
    log(`API on ${baseUrl}, worker on task queue '${config.TEMPORAL_TASK_QUEUE}' (${Date.now() - started} ms after start)`);

    const issuer = new DevIssuer(config);
    const pool = sql;
    return { baseUrl, config, sql: pool, tmpRoot, token: (o) => issuer.issue(o), close };
  } catch (err) {
    await close();
    throw err;
  }
}
