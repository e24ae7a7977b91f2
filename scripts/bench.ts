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
 *   5. plans    — EXPLAIN ANALYZE of the repository's list, queue and detail SQL: which indexes are used;
 *   6. stalls   — the three stalls of issue 11 (anonymous 2 MB of nesting, 150,000 unknown keys, nesting with a
 *                 token), 4 at a time, while GET /health is probed: every attack refused, /health stays fast.
 * It prints a results table with PASS/FAIL per goal, writes `.data/bench-results.json`, exits 1 when a goal
 * fails, and stops by itself (phases are bounded in count and time; a watchdog ends a hung run).
 *
 * The numbers are pessimistic for a production set-up: client, API and worker share one Node process (one
 * event loop) and PostgreSQL and Temporal share the same cores. PostgreSQL runs durably (fsync on); the
 * Temporal dev server keeps its state in memory (with its SQLite file the dev server itself caps the system
 * at ~5 workflow starts/s — a limit of `npm run up`, not of production Temporal).
 *
 * GOALS: the table below the imports is the single source of truth (printed with PASS/FAIL per row).
 * p95 = 95th percentile of the full HTTP round-trip, measured one request at a time after a warm-up.
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
import { runStalls } from './bench/stalls';
import { loadLabelledSet, measureClusterSuggesties, readLabelledSet } from './bench/cluster-suggesties';
import { evaluate, goal, renderReport, writeJson, type BenchResults, type Goal } from './bench/report';

const readP95 = (name: string) => (r: BenchResults) => r.reads?.perEndpoint[name]?.p95;
const indexOnly = (name: string) => (r: BenchResults) => {
  const plan: PlanReport | undefined = r.plans?.find((p) => p.name === name);
  return plan ? !plan.seqScanOnKnelpunten && plan.knelpuntenScans.length > 0 : undefined;
};

// prettier-ignore
export const GOALS: readonly Goal[] = [
  // id                       what (as printed)                                       kind    target unit  measured value                                   why
  goal('intake_p95',          'intake: POST Stand (10 knelpunten) p95, sequential',   'max',  500,   'ms', (r) => r.intake?.sequential.latency.p95,          'posting a Stand of 10 knelpunten feels immediate'),
  goal('intake_throughput',   'intake: knelpunten/s with concurrency 8',              'min',  100,   '/s', (r) => r.intake?.concurrent.knelpuntenPerSecond,  'a yearly wave of Standen (thousands of knelpunten) is taken in within minutes'),
  goal('workflows',           'workflows: knelpunten bij_driehoek/s, intake to last', 'min',  10,    '/s', (r) => (r.intake?.workflows.timedOut ? 0 : r.intake?.workflows.bijDriehoekPerSecond), '1,000 knelpunten posted at once are all with their driehoek within 100 s'),
  goal('list_p95',            'GET /knelpunten p95 (everything)',                     'max',  150,   'ms', readP95('list'),                                  'lists are the main screens; 5,000 knelpunten must not slow them'),
  goal('list_scoped_p95',     'GET /knelpunten p95 (indiener scope)',                 'max',  150,   'ms', readP95('list_scoped'),                           'idem, as an organisation sees it'),
  goal('list_organisation_p95', 'GET /knelpunten?organisation= p95',                  'max',  150,   'ms', readP95('list_organisation'),                     'idem, filtered'),
  goal('list_page2_p95',      'GET /knelpunten?cursor= p95 (page 2)',                 'max',  150,   'ms', readP95('list_page2'),                            'paging is as fast as the first page (keyset)'),
  goal('list_search_p95',     'GET /knelpunten?q= p95 (text search)',                 'max',  150,   'ms', readP95('list_search'),                           'search as you type'),
  goal('queue_p95',           'GET /driehoeken/UWV/queue p95',                        'max',  150,   'ms', readP95('queue'),                                 "the driehoek's work queue"),
  goal('detail_p95',          'GET /knelpunten/{id} p95',                             'max',  100,   'ms', readP95('detail'),                                'opening a knelpunt with its timeline'),
  goal('mixed_p95',           'mixed reads p95 with concurrency 8',                   'max',  400,   'ms', (r) => r.reads?.mixed.latency.p95,                'eight people at work at once, on two cores'),
  goal('decision_p95',        'POST decisions p95 (Update + projection)',             'max',  1000,  'ms', (r) => r.decisions?.latency.p95,                  'a decision is confirmed within a second (workflow, deadline, projection)'),
  goal('plan_list',           'plan: list (everything) uses an index',                'true', 1,     '',   indexOnly('list'),                                'no Seq Scan on knelpunten: lists stay fast as the table grows'),
  goal('plan_list_scoped',    'plan: list (indiener scope) uses an index',            'true', 1,     '',   indexOnly('list_scoped'),                         'idem'),
  goal('plan_list_driehoek',  'plan: list (driehoek scope) uses an index',            'true', 1,     '',   indexOnly('list_driehoek_scoped'),                'idem'),
  goal('plan_list_organisation', 'plan: list (organisation filter) uses an index',    'true', 1,     '',   indexOnly('list_organisation'),                   'idem'),
  goal('plan_list_search',    'plan: text search uses an index',                      'true', 1,     '',   indexOnly('list_search'),                         'idem'),
  goal('plan_list_page2',     'plan: page 2 uses an index',                           'true', 1,     '',   indexOnly('list_page2'),                          'idem'),
  goal('plan_queue',          'plan: driehoek queue uses an index',                   'true', 1,     '',   indexOnly('queue'),                               'idem'),
  goal('plan_queue_page2',    'plan: driehoek queue page 2 uses an index',            'true', 1,     '',   indexOnly('queue_page2'),                         'idem'),
  goal('health_under_attack_p95', 'GET /health p95 while the stalls are tried',      'max',  50,    'ms', (r) => r.stalls?.health.p95,                      'no body, however deep or wide, stalls the one event loop (issue 11)'),
  goal('cluster_precision',   'cluster suggestions: precision on the labelled set',   'min',  0.6,   '',   (r) => r.clusterSuggesties?.precision,            'most suggestions the ACU sees are real look-alikes (test/fixtures/cluster-suggesties)'),
  goal('cluster_recall',      'cluster suggestions: recall on the labelled set',      'min',  0.8,   '',   (r) => r.clusterSuggesties?.recall,               'few real look-alikes across organisations are missed'),
  goal('no_failures',         'failed requests (all phases)',                         'max',  1,     '',   (r) => (r.aborted ? undefined : r.failedRequests), 'the numbers above are of requests that worked'),
];

const PARAMETERS = {
  intakeStanden: 50, // per run (sequential, then concurrent)
  knelpuntenPerStand: 10,
  intakeConcurrency: 8,
  /** Wait after the last Stand for the workflows (1,000 at the goal's 10/s take 100 s from the first). */
  workflowTimeoutMs: 90_000,
  volumeTotal: 5_000,
  readRequests: 200,
  readWarmup: 10,
  mixedReadRequests: 700,
  mixedReadConcurrency: 8,
  decisionKnelpunten: 25,
  decisionRoundTrips: 100,
  /** The measured phases stop starting new work after this (startup excluded). */
  budgetMs: 150_000,
  /** Rounds of the three stalls (each round one of each), and how many run at once. */
  stallRounds: 20,
  stallConcurrency: 4,
  /** Pause between two /health probes during the stalls. */
  healthProbeIntervalMs: 10,
  /** Hard stop of the whole run. */
  watchdogMs: 230_000,
};

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

  log('cluster suggestions: the labelled set loaded through the API and escalated, then precision and recall');
  const labelled = readLabelledSet();
  const suggestionClient = { request: http.request.bind(http), token: system.token };
  const loaded = await loadLabelledSet(suggestionClient, labelled, { label: 'bench' });
  const quality = await measureClusterSuggesties(suggestionClient, labelled, loaded);
  results.clusterSuggesties = { ...quality, knelpunten: labelled.knelpunten.length, groups: labelled.groups.length };

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

  log(`stalls: ${PARAMETERS.stallRounds} rounds of the three stalls of issue 11, ${PARAMETERS.stallConcurrency} at a time, /health probed`);
  const stalls = await runStalls(http, indienerUwv, {
    rounds: PARAMETERS.stallRounds,
    concurrency: PARAMETERS.stallConcurrency,
    probeIntervalMs: PARAMETERS.healthProbeIntervalMs,
  });
  results.stalls = stalls.result;
  results.failedRequests += stalls.failures;
}

async function main(): Promise<number> {
  log(`${cpus().length} CPUs, Node ${process.version}; starting the system`);
  const results: BenchResults = { failedRequests: 0, totalMs: 0 };
  let system: BenchSystem | undefined;
  let finishing = false;
  let closing: Promise<void> | undefined;
  const shutdown = (): Promise<void> => (closing ??= system?.close() ?? Promise.resolve());
  const abort = (reason: string): void => {
    if (finishing) return;
    finishing = true;
    log(`${reason}: stopping`);
    setTimeout(() => process.exit(1), 30_000).unref();
    // While the system is still starting, main() stops it as soon as it is up.
    if (system) void shutdown().finally(() => process.exit(1));
  };
  const watchdog = setTimeout(() => abort(`watchdog: still running after ${PARAMETERS.watchdogMs / 1000} s`), PARAMETERS.watchdogMs);
  watchdog.unref();
  process.on('SIGINT', () => abort('interrupted'));
  process.on('SIGTERM', () => abort('terminated'));

  try {
    system = await startBenchSystem(log);
    if (!finishing) await phases(system, results);
  } catch (err) {
    results.aborted = err instanceof Error ? (err.stack ?? err.message) : String(err);
    if (!finishing) log(`phase failed: ${results.aborted}`);
  }
  results.totalMs = Date.now() - started;
  if (finishing) {
    await shutdown();
    return 1;
  }

  const outcomes = evaluate(GOALS, results);
  process.stdout.write(`\n${renderReport(results, outcomes)}\n`);
  writeJson(RESULTS_FILE, results, outcomes, PARAMETERS);
  log(`results written to ${RESULTS_FILE}`);
  finishing = true;
  log('stopping the system');
  await shutdown();
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
