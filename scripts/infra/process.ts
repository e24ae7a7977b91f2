import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';

/** Children that must not outlive this process, with the signal to send them. */
const tracked = new Map<ChildProcess, NodeJS.Signals>();
let exitHookInstalled = false;

function isRunning(child: ChildProcess): boolean {
  return child.exitCode === null && child.signalCode === null && child.pid !== undefined;
}

function onProcessExit(): void {
  // Only synchronous work is possible here: fire the signals and let the
  // children shut down on their own (postgres finishes a fast shutdown,
  // temporal exits on SIGTERM).
  for (const [child, signal] of tracked) {
    if (isRunning(child)) {
      try {
        child.kill(signal);
      } catch {
        // already gone
      }
    }
  }
}

/**
 * Makes sure `child` does not outlive the current process.
 *
 * Two mechanisms are used:
 *  1. a `process.on('exit')` hook that signals the child on a normal exit
 *     (including `process.exit()` and uncaught exceptions);
 *  2. a tiny detached shell watchdog that signals the child when this process
 *     disappears without running exit hooks (SIGKILL, a SIGTERM without
 *     handler, a crashed jest worker, ...).
 *
 * Returns a function that removes the registration (called automatically when
 * the child exits).
 */
export function killOnExit(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): () => void {
  if (!exitHookInstalled) {
    process.on('exit', onProcessExit);
    exitHookInstalled = true;
  }
  tracked.set(child, signal);

  let watchdog: ChildProcess | undefined;
  if (child.pid !== undefined && process.platform !== 'win32') {
    const script =
      `while kill -0 ${process.pid} 2>/dev/null && kill -0 ${child.pid} 2>/dev/null; do sleep 1; done; ` +
      `kill -0 ${process.pid} 2>/dev/null || kill -${signal.replace(/^SIG/, '')} ${child.pid} 2>/dev/null; exit 0`;
    try {
      watchdog = spawn('/bin/sh', ['-c', script], { stdio: 'ignore', detached: true });
      watchdog.on('error', () => undefined);
      watchdog.unref();
    } catch {
      watchdog = undefined;
    }
  }

  const unregister = (): void => {
    tracked.delete(child);
    if (watchdog && isRunning(watchdog)) {
      try {
        watchdog.kill('SIGKILL');
      } catch {
        // ignore
      }
    }
    watchdog = undefined;
  };
  child.once('exit', unregister);
  return unregister;
}

/** Resolves when the child has exited (immediately if it already has). */
export function waitForExit(child: ChildProcess, timeoutMs?: number): Promise<boolean> {
  if (!isRunning(child)) return Promise.resolve(true);
  return new Promise<boolean>((resolve) => {
    let timer: NodeJS.Timeout | undefined;
    const onExit = (): void => {
      if (timer) clearTimeout(timer);
      resolve(true);
    };
    child.once('exit', onExit);
    if (timeoutMs !== undefined) {
      timer = setTimeout(() => {
        child.removeListener('exit', onExit);
        resolve(false);
      }, timeoutMs);
    }
  });
}

/**
 * Stops a child gracefully: sends `signal`, waits `graceMs`, then escalates
 * (optionally via `secondSignal`) to SIGKILL.
 */
export async function stopChild(
  child: ChildProcess,
  signal: NodeJS.Signals,
  graceMs: number,
  secondSignal?: NodeJS.Signals,
): Promise<void> {
  if (!isRunning(child)) return;
  child.kill(signal);
  if (await waitForExit(child, graceMs)) return;
  if (secondSignal) {
    child.kill(secondSignal);
    if (await waitForExit(child, 5000)) return;
  }
  child.kill('SIGKILL');
  await waitForExit(child, 5000);
}

/** Keeps the last N lines of a child's output for error messages. */
export class OutputTail {
  private readonly lines: string[] = [];
  private partial = '';

  constructor(private readonly max = 60) {}

  push(chunk: Buffer | string): void {
    const text = this.partial + chunk.toString();
    const parts = text.split('\n');
    this.partial = parts.pop() ?? '';
    for (const line of parts) {
      this.lines.push(line);
      if (this.lines.length > this.max) this.lines.shift();
    }
  }

  text(): string {
    return [...this.lines, this.partial].filter((l) => l.length > 0).join('\n');
  }
}

/** Pipes stdout/stderr of `child` into an OutputTail and an optional log file. */
export function captureOutput(child: ChildProcess, logFile?: string): { tail: OutputTail; close(): void } {
  const tail = new OutputTail();
  const stream = logFile ? fs.createWriteStream(logFile, { flags: 'a' }) : undefined;
  stream?.on('error', () => undefined);
  const onData = (chunk: Buffer): void => {
    tail.push(chunk);
    stream?.write(chunk);
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);
  return {
    tail,
    close: () => {
      stream?.end();
    },
  };
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
