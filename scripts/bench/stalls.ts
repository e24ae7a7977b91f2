/**
 * The stalls of issue 11 (items 2, 3, 9) tried against the running API while /health is probed one request at a
 * time: an anonymous 2 MB `[[[[…]]]]`, 150,000 unknown keys with a valid token, and 2 MB of nesting with a valid
 * token. Each attack must be refused (401, 400, 400) and /health must stay fast meanwhile. The attackers run in a
 * worker thread with its own event loop, as a separate client would: the API's event loop then carries only what
 * the server does with the attacks, which is what the goal is about. The bodies are built before the clock starts.
 */

/** The attacking client (plain JavaScript, evaluated in a worker thread). */
const ATTACKER = `
const { parentPort, workerData } = require('node:worker_threads');
(async () => {
  const { baseUrl, attacks, rounds, concurrency } = workerData;
  const results = attacks.map(() => []);
  let next = 0;
  const total = rounds * attacks.length;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < total) {
      const i = next++ % attacks.length;
      const a = attacks[i];
      const headers = { accept: 'application/json', 'content-type': 'application/json' };
      if (a.token) headers.authorization = 'Bearer ' + a.token;
      const started = performance.now();
      let status = 0;
      try {
        const res = await fetch(baseUrl + '/standen', { method: 'POST', headers, body: a.body, signal: AbortSignal.timeout(30000) });
        await res.arrayBuffer();
        status = res.status;
      } catch {
        status = 0;
      }
      results[i].push({ status, ms: performance.now() - started });
    }
  }));
  parentPort.postMessage(results);
})();
`;

function attackInWorker(
  baseUrl: string,
  attacks: Attack[],
  rounds: number,
  concurrency: number,
): Promise<{ status: number; ms: number }[][]> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(ATTACKER, { eval: true, workerData: { baseUrl, attacks, rounds, concurrency } });
    worker.once('message', (results: { status: number; ms: number }[][]) => {
      resolve(results);
      void worker.terminate();
    });
    worker.once('error', reject);
  });
}
import { Worker } from 'node:worker_threads';
import { BenchHttp, Recorder } from './http';
import type { LatencySummary } from './stats';

export interface StallsResult {
  /** GET /health latencies just before the attacks, probed the same way (what the machine gives without them). */
  healthBefore: LatencySummary;
  /** GET /health latencies while the attacks run. */
  health: LatencySummary;
  attacks: Record<string, LatencySummary>;
  concurrency: number;
  wallMs: number;
}

interface Attack {
  name: string;
  body: Uint8Array;
  token?: string;
  expected: number;
}

export async function runStalls(
  http: BenchHttp,
  token: string,
  opts: { rounds: number; concurrency: number; probeIntervalMs: number },
): Promise<{ result: StallsResult; failures: number }> {
  const deep = (bytes: number): Uint8Array => Buffer.from('['.repeat(bytes / 2) + ']'.repeat(bytes / 2));
  const wide: Record<string, unknown> = { organisation: 'UWV', period: '2025', title: 'Stand', knelpunten: [] };
  for (let i = 0; i < 150_000; i++) wide[`k${i}`] = 1;
  const attacks: Attack[] = [
    { name: 'anonymous 2 MB [[[[…]]]] → 401', body: deep(2_000_000), expected: 401 },
    { name: '150,000 unknown keys → 400', body: Buffer.from(JSON.stringify(wide)), token, expected: 400 },
    { name: 'token, 2 MB [[[[…]]]] → 400', body: deep(2_000_000), token, expected: 400 },
  ];
  const recorders = new Map(attacks.map((a) => [a.name, new Recorder(a.name)]));
  const health = new Recorder('health');

  // Warm-up: the first requests of each kind (connections, JIT) are not measured.
  for (const a of attacks) await http.request('POST', '/standen', { raw: a.body, token: a.token });
  for (let i = 0; i < 5; i++) await http.request('GET', '/health');
  const before = new Recorder('health before');
  for (let i = 0; i < 30; i++) {
    before.add(await http.request('GET', '/health'), 200, 'GET /health');
    await new Promise((r) => setTimeout(r, opts.probeIntervalMs));
  }

  let attacking = true;
  const started = Date.now();
  const prober = (async () => {
    while (attacking) {
      health.add(await http.request('GET', '/health'), 200, 'GET /health');
      await new Promise((r) => setTimeout(r, opts.probeIntervalMs));
    }
  })();
  const outcomes = await attackInWorker(http.baseUrl, attacks, opts.rounds, opts.concurrency);
  outcomes.forEach((list, i) => {
    const a = attacks[i] as Attack;
    for (const o of list) recorders.get(a.name)?.add({ status: o.status, body: undefined, ms: o.ms }, a.expected, a.name);
  });
  attacking = false;
  await prober;
  const wallMs = Date.now() - started;
  const failures = before.errorCount + health.errorCount + [...recorders.values()].reduce((s, r) => s + r.errorCount, 0);
  return {
    result: {
      healthBefore: before.summary(),
      health: health.summary(),
      attacks: Object.fromEntries([...recorders].map(([name, r]) => [name, r.summary()])),
      concurrency: opts.concurrency,
      wallMs,
    },
    failures,
  };
}
