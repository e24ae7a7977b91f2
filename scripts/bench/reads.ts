/**
 * Reads over HTTP with the volume in place: each endpoint 200 times one after another (latency of a single
 * user, after a short warm-up), then a mix of all of them with 8 concurrent clients (throughput).
 */
import type { Pool } from 'pg';
import { BenchHttp, Recorder, runPool } from './http';
import { round, type LatencySummary } from './stats';

export interface ReadTokens {
  programmadirectie: string;
  indienerUwv: string;
  driehoekUwv: string;
}

export interface ReadCase {
  name: string;
  description: string;
  token: string;
  /** The path of request i (to vary ids, search terms and cursors). */
  path(i: number): string;
  /** Sanity check of a 200 body; returns a problem or null. */
  check?(body: unknown): string | null;
}

export interface ReadsResult {
  perEndpoint: Record<string, LatencySummary & { description: string; failures: string[] }>;
  mixed: { requests: number; concurrency: number; wallMs: number; requestsPerSecond: number; latency: LatencySummary; failures: string[] };
}

const SEARCH_TERMS = ['kinderopvangtoeslag', 'samenloop', 'terugvordering', 'studiefinanciering', 'capaciteitstekort', 'bijstand'];

function pageCheck(min: number): (body: unknown) => string | null {
  return (body) => {
    const items = (body as { items?: unknown[] }).items;
    if (!Array.isArray(items)) return 'no items array';
    return items.length >= min ? null : `only ${items.length} items (expected at least ${min})`;
  };
}

export async function buildReadCases(http: BenchHttp, sql: Pool, tokens: ReadTokens): Promise<ReadCase[]> {
  // Ids for the detail reads: a mix of intake knelpunten (with a workflow-written timeline) and bulk ones.
  const { rows } = await sql.query<{ id: string }>(
    `(SELECT id FROM knelpunten WHERE external_ref NOT LIKE 'BULK-%' ORDER BY id LIMIT 100)
     UNION ALL (SELECT id FROM knelpunten WHERE external_ref LIKE 'BULK-%' ORDER BY id LIMIT 100)`,
  );
  const ids = rows.map((r) => r.id);
  // Cursors for page 2 of the default list and of a few filtered lists.
  const cursors: string[] = [];
  for (const query of ['', '?organisation=BD', '?status=bij_driehoek', '?theme=ict']) {
    const res = await http.request('GET', `/knelpunten${query}`, { token: tokens.programmadirectie });
    const next = (res.body as { nextCursor?: string | null }).nextCursor;
    if (res.status !== 200 || !next) throw new Error(`no page 2 for /knelpunten${query} (HTTP ${res.status})`);
    cursors.push(`/knelpunten${query}${query ? '&' : '?'}cursor=${encodeURIComponent(next)}`);
  }
  return [
    {
      name: 'list',
      description: 'GET /knelpunten (programmadirectie: everything, newest first)',
      token: tokens.programmadirectie,
      path: () => '/knelpunten',
      check: pageCheck(25),
    },
    {
      name: 'list_scoped',
      description: 'GET /knelpunten (indiener UWV: organisation scope)',
      token: tokens.indienerUwv,
      path: () => '/knelpunten',
      check: pageCheck(25),
    },
    {
      name: 'list_organisation',
      description: 'GET /knelpunten?organisation=… (programmadirectie, 5 organisations)',
      token: tokens.programmadirectie,
      path: (i) => `/knelpunten?organisation=${['UWV', 'BD', 'SVB', 'CAK', 'RDW'][i % 5]}`,
      check: pageCheck(1),
    },
    {
      name: 'list_search',
      description: 'GET /knelpunten?q=… (text search, 6 terms)',
      token: tokens.programmadirectie,
      path: (i) => `/knelpunten?q=${encodeURIComponent(SEARCH_TERMS[i % SEARCH_TERMS.length] as string)}`,
      check: pageCheck(1),
    },
    {
      name: 'list_page2',
      description: 'GET /knelpunten?cursor=… (page 2 of 4 lists)',
      token: tokens.programmadirectie,
      path: (i) => cursors[i % cursors.length] as string,
      check: pageCheck(1),
    },
    {
      name: 'queue',
      description: 'GET /driehoeken/UWV/queue (driehoek UWV)',
      token: tokens.driehoekUwv,
      path: () => '/driehoeken/UWV/queue',
      check: pageCheck(25),
    },
    {
      name: 'detail',
      description: 'GET /knelpunten/{id} (200 different knelpunten, with timeline)',
      token: tokens.programmadirectie,
      path: (i) => `/knelpunten/${ids[i % ids.length] as string}`,
      check: (body) => (Array.isArray((body as { timeline?: unknown }).timeline) ? null : 'no timeline'),
    },
  ];
}

async function measure(http: BenchHttp, c: ReadCase, i: number, rec: Recorder): Promise<void> {
  const res = await http.request('GET', c.path(i), { token: c.token });
  if (rec.add(res, 200, c.name)) {
    const problem = c.check?.(res.body) ?? null;
    if (problem) rec.fail(`${c.name}: ${problem}`);
  }
}

export async function runReads(
  http: BenchHttp,
  cases: ReadCase[],
  opts: { requests: number; warmup: number; mixedRequests: number; concurrency: number; stopAt: number },
): Promise<ReadsResult> {
  const perEndpoint: ReadsResult['perEndpoint'] = {};
  for (const c of cases) {
    const warm = new Recorder('warmup');
    for (let i = 0; i < opts.warmup; i++) await measure(http, c, opts.requests + i, warm);
    const rec = new Recorder(c.name);
    const { ran } = await runPool(opts.requests, 1, (i) => measure(http, c, i, rec), opts.stopAt);
    if (ran < opts.requests) rec.fail(`time budget exhausted after ${ran} of ${opts.requests} requests`);
    const failures = [...warm.failures, ...rec.failures];
    perEndpoint[c.name] = { ...rec.summary(), errors: failures.length, description: c.description, failures: failures.slice(0, 5) };
  }
  const mixed = new Recorder('mixed');
  const { wallMs, ran } = await runPool(
    opts.mixedRequests,
    opts.concurrency,
    (i) => measure(http, cases[i % cases.length] as ReadCase, Math.floor(i / cases.length), mixed),
    opts.stopAt,
  );
  if (ran < opts.mixedRequests) mixed.fail(`time budget exhausted after ${ran} of ${opts.mixedRequests} requests`);
  return {
    perEndpoint,
    mixed: {
      requests: ran,
      concurrency: opts.concurrency,
      wallMs: round(wallMs),
      requestsPerSecond: round((mixed.samples.length / wallMs) * 1000),
      latency: mixed.summary(),
      failures: mixed.failures.slice(0, 5),
    },
  };
}
