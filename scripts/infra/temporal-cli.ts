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
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { acquireLock, findGo, findOnPath, goInstall, isExecutableFile, knelpuntenCacheDir } from './go-install';
import { infraLog } from './log';
import { sleep } from './process';

/** Version built from the Go module proxy. Later tags carry a `replace` directive that `go install` rejects. */
export const TEMPORAL_CLI_GO_VERSION = 'v1.5.1';
const GO_PACKAGE = 'github.com/temporalio/cli/cmd/temporal';
const SDK_DOWNLOAD_TIMEOUT_MS = 20_000;

function cachedBinDir(): string {
  return path.join(knelpuntenCacheDir(), 'bin');
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
    await goInstall(goBin, {
      label: `the Temporal CLI ${TEMPORAL_CLI_GO_VERSION}`,
      packages: [`${GO_PACKAGE}@${TEMPORAL_CLI_GO_VERSION}`],
      binaries: { temporal: target },
      ldflags: `-s -w -X github.com/temporalio/cli/temporalcli.Version=${TEMPORAL_CLI_GO_VERSION.replace(/^v/, '')}`,
      expected: 'several minutes (roughly 5-10 min on 2 cores)',
    });
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
