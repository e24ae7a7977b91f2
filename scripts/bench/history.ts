/**
 * Goal 7, history: a simulated two-year case stays under 2,000 events per run and each run replays in under 1 s.
 *
 * The real knelpunt workflow (the bench's workflow bundle) and its real activities (WorkerModule without its own
 * worker, on the bench's database) run on the time-skipping test server (scripts/infra/time-skipping.ts), as in
 * test/workflow/support/time-skipping-scenario.ts. The knelpunt row is inserted in SQL (an intake through the API
 * would also start a workflow on the bench's engine). Over two years of skipped time the case gets `decisions`
 * decisions (information asked by the driehoek and delivered by the indiener, in turns) and reminders fired by its
 * deadlines (about `remindersPerYear` a year: time is skipped to the next reminder alarm while the case is behind
 * that pace, otherwise by a day, never past an overdue alarm). Afterwards every run of the workflow (continue-as-new
 * chain) is fetched and replayed with `Worker.runReplayHistory`, timed.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { NestFactory } from '@nestjs/core';
import type { INestApplicationContext } from '@nestjs/common';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import type { WorkflowHandle } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { WorkerModule } from '../../apps/worker/src/worker.module';
import { KNELPUNT_ACTIVITIES } from '../../apps/worker/src/temporal-worker.service';
import type { KnelpuntActivities } from '../../workflows/knelpunt/knelpunt.activities-contract';
import {
  ActorRef,
  KNELPUNT_WORKFLOW_TYPE,
  KnelpuntState,
  decisionUpdate,
  knelpuntWorkflowId,
  stateQuery,
} from '../../workflows/knelpunt/knelpunt.contract';
import type { knelpuntWorkflow } from '../../workflows/knelpunt/knelpunt.workflow';
import { SA_DRIEHOEK, SA_ORGANISATIE, SA_STATUS } from '../../workflows/knelpunt/knelpunt.search-attributes';
import { isActive } from '../../libs/domain/src/termijnen/deadline-state';
import { registerSearchAttributes, timeSkippingServerExecutable } from '../infra/time-skipping';
import type { PhaseContext } from './phase-context';
import { round } from './stats';
import { historyToJson } from '../record-histories';

export interface HistoryOptions {
  years: number;
  remindersPerYear: number;
  decisions: number;
  /** features.historyLimit of the workflow input (events before continue-as-new); undefined = the production limit. */
  historyLimit?: number;
  maxEventsPerRun: number;
  maxReplayMs: number;
  /** Write every run's history here as JSON (the format of test/histories), to profile or replay it later. */
  saveHistoriesTo?: string;
}

export const HISTORY_DEFAULTS: HistoryOptions = { years: 2, remindersPerYear: 8, decisions: 50, maxEventsPerRun: 2000, maxReplayMs: 1000 };
export const HISTORY_QUICK: Partial<HistoryOptions> = { years: 1, decisions: 12 };

export interface RunReport {
  runId: string;
  events: number;
  /** How the run ended: continued as new, terminated (the bench ends the case), completed, … */
  end: string;
  /** Replay in a fresh replay worker (bundle loaded into a new V8 context). */
  replayMs: number;
  /** Replay in a replay worker that has replayed before (bundle loaded). */
  warmReplayMs: number;
}

export interface HistoryResult {
  simulatedDays: number;
  decisions: number;
  reminders: number;
  /** Timeline entries the case wrote in the read model. */
  timelineEntries: number;
  runs: RunReport[];
  maxEventsPerRun: number;
  totalEvents: number;
  /** Worst cold replay (the goal's figure: a replay as it happens after a restart or for debugging). */
  maxReplayMs: number;
  maxWarmReplayMs: number;
  historyLimit: number | 'production default';
  simulateMs: number;
  eventsPass: boolean;
  replayPass: boolean;
  pass: boolean;
}

const DAY = 24 * 3600_000;

type History = Awaited<ReturnType<WorkflowHandle['fetchHistory']>>;

const driehoek = (code: string): ActorRef => ({
  subject: `driehoek-${code.toLowerCase()}`,
  name: `Dirk Driehoek (${code})`,
  role: 'driehoek',
  organisation: null,
  driehoek: code,
});
const indiener = (code: string): ActorRef => ({
  subject: `indiener-${code.toLowerCase()}`,
  name: `Ina Indiener (${code})`,
  role: 'indiener',
  organisation: code,
  driehoek: null,
});

const ACTOR = JSON.stringify({ subject: 'bench', name: 'Benchmark (history)', role: 'admin', organisation: null });

/** A knelpunt row as the intake writes it (status ingediend), without the intake's workflow start. */
async function insertKnelpunt(ctx: PhaseContext, organisation: string, submittedAt: Date): Promise<{ id: string; reference: string }> {
  const id = randomUUID();
  const reference = `${organisation}-H${String(Date.now()).slice(-7)}`;
  const { rows } = await ctx.system.sql.query<{ id: string }>(
    `INSERT INTO standen (id, organisation_code, period, title, published_on, source_url, content_hash, created_by, created_at)
     VALUES (gen_random_uuid(), $1, '2026-H1', 'Stand (history bench) ' || $2, current_date, 'https://history.example/' || $2,
             encode(sha256(convert_to($2, 'UTF8')), 'hex'), $3::jsonb, now())
     RETURNING id`,
    [organisation, id, ACTOR],
  );
  await ctx.system.sql.query(
    `INSERT INTO knelpunten (id, reference, stand_id, organisation_code, driehoek_code, position, title, description, theme, law,
       ministry_code, impact, proposed_solution, external_ref, status, deadlines, details, projection_version, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $4, 1, 'Samenloop van regelingen (twee jaar)', 'Een knelpunt dat twee jaar open blijft.', 'vereenvoudiging',
       'Participatiewet', (SELECT code FROM ministeries ORDER BY code LIMIT 1), 'Terugvorderingen', 'Eén inkomensbegrip', 'HISTORY-1',
       'ingediend', '[]'::jsonb, '{}'::jsonb, 0, $5, $5)`,
    [id, reference, rows[0]?.id, organisation, submittedAt],
  );
  return { id, reference };
}

export async function runHistory(ctx: PhaseContext, options: Partial<HistoryOptions> = {}): Promise<HistoryResult> {
  const opts = { ...HISTORY_DEFAULTS, ...options };
  const bundlePath = ctx.system.config.WORKFLOW_BUNDLE_PATH;
  if (!bundlePath) throw new Error('history: the bench system has no WORKFLOW_BUNDLE_PATH');
  const organisation = 'UWV';
  const t0 = performance.now();
  ctx.log('history: starting the time-skipping test server');
  const env = await TestWorkflowEnvironment.createTimeSkipping({ server: { executable: timeSkippingServerExecutable() } });
  let activities: INestApplicationContext | undefined;
  try {
    await registerSearchAttributes(env.connection);
    activities = await NestFactory.createApplicationContext(WorkerModule.forConfig(ctx.system.config, { runWorker: false }), {
      logger: ['error'],
    });
    await activities.init();
    const taskQueue = `knelpunten-history-${randomUUID()}`;
    const worker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue,
      workflowBundle: { codePath: bundlePath },
      activities: activities.get<KnelpuntActivities>(KNELPUNT_ACTIVITIES),
    });

    const start = await env.currentTimeMs();
    const end = start + opts.years * 365 * DAY;
    const k = await insertKnelpunt(ctx, organisation, new Date(start));
    const workflowId = knelpuntWorkflowId(k.id);
    let decisions = 0;
    let firstRunId = '';
    let skips = 0;

    await worker.runUntil(async () => {
      const handle = await env.client.workflow.start<typeof knelpuntWorkflow>(KNELPUNT_WORKFLOW_TYPE, {
        taskQueue,
        workflowId,
        args: [
          {
            knelpuntId: k.id,
            reference: k.reference,
            organisation,
            driehoek: organisation,
            submittedAt: new Date(start).toISOString(),
            features: { searchAttributes: true, ...(opts.historyLimit ? { historyLimit: opts.historyLimit } : {}) },
          },
        ],
        typedSearchAttributes: [
          { key: SA_STATUS, value: 'ingediend' },
          { key: SA_ORGANISATIE, value: organisation },
          { key: SA_DRIEHOEK, value: organisation },
        ],
      });
      firstRunId = handle.firstExecutionRunId;
      // Always the latest run (continue-as-new moves the workflow to a new run id).
      const latest = env.client.workflow.getHandle<typeof knelpuntWorkflow>(workflowId);
      const state = (): Promise<KnelpuntState> => latest.query(stateQuery);
      const waitFor = async (check: (s: KnelpuntState) => boolean, what: string): Promise<KnelpuntState> => {
        const until = Date.now() + 30_000;
        for (;;) {
          const s = await state().catch(() => null);
          if (s && check(s)) return s;
          if (Date.now() > until) throw new Error(`history: timed out waiting for ${what}`);
          await sleep(50);
        }
      };
      await waitFor((s) => s.status === 'bij_driehoek', 'bij_driehoek');

      const reminderCount = (s: KnelpuntState): number =>
        s.deadlines.reduce((n, d) => n + d.alarms.filter((a) => a.done && !a.skipped && a.type.includes('herinnering')).length, 0);
      const targetReminders = opts.years * opts.remindersPerYear;
      const decisionEvery = (end - start) / (opts.decisions + 1);
      let nextDecisionAt = start + decisionEvery;
      let lastLog = Date.now();

      for (;;) {
        const now = await env.currentTimeMs();
        if (now >= end && decisions >= opts.decisions) break;
        let s = await state();
        const overdueAlarms = (x: KnelpuntState): number[] =>
          x.deadlines
            .filter(isActive)
            .flatMap((d) => d.alarms.filter((a) => !a.done && (a.type === 'verlopen' || a.type === 'acu_agenda')))
            .map((a) => Date.parse(a.at));
        // The case keeps moving: a decision is taken early rather than let a term lapse (which would change its course).
        const lapseSoon = overdueAlarms(s).some((at) => at - now < 2 * 3600_000);
        if (decisions < opts.decisions && (now >= nextDecisionAt || lapseSoon)) {
          const asking = s.status === 'bij_driehoek';
          await latest
            .executeUpdate(decisionUpdate, {
              args: [
                {
                  decisionId: randomUUID(),
                  decision: asking ? 'informatie_opvragen' : 'informatie_aanleveren',
                  actor: asking ? driehoek(organisation) : indiener(organisation),
                  fields: asking
                    ? { question: `Vraag ${decisions + 1}: om hoeveel huishoudens gaat het?` }
                    : { response: 'Ongeveer 4.000.' },
                },
              ],
            })
            .catch((err: unknown) => {
              const cause = (err as { cause?: { message?: string } }).cause?.message;
              throw new Error(`history: decision ${decisions + 1} in status ${s.status} failed: ${cause ?? String(err)}`);
            });
          decisions += 1;
          nextDecisionAt = Math.max(nextDecisionAt, now) + decisionEvery;
          continue;
        }
        // Skip time: to the next reminder while behind the reminder pace, else a day; not past a lapse while decisions remain.
        const fired = reminderCount(s);
        const behind = fired < targetReminders * ((now - start) / (end - start) + 1 / targetReminders);
        const pending = s.deadlines
          .filter(isActive)
          .flatMap((d) => d.alarms.filter((a) => !a.done))
          .sort((a, b) => a.at.localeCompare(b.at));
        const firstOverdue = pending.find((a) => a.type === 'verlopen' || a.type === 'acu_agenda');
        const nextReminder = pending.find((a) => a.type.includes('herinnering'));
        let target = Math.min(now + DAY, nextDecisionAt, end);
        if (behind && nextReminder && (!firstOverdue || nextReminder.at < firstOverdue.at)) {
          target = Math.min(Date.parse(nextReminder.at) + 60_000, nextDecisionAt);
        }
        // While decisions remain, stop short of a lapse (the next round decides early, see lapseSoon).
        if (firstOverdue && decisions < opts.decisions) target = Math.min(target, Date.parse(firstOverdue.at) - 90 * 60_000);
        if (target <= now) target = now + 60_000;
        if (target > now) {
          await env.sleep(target - now);
          skips += 1;
        }
        // Let the workflow handle what fell due (reminders: a local activity and the projection).
        s = await waitFor(
          (x) => x.deadlines.filter(isActive).every((d) => d.alarms.every((a) => a.done || Date.parse(a.at) > target)),
          'due alarms to fire',
        );
        if (Date.now() - lastLog > 10_000) {
          lastLog = Date.now();
          ctx.log(`history: day ${Math.round((target - start) / DAY)}: ${decisions} decisions, ${reminderCount(s)} reminders`);
        }
      }
      await latest.terminate('bench: end of the simulated period');
    });
    const simulateMs = performance.now() - t0;

    // Every run of the chain, its history and its replay.
    const runs: RunReport[] = [];
    let runId: string | undefined = firstRunId;
    let replayed = 0;
    while (runId) {
      const history: History = await env.client.workflow.getHandle(workflowId, runId).fetchHistory();
      const events = history.events ?? [];
      const last = events[events.length - 1];
      const continued = last?.workflowExecutionContinuedAsNewEventAttributes;
      const endKind = last?.eventType != null ? (temporal.api.enums.v1.EventType[last.eventType] ?? String(last.eventType)) : 'unknown';
      // Cold: a fresh replay worker (loads the workflow bundle into a new V8 context), as a debugging replay runs.
      const r0 = performance.now();
      await Worker.runReplayHistory({ workflowBundle: { codePath: bundlePath }, replayName: `history-bench-${replayed}` }, history);
      const replayMs = performance.now() - r0;
      if (opts.saveHistoriesTo) {
        mkdirSync(opts.saveHistoriesTo, { recursive: true });
        writeFileSync(join(opts.saveHistoriesTo, `run-${replayed + 1}.json`), historyToJson(history));
      }
      // Warm: the same history three times through one replay worker; the time between the 2nd and 3rd result.
      const stamps: number[] = [];
      const copies = [0, 1, 2].map(() => ({ workflowId, history }));
      for await (const r of Worker.runReplayHistories({ workflowBundle: { codePath: bundlePath } }, copies)) {
        if (r.error) throw new Error(`history: replay of run ${runs.length + 1} failed: ${r.error.message}`);
        stamps.push(performance.now());
      }
      const warmMs = stamps.length === 3 ? (stamps[2] as number) - (stamps[1] as number) : Number.NaN;
      replayed += 1;
      runs.push({ runId, events: events.length, end: endKind, replayMs: round(replayMs), warmReplayMs: round(warmMs) });
      ctx.log(`history: run ${runs.length}: ${events.length} events, replay ${round(replayMs)} ms cold, ${round(warmMs)} ms warm`);
      runId = continued?.newExecutionRunId ?? undefined;
    }

    const { rows } = await ctx.system.sql.query<{ n: number; reminders: number }>(
      `SELECT count(*)::int AS n, count(*) FILTER (WHERE type = 'termijn_herinnering')::int AS reminders
         FROM knelpunt_timeline WHERE knelpunt_id = $1`,
      [k.id],
    );
    const maxEvents = Math.max(...runs.map((r) => r.events));
    const maxReplay = Math.max(...runs.map((r) => r.replayMs));
    ctx.log(`history: ${skips} time skips, ${decisions} decisions, ${rows[0]?.reminders ?? 0} reminders, ${runs.length} runs`);
    return {
      simulatedDays: Math.round((end - start) / DAY),
      decisions,
      reminders: rows[0]?.reminders ?? 0,
      timelineEntries: rows[0]?.n ?? 0,
      runs,
      maxEventsPerRun: maxEvents,
      totalEvents: runs.reduce((s, r) => s + r.events, 0),
      maxReplayMs: maxReplay,
      maxWarmReplayMs: Math.max(...runs.map((r) => r.warmReplayMs)),
      historyLimit: opts.historyLimit ?? 'production default',
      simulateMs: round(simulateMs),
      eventsPass: maxEvents < opts.maxEventsPerRun,
      replayPass: maxReplay < opts.maxReplayMs,
      pass: maxEvents < opts.maxEventsPerRun && maxReplay < opts.maxReplayMs,
    };
  } finally {
    await activities?.close().catch(() => undefined);
    await env.teardown().catch(() => undefined);
  }
}
