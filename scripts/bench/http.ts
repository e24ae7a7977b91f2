/** A small HTTP client over the global fetch (real sockets, keep-alive) that times every round-trip. */
import { performance } from 'node:perf_hooks';
import { summarize, type LatencySummary } from './stats';

export interface HttpResult {
  status: number;
  body: unknown;
  /** Full round-trip time: request sent until the response body has been read. */
  ms: number;
}

export interface RequestOptions {
  token?: string;
  body?: unknown;
  /** A body sent as is, as application/json (instead of `body`). */
  raw?: string | Uint8Array;
}

export class BenchHttp {
  constructor(readonly baseUrl: string) {}

  async request(method: 'GET' | 'POST', path: string, opts: RequestOptions = {}): Promise<HttpResult> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (opts.token) headers['authorization'] = `Bearer ${opts.token}`;
    let payload: string | Uint8Array | undefined;
    if (opts.body !== undefined || opts.raw !== undefined) {
      payload = opts.raw ?? JSON.stringify(opts.body);
      headers['content-type'] = 'application/json';
    }
    const started = performance.now();
    const res = await fetch(`${this.baseUrl}${path}`, { method, headers, body: payload, signal: AbortSignal.timeout(30_000) });
    const text = await res.text();
    const ms = performance.now() - started;
    let body: unknown = text;
    try {
      body = text ? (JSON.parse(text) as unknown) : undefined;
    } catch {
      // not JSON: keep the text
    }
    return { status: res.status, body, ms };
  }
}

/** Collects latencies of one measured operation and the failures among them. */
export class Recorder {
  readonly samples: number[] = [];
  readonly failures: string[] = [];

  constructor(readonly name: string) {}

  /** Records a result; anything other than the expected status counts as a failure (its latency is not kept). */
  add(result: HttpResult, expected: number, what = ''): boolean {
    if (result.status === expected) {
      this.samples.push(result.ms);
      return true;
    }
    this.fail(`${what ? `${what}: ` : ''}HTTP ${result.status} ${describe(result.body)}`);
    return false;
  }

  fail(message: string): void {
    if (this.failures.length < 1000) this.failures.push(message);
  }

  get errorCount(): number {
    return this.failures.length;
  }

  summary(): LatencySummary {
    return summarize(this.samples, this.failures.length);
  }
}

function describe(body: unknown): string {
  if (body && typeof body === 'object') {
    const b = body as { title?: unknown; detail?: unknown };
    return [b.title, b.detail].filter((v) => typeof v === 'string').join(': ');
  }
  return typeof body === 'string' ? body.slice(0, 200) : '';
}

/**
 * Runs `count` tasks with at most `concurrency` in flight; stops launching new ones at `stopAt`
 * (epoch ms). Returns the wall time in ms and how many tasks ran.
 */
export async function runPool(
  count: number,
  concurrency: number,
  task: (index: number) => Promise<void>,
  stopAt = Number.POSITIVE_INFINITY,
): Promise<{ wallMs: number; ran: number }> {
  let next = 0;
  let ran = 0;
  const started = performance.now();
  const lane = async (): Promise<void> => {
    while (next < count && Date.now() < stopAt) {
      const i = next++;
      await task(i);
      ran += 1;
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, () => lane()));
  return { wallMs: performance.now() - started, ran };
}
