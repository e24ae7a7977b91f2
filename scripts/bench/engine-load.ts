/**
 * The engine-sensitive product phases of `npm run bench`, run once per Temporal mode (issue 10, section 2):
 *   sustained intake  (goal 1) — Standen of 10 posted by `concurrency` lanes for a fixed time, with the backlog of
 *                                knelpunten whose workflow has not yet taken them to `bij_driehoek` bounded (a lane
 *                                waits while the backlog is above the bound), so the rate measured is the rate at
 *                                which knelpunten are taken in AND started, not the rate of INSERTs;
 *   load              (goals 2 and 4) — at the same time: Standen posted open-loop at a fixed rate (half the
 *                                intake load) with their POST latency, and decisions one at a time, each followed by
 *                                GET /knelpunten/{id} until the new status shows (read-model freshness under load).
 */
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Pool } from 'pg';
import { BenchHttp, Recorder } from './http';
import { OPEN_ORGANISATIONS as INTAKE_ORGANISATIONS, type CpuWindow } from './phase-context';
import { round, summarize, type LatencySummary } from './stats';

const THEMES = ['vereenvoudiging', 'schaarste', 'gegevensdeling', 'politiek', 'wetgeving', 'ict', 'financiering', 'maatwerk', 'overig'];
const LAWS = ['Participatiewet', 'Wet kinderopvang', 'Algemene wet inkomensafhankelijke regelingen', 'Wet studiefinanciering 2000', 'WIA'];

let standCounter = 0;

function aStand(organisation: string, perStand: number): Record<string, unknown> {
  const n = ++standCounter;
  return {
    organisation,
    period: '2025-H2',
    title: `Bench load Stand ${n} van ${organisation}`,
    publishedOn: '2025-12-01',
    sourceUrl: `https://www.${organisation.toLowerCase()}.example/stand-van-de-uitvoering`,
    knelpunten: Array.from({ length: perStand }, (_, i) => ({
      title: `Knelpunt L${n}.${i + 1}: samenloop van regelingen bij ${LAWS[(n + i) % LAWS.length]}`,
      description:
        'Burgers met meerdere regelingen krijgen tegenstrijdige beslissingen; peildata en inkomensbegrippen verschillen, ' +
        'waardoor terugvorderingen ontstaan die niemand bedoeld heeft.',
      theme: THEMES[(n + i) % THEMES.length],
      law: LAWS[(n + i) % LAWS.length],
      ministry: 'SZW',
      impact: 'Terugvorderingen bij kwetsbare huishoudens',
      proposedSolution: 'Eén inkomensbegrip en afstemming van peildata',
      externalRef: `EXT-L${n}-${i + 1}`,
    })),
  };
}

async function postStand(http: BenchHttp, tokens: Map<string, string>, perStand: number, rec: Recorder): Promise<number> {
  const organisation = INTAKE_ORGANISATIONS[standCounter % INTAKE_ORGANISATIONS.length] as string;
  const res = await http.request('POST', '/standen', { token: tokens.get(organisation), body: aStand(organisation, perStand) });
  if (!rec.add(res, 201, 'POST /standen')) return 0;
  const n = ((res.body as { knelpunten?: unknown[] }).knelpunten ?? []).length;
  if (n !== perStand) rec.fail(`POST /standen: ${n} knelpunten in the response, expected ${perStand}`);
  return n;
}

/** Knelpunten created since `since` and how many of them their workflow has taken to bij_driehoek (or beyond). */
async function progress(sql: Pool, since: Date): Promise<{ created: number; started: number }> {
  const { rows } = await sql.query<{ created: number; started: number }>(
    `SELECT count(*)::int AS created, count(*) FILTER (WHERE status <> 'ingediend')::int AS started
       FROM knelpunten WHERE created_at >= $1`,
    [since],
  );
  return { created: rows[0]?.created ?? 0, started: rows[0]?.started ?? 0 };
}

export interface SustainedIntakeResult {
  concurrency: number;
  perStand: number;
  maxBacklog: number;
  durationMs: number;
  /** Knelpunten posted (201) during the window. */
  posted: number;
  /** Knelpunten whose workflow took them to bij_driehoek during the window, after the ramp-up. */
  startedInWindow: number;
  /** Goal 1: knelpunten taken in and started per second, steady state (after the ramp-up, until the end of the window). */
  knelpuntenPerSecond: number;
  /** Posted per second (the INSERT rate, for reference). */
  postedPerSecond: number;
  /** From the first POST until every posted knelpunt was started. */
  endToEndPerSecond: number;
  drainMs: number;
  drainTimedOut: boolean;
  /** Outbox delay of these knelpunten: workflow_starts.created_at (the POST's transaction) until started_at. */
  outboxDelay: { p50: number; p95: number; max: number } | null;
  /** Samples of the started count (t in s since the first POST), to see whether the rate held. */
  timeline: { t: number; posted: number; started: number }[];
  postLatency: LatencySummary;
  failures: string[];
  /** CPU of the engine, PostgreSQL and the bench process (API, worker, load generator) over the counted window. */
  cpu?: CpuWindow;
  cpuMsPerKnelpunt?: number;
}

export async function runSustainedIntake(
  http: BenchHttp,
  sql: Pool,
  tokens: Map<string, string>,
  opts: {
    concurrency: number;
    perStand: number;
    durationMs: number;
    rampMs: number;
    maxBacklog: number;
    drainTimeoutMs: number;
    cpuMeter?: () => () => CpuWindow;
  },
): Promise<SustainedIntakeResult> {
  const rec = new Recorder('sustained intake');
  const since = new Date(); // created_at is set by the database on this machine's clock
  const before = await progress(sql, since);
  let posted = 0;
  let backlog = 0;
  const timeline: SustainedIntakeResult['timeline'] = [];
  const t0 = performance.now();
  const endAt = Date.now() + opts.durationMs;
  let rampMark: { t: number; started: number } | undefined;
  let endMark: { t: number; started: number } | undefined;
  let stopCpu: (() => CpuWindow) | undefined;
  let cpu: CpuWindow | undefined;
  let stop = false;

  const monitor = (async () => {
    while (!stop) {
      const p = await progress(sql, since);
      const t = performance.now() - t0;
      const started = p.started - before.started;
      backlog = p.created - before.created - started;
      timeline.push({ t: round(t / 1000), posted: p.created - before.created, started });
      if (!rampMark && t >= opts.rampMs) {
        rampMark = { t, started };
        stopCpu = opts.cpuMeter?.();
      }
      if (Date.now() >= endAt && !endMark) {
        endMark = { t, started };
        cpu = stopCpu?.();
      }
      await sleep(250);
    }
  })();
  const lane = async (): Promise<void> => {
    while (Date.now() < endAt) {
      if (backlog >= opts.maxBacklog) {
        await sleep(20);
        continue;
      }
      const n = await postStand(http, tokens, opts.perStand, rec);
      posted += n;
      backlog += n; // until the monitor's next look
    }
  };
  await Promise.all(Array.from({ length: opts.concurrency }, () => lane()));
  const postedMs = performance.now() - t0;
  // Drain: every posted knelpunt started (bounded).
  const drainStart = performance.now();
  let drainTimedOut = false;
  for (;;) {
    const p = await progress(sql, since);
    if (p.started - before.started >= p.created - before.created) break;
    if (performance.now() - drainStart > opts.drainTimeoutMs) {
      drainTimedOut = true;
      break;
    }
    await sleep(100);
  }
  stop = true;
  await monitor;
  const drainMs = performance.now() - drainStart;
  const final = await progress(sql, since);
  const { rows: delay } = await sql.query<{ p50: number | null; p95: number | null; max: number | null }>(
    `SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY d) AS p50, percentile_cont(0.95) WITHIN GROUP (ORDER BY d) AS p95, max(d) AS max
       FROM (SELECT extract(epoch FROM started_at - created_at) * 1000 AS d
               FROM workflow_starts WHERE created_at >= $1 AND started_at IS NOT NULL) s`,
    [since],
  );
  const d = delay[0];
  const ramp = rampMark ?? { t: 0, started: 0 };
  const end = endMark ?? { t: postedMs, started: final.started - before.started };
  const windowMs = Math.max(1, end.t - ramp.t);
  const startedInWindow = end.started - ramp.started;
  return {
    concurrency: opts.concurrency,
    perStand: opts.perStand,
    maxBacklog: opts.maxBacklog,
    durationMs: round(postedMs),
    posted,
    startedInWindow,
    knelpuntenPerSecond: round((startedInWindow / windowMs) * 1000),
    postedPerSecond: round((posted / postedMs) * 1000),
    endToEndPerSecond: round(((final.started - before.started) / (performance.now() - t0)) * 1000),
    drainMs: round(drainMs),
    drainTimedOut,
    outboxDelay: d && d.p50 !== null ? { p50: round(Number(d.p50)), p95: round(Number(d.p95)), max: round(Number(d.max)) } : null,
    timeline: timeline.filter((_, i) => i % 4 === 0),
    postLatency: rec.summary(),
    failures: rec.failures.slice(0, 5),
    ...(cpu && startedInWindow > 0 ? { cpu, cpuMsPerKnelpunt: round(cpu.totalMs / startedInWindow, 2) } : {}),
  };
}

export interface LoadResult {
  durationMs: number;
  /** Goal 2: open-loop intake at this rate (knelpunten/s). */
  intakeRatePerSecond: number;
  standen: number;
  /** Stands not sent because too many were in flight (the system could not keep up with the rate). */
  skipped: number;
  postLatency: LatencySummary;
  /** Decisions taken meanwhile (one at a time) and their HTTP round-trip. */
  decisions: LatencySummary;
  /** Goal 4: from a decision's 200 until GET /knelpunten/{id} showed the new status. */
  freshness: LatencySummary;
  /** GETs needed until the status showed (1 = the first GET after the 200 already showed it). */
  freshnessGets: LatencySummary;
  notFresh: number;
  failures: string[];
}

export async function runLoad(
  http: BenchHttp,
  sql: Pool,
  tokens: { indiener: Map<string, string>; driehoek: string; indienerUwv: string },
  opts: {
    organisation: string;
    perStand: number;
    intakeRatePerSecond: number;
    durationMs: number;
    decisionKnelpunten: number;
    maxInFlight: number;
    freshTimeoutMs: number;
  },
): Promise<LoadResult> {
  const intakeRec = new Recorder('paced intake');
  const decisionRec = new Recorder('decisions under load');
  const fresh: number[] = [];
  const gets: number[] = [];
  let notFresh = 0;
  // The most recent knelpunten with a running workflow (runDecisions takes the oldest ones: no overlap).
  const { rows } = await sql.query<{ id: string }>(
    `SELECT k.id FROM knelpunten k JOIN workflow_starts w ON w.knelpunt_id = k.id
      WHERE k.organisation_code = $1 AND k.status = 'bij_driehoek' AND w.started_at IS NOT NULL
      ORDER BY k.created_at DESC LIMIT $2`,
    [opts.organisation, opts.decisionKnelpunten],
  );
  const ids = rows.map((r) => r.id);
  if (ids.length === 0) decisionRec.fail(`no ${opts.organisation} knelpunten bij_driehoek with a running workflow`);
  const started = performance.now();
  const endAt = Date.now() + opts.durationMs;

  // Open loop: one Stand every perStand / rate seconds, whatever the latency (up to maxInFlight at once).
  const intervalMs = (opts.perStand / Math.max(0.01, opts.intakeRatePerSecond)) * 1000;
  let standen = 0;
  let skipped = 0;
  let inFlight = 0;
  const pending = new Set<Promise<void>>();
  const intake = (async () => {
    let due = performance.now();
    while (Date.now() < endAt) {
      if (inFlight >= opts.maxInFlight) skipped += 1;
      else {
        inFlight += 1;
        standen += 1;
        const p = postStand(http, tokens.indiener, opts.perStand, intakeRec)
          .then(() => undefined)
          .finally(() => {
            inFlight -= 1;
            pending.delete(p);
          });
        pending.add(p);
      }
      due += intervalMs;
      await sleep(Math.max(0, due - performance.now()));
    }
    await Promise.all([...pending]);
  })();

  const decide = (async () => {
    for (let i = 0; ids.length > 0 && Date.now() < endAt; i++) {
      const id = ids[i % ids.length] as string;
      const ask = Math.floor(i / ids.length) % 2 === 0;
      const res = await http.request('POST', `/knelpunten/${id}/decisions`, {
        token: ask ? tokens.driehoek : tokens.indienerUwv,
        body: ask
          ? { decision: 'informatie_opvragen', question: `Hoeveel huishoudens raakt dit? (load ${i})` }
          : { decision: 'informatie_aanleveren', response: `Ongeveer 12.000 huishoudens per jaar (load ${i}).` },
      });
      if (!decisionRec.add(res, 200, `${ask ? 'opvragen' : 'aanleveren'} ${id}`)) continue;
      const expected = ask ? 'wacht_op_informatie' : 'bij_driehoek';
      const accepted = performance.now();
      let n = 0;
      for (;;) {
        n += 1;
        const get = await http.request('GET', `/knelpunten/${id}`, { token: tokens.driehoek });
        if (get.status === 200 && (get.body as { status?: string }).status === expected) {
          fresh.push(performance.now() - accepted);
          gets.push(n);
          break;
        }
        if (performance.now() - accepted > opts.freshTimeoutMs) {
          notFresh += 1;
          decisionRec.fail(`${id}: GET did not show ${expected} within ${opts.freshTimeoutMs} ms`);
          break;
        }
        await sleep(5);
      }
    }
  })();
  await Promise.all([intake, decide]);
  return {
    durationMs: round(performance.now() - started),
    intakeRatePerSecond: round(opts.intakeRatePerSecond),
    standen,
    skipped,
    postLatency: intakeRec.summary(),
    decisions: decisionRec.summary(),
    freshness: summarize(fresh, notFresh),
    freshnessGets: summarize(gets),
    notFresh,
    failures: [...intakeRec.failures, ...decisionRec.failures].slice(0, 5),
  };
}

/**
 * Makes sure `organisation` has at least `count` knelpunten bij_driehoek with a running workflow (for the decision
 * phases when the intake phase did not run, e.g. `--only decisions`): posts Standen of 10 and waits (bounded).
 */
export async function ensureDecisionKnelpunten(
  http: BenchHttp,
  sql: Pool,
  token: string,
  opts: { organisation: string; count: number; timeoutMs: number },
): Promise<number> {
  const ready = async (): Promise<number> => {
    const { rows } = await sql.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM knelpunten k JOIN workflow_starts w ON w.knelpunt_id = k.id
        WHERE k.organisation_code = $1 AND k.status = 'bij_driehoek' AND w.started_at IS NOT NULL`,
      [opts.organisation],
    );
    return rows[0]?.n ?? 0;
  };
  let have = await ready();
  if (have >= opts.count) return have;
  const rec = new Recorder('decision set-up');
  const tokens = new Map([[opts.organisation, token]]);
  for (let missing = opts.count - have; missing > 0; missing -= 10) {
    const organisation = opts.organisation;
    const res = await http.request('POST', '/standen', { token: tokens.get(organisation), body: aStand(organisation, 10) });
    rec.add(res, 201, 'POST /standen (set-up)');
  }
  const deadline = Date.now() + opts.timeoutMs;
  while ((have = await ready()) < opts.count && Date.now() < deadline) await sleep(100);
  return have;
}
