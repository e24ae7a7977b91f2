/**
 * Builds Go programs from the Go module proxy into our cache directory, once: `go install` with a lock (a second
 * process waits instead of compiling twice), a heartbeat while it compiles, and an atomic move of each binary into
 * place so nobody ever runs a half-written file. Used for the Temporal CLI (dev server) and the Temporal server.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { infraLog } from './log';
import { sleep } from './process';

const BUILD_LOCK_STALE_MS = 60 * 60 * 1000;

/** ${XDG_CACHE_HOME:-~/.cache}/knelpunten */
export function knelpuntenCacheDir(): string {
  const base = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
  return path.join(base, 'knelpunten');
}

export function isExecutableFile(file: string): boolean {
  try {
    const st = fs.statSync(file);
    if (!st.isFile()) return false;
    fs.accessSync(file, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

export function findOnPath(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.join(dir, name);
    if (isExecutableFile(candidate)) return candidate;
  }
  return undefined;
}

export function findGo(): string | undefined {
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

/**
 * Acquires an exclusive lock (a directory created atomically with mkdir).
 * Returns the release function; waits while another live process holds it.
 */
export async function acquireLock(lockDir: string, what: string): Promise<() => void> {
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

export function formatDuration(ms: number): string {
  const s = Math.round(ms / 1000);
  return s >= 60 ? `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s` : `${s}s`;
}

export interface GoInstallOptions {
  /** What is built, for the progress lines ("the Temporal CLI v1.5.1"). */
  label: string;
  /** `module/path/cmd/x@version`, all of one module version. */
  packages: string[];
  /** Binary name as `go install` writes it → where it goes. */
  binaries: Record<string, string>;
  ldflags?: string;
  /** How long a cold build takes, for the first progress line. */
  expected: string;
}

/** `go install -v` into a temporary GOBIN, then each binary moved into place atomically. */
export async function goInstall(goBin: string, opts: GoInstallOptions): Promise<void> {
  const targets = Object.values(opts.binaries);
  const binDir = path.dirname(targets[0]!);
  fs.mkdirSync(binDir, { recursive: true });
  const tmpGoBin = fs.mkdtempSync(path.join(binDir, '.build-'));
  const started = Date.now();
  infraLog(
    `building ${opts.label} from the Go module proxy into ${binDir}. ` +
      `This takes ${opts.expected} on a cold cache, much less when Go's caches are warm.`,
  );
  const args = ['install', '-v', ...(opts.ldflags ? [`-ldflags=${opts.ldflags}`] : []), ...opts.packages];
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
    infraLog(`still building ${opts.label}: ${compiled} packages compiled, ${formatDuration(Date.now() - started)} elapsed`);
  }, 15_000);
  try {
    const code = await new Promise<number | null>((resolve, reject) => {
      child.once('error', reject);
      child.once('close', (c) => resolve(c));
    });
    if (code !== 0) {
      throw new Error(`go install failed (exit code ${String(code)}):\n${tail.join('\n')}`);
    }
    for (const [name, target] of Object.entries(opts.binaries)) {
      const built = path.join(tmpGoBin, name);
      if (!isExecutableFile(built)) throw new Error(`go install did not produce ${built}`);
      fs.renameSync(built, target); // atomic: nobody sees a half-written binary
    }
    infraLog(`built ${opts.label} in ${formatDuration(Date.now() - started)}: ${targets.join(', ')}`);
  } finally {
    clearInterval(heartbeat);
    fs.rmSync(tmpGoBin, { recursive: true, force: true });
  }
}
