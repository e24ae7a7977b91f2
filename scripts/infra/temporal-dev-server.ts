/**
 * Runs the Temporal dev server (`temporal server start-dev`, SQLite-backed,
 * in-memory or persisted to a file) as a child process.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { Connection } from '@temporalio/client';
import { infraLog } from './log';
import { canConnect, freePort } from './ports';
import { captureOutput, killOnExit, sleep, stopChild, waitForExit, type OutputTail } from './process';
import { findTemporalCli } from './temporal-cli';
import { SEARCH_ATTRIBUTES, type SearchAttributeTypeName } from './search-attributes';

export { killOnExit } from './process';

export { SEARCH_ATTRIBUTES, type SearchAttributeTypeName } from './search-attributes';

export interface TemporalDevServerHandle {
  /** host:port of the frontend gRPC service, e.g. 127.0.0.1:7233 */
  address: string;
  port: number;
  /** Web UI port; undefined when headless. */
  uiPort?: number;
  stop(): Promise<void>;
}

export interface StartTemporalDevServerOptions {
  /** gRPC port; a free one is picked when omitted. */
  port?: number;
  /** Web UI port; `null` = headless, undefined = gRPC port + 1000 (or a free port if that is taken). */
  uiPort?: number | null;
  /** SQLite file to persist state in; undefined = in-memory. */
  dbFile?: string;
  /** Extra namespace to create; "default" always exists. */
  namespace?: string;
  /** File receiving the server output (appended). Otherwise it is discarded (last lines are kept for errors). */
  logFile?: string;
  /** Search attributes to register; defaults to SEARCH_ATTRIBUTES. */
  searchAttributes?: Record<string, SearchAttributeTypeName>;
}

const READY_TIMEOUT_MS = 60_000;
const STOP_GRACE_MS = 10_000;

function buildArgs(
  port: number,
  uiPort: number | undefined,
  opts: StartTemporalDevServerOptions,
  searchAttributes: Record<string, SearchAttributeTypeName>,
): string[] {
  const args = [
    'server',
    'start-dev',
    '--ip',
    '127.0.0.1',
    '--port',
    String(port),
    '--log-level',
    'warn',
    '--log-format',
    'text',
    // Same dynamic config the SDK's TestWorkflowEnvironment.createLocal passes.
    '--dynamic-config-value',
    'frontend.enableServerVersionCheck=false',
    '--dynamic-config-value',
    'frontend.enableUpdateWorkflowExecution=true',
    '--dynamic-config-value',
    'frontend.enableUpdateWorkflowExecutionAsyncAccepted=true',
  ];
  if (uiPort === undefined) args.push('--headless');
  else args.push('--ui-port', String(uiPort));
  if (opts.dbFile) args.push('--db-filename', opts.dbFile);
  if (opts.namespace && opts.namespace !== 'default') args.push('--namespace', opts.namespace);
  for (const [name, type] of Object.entries(searchAttributes)) {
    args.push('--search-attribute', `${name}=${type}`);
  }
  return args;
}

async function pickUiPort(opts: StartTemporalDevServerOptions, port: number): Promise<number | undefined> {
  if (opts.uiPort === null) return undefined;
  if (opts.uiPort !== undefined) return opts.uiPort;
  const preferred = port + 1000;
  if (preferred <= 65535 && !(await canConnect(preferred))) return preferred;
  return freePort();
}

/** Waits until the frontend answers DescribeNamespace; rejects early when the process dies. */
async function waitUntilReady(child: ReturnType<typeof spawn>, tail: OutputTail, address: string, namespace: string): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  let lastError = '';
  const [host, portText] = address.split(':');
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(
        `Temporal dev server exited during startup (code ${String(child.exitCode)}, signal ${String(child.signalCode)}):\n${tail.text()}`,
      );
    }
    if (await canConnect(Number(portText), host)) {
      let connection: Connection | undefined;
      try {
        connection = await Connection.connect({ address, connectTimeout: 2000 });
        await connection.workflowService.describeNamespace({ namespace });
        return;
      } catch (err) {
        lastError = (err as Error).message;
      } finally {
        await connection?.close().catch(() => undefined);
      }
    }
    await Promise.race([sleep(250), waitForExit(child)]);
  }
  throw new Error(`Temporal dev server did not become ready within ${READY_TIMEOUT_MS} ms (${lastError}):\n${tail.text()}`);
}

function isBindError(tail: OutputTail): boolean {
  return /address already in use|bind: /i.test(tail.text());
}

/**
 * Starts `temporal server start-dev` and resolves once the server answers
 * gRPC requests. The custom search attributes are passed on every start:
 * with a persisted dbFile the CLI skips the ones already registered.
 */
export async function startTemporalDevServer(opts: StartTemporalDevServerOptions = {}): Promise<TemporalDevServerHandle> {
  const started = Date.now();
  const cli = await findTemporalCli();
  const namespace = opts.namespace ?? 'default';
  const searchAttributes = opts.searchAttributes ?? SEARCH_ATTRIBUTES;
  if (opts.port !== undefined && (await canConnect(opts.port))) {
    throw new Error(`Cannot start the Temporal dev server: port ${opts.port} on 127.0.0.1 is already in use`);
  }
  if (opts.dbFile) fs.mkdirSync(path.dirname(path.resolve(opts.dbFile)), { recursive: true });
  if (opts.logFile) fs.mkdirSync(path.dirname(path.resolve(opts.logFile)), { recursive: true });

  for (let attempt = 1; ; attempt++) {
    const port = opts.port ?? (await freePort());
    const uiPort = await pickUiPort(opts, port);
    const address = `127.0.0.1:${port}`;
    const child = spawn(cli, buildArgs(port, uiPort, opts, searchAttributes), {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, NO_COLOR: '1' },
    });
    const { tail, close } = captureOutput(child, opts.logFile);
    killOnExit(child, 'SIGTERM');
    const spawnError = new Promise<never>((_, reject) => child.once('error', reject));
    spawnError.catch(() => undefined);

    try {
      await Promise.race([waitUntilReady(child, tail, address, namespace), spawnError]);
    } catch (err) {
      await stopChild(child, 'SIGTERM', STOP_GRACE_MS);
      close();
      const portsWereOurs = opts.port === undefined && (opts.uiPort === undefined || opts.uiPort === null);
      if (portsWereOurs && attempt < 3 && isBindError(tail)) {
        infraLog(`Temporal dev server could not bind its port(s); retrying with other ports`);
        continue;
      }
      throw err;
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
      `Temporal dev server ready on ${address}` +
        (uiPort !== undefined ? `, UI http://127.0.0.1:${uiPort}` : ' (headless)') +
        (opts.dbFile ? `, db ${opts.dbFile}` : ', in-memory') +
        ` (${Date.now() - started} ms)`,
    );
    return { address, port, uiPort, stop };
  }
}
