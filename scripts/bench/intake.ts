/**
 * Intake: Standen of 10 knelpunten each posted over HTTP, first one at a time, then 8 at a time; then the time
 * until every knelpunt's workflow has been started and has projected the knelpunt to `bij_driehoek`.
 */
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Pool } from 'pg';
import { BenchHttp, Recorder, runPool } from './http';
import { round, type LatencySummary } from './stats';

export const INTAKE_ORGANISATIONS = ['UWV', 'SVB', 'DUO', 'BD', 'IND'] as const;

export interface IntakeRun {
  standen: number;
  knelpunten: number;
  concurrency: number;
  wallMs: number;
  standenPerSecond: number;
  knelpuntenPerSecond: number;
  latency: LatencySummary;
  failures: string[];
}

export interface WorkflowRun {
  knelpunten: number;
  reachedBijDriehoek: number;
  /** From the first Stand posted until every knelpunt was bij_driehoek. */
  endToEndMs: number;
  /** From the last Stand's response until every knelpunt was bij_driehoek (the backlog left behind). */
  drainAfterIntakeMs: number;
  /** Knelpunten that reached bij_driehoek per second, over the whole intake. */
  bijDriehoekPerSecond: number;
  /** Workflow starts per second according to the outbox (first queued until last started). */
  workflowStartsPerSecond: number;
  timedOut: boolean;
}

export interface IntakeResult {
  sequential: IntakeRun;
  concurrent: IntakeRun;
  workflows: WorkflowRun;
}

const THEMES = ['vereenvoudiging', 'schaarste', 'gegevensdeling', 'politiek', 'wetgeving', 'ict', 'financiering', 'maatwerk', 'overig'];
const LAWS = ['Participatiewet', 'Wet kinderopvang', 'Algemene wet inkomensafhankelijke regelingen', 'Wet studiefinanciering 2000', 'WIA'];

function aStand(organisation: string, n: number, perStand: number): Record<string, unknown> {
  return {
    organisation,
    period: '2025-H2',
    title: `Bench Stand ${n} van ${organisation}`,
    publishedOn: '2025-12-01',
    sourceUrl: `https://www.${organisation.toLowerCase()}.example/stand-van-de-uitvoering`,
    knelpunten: Array.from({ length: perStand }, (_, i) => ({
      title: `Knelpunt ${n}.${i + 1}: samenloop van regelingen bij ${LAWS[(n + i) % LAWS.length]}`,
      description:
        'Burgers met meerdere regelingen krijgen tegenstrijdige beslissingen; peildata en inkomensbegrippen verschillen, ' +
        'waardoor terugvorderingen ontstaan die niemand bedoeld heeft.',
      theme: THEMES[(n + i) % THEMES.length],
      law: LAWS[(n + i) % LAWS.length],
      ministry: 'SZW',
      impact: 'Terugvorderingen bij kwetsbare huishoudens',
      proposedSolution: 'Eén inkomensbegrip en afstemming van peildata',
      externalRef: `EXT-${n}-${i + 1}`,
    })),
  };
}

async function postStanden(
  http: BenchHttp,
  tokens: Map<string, string>,
  first: number,
  count: number,
  perStand: number,
  concurrency: number,
  stopAt: number,
  ids: string[],
): Promise<IntakeRun> {
  const rec = new Recorder(`intake c=${concurrency}`);
  const { wallMs, ran } = await runPool(
    count,
    concurrency,
    async (i) => {
      const n = first + i;
      const organisation = INTAKE_ORGANISATIONS[n % INTAKE_ORGANISATIONS.length] as string;
      const res = await http.request('POST', '/standen', { token: tokens.get(organisation), body: aStand(organisation, n, perStand) });
      if (rec.add(res, 201, `Stand ${n}`)) {
        const knelpunten = (res.body as { knelpunten?: { id: string }[] }).knelpunten ?? [];
        if (knelpunten.length !== perStand) rec.fail(`Stand ${n}: ${knelpunten.length} knelpunten in the response, expected ${perStand}`);
        for (const k of knelpunten) ids.push(k.id);
      }
    },
    stopAt,
  );
  if (ran < count) rec.fail(`time budget exhausted after ${ran} of ${count} Standen`);
  const created = rec.samples.length;
  return {
    standen: created,
    knelpunten: created * perStand,
    concurrency,
    wallMs: round(wallMs),
    standenPerSecond: round((created / wallMs) * 1000),
    knelpuntenPerSecond: round(((created * perStand) / wallMs) * 1000),
    latency: rec.summary(),
    failures: rec.failures,
  };
}

export async function runIntake(
  http: BenchHttp,
  sql: Pool,
  tokens: Map<string, string>,
  opts: { standen: number; perStand: number; concurrency: number; stopAt: number; workflowTimeoutMs: number },
): Promise<IntakeResult & { ids: string[] }> {
  const ids: string[] = [];
  const t0 = performance.now();
  const sequential = await postStanden(http, tokens, 0, opts.standen, opts.perStand, 1, opts.stopAt, ids);
  const concurrent = await postStanden(http, tokens, opts.standen, opts.standen, opts.perStand, opts.concurrency, opts.stopAt, ids);
  const intakeDone = performance.now();

  // Every knelpunt is bij_driehoek once its workflow has started and projected it (polled in SQL, not over the API under test).
  const deadline = Date.now() + opts.workflowTimeoutMs;
  let reached = 0;
  let timedOut = false;
  for (;;) {
    const { rows } = await sql.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM knelpunten WHERE id = ANY($1::uuid[]) AND status = 'bij_driehoek'`,
      [ids],
    );
    reached = rows[0]?.n ?? 0;
    if (reached >= ids.length) break;
    if (Date.now() > deadline) {
      timedOut = true;
      break;
    }
    await sleep(100);
  }
  const allDone = performance.now();
  const { rows: outbox } = await sql.query<{ n: number; span_ms: number | null }>(
    `SELECT count(*)::int AS n, (extract(epoch FROM max(started_at) - min(created_at)) * 1000)::float8 AS span_ms
       FROM workflow_starts WHERE knelpunt_id = ANY($1::uuid[]) AND started_at IS NOT NULL`,
    [ids],
  );
  const started = outbox[0]?.n ?? 0;
  const spanMs = outbox[0]?.span_ms ?? Number.NaN;
  const endToEndMs = allDone - t0;
  return {
    ids,
    sequential,
    concurrent,
    workflows: {
      knelpunten: ids.length,
      reachedBijDriehoek: reached,
      endToEndMs: round(endToEndMs),
      drainAfterIntakeMs: round(allDone - intakeDone),
      bijDriehoekPerSecond: round((reached / endToEndMs) * 1000),
      workflowStartsPerSecond: round(spanMs > 0 ? (started / spanMs) * 1000 : Number.NaN),
      timedOut,
    },
  };
}
