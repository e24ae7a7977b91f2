/**
 * Goal 6, timer storm: many deadlines whose reminders fall due at the same moment are all delivered within
 * 5 minutes, none twice.
 *
 * How the storm is made, with real workflows on real time: reminders fire at `reminderHour` (a whole hour,
 * Amsterdam time) on a working day before the due date (libs/domain/src/termijnen/plan-deadline.ts). The phase sets
 * the driehoek_besluit policy (PUT /deadline-policies, for the intake organisations) to a term of 1 working day with
 * one reminder 1 working day before the due date (today, on a working day) at the next whole hour, submits the knelpunten through the API (Standen of 250) so that each
 * workflow plans its deadline with that one reminder at HH:00:00, waits for that moment and then counts in
 * PostgreSQL: the workflow's `termijn_herinnering` timeline entry, the `herinnering` notifications and their
 * deliveries, per knelpunt. The policy is put back afterwards.
 *
 * The trade-off: the due moment is a whole hour, so the phase waits up to an hour for it. It is skipped (and says
 * so) when the next whole hour that leaves room for the intake, plus the delivery window, does not fit the budget;
 * `dueAt` can be given to aim at a particular hour.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { Client, Connection } from '@temporalio/client';
import { knelpuntWorkflowId } from '../../workflows/knelpunt/knelpunt.contract';
import {
  cpuMeter,
  OPEN_ORGANISATIONS,
  submitOpenKnelpunten,
  type CpuWindow,
  type OpenIntakeResult,
  type PhaseContext,
} from './phase-context';
import { round } from './stats';

export interface TimerStormOptions {
  /** Knelpunten whose reminders fall due together. */
  knelpunten: number;
  /** The goal: every reminder delivered within this time after the due moment. */
  deliveryWindowMs: number;
  /** Expected intake rate (knelpunten/s until running), to choose a due moment that leaves room for the intake. */
  expectedIntakePerSecond: number;
  /** Aim at this due moment (a whole hour, ISO) instead of the next one that fits. */
  dueAt?: string;
  /**
   * The worker sized for the storm as the README's production rule says (the sticky cache holds the open cases whose
   * reminders fall due together, with the heap for it): the phase restarts the worker with these settings before its
   * intake, and with its earlier settings afterwards. Not applied when the run set WORKER_MAX_CACHED_WORKFLOWS itself.
   */
  stormWorkerEnv: Record<string, string>;
}

export const TIMER_STORM_DEFAULTS: TimerStormOptions = {
  knelpunten: 10_000,
  deliveryWindowMs: 5 * 60_000,
  expectedIntakePerSecond: 10,
  // ~100 KB of heap per cached workflow; measured with these on 2 December (README, goal 6).
  stormWorkerEnv: { WORKER_MAX_CACHED_WORKFLOWS: '12000', NODE_OPTIONS: '--max-old-space-size=6144' },
};
export const TIMER_STORM_QUICK: TimerStormOptions = {
  ...TIMER_STORM_DEFAULTS,
  knelpunten: 500,
  stormWorkerEnv: { WORKER_MAX_CACHED_WORKFLOWS: '1000' },
};

export interface TimerStormResult {
  skipped?: string;
  knelpunten: number;
  /** The moment all reminders were planned for (whole hour). */
  dueAt: string | null;
  /** Knelpunten whose reminder alarm was planned at exactly dueAt (the rest would not be part of the storm). */
  plannedAtDueMoment: number;
  intake: Omit<OpenIntakeResult, 'ids'> | null;
  /** Knelpunten with exactly one `termijn_herinnering` timeline entry (the alarm fired once). */
  firedOnce: number;
  firedTwice: number;
  notFired: number;
  /** `herinnering` notifications, and how many (knelpunt, recipient) pairs have more than one. */
  notifications: number;
  duplicateNotifications: number;
  /** Knelpunten with no herinnering notification at all (no recipient group). */
  knelpuntenWithoutNotification: number;
  deliveries: number;
  deliveriesSent: number;
  /** Deliveries with more than one successful attempt (sent twice). */
  deliveriesSentTwice: number;
  /** From the due moment until the last reminder was fired (timeline), notified (outbox) and delivered. */
  lastFiredAfterMs: number | null;
  lastNotifiedAfterMs: number | null;
  lastDeliveredAfterMs: number | null;
  /** Reminders fired per second over the storm (count / (last fired - due moment)). */
  firedPerSecond: number | null;
  deliveryWindowMs: number;
  /** CPU of the server, PostgreSQL, the worker and the bench process from the due moment until the count ended. */
  cpu?: CpuWindow;
  /** The worker's sticky cache as configured for this run (empty: the SDK default). */
  workerMaxCachedWorkflows?: string;
  /** The worker's sticky queue schedule-to-start timeout in seconds as configured (empty: the SDK default, 10 s). */
  workerStickyTimeoutSeconds?: string;
  /** Reminders fired (timeline) by each whole 30 s after the due moment: where the storm went fast and slow. */
  firedBy?: { afterS: number; fired: number }[];
  /**
   * Workflow task timeouts after the due moment in the histories of a sample of the storm's workflows: a timeout on
   * the sticky queue sends the task to the normal queue with its full history (a replay).
   */
  historySample?: { workflows: number; withTimeout: number; timeouts: Record<string, number> };
  /** Pass inputs: all delivered within the window, none twice. */
  allDeliveredInWindow: boolean;
  noneTwice: boolean;
  pass: boolean;
}

interface PolicyDto {
  organisation: string | null;
  kind: string;
  instrument: string | null;
  term: { amount: number; unit: string };
  reminderWerkdagen: number[];
  overdueRepeatDays: number | null;
  acuAfterOverdueWeeks: number | null;
  notifyProgrammadirectieWhenOverdue: boolean;
  reminderHour: number;
}

const HOUR = 3600_000;

/** The hour of an instant in Amsterdam (whole hours line up in UTC: the offset is a whole number of hours). */
function amsterdamHour(at: Date): number {
  return Number(new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Amsterdam', hour: '2-digit', hourCycle: 'h23' }).format(at));
}

function emptyResult(opts: TimerStormOptions, skipped: string): TimerStormResult {
  return {
    skipped,
    knelpunten: 0,
    dueAt: null,
    plannedAtDueMoment: 0,
    intake: null,
    firedOnce: 0,
    firedTwice: 0,
    notFired: 0,
    notifications: 0,
    duplicateNotifications: 0,
    knelpuntenWithoutNotification: 0,
    deliveries: 0,
    deliveriesSent: 0,
    deliveriesSentTwice: 0,
    lastFiredAfterMs: null,
    lastNotifiedAfterMs: null,
    lastDeliveredAfterMs: null,
    firedPerSecond: null,
    deliveryWindowMs: opts.deliveryWindowMs,
    allDeliveredInWindow: false,
    noneTwice: false,
    pass: false,
  };
}

export async function runTimerStorm(ctx: PhaseContext, options: Partial<TimerStormOptions> = {}): Promise<TimerStormResult> {
  const opts = { ...TIMER_STORM_DEFAULTS, ...options };
  const now = Date.now();
  const intakeEstimateMs = (opts.knelpunten / opts.expectedIntakePerSecond) * 1000 + 30_000;
  const due = opts.dueAt ? new Date(opts.dueAt) : new Date(Math.ceil((now + intakeEstimateMs) / HOUR) * HOUR);
  if (due.getTime() % HOUR !== 0) return emptyResult(opts, `dueAt ${due.toISOString()} is not a whole hour`);
  if (due.getTime() + opts.deliveryWindowMs + 30_000 > ctx.stopAt) {
    return emptyResult(
      opts,
      `the next whole hour that leaves ${Math.round(intakeEstimateMs / 1000)} s for the intake is ${due.toISOString()}; ` +
        `it and the ${opts.deliveryWindowMs / 60_000}-minute delivery window do not fit the budget (until ${new Date(ctx.stopAt).toISOString()})`,
    );
  }
  const reminderHour = amsterdamHour(due);
  ctx.log(`timer storm: ${opts.knelpunten} reminders planned for ${due.toISOString()} (${reminderHour}:00 Amsterdam)`);

  // The policy in force for the intake organisations, to put back afterwards.
  const pd = await ctx.system.token({ role: 'programmadirectie' });
  const listed = await ctx.http.request('GET', '/deadline-policies?kind=driehoek_besluit', { token: pd });
  if (listed.status !== 200) return emptyResult(opts, `GET /deadline-policies: HTTP ${listed.status}`);
  const before = ((listed.body as { items?: PolicyDto[] }).items ?? []).filter(
    (p) => p.organisation === null || (OPEN_ORGANISATIONS as readonly string[]).includes(p.organisation),
  );
  if (!before.some((p) => p.organisation === null)) {
    return emptyResult(opts, 'no default driehoek_besluit policy to replace');
  }

  const policies = stormPolicies(ctx, pd, before, reminderHour);

  // Sized before the intake, so that the storm's workflows are in the cache when their reminders fire.
  const workerBefore = { ...ctx.system.workerEnv };
  const resize = workerBefore.WORKER_MAX_CACHED_WORKFLOWS === undefined;
  if (resize) await ctx.system.restartWorker({ ...workerBefore, ...opts.stormWorkerEnv });
  try {
    return await stormWith(ctx, opts, due, policies);
  } finally {
    if (resize)
      await ctx.system.restartWorker(workerBefore).catch((err: unknown) => ctx.log(`timer storm: worker not restored: ${String(err)}`));
  }
}

/** The driehoek_besluit policies in force, replaced for the storm's intake and put back after it. */
interface StormPolicies {
  apply(): Promise<void>;
  restore(): Promise<void>;
}

function stormPolicies(ctx: PhaseContext, token: string, before: PolicyDto[], reminderHour: number): StormPolicies {
  const put = async (body: Record<string, unknown>): Promise<void> => {
    // BenchHttp types GET and POST only; fetch sends any method.
    const res = await ctx.http.request('PUT' as 'POST', '/deadline-policies', { token, body });
    if (res.status !== 200 && res.status !== 201) throw new Error(`PUT /deadline-policies: HTTP ${res.status} ${JSON.stringify(res.body)}`);
  };
  const scope = (p: PolicyDto): Record<string, unknown> => (p.organisation ? { organisation: p.organisation } : {});
  return {
    async apply() {
      for (const p of before) {
        await put({
          ...scope(p),
          kind: 'driehoek_besluit',
          // The shortest term the API takes; the one reminder is a working day before the due date: today, on a working day.
          term: { amount: 1, unit: 'werkdagen' },
          reminderWerkdagen: [1],
          overdueRepeatDays: null,
          acuAfterOverdueWeeks: null,
          notifyProgrammadirectieWhenOverdue: false,
          reminderHour,
        });
      }
    },
    async restore() {
      for (const p of before) {
        const restored = {
          ...scope(p),
          kind: p.kind,
          term: p.term,
          reminderWerkdagen: p.reminderWerkdagen,
          overdueRepeatDays: p.overdueRepeatDays,
          acuAfterOverdueWeeks: p.acuAfterOverdueWeeks,
          notifyProgrammadirectieWhenOverdue: p.notifyProgrammadirectieWhenOverdue,
          reminderHour: p.reminderHour,
        };
        await put(restored).catch((err: unknown) => ctx.log(`timer storm: policy not restored: ${String(err)}`));
      }
    },
  };
}

async function stormWith(ctx: PhaseContext, opts: TimerStormOptions, due: Date, policies: StormPolicies): Promise<TimerStormResult> {
  let intake: OpenIntakeResult;
  try {
    await policies.apply();
    intake = await submitOpenKnelpunten(ctx, { count: opts.knelpunten, tag: 'storm', concurrency: 2, stopAt: due.getTime() - 5_000 });
  } finally {
    await policies.restore();
  }
  const { ids, ...intakeSummary } = intake;

  const { rows: planned } = await ctx.system.sql.query<{ n: number; other: string | null }>(
    `SELECT count(*) FILTER (WHERE r->>'at' = $2)::int AS n, min(r->>'at') FILTER (WHERE r->>'at' <> $2) AS other
       FROM knelpunten k, jsonb_array_elements(k.deadlines) d, jsonb_array_elements(d->'reminders') r
      WHERE k.id = ANY($1::uuid[]) AND d->>'kind' = 'driehoek_besluit'`,
    [ids, due.toISOString()],
  );
  const plannedAtDueMoment = planned[0]?.n ?? 0;
  if (plannedAtDueMoment < ids.length) {
    ctx.log(
      `timer storm: only ${plannedAtDueMoment} of ${ids.length} reminders planned at ${due.toISOString()} (other: ${planned[0]?.other})`,
    );
  }

  // Wait for the due moment, then for the deliveries (bounded by the window plus a margin, and the budget).
  const waitMs = due.getTime() - Date.now();
  if (waitMs > 0) {
    ctx.log(`timer storm: ${ids.length} workflows running; waiting ${Math.round(waitMs / 1000)} s for ${due.toISOString()}`);
    await sleep(waitMs);
  }
  const stopCpu = cpuMeter(ctx.system);
  const until = Math.min(due.getTime() + opts.deliveryWindowMs + 60_000, ctx.stopAt);
  let lastLog = 0;
  const measure = async (): Promise<TimerStormResult> => {
    const sql = ctx.system.sql;
    const { rows: fired } = await sql.query<{ once: number; twice: number; none: number; last_ms: number | null }>(
      `WITH per AS (
         SELECT k.id, count(t.id) AS n, max(t.at) AS last
           FROM unnest($1::uuid[]) AS k(id)
           LEFT JOIN knelpunt_timeline t ON t.knelpunt_id = k.id AND t.type = 'termijn_herinnering'
          GROUP BY k.id)
       SELECT count(*) FILTER (WHERE n = 1)::int AS once, count(*) FILTER (WHERE n > 1)::int AS twice,
              count(*) FILTER (WHERE n = 0)::int AS none,
              (extract(epoch FROM max(last) - $2::timestamptz) * 1000)::float8 AS last_ms FROM per`,
      [ids, due],
    );
    const { rows: notes } = await sql.query<{ n: number; dup: number; without: number; last_ms: number | null }>(
      `WITH n AS (
         SELECT knelpunt_id, recipient_key, count(*) AS c, max(created_at) AS last FROM notifications
          WHERE knelpunt_id = ANY($1::uuid[]) AND kind = 'herinnering' GROUP BY 1, 2)
       SELECT coalesce(sum(c), 0)::int AS n, count(*) FILTER (WHERE c > 1)::int AS dup,
              (cardinality($1::uuid[]) - count(DISTINCT knelpunt_id))::int AS without,
              (extract(epoch FROM max(last) - $2::timestamptz) * 1000)::float8 AS last_ms FROM n`,
      [ids, due],
    );
    const { rows: del } = await sql.query<{ n: number; sent: number; twice: number; last_ms: number | null }>(
      `WITH d AS (
         SELECT d.id, d.state, d.sent_at,
                (SELECT count(*) FROM delivery_attempts a WHERE a.delivery_id = d.id AND a.outcome = 'verzonden') AS ok
           FROM deliveries d JOIN notifications n ON n.id = d.notification_id
          WHERE n.knelpunt_id = ANY($1::uuid[]) AND n.kind = 'herinnering')
       SELECT count(*)::int AS n, count(*) FILTER (WHERE state IN ('verzonden', 'overgeslagen'))::int AS sent,
              count(*) FILTER (WHERE ok > 1)::int AS twice,
              (extract(epoch FROM max(sent_at) - $2::timestamptz) * 1000)::float8 AS last_ms FROM d`,
      [ids, due],
    );
    const f = fired[0];
    const nt = notes[0];
    const dl = del[0];
    const r = emptyResult(opts, '');
    delete r.skipped;
    Object.assign(r, {
      knelpunten: ids.length,
      dueAt: due.toISOString(),
      plannedAtDueMoment,
      intake: intakeSummary,
      firedOnce: f?.once ?? 0,
      firedTwice: f?.twice ?? 0,
      notFired: f?.none ?? 0,
      notifications: nt?.n ?? 0,
      duplicateNotifications: nt?.dup ?? 0,
      knelpuntenWithoutNotification: nt?.without ?? 0,
      deliveries: dl?.n ?? 0,
      deliveriesSent: dl?.sent ?? 0,
      deliveriesSentTwice: dl?.twice ?? 0,
      lastFiredAfterMs: f?.last_ms == null ? null : round(f.last_ms),
      lastNotifiedAfterMs: nt?.last_ms == null ? null : round(nt.last_ms),
      lastDeliveredAfterMs: dl?.last_ms == null ? null : round(dl.last_ms),
    });
    return r;
  };
  let result = await measure();
  for (;;) {
    const done = result.notFired === 0 && result.knelpuntenWithoutNotification === 0 && result.deliveriesSent === result.deliveries;
    if (done || Date.now() > until) break;
    if (Date.now() - lastLog > 10_000) {
      lastLog = Date.now();
      ctx.log(
        `timer storm: ${result.firedOnce + result.firedTwice} of ${ids.length} fired, ${result.deliveriesSent} of ${result.deliveries} deliveries sent`,
      );
    }
    // The count itself joins 10,000 knelpunten with three tables: every 5 s, so that it does not slow the storm. The
    // times reported come from the rows' own timestamps, not from when they were counted.
    await sleep(5000);
    result = await measure();
  }
  result.cpu = stopCpu();
  result.workerMaxCachedWorkflows = ctx.system.workerEnv.WORKER_MAX_CACHED_WORKFLOWS ?? '';
  result.workerStickyTimeoutSeconds = ctx.system.workerEnv.WORKER_STICKY_TIMEOUT_SECONDS ?? '';
  result.firedBy = await firedProfile(ctx, ids, due);
  result.historySample = await sampleTimeouts(ctx, ids, due).catch((err: unknown) => {
    ctx.log(`timer storm: history sample failed: ${String(err)}`);
    return undefined;
  });
  ctx.log(`timer storm: fired by 30 s steps ${JSON.stringify(result.firedBy)}; history sample ${JSON.stringify(result.historySample)}`);
  ctx.log(
    `timer storm: CPU over ${Math.round(result.cpu.wallMs / 1000)} s: server ${result.cpu.serverMs} ms, PostgreSQL ${result.cpu.postgresMs} ms, ` +
      `worker ${result.cpu.workerMs} ms, bench process ${result.cpu.benchMs} ms`,
  );
  result.firedPerSecond =
    result.lastFiredAfterMs && result.lastFiredAfterMs > 0
      ? round(((result.firedOnce + result.firedTwice) / result.lastFiredAfterMs) * 1000)
      : null;
  const lastMs = result.lastDeliveredAfterMs ?? result.lastNotifiedAfterMs ?? result.lastFiredAfterMs;
  result.allDeliveredInWindow =
    ids.length === opts.knelpunten &&
    plannedAtDueMoment === ids.length &&
    result.notFired === 0 &&
    result.knelpuntenWithoutNotification === 0 &&
    result.deliveriesSent === result.deliveries &&
    lastMs !== null &&
    lastMs <= opts.deliveryWindowMs;
  result.noneTwice = result.firedTwice === 0 && result.duplicateNotifications === 0 && result.deliveriesSentTwice === 0;
  result.pass = result.allDeliveredInWindow && result.noneTwice;
  return result;
}

async function firedProfile(ctx: PhaseContext, ids: string[], due: Date): Promise<{ afterS: number; fired: number }[]> {
  const { rows } = await ctx.system.sql.query<{ after_s: number; fired: number }>(
    `SELECT (ceil(extract(epoch FROM t.at - $2::timestamptz) / 30) * 30)::int AS after_s, count(*)::int AS fired
       FROM knelpunt_timeline t WHERE t.knelpunt_id = ANY($1::uuid[]) AND t.type = 'termijn_herinnering'
      GROUP BY 1 ORDER BY 1`,
    [ids, due],
  );
  let sum = 0;
  return rows.map((r) => ({ afterS: r.after_s, fired: (sum += r.fired) }));
}

const TIMEOUT_TYPES: Record<number, string> = { 1: 'START_TO_CLOSE', 2: 'SCHEDULE_TO_START' };

/** Counts workflow task timeouts (by type) after the due moment in the histories of up to 200 of the storm's workflows. */
async function sampleTimeouts(
  ctx: PhaseContext,
  ids: string[],
  due: Date,
): Promise<{ workflows: number; withTimeout: number; timeouts: Record<string, number> }> {
  const connection = await Connection.connect({ address: ctx.system.config.TEMPORAL_ADDRESS });
  try {
    const client = new Client({ connection });
    const step = Math.max(1, Math.floor(ids.length / 200));
    const sample = ids.filter((_, i) => i % step === 0).slice(0, 200);
    const timeouts: Record<string, number> = {};
    let withTimeout = 0;
    for (const id of sample) {
      const history = await client.workflow.getHandle(knelpuntWorkflowId(id)).fetchHistory();
      let any = false;
      for (const e of history.events ?? []) {
        const at = e.eventTime?.seconds ? Number(e.eventTime.seconds) * 1000 : 0;
        const attrs = e.workflowTaskTimedOutEventAttributes;
        if (!attrs || at < due.getTime()) continue;
        const type = TIMEOUT_TYPES[Number(attrs.timeoutType)] ?? String(attrs.timeoutType);
        timeouts[type] = (timeouts[type] ?? 0) + 1;
        any = true;
      }
      if (any) withTimeout += 1;
    }
    return { workflows: sample.length, withTimeout, timeouts };
  } finally {
    await connection.close();
  }
}
