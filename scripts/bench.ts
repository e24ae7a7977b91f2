/**
 * `npm run bench`: the performance goals of the system, measured end to end over real HTTP on loopback.
 * Performance goals live here, never as timed assertions in tests.
 *
 * It starts its own throwaway PostgreSQL and Temporal dev server (free ports, a temporary directory that is
 * removed afterwards), migrates and seeds, starts the API on 127.0.0.1 and a worker in this process, then:
 *   1. intake   — 50 Standen × 10 knelpunten one at a time, then 50 × 10 with 8 at a time; then waits until
 *                 every knelpunt's workflow has taken it to `bij_driehoek`;
 *   2. volume   — tops the database up to 5,000 knelpunten with bulk SQL (older knelpunten of all organisations);
 *   3. reads    — list (everything, organisation scope, organisation filter, text search, page 2), the UWV
 *                 queue and the detail: 200 requests each one at a time, then 700 mixed with 8 at a time;
 *   4. decisions — 100 round-trips informatie_opvragen / informatie_aanleveren (Temporal Update + projection);
 *   5. plans    — EXPLAIN ANALYZE of the repository's list, queue and detail SQL: which indexes are used.
 * It prints a results table with PASS/FAIL per goal, writes `.data/bench-results.json`, exits 1 when a goal
 * fails, and stops by itself (phases are bounded in count and time; a watchdog ends a hung run).
 *
 * The numbers are pessimistic for a production set-up: client, API and worker share one Node process (one
 * event loop) and PostgreSQL and Temporal share the same cores.
 *
 * GOALS (p95 = 95th percentile of the full HTTP round-trip, measured sequentially after a warm-up)
 * | goal                     | target        | why                                                                    |
 * |--------------------------|---------------|------------------------------------------------------------------------|
 * | intake Stand p95         | < 500 ms      | posting a Stand of 10 knelpunten feels immediate                       |
 * | intake throughput (c=8)  | ≥ 100 kp/s    | a yearly wave of Standen (thousands of knelpunten) is taken in minutes |
 * | workflows bij_driehoek   | ≥ 25 kp/s     | every knelpunt is with its driehoek within a minute of a 1,000 intake  |
 * | list p95 (4 variants)    | < 150 ms      | lists are the main screens; 5,000 knelpunten must not slow them        |
 * | text search p95          | < 150 ms      | search-as-you-type                                                     |
 * | queue p95                | < 150 ms      | the driehoek's work queue                                              |
 * | detail p95               | < 100 ms      | opening a knelpunt with its timeline                                   |
 * | mixed reads p95 (c=8)    | < 400 ms      | eight people at work at once on two cores                              |
 * | decision p95             | < 1000 ms     | a decision is confirmed within a second (workflow + projection)        |
 * | plans                    | index, no Seq Scan on knelpunten | list (every scope/filter), page 2, queue stay O(page) |
 * | failed requests          | 0             | the measurements are of working requests                               |
 */
import { resolve } from 'node:path';
import { cpus } from 'node:os';
import { BenchHttp } from './bench/http';
import { startBenchSystem, type BenchSystem } from './bench/system';
import { INTAKE_ORGANISATIONS, runIntake } from './bench/intake';
import { insertVolume } from './bench/volume';
import { buildReadCases, runReads } from './bench/reads';
import { runDecisions } from './bench/decisions';
import { explainMainQueries, type PlanReport } from './bench/explain';
import { evaluate, renderReport, writeJson, type BenchResults, type Goal } from './bench/report';

const PARAMETERS = {
  intakeStanden: 50, // per run (sequential, then concurrent)
  knelpuntenPerStand: 10,
  intakeConcurrency: 8,
  workflowTimeoutMs: 60_000,
  volumeTotal: 5_000,
  readRequests: 200,
  readWarmup: 10,
  mixedReadRequests: 700,
  mixedReadConcurrency: 8,
  decisionKnelpunten: 25,
  decisionRoundTrips: 100,
  /** The measured phases stop starting new work after this (startup excluded). */
  budgetMs: 150_000,
  /** Hard stop of the whole run. */
  watchdogMs: 200_000,
};

const readP95 = (name: string) => (r: BenchResults) => r.reads?.perEndpoint[name]?.p95;
const noSeqScan = (name: string) => (r: BenchResults) => {
  const plan: PlanReport | undefined = r.plans?.find((p) => p.name === name);
  return plan ? !plan.seqScanOnKnelpunten && plan.knelpuntenScans.length > 0 : undefined;
};

export const GOALS: readonly Goal[] = [
  {
    id: 'intake_p95',
    what: 'intake: POST Stand (10 knelpunten) p95, sequential',
    kind: 'max',
    target: 500,
    unit: 'ms',
    measure: (r) => r.intake?.sequential.latency.p95,
  },
  {
    id: 'intake_throughput',
    what: 'intake: knelpunten/s with concurrency 8',
    kind: 'min',
    target: 100,
    unit: '/s',
    measure: (r) => r.intake?.concurrent.knelpuntenPerSecond,
  },
  {
    id: 'workflows',
    what: 'workflows: knelpunten bij_driehoek/s, intake to last',
    kind: 'min',
    target: 25,
    unit: '/s',
    measure: (r) => (r.intake?.workflows.timedOut ? 0 : r.intake?.workflows.bijDriehoekPerSecond),
  },
  { id: 'list_p95', what: 'GET /knelpunten p95 (everything)', kind: 'max', target: 150, unit: 'ms', measure: readP95('list') },
  {
    id: 'list_scoped_p95',
    what: 'GET /knelpunten p95 (indiener scope)',
    kind: 'max',
    target: 150,
    unit: 'ms',
    measure: readP95('list_scoped'),
  },
  {
    id: 'list_organisation_p95',
    what: 'GET /knelpunten?organisation= p95',
    kind: 'max',
    target: 150,
    unit: 'ms',
    measure: readP95('list_organisation'),
  },
  {
    id: 'list_page2_p95',
    what: 'GET /knelpunten?cursor= p95 (page 2)',
    kind: 'max',
    target: 150,
    unit: 'ms',
    measure: readP95('list_page2'),
  },
  {
    id: 'list_search_p95',
    what: 'GET /knelpunten?q= p95 (text search)',
    kind: 'max',
    target: 150,
    unit: 'ms',
    measure: readP95('list_search'),
  },
  { id: 'queue_p95', what: 'GET /driehoeken/UWV/queue p95', kind: 'max', target: 150, unit: 'ms', measure: readP95('queue') },
  { id: 'detail_p95', what: 'GET /knelpunten/{id} p95', kind: 'max', target: 100, unit: 'ms', measure: readP95('detail') },
  {
    id: 'mixed_p95',
    what: 'mixed reads p95 with concurrency 8',
    kind: 'max',
    target: 400,
    unit: 'ms',
    measure: (r) => r.reads?.mixed.latency.p95,
  },
  {
    id: 'decision_p95',
    what: 'POST decisions p95 (Update + projection)',
    kind: 'max',
    target: 1000,
    unit: 'ms',
    measure: (r) => r.decisions?.latency.p95,
  },
  { id: 'plan_list', what: 'plan: list (everything) uses an index', kind: 'true', target: 1, unit: '', measure: noSeqScan('list') },
  {
    id: 'plan_list_scoped',
    what: 'plan: list (indiener scope) uses an index',
    kind: 'true',
    target: 1,
    unit: '',
    measure: noSeqScan('list_scoped'),
  },
  {
    id: 'plan_list_driehoek',
    what: 'plan: list (driehoek scope) uses an index',
    kind: 'true',
    target: 1,
    unit: '',
    measure: noSeqScan('list_driehoek_scoped'),
  },
  {
    id: 'plan_list_organisation',
    what: 'plan: list (organisation filter) uses an index',
    kind: 'true',
    target: 1,
    unit: '',
    measure: noSeqScan('list_organisation'),
  },
  { id: 'plan_list_search', what: 'plan: text search uses an index', kind: 'true', target: 1, unit: '', measure: noSeqScan('list_search') },
  { id: 'plan_list_page2', what: 'plan: page 2 uses an index', kind: 'true', target: 1, unit: '', measure: noSeqScan('list_page2') },
  { id: 'plan_queue', what: 'plan: driehoek queue uses an index', kind: 'true', target: 1, unit: '', measure: noSeqScan('queue') },
  {
    id: 'no_failures',
    what: 'failed requests (all phases)',
    kind: 'max',
    target: 1,
    unit: '',
    measure: (r) => (r.aborted ? undefined : r.failedRequests),
  },
];

const root = resolve(__dirname, '..', '..');
const RESULTS_FILE = resolve(root, '.data', 'bench-results.json');
const started = Date.now();

function log(message: string): void {
  process.stderr.write(`[bench ${((Date.now() - started) / 1000).toFixed(1).padStart(5)}s] ${message}\n`);
}

async function phases(system: BenchSystem, results: BenchResults): Promise<void> {
  const http = new BenchHttp(system.baseUrl);
  const stopAt = Date.now() + PARAMETERS.budgetMs;
  const indiener = new Map<string, string>();
  for (const org of INTAKE_ORGANISATIONS) indiener.set(org, await system.token({ role: 'indiener', organisation: org }));
  const programmadirectie = await system.token({ role: 'programmadirectie' });
  const driehoekUwv = await system.token({ role: 'driehoek', driehoek: 'UWV' });
  const indienerUwv = indiener.get('UWV') as string;

  log(
    `intake: ${PARAMETERS.intakeStanden} Standen sequentially, then ${PARAMETERS.intakeStanden} with concurrency ${PARAMETERS.intakeConcurrency}`,
  );
  const intake = await runIntake(http, system.sql, indiener, {
    standen: PARAMETERS.intakeStanden,
    perStand: PARAMETERS.knelpuntenPerStand,
    concurrency: PARAMETERS.intakeConcurrency,
    stopAt,
    workflowTimeoutMs: PARAMETERS.workflowTimeoutMs,
  });
  const { ids: _ids, ...intakeResult } = intake;
  results.intake = intakeResult;
  results.failedRequests += intake.sequential.failures.length + intake.concurrent.failures.length;

  log(`volume: topping up to ${PARAMETERS.volumeTotal} knelpunten`);
  results.volume = await insertVolume(system.sql, PARAMETERS.volumeTotal);

  log(`reads: ${PARAMETERS.readRequests} per endpoint sequentially, then ${PARAMETERS.mixedReadRequests} mixed`);
  const cases = await buildReadCases(http, system.sql, { programmadirectie, indienerUwv, driehoekUwv });
  results.reads = await runReads(http, cases, {
    requests: PARAMETERS.readRequests,
    warmup: PARAMETERS.readWarmup,
    mixedRequests: PARAMETERS.mixedReadRequests,
    concurrency: PARAMETERS.mixedReadConcurrency,
    stopAt,
  });
  results.failedRequests += Object.values(results.reads.perEndpoint).reduce((s, e) => s + e.errors, 0) + results.reads.mixed.latency.errors;

  log(`decisions: ${PARAMETERS.decisionRoundTrips} round-trips on ${PARAMETERS.decisionKnelpunten} UWV knelpunten`);
  results.decisions = await runDecisions(
    http,
    system.sql,
    { driehoek: driehoekUwv, indiener: indienerUwv },
    { organisation: 'UWV', knelpunten: PARAMETERS.decisionKnelpunten, roundTrips: PARAMETERS.decisionRoundTrips, stopAt },
  );
  results.failedRequests += results.decisions.latency.errors;

  log('plans: EXPLAIN ANALYZE of the list, queue and detail SQL');
  const { rows } = await system.sql.query<{ id: string }>(`SELECT id FROM knelpunten WHERE organisation_code = 'UWV' LIMIT 1`);
  results.plans = await explainMainQueries(system.sql, { id: rows[0]?.id ?? '00000000-0000-0000-0000-000000000000' });
}

async function main(): Promise<number> {
  log(`${cpus().length} CPUs, Node ${process.version}; starting the system`);
  const results: BenchResults = { failedRequests: 0, totalMs: 0 };
  let system: BenchSystem | undefined;
  let finishing = false;
  const abort = (reason: string): void => {
    if (finishing) return;
    finishing = true;
    log(`${reason}: stopping`);
    const hard = setTimeout(() => process.exit(1), 20_000);
    hard.unref();
    void (system?.close() ?? Promise.resolve()).finally(() => process.exit(1));
  };
  const watchdog = setTimeout(() => abort(`watchdog: still running after ${PARAMETERS.watchdogMs / 1000} s`), PARAMETERS.watchdogMs);
  watchdog.unref();
  process.on('SIGINT', () => abort('interrupted'));
  process.on('SIGTERM', () => abort('terminated'));

  try {
    system = await startBenchSystem(log);
    await phases(system, results);
  } catch (err) {
    results.aborted = err instanceof Error ? (err.stack ?? err.message) : String(err);
    log(`phase failed: ${results.aborted}`);
  }
  results.totalMs = Date.now() - started;
  if (finishing) return 1;

  const outcomes = evaluate(GOALS, results);
  process.stdout.write(`\n${renderReport(results, outcomes)}\n`);
  writeJson(RESULTS_FILE, results, outcomes, PARAMETERS);
  log(`results written to ${RESULTS_FILE}`);
  finishing = true;
  log('stopping the system');
  await system?.close();
  clearTimeout(watchdog);
  return outcomes.every((o) => o.pass) ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
