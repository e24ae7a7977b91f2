/**
 * Drill 7 (issue 8): a model-based run. Random sequences of decisions, voortgang, deadline actions (opschorten,
 * hervatten, verlengen) and skipped time, sent as Updates to real knelpunt workflows on the Java time-skipping test
 * server with the real activities and a real PostgreSQL, checked step by step against the pure model in
 * test/drills/support/knelpunt-model.ts (the decision table of libs/domain plus the deadline planning of
 * libs/domain/src/termijnen):
 * - every Update is answered (accepted, or refused with the failure type the model predicts: VALIDATIE_FOUT,
 *   BESLISSING_NIET_TOEGESTAAN, GEEN_TOEGANG), within UPDATE_TIMEOUT_MS;
 * - after every step the workflow's state (stateQuery) has the model's status, outcome, escalation and open
 *   deadlines (with the exact due dates of the driehoek and informatie terms, whose alarms move the status when time is
 *   skipped), and the read model in PostgreSQL has the workflow's status, outcome and version;
 * - at the end of every sequence the workflow is completed when afgesloten and running otherwise, every Update sent
 *   came back, the reconciliation's comparison (libs/knelpunten/src/use-cases/reconcile/drift.ts on the rows its
 *   repository reads) finds no drift between the read model and the workflow, and (for a sample of the closed ones) one more command is refused without changing anything.
 * Besides: now and then the last accepted command is sent again with the same id (answered, not applied twice), and a
 * third of the workflows get a small history limit so they continue as new in the middle of a sequence.
 *
 * Runs in batches of DRILL_PARALLEL workflows sharing the server clock: a round is either one command per sequence
 * (in parallel) or a skip of the clock for the whole batch. Every discrepancy is collected and reported at the end.
 *
 * Env: DRILL_SEED (default: random, printed), DRILL_SEQUENCES (default 200), DRILL_PARALLEL (default 25),
 * DRILL_PER_TEST (sequences per test, default 100), DRILL_START_DATE (first batch's date, default from the seed).
 * The seed fixes every command, every skip and the calendar dates, so `DRILL_SEED=<seed>` with the same
 * DRILL_SEQUENCES/DRILL_PARALLEL/DRILL_PER_TEST replays a failing run.
 */
import { WorkflowHandleWithFirstExecutionRunId, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import {
  DeadlinePolicySnapshot,
  TermUnit,
  WerkdagenKalender,
  addDays,
  amsterdamInstant,
  isLocalDate,
  nextAlarmAt,
} from '../../libs/domain/src';
import {
  ActorRef,
  DecisionCommand,
  KNELPUNT_WORKFLOW_TYPE,
  KnelpuntState,
  knelpuntWorkflowId,
  decisionUpdate,
  deadlineUpdate,
  voortgangUpdate,
} from '../../workflows/knelpunt/knelpunt.contract';
import { KnelpuntHandle, Scenario, actors, startTimeSkippingEnv } from '../workflow/support/time-skipping-scenario';
import type { knelpuntWorkflow } from '../../workflows/knelpunt/knelpunt.workflow';
import { SA_DRIEHOEK, SA_ORGANISATIE, SA_STATUS } from '../../workflows/knelpunt/knelpunt.search-attributes';
import { aKnelpunt, aStand } from '../builders';
import { ReconcileRepository } from '../../libs/knelpunten/src/use-cases/reconcile/reconcile.repository';
import { compareWithWorkflow } from '../../libs/knelpunten/src/use-cases/reconcile/drift';
import { Prng } from './support/prng';
import {
  Expected,
  KnelpuntModel,
  ModelCommand,
  ModelContext,
  TIMED_KINDS,
  TimedKind,
  advanceTo,
  apply,
  describeModel,
  differences,
  initialModel,
  localDate,
} from './support/knelpunt-model';
import { describeCommand, nextCommand } from './support/command-generator';

const intEnv = (name: string, fallback: number): number => {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a non-negative integer, got '${raw}'`);
  return n;
};

const SEED = intEnv('DRILL_SEED', Math.floor(Math.random() * 2 ** 31));
const SEQUENCES = Math.max(1, intEnv('DRILL_SEQUENCES', 200));
const PARALLEL = Math.max(1, intEnv('DRILL_PARALLEL', 25));
const PER_TEST = Math.max(1, intEnv('DRILL_PER_TEST', 100));
const UPDATE_TIMEOUT_MS = 30_000;
const SETTLE_TIMEOUT_MS = 15_000;
/** Rounds per batch: a batch lasts as long as its longest sequence, so patient sequences are cut off here. */
const MAX_ROUNDS = 40;
const NOON = 12;

const REPRODUCE = `DRILL_SEED=${SEED} DRILL_SEQUENCES=${SEQUENCES} DRILL_PARALLEL=${PARALLEL} DRILL_PER_TEST=${PER_TEST}`;

/** Deterministic per-(seed, index) generator. */
const derived = (salt: number): Prng => new Prng(Math.imul(SEED ^ 0x5bd1e995, 0x27d4eb2d) ^ Math.imul(salt + 1, 0x9e3779b1));

function firstDate(): string {
  const fromEnv = process.env['DRILL_START_DATE'];
  if (fromEnv) {
    if (!isLocalDate(fromEnv)) throw new Error(`DRILL_START_DATE must be YYYY-MM-DD, got '${fromEnv}'`);
    return fromEnv;
  }
  return addDays('2031-01-01', SEED % 1461);
}

interface Sequence {
  index: number;
  rng: Prng;
  k: { id: string; reference: string };
  h: KnelpuntHandle;
  model: KnelpuntModel;
  maxSteps: number;
  /** how often this sequence sits a command round out (0.15 busy … 0.8 patient: lets terms run out) */
  idle: number;
  steps: number;
  history: string[];
  sent: number;
  answered: number;
  lastVersion: number;
  lastAccepted: ModelCommand | null;
  failed: boolean;
  firstRunId: string;
}

interface Stats {
  sequences: number;
  steps: number;
  skips: number;
  accepted: number;
  refused: Record<string, number>;
  automatic: Record<string, number>;
  finalStatus: Record<string, number>;
  transient: number;
  /** corners where the model mirrors a questionable workflow rule: note → how often, and the first sequence's history */
  notes: Map<string, { count: number; first: string }>;
  /** wall-clock ms in skips (server and settling) and in command rounds */
  skipMs: number;
  commandMs: number;
  startMs: number;
  finishMs: number;
  rounds: number;
  retries: number;
  continuedAsNew: number;
  afterClose: Record<string, number>;
}

type Answer = { ok: true; result: unknown } | { ok: false; type: string; message: string };

const bump = (rec: Record<string, number>, key: string): void => {
  rec[key] = (rec[key] ?? 0) + 1;
};

describe(`drill 7: model-based run on the time-skipping server (${REPRODUCE})`, () => {
  let env: TestWorkflowEnvironment;
  const discrepancies: string[] = [];
  const stats: Stats = {
    sequences: 0,
    steps: 0,
    skips: 0,
    accepted: 0,
    refused: {},
    automatic: {},
    finalStatus: {},
    transient: 0,
    notes: new Map(),
    skipMs: 0,
    commandMs: 0,
    startMs: 0,
    finishMs: 0,
    rounds: 0,
    retries: 0,
    continuedAsNew: 0,
    afterClose: {},
  };
  const started = Date.now();

  beforeAll(async () => {
    process.stderr.write(`[drill 7] seed ${SEED}; reproduce with ${REPRODUCE}\n`);
    env = await startTimeSkippingEnv();
  });

  afterAll(async () => {
    await Scenario.closeAll();
    await env?.teardown();
    const secs = Math.round((Date.now() - started) / 1000);
    process.stderr.write(
      `[drill 7] seed ${SEED}: ${stats.sequences} sequences, ${stats.steps} commands (${stats.accepted} accepted, refused ${JSON.stringify(
        stats.refused,
      )}, ${stats.retries} retried with the same id), ${stats.skips} clock skips in ${stats.rounds} rounds, automatic transitions ${JSON.stringify(stats.automatic)}, ${stats.continuedAsNew} continued as new, commands after afgesloten refused with ${JSON.stringify(stats.afterClose)}, final statuses ${JSON.stringify(
        stats.finalStatus,
      )}, transient refusals (retried) ${stats.transient}, ${discrepancies.length} discrepancies, ${secs} s (skips ${Math.round(
        stats.skipMs / 1000,
      )} s, commands ${Math.round(stats.commandMs / 1000)} s, starts ${Math.round(
        stats.startMs / 1000,
      )} s, ends ${Math.round(stats.finishMs / 1000)} s)` +
        [...stats.notes].map(([note, n]) => `\n[drill 7] model note (${n.count}×): ${note}; first seen in:\n      ${n.first}`).join('') +
        '\n',
    );
  });

  const tests = Math.ceil(SEQUENCES / PER_TEST);
  for (let t = 0; t < tests; t++) {
    const first = t * PER_TEST;
    const count = Math.min(PER_TEST, SEQUENCES - first);
    it(
      `sequences ${first}–${first + count - 1}: every answer, status, outcome and open deadline as the model predicts; nothing stuck`,
      () =>
        Scenario.run(env, async (s) => {
          const ctx = await modelContext(s);
          const before = discrepancies.length;
          for (let b = first; b < first + count; b += PARALLEL) {
            await runBatch(s, ctx, b, Math.min(PARALLEL, first + count - b));
          }
          expect(discrepancies.slice(before)).toEqual([]);
          if (t === tests - 1 && SEQUENCES >= 100) {
            // The run was not vacuous: every kind of answer, both automatic transitions, retries and continue-as-new.
            expect(stats.accepted).toBeGreaterThan(0);
            for (const failure of ['VALIDATIE_FOUT', 'BESLISSING_NIET_TOEGESTAAN', 'GEEN_TOEGANG']) {
              expect(stats.refused[failure] ?? 0).toBeGreaterThan(0);
            }
            expect(Object.keys(stats.automatic).sort()).toHaveLength(2);
            expect(stats.retries).toBeGreaterThan(0);
            expect(stats.continuedAsNew).toBeGreaterThan(0);
            expect(stats.finalStatus['afgesloten'] ?? 0).toBeGreaterThan(0);
          }
        }),
      900_000,
    );
  }

  /** The default policy of the two status-moving terms, read from the database the activities plan from. */
  async function modelContext(s: Scenario): Promise<ModelContext> {
    const rows: {
      kind: TimedKind;
      term_amount: number;
      term_unit: TermUnit;
      reminder_werkdagen: number[];
      overdue_repeat_days: number | null;
      acu_after_overdue_weeks: number | null;
      notify_programmadirectie: boolean;
      reminder_hour: number;
    }[] = await s.ds.query(
      `SELECT kind, term_amount, term_unit, reminder_werkdagen, overdue_repeat_days, acu_after_overdue_weeks,
              notify_programmadirectie, reminder_hour
         FROM deadline_policies WHERE organisation_code IS NULL AND instrument IS NULL AND kind = ANY($1)`,
      [[...TIMED_KINDS]],
    );
    const policies = {} as ModelContext['policies'];
    for (const kind of TIMED_KINDS) {
      const r = rows.find((x) => x.kind === kind);
      if (!r) throw new Error(`no default deadline policy for ${kind}`);
      const policy: DeadlinePolicySnapshot = {
        reminderWerkdagen: r.reminder_werkdagen,
        overdueRepeatDays: r.overdue_repeat_days,
        acuAfterOverdueWeeks: r.acu_after_overdue_weeks,
        notifyProgrammadirectieWhenOverdue: r.notify_programmadirectie,
        reminderHour: r.reminder_hour,
      };
      policies[kind] = { term: { amount: r.term_amount, unit: r.term_unit }, policy };
    }
    return { kalender: new WerkdagenKalender(), policies };
  }

  // ---------- one batch: PARALLEL workflows sharing the clock ----------

  async function runBatch(s: Scenario, ctx: ModelContext, firstIndex: number, size: number): Promise<void> {
    const batchRng = derived(1_000_000 + firstIndex);
    const batchStarted = Date.now();
    // Each batch starts at noon of its own day (reproducible from the seed), away from every midnight alarm.
    const today = localDate(await s.now());
    const planned = addDays(firstDate(), Math.floor(firstIndex / PARALLEL) * 365);
    await s.skipTo(amsterdamInstant(planned > today ? planned : addDays(today, 1), NOON).getTime());

    const res = await s.sys.request('POST', '/api/v1/standen', {
      token: s.tokens.indiener,
      body: aStand(
        {},
        Array.from({ length: size }, () => aKnelpunt()),
      ),
    });
    if (res.status !== 201) throw new Error(`intake failed: ${res.status} ${JSON.stringify(res.body)}`);
    const knelpunten = res.body.knelpunten as { id: string; reference: string }[];
    const startedAt = await s.now();
    const rngs = knelpunten.map((_, i) => derived(firstIndex + i));
    // A third of the workflows get a small history limit, so they continue as new between (and during) commands.
    const limits = rngs.map((rng) => (rng.chance(1 / 3) ? rng.int(40, 150) : undefined));
    const handles = await Promise.all(knelpunten.map((k, i) => startWorkflow(s, k, startedAt, limits[i])));
    const seqs: Sequence[] = knelpunten.map((k, i) => {
      const rng = rngs[i]!;
      return {
        index: firstIndex + i,
        rng,
        k,
        h: handles[i]!,
        model: initialModel(k.id, startedAt, ctx),
        ...(rng.chance(0.25) ? { idle: 0.75, maxSteps: rng.int(3, 8) } : { idle: rng.pick([0.1, 0.3]), maxSteps: rng.int(4, 20) }),
        steps: 0,
        history: [`start ${localDate(startedAt)} → bij_driehoek${limits[i] ? ` (historyLimit ${limits[i]})` : ''}`],
        sent: 0,
        answered: 0,
        lastVersion: 0,
        lastAccepted: null,
        failed: false,
        firstRunId: handles[i]!.firstExecutionRunId,
      };
    });
    stats.sequences += seqs.length;
    await Promise.all(seqs.map((q) => settle(s, q, 'na de start')));
    stats.startMs += Date.now() - batchStarted;

    try {
      let active = seqs.filter((q) => !q.failed);
      for (let round = 0; active.length > 0; round++) {
        stats.rounds += 1;
        // A bounded run: what is still open after MAX_ROUNDS ends here (checked like any other end).
        if (round === MAX_ROUNDS) {
          await Promise.all(active.map((q) => finish(s, q)));
          break;
        }
        const roundStarted = Date.now();
        const skipRound = round > 0 && batchRng.chance(0.3);
        if (skipRound) {
          const days = batchRng.weighted<[number, number]>([
            [[1, 3], 35],
            [[4, 20], 35],
            [[21, 100], 30],
          ]);
          const n = batchRng.int(days[0], days[1]);
          const target = amsterdamInstant(addDays(localDate(await s.now()), n), NOON).getTime();
          await s.skipTo(target);
          stats.skips += 1;
          await Promise.all(
            active.map(async (q) => {
              const auto = q.model.automatic.length;
              advanceTo(q.model, ctx, target);
              for (const a of q.model.automatic.slice(auto)) bump(stats.automatic, a.replace(/^\S+ /, ''));
              q.history.push(`+${n} dagen → ${localDate(target)}: ${describeModel(q.model)}`);
              collectNotes(q);
              await settle(s, q, `na ${n} dagen overgeslagen`);
            }),
          );
        } else {
          const now = await s.now();
          await Promise.all(active.filter((q) => !q.rng.chance(q.idle)).map((q) => step(s, ctx, q, now)));
        }
        if (skipRound) stats.skipMs += Date.now() - roundStarted;
        else stats.commandMs += Date.now() - roundStarted;
        const finishStarted = Date.now();
        await Promise.all(
          active.filter((q) => q.failed || q.model.status === 'afgesloten' || q.steps >= q.maxSteps).map((q) => finish(s, q)),
        );
        stats.finishMs += Date.now() - finishStarted;
        active = active.filter((q) => !q.failed && q.model.status !== 'afgesloten' && q.steps < q.maxSteps);
      }
    } finally {
      // Whatever happened, no workflow of this batch may wake up during a later batch's skips.
      await Promise.all(handles.map((h) => h.terminate('einde van de reeks').catch(() => undefined)));
    }
  }

  /** Starts a knelpunt's workflow on the time-skipping server (as Scenario.startWorkflow, with a history limit). */
  async function startWorkflow(
    s: Scenario,
    k: { id: string; reference: string },
    at: number,
    historyLimit: number | undefined,
  ): Promise<WorkflowHandleWithFirstExecutionRunId<typeof knelpuntWorkflow>> {
    return s.env.client.workflow.start<typeof knelpuntWorkflow>(KNELPUNT_WORKFLOW_TYPE, {
      taskQueue: s.taskQueue,
      workflowId: knelpuntWorkflowId(k.id),
      args: [
        {
          knelpuntId: k.id,
          reference: k.reference,
          organisation: 'UWV',
          driehoek: 'UWV',
          submittedAt: new Date(at).toISOString(),
          features: { searchAttributes: true, ...(historyLimit ? { historyLimit } : {}) },
        },
      ],
      typedSearchAttributes: [
        { key: SA_STATUS, value: 'ingediend' },
        { key: SA_ORGANISATIE, value: 'UWV' },
        { key: SA_DRIEHOEK, value: 'UWV' },
      ],
    });
  }

  // ---------- one step ----------

  function actorFor(role: ModelCommand['role'], ownScope: boolean): ActorRef {
    const code = ownScope ? 'UWV' : 'SVB';
    if (role === 'indiener') return actors.indiener(code);
    if (role === 'driehoek') return actors.driehoek(code);
    if (role === 'acu') return actors.acu();
    return actors.programmadirectie();
  }

  async function send(h: KnelpuntHandle, cmd: ModelCommand): Promise<Answer> {
    const actor = actorFor(cmd.role, cmd.ownScope);
    const call = (): Promise<unknown> => {
      switch (cmd.type) {
        case 'beslissing':
          return h.executeUpdate(decisionUpdate, {
            args: [{ decisionId: cmd.id, decision: cmd.decision as DecisionCommand['decision'], actor, fields: cmd.fields }],
          });
        case 'voortgang':
          return h.executeUpdate(voortgangUpdate, { args: [{ voortgangId: cmd.id, actor, summary: cmd.summary }] });
        case 'termijn':
          return h.executeUpdate(deadlineUpdate, {
            args: [
              {
                commandId: cmd.id,
                action: cmd.action,
                deadline: cmd.deadline,
                reason: cmd.reason,
                actor,
                ...(cmd.extension ? { extension: cmd.extension as { amount: number; unit: 'werkdagen' } } : {}),
              },
            ],
          });
      }
    };
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<Answer>((resolve) => {
      timer = setTimeout(
        () => resolve({ ok: false, type: 'GEEN_ANTWOORD', message: `no answer within ${UPDATE_TIMEOUT_MS} ms` }),
        UPDATE_TIMEOUT_MS,
      );
    });
    try {
      return await Promise.race([
        call().then(
          (result): Answer => ({ ok: true, result }),
          (err: unknown): Answer => {
            const cause = err instanceof WorkflowUpdateFailedError ? err.cause : err;
            if (cause instanceof ApplicationFailure) return { ok: false, type: cause.type ?? 'ApplicationFailure', message: cause.message };
            return { ok: false, type: (err as Error)?.constructor?.name ?? 'Error', message: String((err as Error)?.message ?? err) };
          },
        ),
        timeout,
      ]);
    } finally {
      clearTimeout(timer);
    }
  }

  function discrepancy(q: Sequence, what: string): void {
    q.failed = true;
    discrepancies.push(
      `sequence ${q.index} (knelpunt ${q.k.reference}, ${REPRODUCE}): ${what}\n    history:\n      ${q.history.join('\n      ')}`,
    );
  }

  /** Non-system timeline entries of a knelpunt: what a command, applied once, adds one of. */
  async function commandEntries(s: Scenario, q: Sequence): Promise<number> {
    const [row] = (await s.ds.query(
      `SELECT count(*)::int AS n FROM knelpunt_timeline WHERE knelpunt_id = $1 AND actor->>'role' <> 'systeem'`,
      [q.k.id],
    )) as { n: number }[];
    return row?.n ?? 0;
  }

  /** The last accepted command again, same id (a client's retry): answered as accepted, not applied twice. */
  async function retry(s: Scenario, q: Sequence, cmd: ModelCommand, now: number): Promise<void> {
    const entries = await commandEntries(s, q);
    q.sent += 1;
    stats.retries += 1;
    const answer = await send(q.h, cmd);
    if (answer.ok || answer.type !== 'GEEN_ANTWOORD') q.answered += 1;
    const got = answer.ok ? 'geaccepteerd' : `${answer.type}: ${answer.message}`;
    q.history.push(`${localDate(now)} herhaald (zelfde id ${cmd.id}): ${describeCommand(cmd)} → workflow ${got}`);
    if (!answer.ok) {
      discrepancy(q, `a retried command (same id) was refused: ${got}`);
      return;
    }
    const state = await settle(s, q, `na herhaling van ${describeCommand(cmd)}`);
    if (!state) return;
    const times = state.appliedDecisionIds.filter((id) => id === cmd.id).length;
    const after = await commandEntries(s, q);
    if (times !== 1 || after !== entries) {
      discrepancy(q, `a retried command was applied again: id ${times}× remembered, timeline entries by people ${entries} → ${after}`);
    }
  }

  function collectNotes(q: Sequence): void {
    for (const note of q.model.notes.splice(0)) {
      const seen = stats.notes.get(note);
      if (seen) seen.count += 1;
      else stats.notes.set(note, { count: 1, first: `sequence ${q.index} (${q.k.reference}):\n      ${q.history.join('\n      ')}` });
    }
  }

  async function step(s: Scenario, ctx: ModelContext, q: Sequence, now: number): Promise<void> {
    advanceTo(q.model, ctx, now);
    if (q.lastAccepted && q.rng.chance(0.06)) {
      await retry(s, q, q.lastAccepted, now);
      return;
    }
    const cmd = nextCommand(q.model, q.rng);
    const before = describeModel(q.model);
    const versionBefore = q.lastVersion;
    const unapplied = structuredClone(q.model);
    const expected: Expected = apply(q.model, ctx, cmd);
    q.steps += 1;
    stats.steps += 1;
    q.sent += 1;
    let answer = await send(q.h, cmd);
    if (answer.ok || answer.type !== 'GEEN_ANTWOORD') q.answered += 1;
    // A transient refusal (DIENST_NIET_BESCHIKBAAR, e.g. a bounded activity timing out on a loaded machine) must
    // leave the state as it was; then the same command (same id) is sent again, as a client does after Retry-After.
    for (let attempt = 1; !answer.ok && answer.type === 'DIENST_NIET_BESCHIKBAAR' && attempt <= 3; attempt++) {
      stats.transient += 1;
      q.history.push(`${localDate(now)} ${describeCommand(cmd)} → tijdelijk geweigerd (${answer.message}); opnieuw`);
      const applied = q.model;
      q.model = structuredClone(unapplied);
      if (!(await settle(s, q, `na een tijdelijke weigering van ${describeCommand(cmd)} (niets toegepast)`))) return;
      q.model = applied;
      q.sent += 1;
      answer = await send(q.h, cmd);
      if (answer.ok || answer.type !== 'GEEN_ANTWOORD') q.answered += 1;
    }
    const got = answer.ok ? 'geaccepteerd' : `${answer.type}: ${answer.message}`;
    const want = expected.accepted ? 'geaccepteerd' : `${expected.failure} (${expected.why})`;
    q.history.push(`${localDate(now)} ${describeCommand(cmd)} in ${before} → model ${want}; workflow ${got}`);
    if (expected.accepted) stats.accepted += 1;
    else bump(stats.refused, expected.failure);
    collectNotes(q);

    if (expected.accepted !== answer.ok || (!expected.accepted && !answer.ok && expected.failure !== answer.type)) {
      discrepancy(q, `answer to '${describeCommand(cmd)}' in ${before}: model ${want}, workflow ${got}`);
      return;
    }
    // Either result shape (the whole state or { status, outcome, version }) names the status right after the command.
    if (answer.ok && answer.result && typeof answer.result === 'object' && 'status' in answer.result) {
      const r = answer.result as { status: string; outcome: string | null };
      if (r.status !== q.model.status || (r.outcome ?? null) !== q.model.outcome) {
        discrepancy(q, `Update result ${r.status}/${String(r.outcome)}, model ${q.model.status}/${String(q.model.outcome)}`);
        return;
      }
    }
    const state = await settle(s, q, `na ${describeCommand(cmd)}`);
    if (!state) return;
    const applied = state.appliedDecisionIds.includes(cmd.id);
    if (expected.accepted && !applied) discrepancy(q, `accepted command ${cmd.id} not in appliedDecisionIds`);
    else if (!expected.accepted && applied) discrepancy(q, `refused command ${cmd.id} in appliedDecisionIds`);
    else if (expected.accepted && state.version <= versionBefore)
      discrepancy(q, `version did not move: ${versionBefore} → ${state.version}`);
    if (expected.accepted) q.lastAccepted = cmd;
  }

  /**
   * Waits until the workflow's state agrees with the model and the read model with the workflow (the work a timer
   * or an Update triggers may still be projecting), then checks that no due alarm is left unfired.
   */
  async function settle(s: Scenario, q: Sequence, when: string): Promise<KnelpuntState | null> {
    const until = Date.now() + SETTLE_TIMEOUT_MS;
    let diffs: string[] = [];
    for (;;) {
      try {
        const state = await s.state(q.h);
        const [row] = (await s.ds.query(`SELECT status, outcome, escalated, projection_version FROM knelpunten WHERE id = $1`, [
          q.k.id,
        ])) as { status: string; outcome: string | null; escalated: boolean; projection_version: number }[];
        diffs = differences(q.model, state);
        if (state.version < q.lastVersion) diffs.push(`version went back: ${q.lastVersion} → ${state.version}`);
        if (!row) diffs.push('no read-model row');
        else {
          if (row.status !== state.status) diffs.push(`read model status ${row.status}, workflow ${state.status}`);
          if (row.outcome !== state.outcome) diffs.push(`read model outcome ${String(row.outcome)}, workflow ${String(state.outcome)}`);
          if (row.escalated !== state.escalated) diffs.push(`read model escalated ${row.escalated}, workflow ${state.escalated}`);
          if (row.projection_version !== state.version)
            diffs.push(`read model version ${row.projection_version}, workflow ${state.version}`);
        }
        const pending = nextAlarmAt(state.deadlines);
        if (pending !== null && pending <= (await s.now())) diffs.push(`an alarm due at ${new Date(pending).toISOString()} has not fired`);
        if (diffs.length === 0) {
          q.lastVersion = state.version;
          return state;
        }
      } catch (err) {
        diffs = [`query failed: ${String(err)}`];
      }
      if (Date.now() > until) {
        discrepancy(q, `${when}: after ${SETTLE_TIMEOUT_MS} ms still ${diffs.join('; ')} (model ${describeModel(q.model)})`);
        return null;
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  /** End of a sequence: every Update answered, the workflow completed when afgesloten and running otherwise. */
  async function finish(s: Scenario, q: Sequence): Promise<void> {
    bump(stats.finalStatus, q.failed ? 'afwijking' : q.model.status);
    try {
      if (!q.failed) {
        if (q.answered !== q.sent) discrepancy(q, `${q.sent - q.answered} of ${q.sent} Updates never answered`);
        const want = q.model.status === 'afgesloten' ? 'COMPLETED' : 'RUNNING';
        const until = Date.now() + SETTLE_TIMEOUT_MS;
        let got = (await q.h.describe()).status.name;
        while (got !== want && Date.now() < until) {
          await new Promise((r) => setTimeout(r, 100));
          got = (await q.h.describe()).status.name;
        }
        if (got !== want) {
          discrepancy(q, `at the end (${q.model.status}) the workflow is ${got}, expected ${want}`);
          return;
        }
        if ((await q.h.describe()).runId !== q.firstRunId) stats.continuedAsNew += 1;
        // The final query answers (also on a completed workflow) and still agrees with the model.
        const final = await settle(s, q, 'aan het einde');
        if (!final) return;
        // The reconciliation's own comparison (reads and drift rules of `npm run reconcile`) finds no drift.
        const [row] = await new ReconcileRepository(s.ds).byIds([q.k.id]);
        const drift = row ? compareWithWorkflow(row, final) : [{ kind: 'geen_leesmodel', detail: '' }];
        if (drift.length > 0) {
          discrepancy(q, `reconcile finds drift at the end: ${drift.map((d) => `${d.kind}: ${d.detail}`).join('; ')}`);
          return;
        }
        if (got === 'COMPLETED' && q.rng.chance(0.35)) {
          // (A sample of the closed ones.) A closed knelpunt takes nothing more: a command is answered with a refusal,
          // and the state stays as it was.
          const cmd = nextCommand(q.model, q.rng);
          const answer = await send(q.h, cmd);
          q.history.push(`na afsluiting: ${describeCommand(cmd)} → ${answer.ok ? 'geaccepteerd' : `${answer.type}: ${answer.message}`}`);
          if (answer.ok || answer.type === 'GEEN_ANTWOORD') {
            discrepancy(q, `a command to the closed knelpunt was ${answer.ok ? 'accepted' : 'not answered'}`);
            return;
          }
          bump(stats.afterClose, answer.type);
          await settle(s, q, 'na een opdracht aan het afgesloten knelpunt');
        }
      }
    } finally {
      // Its timers must not weigh on the rest of the batch (skips of the shared clock).
      await q.h.terminate('einde van de reeks').catch(() => undefined);
    }
  }
});
