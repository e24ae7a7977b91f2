/**
 * The system under test, assembled like `npm run up` but throwaway.
 *
 * `startBenchInfra` starts what every mode shares: one embedded PostgreSQL in a temporary directory (durable defaults,
 * fsync on, as in production — not the test suite's fsync=off) and the product's workflow bundle.
 * `startBenchSystem(infra, mode)` then starts, for one Temporal mode, the engine (`server`: the real Temporal server
 * v1.29.1 on that PostgreSQL; `dev`: the CLI dev server, in memory), a product database of its own
 * (`knelpunten_bench_<mode>`, migrated and seeded, so that no knelpunt points at a workflow of the other engine), the
 * API on 127.0.0.1 on a free port in this process, and the worker the way production runs it: `apps/worker`'s built
 * entry point in a process of its own, configured through its environment (the same values as the API). Its
 * `close()` stops worker, API and engine; `infra.close()` stops PostgreSQL and removes the directory.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { Client, Pool } from 'pg';
import { PRODUCTION_WORKER_ENV } from '../../apps/worker/src/production-defaults';
import { DataSource } from 'typeorm';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { bundleWorkflowCode, DefaultLogger, Runtime } from '@temporalio/worker';
import { startEmbeddedPostgres, type PostgresHandle } from '../infra/postgres';
import { startTemporal, type TemporalMode } from '../infra/temporal';
import type { TemporalDevServerHandle } from '../infra/temporal-dev-server';
import { dataSourceOptions, runMigrations } from '../../libs/shared/src/database/data-source';
import { seedReferenceData } from '../../libs/referentie/src/seed/seed-reference-data';
import { AppConfig, loadConfig } from '../../libs/shared/src/config';
import { createApiApp } from '../../apps/api/src/bootstrap';
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
  /** The worker's process (apps/worker), for its CPU and memory from /proc. */
  workerPid: number;
  /** What the worker's environment adds to the shared configuration (e.g. WORKER_MAX_CACHED_WORKFLOWS). */
  workerEnv: Record<string, string>;
  /**
   * Stops the worker (gracefully: its sticky queue is handed back) and starts it again with `env` as what its
   * environment adds to the shared configuration (replacing `workerEnv`), as an operator resizes it; `workerPid` and
   * `workerEnv` follow.
   */
  restartWorker(env: Record<string, string>): Promise<void>;
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

export interface BenchSystemOptions {
  /** Added to the worker's environment only (e.g. WORKER_MAX_CACHED_WORKFLOWS and NODE_OPTIONS for its heap). */
  workerEnv?: Record<string, string>;
}

/** The built worker entry point beside this file's build (dist/ or another outDir of the same layout). */
const WORKER_MAIN = join(__dirname, '../../apps/worker/src/main.js');
const WORKER_READY = /Temporal-worker draait op taakwachtrij/;

/** Starts apps/worker in a process of its own and resolves when its worker polls; its output goes to `logFile`. */
async function startWorkerProcess(env: Record<string, string>, logFile: string, timeoutMs = 120_000): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--enable-source-maps', WORKER_MAIN], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // A bench that ends without close() (the watchdog's hard exit) must not leave the worker polling.
  const orphan = (): void => void child.kill('SIGKILL');
  process.once('exit', orphan);
  child.once('exit', () => process.off('exit', orphan));
  const out = createWriteStream(logFile, { flags: 'a' });
  child.stdout?.pipe(out, { end: false });
  child.stderr?.pipe(out, { end: false });
  await new Promise<void>((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(
      () => done(new Error(`the worker process did not start polling within ${timeoutMs / 1000} s (see ${logFile})`)),
      timeoutMs,
    );
    const onData = (chunk: Buffer): void => {
      seen = (seen + chunk.toString()).slice(-4096);
      if (WORKER_READY.test(seen)) done();
    };
    const onExit = (code: number | null): void =>
      done(new Error(`the worker process ended (exit ${code}) before polling: ${seen.slice(-1000)}`));
    const done = (err?: Error): void => {
      clearTimeout(timer);
      child.stdout?.off('data', onData);
      child.off('exit', onExit);
      if (err) {
        child.kill('SIGKILL');
        reject(err);
      } else resolve();
    };
    child.stdout?.on('data', onData);
    child.once('exit', onExit);
  });
  return child;
}

/** SIGTERM (the worker drains: Nest's shutdown hooks), SIGKILL when it has not ended after `graceMs`. */
async function stopWorkerProcess(child: ChildProcess, graceMs = 20_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}

export async function startBenchSystem(
  infra: BenchInfra,
  mode: TemporalMode,
  log: Log,
  options: BenchSystemOptions = {},
): Promise<BenchSystem> {
  const dir = join(infra.tmpRoot, mode);
  mkdirSync(dir, { recursive: true });
  let temporal: TemporalDevServerHandle | undefined;
  let sql: Pool | undefined;
  let api: NestFastifyApplication | undefined;
  let worker: ChildProcess | undefined;
  // The worker runs as production runs it: Compose's defaults first, then what the run adds.
  const workerEnv = { ...PRODUCTION_WORKER_ENV, ...options.workerEnv };

  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing ??= (async () => {
      if (worker) await stopWorkerProcess(worker).catch(() => undefined);
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

    const env: Record<string, string> = {
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
    };
    const config = loadConfig(env);
    sql = new Pool({ connectionString: databaseUrl, max: 4, application_name: 'knelpunten-bench' });
    sql.on('error', () => undefined);

    worker = await startWorkerProcess({ ...env, ...workerEnv }, join(dir, 'worker.log'));
    const workerPid = worker.pid ?? 0;
    api = await createApiApp(config, { logger: ['error', 'warn'] });
    await api.listen({ port: 0, host: '127.0.0.1' });
    const address = api.getHttpServer().address() as AddressInfo;
    const origin = `http://127.0.0.1:${address.port}`;
    const baseUrl = `${origin}/api/v1`;
    const startMs = Date.now() - started;
    const extra = Object.keys(workerEnv).length
      ? ` with ${Object.entries(workerEnv)
          .map(([k, v]) => `${k}=${v}`)
          .join(' ')}`
      : '';
    log(
      `[${mode}] API on ${baseUrl}, worker process ${workerPid}${extra} on task queue '${config.TEMPORAL_TASK_QUEUE}' (${startMs} ms after start)`,
    );

    const issuer = new DevIssuer(config);
    const pool = sql;
    const system: BenchSystem = {
      mode,
      baseUrl,
      origin,
      config,
      databaseUrl,
      temporalAddress: temporal.address,
      sql: pool,
      tmpRoot: dir,
      startMs,
      workerPid,
      workerEnv,
      restartWorker: async (added) => {
        if (worker) await stopWorkerProcess(worker);
        worker = undefined;
        const next = { ...added };
        worker = await startWorkerProcess({ ...env, ...next }, join(dir, 'worker.log'));
        system.workerPid = worker.pid ?? 0;
        system.workerEnv = next;
        log(
          `[${mode}] worker restarted as process ${system.workerPid} with ${Object.entries(next)
            .map(([k, v]) => `${k}=${v}`)
            .join(' ')}`,
        );
      },
      token: (o) => issuer.issue(o),
      close,
    };
    return system;
  } catch (err) {
    await close();
    throw err;
  }
}
