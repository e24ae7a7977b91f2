/**
 * Locates (or, as a last resort, builds) the `temporal` CLI, which contains
 * the Temporal dev server (`temporal server start-dev`).
 *
 * Search order:
 *  1. $TEMPORAL_CLI_PATH
 *  2. `temporal` on $PATH
 *  3. our cached build: ${XDG_CACHE_HOME:-~/.cache}/knelpunten/bin/temporal
 *  4. the binary the Temporal TypeScript SDK downloads from temporal.download
 *     (needs internet; already downloaded copies are reused)
 *  5. `go install github.com/temporalio/cli/cmd/temporal@v1.5.1` via the Go
 *     module proxy into the cache directory of step 3 (several minutes).
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { infraLog } from './log';
import { sleep } from './process';

/** Version built from the Go module proxy. Later tags carry a `replace` directive that `go install` rejects. */
export const TEMPORAL_CLI_GO_VERSION = 'v1.5.1';
const GO_PACKAGE = 'github.com/temporalio/cli/cmd/temporal';
const SDK_DOWNLOAD_TIMEOUT_MS = 20_000;
const BUILD_LOCK_STALE_MS = 60 * 60 * 1000;

/** ${XDG_CACHE_HOME:-~/.cache}/knelpunten */
export function knelpuntenCacheDir(): string {
  const base = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
  return path.join(base, 'knelpunten');
}

function cachedBinDir(): string {
  return path.join(knelpuntenCacheDir(), 'bin');
}

function isExecutableFile(file: string): boolean {
  try {
    const st = fs.statSync(file);
    if (!st.isFile()) return false;
    fs.accessSync(file, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function findOnPath(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.join(dir, name);
    if (isExecutableFile(candidate)) return candidate;
  }
  return undefined;
}

/** Sanity check: the binary runs and knows `server start-dev`. */
function looksLikeTemporalCli(file: string): boolean {
  const res = spawnSync(file, ['--version'], { encoding: 'utf8', timeout: 15_000 });
  return res.status === 0 && /temporal version/i.test(res.stdout);
}

// ---------------------------------------------------------------------------
// Step 4: the SDK's own cached download
// ---------------------------------------------------------------------------

function sdkVersion(): string | undefined {
  try {
    const pkgJson = path.join(path.dirname(require.resolve('@temporalio/testing')), '..', 'package.json');
    const parsed = JSON.parse(fs.readFileSync(pkgJson, 'utf8')) as { version?: string };
    return parsed.version;
  } catch {
    return undefined;
  }
}

/**
 * sdk-core (crates/sdk-core/src/ephemeral_server) caches the CLI as
 * `<downloadDir or os.tmpdir()>/temporal-sdk-typescript-<sdkVersion>`.
 */
function sdkDownloadCandidates(version: string): string[] {
  const name = `temporal-sdk-typescript-${version}${process.platform === 'win32' ? '.exe' : ''}`;
  return [path.join(cachedBinDir(), name), path.join(os.tmpdir(), name)];
}

/**
 * The SDK exposes no "download only" API: the download happens inside the
 * native `startEphemeralServer`. So we start (and immediately tear down) a
 * throw-away dev server via TestWorkflowEnvironment.createLocal with the
 * download directory pointing at our cache. Without internet this fails fast
 * (DNS error); a hard timeout guards against hanging connections.
 */
async function trySdkDownload(version: string): Promise<string | undefined> {
  type TestingModule = typeof import('@temporalio/testing');
  let testing: TestingModule;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    testing = require('@temporalio/testing') as TestingModule;
  } catch {
    return undefined; // dev dependency not installed
  }
  const downloadDir = cachedBinDir();
  fs.mkdirSync(downloadDir, { recursive: true });
  infraLog(`trying the Temporal SDK download of the CLI (timeout ${SDK_DOWNLOAD_TIMEOUT_MS / 1000} s)...`);
  const attempt = testing.TestWorkflowEnvironment.createLocal({
    server: { executable: { type: 'cached-download', downloadDir }, ip: '127.0.0.1' },
  });
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), SDK_DOWNLOAD_TIMEOUT_MS);
  });
  try {
    const result = await Promise.race([attempt, timeout]);
    if (result === 'timeout') {
      infraLog('SDK download timed out');
      // If it completes later, shut the server down again.
      attempt.then((env) => env.teardown()).catch(() => undefined);
      return undefined;
    }
    await result.teardown().catch(() => undefined);
  } catch (err) {
    infraLog(`SDK download not possible: ${firstLine((err as Error).message)}`);
    return undefined;
  } finally {
    if (timer) clearTimeout(timer);
  }
  return sdkDownloadCandidates(version).find(isExecutableFile);
}

function firstLine(text: string): string {
  return text.split('\n')[0] ?? text;
}

// ---------------------------------------------------------------------------
// Step 5: go install (with a lock)
// ---------------------------------------------------------------------------

function findGo(): string | undefined {
  return findOnPath('go') ?? ['/usr/local/go/bin/go', '/usr/lib/go/bin/go'].find(isExecutableFile);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Pids of `go install .../cli/cmd/temporal...` processes started outside this module (Linux only). */
function foreignGoBuilds(): number[] {
  const pids: number[] = [];
  let entries: string[];
  try {
    entries = fs.readdirSync('/proc');
  } catch {
    return pids;
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmd = fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
      if (path.basename(cmd[0] ?? '') === 'go' && cmd[1] === 'install' && cmd.some((a) => a.startsWith(GO_PACKAGE))) {
        pids.push(Number(entry));
      }
    } catch {
      // process vanished
    }
  }
  return pids;
}

/**
 * Waits for `go install` runs of the CLI that were not started through this
 * module (e.g. by hand or a provisioning script) and may be writing the
 * cached binary right now. Returns true when it had to wait.
 */
async function waitForForeignGoBuilds(): Promise<boolean> {
  let foreign = foreignGoBuilds();
  if (foreign.length === 0) return false;
  infraLog(`a 'go install ${GO_PACKAGE}' is already running (pid ${foreign.join(', ')}); waiting for it to finish...`);
  while (foreign.length > 0) {
    await sleep(3000);
    foreign = foreignGoBuilds();
  }
  return true;
}

/**
 * Acquires an exclusive lock (a directory created atomically with mkdir).
 * Returns the release function; waits while another live process holds it.
 */
async function acquireLock(lockDir: string, what: string): Promise<() => void> {
  const ownerFile = path.join(lockDir, 'owner');
  let announced = false;
  for (;;) {
    try {
      fs.mkdirSync(lockDir);
      fs.writeFileSync(ownerFile, String(process.pid));
      return () => fs.rmSync(lockDir, { recursive: true, force: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    let owner = NaN;
    let age = 0;
    try {
      owner = Number.parseInt(fs.readFileSync(ownerFile, 'utf8'), 10);
      age = Date.now() - fs.statSync(lockDir).mtimeMs;
    } catch {
      // owner file not written yet (or lock just released)
      age = Date.now() - (fs.statSync(lockDir, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
    }
    const stale = Number.isInteger(owner) ? !isAlive(owner) : age > 10_000;
    if (stale || age > BUILD_LOCK_STALE_MS) {
      infraLog(`removing stale lock ${lockDir}`);
      fs.rmSync(lockDir, { recursive: true, force: true });
      continue;
    }
    if (!announced) {
      infraLog(`waiting for another process (pid ${Number.isNaN(owner) ? '?' : owner}) that is ${what}...`);
      announced = true;
    }
    await sleep(2000);
  }
}

function formatDuration(ms: number): string {
  const s = Math.round(ms / 1000);
  return s >= 60 ? `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s` : `${s}s`;
}

async function goInstall(goBin: string, target: string): Promise<void> {
  const binDir = path.dirname(target);
  const tmpGoBin = fs.mkdtempSync(path.join(binDir, '.build-'));
  const started = Date.now();
  infraLog(
    `building the Temporal CLI ${TEMPORAL_CLI_GO_VERSION} from the Go module proxy into ${binDir}. ` +
      `This takes several minutes on a cold cache (roughly 5-10 min on 2 cores), much less when Go's caches are warm.`,
  );
  const args = [
    'install',
    '-v',
    `-ldflags=-s -w -X github.com/temporalio/cli/temporalcli.Version=${TEMPORAL_CLI_GO_VERSION.replace(/^v/, '')}`,
    `${GO_PACKAGE}@${TEMPORAL_CLI_GO_VERSION}`,
  ];
  const child = spawn(goBin, args, {
    env: { ...process.env, GOBIN: tmpGoBin, GOFLAGS: `${process.env.GOFLAGS ?? ''} -buildvcs=false`.trim() },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let compiled = 0;
  const tail: string[] = [];
  // `go install -v` prints one line per compiled package: count those and
  // print a heartbeat; everything else (downloads, errors) is streamed.
  const rl = readline.createInterface({ input: child.stderr });
  rl.on('line', (line) => {
    tail.push(line);
    if (tail.length > 40) tail.shift();
    if (/^[\w.\-/]+$/.test(line) && !line.startsWith('go:')) compiled++;
    else process.stderr.write(`[infra] [go] ${line}\n`);
  });
  child.stdout.on('data', (d: Buffer) => process.stderr.write(`[infra] [go] ${d.toString()}`));
  const heartbeat = setInterval(() => {
    infraLog(`still building the Temporal CLI: ${compiled} packages compiled, ${formatDuration(Date.now() - started)} elapsed`);
  }, 15_000);
  try {
    const code = await new Promise<number | null>((resolve, reject) => {
      child.once('error', reject);
      child.once('close', (c) => resolve(c));
    });
    if (code !== 0) {
      throw new Error(`go install failed (exit code ${String(code)}):\n${tail.join('\n')}`);
    }
    const built = path.join(tmpGoBin, 'temporal');
    if (!isExecutableFile(built)) throw new Error(`go install did not produce ${built}`);
    fs.renameSync(built, target); // atomic: nobody sees a half-written binary
    infraLog(`built the Temporal CLI in ${formatDuration(Date.now() - started)}: ${target}`);
  } finally {
    clearInterval(heartbeat);
    fs.rmSync(tmpGoBin, { recursive: true, force: true });
  }
}

async function buildWithGo(target: string): Promise<string> {
  const goBin = findGo();
  if (!goBin) {
    throw new Error(
      'The Temporal CLI was not found and Go is not installed to build it. Install the CLI ' +
        '(https://docs.temporal.io/cli) and put it on PATH, or set TEMPORAL_CLI_PATH.',
    );
  }
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const release = await acquireLock(path.join(path.dirname(target), '.temporal-build.lock'), 'building the Temporal CLI');
  try {
    // Someone else may have finished the build while we waited for the lock.
    if (isExecutableFile(target)) return target;
    // A build started by hand (or by a script not using this lock) into the
    // same place: wait for it instead of compiling twice.
    if (await waitForForeignGoBuilds()) {
      if (isExecutableFile(target)) return target;
    }
    await goInstall(goBin, target);
    return target;
  } finally {
    release();
  }
}

// ---------------------------------------------------------------------------
// Public API
// ---------------------------------------------------------------------------

let resolved: Promise<string> | undefined;

/** Returns the absolute path of a working `temporal` CLI binary (see the search order above). */
export function findTemporalCli(): Promise<string> {
  resolved ??= locate().catch((err: unknown) => {
    resolved = undefined;
    throw err;
  });
  return resolved;
}

async function locate(): Promise<string> {
  const fromEnv = process.env.TEMPORAL_CLI_PATH;
  if (fromEnv) {
    if (!isExecutableFile(fromEnv)) throw new Error(`TEMPORAL_CLI_PATH=${fromEnv} is not an executable file`);
    return path.resolve(fromEnv);
  }

  const onPath = findOnPath('temporal');
  if (onPath && looksLikeTemporalCli(onPath)) return onPath;

  const cached = path.join(cachedBinDir(), 'temporal');
  await waitForForeignGoBuilds();
  if (isExecutableFile(cached)) return cached;

  const version = sdkVersion();
  if (version) {
    const existing = sdkDownloadCandidates(version).find(isExecutableFile);
    if (existing) return existing;
    const downloaded = await trySdkDownload(version);
    if (downloaded) return downloaded;
  }

  return buildWithGo(cached);
}
