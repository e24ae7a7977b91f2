/**
 * The stalls of issue 11 (items 2, 3, 9) tried against the running API while /health is probed one request at a
 * time: an anonymous 2 MB `[[[[…]]]]`, 150,000 unknown keys with a valid token, and 2 MB of nesting with a valid
 * token. Each attack must be refused (401, 400, 400) and /health must stay fast meanwhile. The attack bodies are
 * built before the clock starts (client and API share one process and one event loop here).
 */
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
  let next = 0;
  const total = opts.rounds * attacks.length;
  await Promise.all(
    Array.from({ length: opts.concurrency }, async () => {
      while (next < total) {
        const a = attacks[next++ % attacks.length] as Attack;
        recorders.get(a.name)?.add(await http.request('POST', '/standen', { raw: a.body, token: a.token }), a.expected, a.name);
      }
    }),
  );
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
