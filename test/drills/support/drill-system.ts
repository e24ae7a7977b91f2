/**
 * The drill harness: the API and the worker as real child processes (so a drill can SIGKILL them), started from
 * the TypeScript sources through test/drills/support/register.js, on free ports, with their own database (cloned
 * from the migrated template, or given) and their own task queue on a real Temporal server.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { randomUUID } from 'node:crypto';
import { Client as PgClient } from 'pg';
import { Client as TemporalClient, Connection } from '@temporalio/client';
import { loadConfig } from '../../../libs/shared/src/config';
import { DevIssuer } from '../../../libs/toegang/src/dev-issuer';
import { freePort } from '../../../scripts/infra/ports';
import { killOnExit, stopChild, waitForExit } from '../../../scripts/infra/process';
import { createTestDatabase, eventually, type TokenRequest } from '../../support/test-system';

const ROOT = resolve(__dirname, '..', '..', '..');
const REGISTER = join(__dirname, 'register.js');

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** A duration from the environment (milliseconds), for the slow variants of the drills. */
export function envMs(name: string, fallback: number): number {
  const raw = process.env[name];
  const n = raw === undefined ? NaN : Number(raw);
  return Number.isFinite(n) && n >= 0 ? n : fallback;
}

export interface HttpResult {
  status: number;
  body: any;
  headers: Headers;
  text: string;
  ms: number;
}

/** One of the system's processes (the API or the worker). */
export class SystemProcess {
  private exited = false;

  constructor(
    readonly name: string,
    readonly child: ChildProcess,
    readonly logFile: string,
    readonly baseUrl?: string,
  ) {
    child.once('exit', () => {
      this.exited = true;
    });
  }

  get running(): boolean {
    return !this.exited;
  }

  /** The last lines of its output (for failure messages). */
  log(lines = 40): string {
    try {
      return readFileSync(this.logFile, 'utf8').split('\n').slice(-lines).join('\n');
    } catch {
      return '';
    }
  }

  /** SIGKILL: no shutdown hooks, no draining, as a crash or an OOM kill. */
  async kill(): Promise<void> {
    if (!this.running) return;
    this.child.kill('SIGKILL');
    await waitForExit(this.child, 10_000);
  }

  /** A graceful stop (SIGTERM, then SIGKILL after 15 s). */
  async stop(): Promise<void> {
    await stopChild(this.child, 'SIGTERM', 15_000);
  }
}

export interface DrillSystemOptions {
  /** An existing database (e.g. on the drill's own PostgreSQL); otherwise a clone of the migrated template. */
  databaseUrl?: string;
  /** Temporal frontend; default the one of the global setup. */
  temporalAddress?: string;
  env?: Record<string, string>;
}

/** Everything a drill needs: configuration, processes, tokens, HTTP, SQL, Temporal and reconcile. */
export class DrillSystem {
  readonly processes: SystemProcess[] = [];
  private readonly issuer: DevIssuer;
  private pg: PgClient | null = null;
  private temporalClients: TemporalClient[] = [];

  private constructor(
    readonly env: Record<string, string>,
    readonly dataDir: string,
  ) {
    this.issuer = new DevIssuer(loadConfig(env));
  }

  static async create(options: DrillSystemOptions = {}): Promise<DrillSystem> {
    const bundle = process.env.KP_TEST_WORKFLOW_BUNDLE;
    const temporalAddress = options.temporalAddress ?? process.env.KP_TEST_TEMPORAL_ADDRESS;
    if (!bundle || !temporalAddress) throw new Error('global setup did not run (KP_TEST_WORKFLOW_BUNDLE missing)');
    const databaseUrl = options.databaseUrl ?? (await createTestDatabase());
    const dataDir = mkdtempSync(join(tmpdir(), 'kp-drill-'));
    const env: Record<string, string> = {
      NODE_ENV: 'test',
      DATABASE_URL: databaseUrl,
      TEMPORAL_ADDRESS: temporalAddress,
      TEMPORAL_TASK_QUEUE: `knelpunten-drill-${randomUUID()}`,
      WORKFLOW_BUNDLE_PATH: bundle,
      DATA_DIR: dataDir,
      AUTH_MODE: 'dev',
      MAIL_TRANSPORT: 'file',
      RUN_MIGRATIONS: 'false',
      OUTBOX_INTERVAL_MS: '500',
      RATE_LIMIT_PER_MINUTE: '100000',
      ...options.env,
    };
    return new DrillSystem(env, dataDir);
  }

  get api(): SystemProcess {
    const api = [...this.processes].reverse().find((p) => p.name.startsWith('api') && p.running);
    if (!api) throw new Error('no API process runs');
    return api;
  }

  private spawnTs(name: string, entry: string, env: Record<string, string>, baseUrl?: string): SystemProcess {
    const logFile = join(this.dataDir, `${name}.log`);
    appendFileSync(logFile, `--- ${new Date().toISOString()} start ${name}\n`);
    // Only what the system needs from this environment: nothing of jest's own configuration leaks in.
    const base: Record<string, string> = { NO_COLOR: '1' };
    for (const key of ['PATH', 'HOME', 'TMPDIR', 'LANG', 'TZ']) if (process.env[key]) base[key] = process.env[key]!;
    const child = spawn(process.execPath, ['--enable-source-maps', '-r', REGISTER, join(ROOT, entry)], {
      cwd: ROOT,
      env: { ...base, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const write = (chunk: Buffer): void => appendFileSync(logFile, chunk);
    child.stdout?.on('data', write);
    child.stderr?.on('data', write);
    killOnExit(child, 'SIGKILL');
    const proc = new SystemProcess(name, child, logFile, baseUrl);
    this.processes.push(proc);
    return proc;
  }

  /** Starts an API process and waits until it answers /health (any status: degraded is fine). */
  async startApi(overrides: Record<string, string> = {}): Promise<SystemProcess> {
    const port = await freePort();
    const baseUrl = `http://127.0.0.1:${port}`;
    const n = this.processes.filter((p) => p.name.startsWith('api')).length + 1;
    const proc = this.spawnTs(
      `api-${n}`,
      'apps/api/src/main.ts',
      { ...this.env, PORT: String(port), HOST: '127.0.0.1', ...overrides },
      baseUrl,
    );
    await eventually(
      async () => {
        if (!proc.running) throw new Error(`API exited:\n${proc.log()}`);
        const res = await fetch(`${baseUrl}/api/v1/health`, { signal: AbortSignal.timeout(5000) });
        return res.status > 0;
      },
      90_000,
      `API ${proc.name} up`,
    ).catch((err: unknown) => {
      throw new Error(`${String(err)}\n${proc.log()}`);
    });
    return proc;
  }

  /** Starts a worker process and waits until it polls its task queue. */
  async startWorker(overrides: Record<string, string> = {}): Promise<SystemProcess> {
    const n = this.processes.filter((p) => p.name.startsWith('worker')).length + 1;
    const proc = this.spawnTs(`worker-${n}`, 'apps/worker/src/main.ts', { ...this.env, ...overrides });
    await eventually(
      async () => {
        if (!proc.running) throw new Error(`worker exited:\n${proc.log()}`);
        return /Temporal-worker draait/.test(proc.log(400));
      },
      90_000,
      `worker ${proc.name} up`,
    ).catch((err: unknown) => {
      throw new Error(`${String(err)}\n${proc.log()}`);
    });
    return proc;
  }

  /** Stops every running API process gracefully. */
  async stopApis(): Promise<void> {
    for (const p of this.processes) if (p.name.startsWith('api') && p.running) await p.stop();
  }

  token(req: TokenRequest): Promise<string> {
    return this.issuer.issue(req);
  }

  /** An HTTP call to the newest running API (or `baseUrl`), with a client timeout (never waits forever). */
  async request(
    method: 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH',
    path: string,
    opts: { token?: string; body?: unknown; headers?: Record<string, string>; timeoutMs?: number; baseUrl?: string } = {},
  ): Promise<HttpResult> {
    const headers: Record<string, string> = { ...(opts.headers ?? {}) };
    if (opts.token) headers['authorization'] = `Bearer ${opts.token}`;
    let payload: string | undefined;
    if (opts.body !== undefined) {
      payload = JSON.stringify(opts.body);
      headers['content-type'] ??= 'application/json';
    }
    const started = Date.now();
    const res = await fetch(`${opts.baseUrl ?? this.api.baseUrl}${path}`, {
      method,
      headers,
      body: payload,
      signal: AbortSignal.timeout(opts.timeoutMs ?? 30_000),
    });
    const text = await res.text();
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON
    }
    return { status: res.status, body, headers: res.headers, text, ms: Date.now() - started };
  }

  /** A SQL client on the system's database (reconnects when the server went away). */
  async sql<T = any>(query: string, params: unknown[] = []): Promise<T[]> {
    if (!this.pg) {
      const client = new PgClient({ connectionString: this.env.DATABASE_URL, connectionTimeoutMillis: 5000 });
      client.on('error', () => {
        if (this.pg === client) this.pg = null;
      });
      await client.connect();
      this.pg = client;
    }
    try {
      return (await this.pg.query(query, params)).rows as T[];
    } catch (err) {
      await this.pg?.end().catch(() => undefined);
      this.pg = null;
      throw err;
    }
  }

  async temporal(): Promise<TemporalClient> {
    const client = new TemporalClient({ connection: await Connection.connect({ address: this.env.TEMPORAL_ADDRESS! }) });
    this.temporalClients.push(client);
    return client;
  }

  /**
   * For a failure message: the workflow's own state (query) and its history, written next to the process logs
   * (kept with DRILL_KEEP_LOGS=1). Returns a one-line summary.
   */
  async dumpWorkflow(workflowId: string): Promise<string> {
    try {
      const handle = (await this.temporal()).workflow.getHandle(workflowId);
      const [description, state, history] = await Promise.all([
        handle.describe(),
        handle.query<{ status?: string; version?: number }>('toestand').catch((err: unknown) => ({ error: String(err) })),
        handle.fetchHistory(),
      ]);
      const file = join(this.dataDir, `${workflowId}.json`);
      appendFileSync(file, JSON.stringify({ state, history }, null, 1));
      return `${workflowId}: ${description.status.name}, ${description.historyLength} events, state ${JSON.stringify(state).slice(0, 200)} (${file})`;
    } catch (err) {
      return `${workflowId}: ${String(err)}`;
    }
  }

  /** Contract 3: the reconcile report of the running API (admin). */
  async reconcile(): Promise<HttpResult> {
    const admin = await this.token({ role: 'admin' });
    return this.request('GET', '/api/v1/beheer/reconciliatie', { token: admin, timeoutMs: 60_000 });
  }

  async close(): Promise<void> {
    for (const p of this.processes) if (p.running) await p.stop().catch(() => undefined);
    for (const c of this.temporalClients) await c.connection.close().catch(() => undefined);
    await this.pg?.end().catch(() => undefined);
    if (!process.env.DRILL_KEEP_LOGS) rmSync(this.dataDir, { recursive: true, force: true });
    else process.stderr.write(`[drill] logs kept in ${this.dataDir}\n`);
  }
}

/** Every drill ends here: the reconcile endpoint finds no drift between the workflows and the read model. */
export async function expectNoDrift(sys: DrillSystem): Promise<void> {
  const res = await sys.reconcile();
  if (res.status !== 200) {
    throw new Error(`reconcile: GET /api/v1/beheer/reconciliatie answered ${res.status} ${res.text.slice(0, 500)}`);
  }
  expect(res.body).toEqual(expect.objectContaining({ checkedAt: expect.any(String), checked: expect.any(Number) }));
  expect(res.body.drift).toEqual([]);
}

export { eventually };
