/**
 * The real Temporal server on PostgreSQL (`TEMPORAL_MODE=server`): the production engine, run locally as one process
 * with its four services (frontend, history, matching, worker).
 *
 *  1. The server and its SQL schema tool are built once from the Go module proxy (pinned version, cached under
 *     ${XDG_CACHE_HOME:-~/.cache}/knelpunten/temporal-server-<version>/, progress printed) together with the
 *     PostgreSQL schema files of that version.
 *  2. The `temporal` and `temporal_visibility` databases are created in the project's PostgreSQL (the embedded one or
 *     DATABASE_URL's server) and migrated with the schema tool (`setup-schema -v 0.0` + `update-schema`, both
 *     idempotent: a restart or an upgrade applies only what is missing).
 *  3. The server starts with a generated config (ports of our own, so it never clashes with a dev server), then the
 *     namespace and the custom search attributes are registered (what auto-setup used to do).
 *  4. `stop()` sends SIGTERM and waits for the server to leave its membership ring.
 */
import { execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { Connection } from '@temporalio/client';
import { Client } from 'pg';
import { acquireLock, findGo, goInstall, isExecutableFile, knelpuntenCacheDir } from './go-install';
import { infraLog } from './log';
import { canConnect, freePortBetween } from './ports';
import { captureOutput, killOnExit, sleep, stopChild, waitForExit, type OutputTail } from './process';
import { ensureNamespace, registerSearchAttributes, SEARCH_ATTRIBUTES } from './search-attributes';
import type { TemporalDevServerHandle } from './temporal-dev-server';

/** Pinned: later tags need a newer Go toolchain than these machines have. docker-compose.yml uses the same version. */
export const TEMPORAL_SERVER_VERSION = 'v1.29.1';
/** History shards of the local server and of docker-compose.yml (fixed for the lifetime of the databases). */
export const TEMPORAL_HISTORY_SHARDS = 4;
const MODULE = 'go.temporal.io/server';
const READY_TIMEOUT_MS = 90_000;
const STOP_GRACE_MS = 20_000;

export interface TemporalServerInstall {
  server: string;
  sqlTool: string;
  /** schema/postgresql/v12 of the server's module: temporal/versioned and visibility/versioned. */
  schemaDir: string;
}

function installDir(): string {
  return path.join(knelpuntenCacheDir(), `temporal-server-${TEMPORAL_SERVER_VERSION.replace(/^v/, '')}`);
}

function installOf(dir: string): TemporalServerInstall {
  return {
    server: path.join(dir, 'temporal-server'),
    sqlTool: path.join(dir, 'temporal-sql-tool'),
    schemaDir: path.join(dir, 'schema', 'postgresql', 'v12'),
  };
}

function complete(install: TemporalServerInstall): boolean {
  return (
    isExecutableFile(install.server) &&
    isExecutableFile(install.sqlTool) &&
    fs.existsSync(path.join(install.schemaDir, 'temporal', 'versioned')) &&
    fs.existsSync(path.join(install.schemaDir, 'visibility', 'versioned'))
  );
}

function run(file: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(file, args, { env, maxBuffer: 16 * 1024 * 1024 }, (err, stdout, stderr) => {
      if (err) reject(new Error(`${path.basename(file)} ${args.join(' ')} failed: ${err.message}\n${stderr}${stdout}`));
      else resolve(stdout);
    });
  });
}

let resolved: Promise<TemporalServerInstall> | undefined;

/** The server, the schema tool and the schema files; built on first use (several minutes once). */
export function findTemporalServer(): Promise<TemporalServerInstall> {
  resolved ??= locate().catch((err: unknown) => {
    resolved = undefined;
    throw err;
  });
  return resolved;
}

async function locate(): Promise<TemporalServerInstall> {
  const dir = installDir();
  const install = installOf(dir);
  if (complete(install)) return install;
  const goBin = findGo();
  if (!goBin) {
    throw new Error(
      `TEMPORAL_MODE=server needs the Temporal server ${TEMPORAL_SERVER_VERSION}, which is built with Go; Go was not found. ` +
        'Install Go, or use TEMPORAL_MODE=dev.',
    );
  }
  fs.mkdirSync(dir, { recursive: true });
  const release = await acquireLock(path.join(dir, '.build.lock'), `building the Temporal server ${TEMPORAL_SERVER_VERSION}`);
  try {
    if (complete(install)) return install;
    await goInstall(goBin, {
      label: `the Temporal server ${TEMPORAL_SERVER_VERSION} and its SQL tool`,
      packages: [`${MODULE}/cmd/server@${TEMPORAL_SERVER_VERSION}`, `${MODULE}/cmd/tools/sql@${TEMPORAL_SERVER_VERSION}`],
      binaries: { server: install.server, sql: install.sqlTool },
      ldflags: '-s -w',
      expected: 'about 5-8 minutes on 2 cores',
    });
    // The schema files come with the module go install just downloaded.
    const modCache = (await run(goBin, ['env', 'GOMODCACHE'])).trim();
    const source = path.join(modCache, `${MODULE}@${TEMPORAL_SERVER_VERSION}`, 'schema', 'postgresql', 'v12');
    const staging = fs.mkdtempSync(path.join(dir, '.schema-'));
    fs.cpSync(source, staging, { recursive: true });
    fs.rmSync(install.schemaDir, { recursive: true, force: true });
    fs.mkdirSync(path.dirname(install.schemaDir), { recursive: true });
    fs.renameSync(staging, install.schemaDir);
    return install;
  } finally {
    release();
  }
}

export interface StartTemporalServerOptions {
  /** The project's PostgreSQL (any database on it): the Temporal databases are created on the same server. */
  databaseUrl: string;
  /** Names of the two databases; default `temporal` and `temporal_visibility`. */
  databases?: { main: string; visibility: string };
  /** Frontend gRPC port; a free one is picked when omitted. */
  port?: number;
  /** Where the generated config goes. */
  rootDir: string;
  /** File receiving the server output (appended). */
  logFile?: string;
  namespace?: string;
  /** History shards (fixed for the lifetime of the databases). */
  historyShards?: number;
}

interface Ports {
  frontend: number;
  frontendHttp: number;
  history: number;
  matching: number;
  worker: number;
  frontendMembership: number;
  historyMembership: number;
  matchingMembership: number;
  workerMembership: number;
  metrics: number;
}

async function pickPorts(frontend: number | undefined): Promise<Ports> {
  const taken = new Set<number>();
  const next = async (): Promise<number> => {
    for (;;) {
      // Below 32768: the membership table stores ports as smallint.
      const port = await freePortBetween(20000, 32000);
      if (!taken.has(port)) {
        taken.add(port);
        return port;
      }
    }
  };
  if (frontend !== undefined) taken.add(frontend);
  return {
    frontend: frontend ?? (await next()),
    frontendHttp: await next(),
    history: await next(),
    matching: await next(),
    worker: await next(),
    frontendMembership: await next(),
    historyMembership: await next(),
    matchingMembership: await next(),
    workerMembership: await next(),
    metrics: await next(),
  };
}

interface Db {
  host: string;
  port: number;
  user: string;
  password: string;
}

function parseDatabaseUrl(url: string): Db {
  const u = new URL(url);
  return {
    host: u.hostname || '127.0.0.1',
    port: Number(u.port || 5432),
    user: decodeURIComponent(u.username),
    password: decodeURIComponent(u.password),
  };
}

/** Creates the two databases when missing (CREATE DATABASE cannot run inside a transaction or with IF NOT EXISTS). */
async function createDatabases(databaseUrl: string, names: string[]): Promise<void> {
  const admin = new URL(databaseUrl);
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    for (const name of names) {
      const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
      if (rowCount) continue;
      try {
        await client.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
      } catch (err) {
        // 42P04 duplicate_database: created by a concurrent start.
        if ((err as { code?: string }).code !== '42P04') throw err;
      }
    }
  } finally {
    await client.end();
  }
}

/**
 * Forgets the members of the server's membership ring. The server started here is the only one on its databases, and
 * no process of it runs at this point, so every row is stale: a stopped or crashed process whose last heartbeat is
 * recent. A new process seeds its ring from those rows and tries to join the dead addresses; on busy cores that took
 * longer than `maxJoinDuration` once (seen in a benchmark run after the restart below), and the server then exits
 * with "failed to start ringpop" while its services answer "Not enough hosts to serve the request".
 */
async function forgetMembers(databaseUrl: string, database: string): Promise<void> {
  const url = new URL(databaseUrl);
  url.pathname = `/${database}`;
  const client = new Client({ connectionString: url.toString() });
  await client.connect();
  try {
    await client.query('DELETE FROM cluster_membership');
  } finally {
    await client.end();
  }
}

async function migrate(install: TemporalServerInstall, db: Db, database: string, kind: 'temporal' | 'visibility'): Promise<void> {
  const common = ['--plugin', 'postgres12', '--ep', db.host, '-p', String(db.port), '-u', db.user, '--db', database];
  const env = { ...process.env, SQL_PASSWORD: db.password };
  await run(install.sqlTool, [...common, 'setup-schema', '-v', '0.0'], env);
  await run(install.sqlTool, [...common, 'update-schema', '-d', path.join(install.schemaDir, kind, 'versioned')], env);
}

function datastore(db: Db, database: string, maxConns: number): unknown {
  return {
    sql: {
      pluginName: 'postgres12',
      databaseName: database,
      connectAddr: `${db.host}:${db.port}`,
      connectProtocol: 'tcp',
      user: db.user,
      password: db.password,
      maxConns,
      maxIdleConns: maxConns,
      maxConnLifetime: '1h',
    },
  };
}

/**
 * The server config (JSON is YAML). `global.pprof` is left out (no pprof port); metrics on a port of our own;
 * everything on 127.0.0.1.
 */
function serverConfig(
  ports: Ports,
  db: Db,
  databases: { main: string; visibility: string },
  shards: number,
  dynamicConfigFile: string,
): unknown {
  const rpc = (grpcPort: number, membershipPort: number, httpPort?: number): unknown => ({
    rpc: { grpcPort, membershipPort, bindOnLocalHost: true, ...(httpPort ? { httpPort } : {}) },
  });
  return {
    log: { stdout: true, level: 'warn', format: 'console' },
    persistence: {
      defaultStore: 'default',
      visibilityStore: 'visibility',
      numHistoryShards: shards,
      datastores: { default: datastore(db, databases.main, 20), visibility: datastore(db, databases.visibility, 4) },
    },
    global: {
      membership: { maxJoinDuration: '30s', broadcastAddress: '127.0.0.1' },
      metrics: { prometheus: { framework: 'tally', timerType: 'histogram', listenAddress: `127.0.0.1:${ports.metrics}` } },
    },
    services: {
      frontend: rpc(ports.frontend, ports.frontendMembership, ports.frontendHttp),
      history: rpc(ports.history, ports.historyMembership),
      matching: rpc(ports.matching, ports.matchingMembership),
      worker: rpc(ports.worker, ports.workerMembership),
    },
    clusterMetadata: {
      enableGlobalNamespace: false,
      failoverVersionIncrement: 10,
      masterClusterName: 'active',
      currentClusterName: 'active',
      clusterInformation: {
        active: { enabled: true, initialFailoverVersion: 1, rpcName: 'frontend', rpcAddress: `127.0.0.1:${ports.frontend}` },
      },
    },
    dcRedirectionPolicy: { policy: 'noop' },
    dynamicConfigClient: { filepath: dynamicConfigFile, pollInterval: '10s' },
  };
}

/** The dynamic config, shared with docker-compose.yml; found from the sources (scripts/infra) and from dist. */
export const DYNAMIC_CONFIG_FILE =
  [path.resolve(__dirname, '..', '..'), path.resolve(__dirname, '..', '..', '..')]
    .map((root) => path.join(root, 'deploy', 'temporal', 'dynamicconfig.yaml'))
    .find((file) => fs.existsSync(file)) ?? path.resolve('deploy', 'temporal', 'dynamicconfig.yaml');

/**
 * The frontend answers before the history service has joined its membership ring; until then a workflow start fails
 * with UNAVAILABLE "Not enough hosts to serve the request". A describe of a workflow that does not exist goes to the
 * history service: NOT_FOUND means it serves.
 */
async function historyServes(connection: Connection, namespace: string): Promise<void> {
  try {
    await connection.workflowService.describeWorkflowExecution({ namespace, execution: { workflowId: 'kp-readiness-probe' } });
  } catch (err) {
    if ((err as { code?: number }).code === 5) return; // NOT_FOUND: the history service answered
    throw err;
  }
}

/**
 * Waits until the server answers, registers the namespace and the search attributes; resolves with whether it had to
 * create any of them (then the running services still hold caches without them, see startTemporalServer).
 */
async function waitUntilReady(child: ReturnType<typeof spawn>, tail: OutputTail, address: string, namespace: string): Promise<boolean> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  const port = Number(address.split(':')[1]);
  let lastError = '';
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`Temporal server exited during startup (code ${String(child.exitCode)}):\n${tail.text()}`);
    }
    if (await canConnect(port)) {
      let connection: Connection | undefined;
      try {
        connection = await Connection.connect({ address, connectTimeout: 2000 });
        const createdNamespace = await ensureNamespace(connection, namespace);
        const addedAttributes = await registerSearchAttributes(connection, namespace, SEARCH_ATTRIBUTES);
        await connection.workflowService.describeNamespace({ namespace });
        await historyServes(connection, namespace);
        return createdNamespace || addedAttributes;
      } catch (err) {
        lastError = (err as Error).message;
      } finally {
        await connection?.close().catch(() => undefined);
      }
    }
    await Promise.race([sleep(300), waitForExit(child)]);
  }
  throw new Error(`Temporal server did not become ready within ${READY_TIMEOUT_MS} ms (${lastError}):\n${tail.text()}`);
}

/** Starts the Temporal server on PostgreSQL; resolves once the namespace and search attributes are registered. */
export async function startTemporalServer(opts: StartTemporalServerOptions): Promise<TemporalDevServerHandle> {
  const started = Date.now();
  const install = await findTemporalServer();
  const namespace = opts.namespace ?? 'default';
  const databases = opts.databases ?? { main: 'temporal', visibility: 'temporal_visibility' };
  const db = parseDatabaseUrl(opts.databaseUrl);
  if (opts.port !== undefined && (await canConnect(opts.port))) {
    throw new Error(`Cannot start the Temporal server: port ${opts.port} on 127.0.0.1 is already in use`);
  }
  await createDatabases(opts.databaseUrl, [databases.main, databases.visibility]);
  await migrate(install, db, databases.main, 'temporal');
  await migrate(install, db, databases.visibility, 'visibility');
  const configDir = path.join(opts.rootDir, 'config');
  fs.mkdirSync(path.join(configDir, 'dynamicconfig'), { recursive: true });
  const dynamicConfigFile = path.resolve(configDir, 'dynamicconfig', 'development.yaml');
  fs.copyFileSync(DYNAMIC_CONFIG_FILE, dynamicConfigFile);
  if (opts.logFile) fs.mkdirSync(path.dirname(path.resolve(opts.logFile)), { recursive: true });

  let restartedAfterSetup = false;
  for (let attempt = 1; ; attempt++) {
    await forgetMembers(opts.databaseUrl, databases.main);
    const ports = await pickPorts(opts.port);
    // The password of the database is in this file: readable by its owner only.
    const configFile = path.join(configDir, 'development.yaml');
    fs.writeFileSync(
      configFile,
      JSON.stringify(serverConfig(ports, db, databases, opts.historyShards ?? TEMPORAL_HISTORY_SHARDS, dynamicConfigFile), null, 2),
      {
        mode: 0o600,
      },
    );
    fs.chmodSync(configFile, 0o600);
    const address = `127.0.0.1:${ports.frontend}`;
    const child = spawn(
      install.server,
      ['--root', opts.rootDir, '--config', 'config', '--env', 'development', '--allow-no-auth', 'start'],
      {
        cwd: opts.rootDir,
        stdio: ['ignore', 'pipe', 'pipe'],
        env: { ...process.env, NO_COLOR: '1' },
      },
    );
    const { tail, close } = captureOutput(child, opts.logFile);
    killOnExit(child, 'SIGTERM');
    const spawnError = new Promise<never>((_, reject) => child.once('error', reject));
    spawnError.catch(() => undefined);
    let created: boolean;
    try {
      created = await Promise.race([waitUntilReady(child, tail, address, namespace), spawnError]);
    } catch (err) {
      await stopChild(child, 'SIGTERM', STOP_GRACE_MS);
      close();
      if (attempt < 3 && /address already in use|bind: /i.test(tail.text())) {
        infraLog('Temporal server could not bind its port(s); retrying with other ports');
        continue;
      }
      throw err;
    }
    if (created && !restartedAfterSetup) {
      // A namespace or search attribute created just now is not yet in every service's cache (the search attributes
      // are cached for 60 s, the namespaces for 10 s). Production does not force a re-read on every request (the
      // dynamic config's `system.forceSearchAttributesCacheRefreshOnRead` costs a database read and a global lock
      // per start and per upsert); a restart loads both from the database instead, once, on fresh databases.
      infraLog('Temporal server: namespace/search attributes created; restarting it so that every service loads them');
      await stopChild(child, 'SIGTERM', STOP_GRACE_MS);
      close();
      restartedAfterSetup = true;
      attempt = 0;
      continue;
    }
    let stopping: Promise<void> | undefined;
    const stop = (): Promise<void> => {
      stopping ??= (async () => {
        await stopChild(child, 'SIGTERM', STOP_GRACE_MS);
        close();
      })();
      return stopping;
    };
    infraLog(
      `Temporal server ${TEMPORAL_SERVER_VERSION} ready on ${address} (PostgreSQL ${db.host}:${db.port}, databases ` +
        `${databases.main} + ${databases.visibility}) in ${Date.now() - started} ms`,
    );
    return { address, port: ports.frontend, stop };
  }
}
