/**
 * The process of one knelpunt: owns the committed state and runs every change as a whole transition. A transition
 * works on a draft, runs what it must (bounded local activities), writes state, timeline and notifications in one
 * projection (one PostgreSQL transaction, the outbox included) and only then commits the draft and remembers the
 * command id. A transition that fails leaves the state as it was: an Update is refused with a retryable failure, a
 * system step (intake, alarms) is tried again later.
 */
import { ActivityFailure, ApplicationFailure, patched, upsertSearchAttributes } from '@temporalio/workflow';
import {
  CaseView,
  Refusal,
  checkDecision,
  checkDeadlineCommand,
  checkVoortgang,
  findOpenDeadline,
  phaseRecipients,
} from '../../libs/domain/src/knelpunt/process-rules';
import { DeadlineState, nextAlarmAt, nextDueAt } from '../../libs/domain/src/termijnen/deadline-state';
import { UsablePlanning, usablePlanning } from '../../libs/domain/src/termijnen/planning';
import { toLocalDateAmsterdam } from '../../libs/domain/src/werkdagen/amsterdam-tijd';
import { fireDueAlarms } from './knelpunt.alarms';
import type {
  CommandPlanning,
  DeadlineCommand,
  DecisionCommand,
  KnelpuntState,
  KnelpuntWorkflowInput,
  TransitionResult,
  VoortgangCommand,
} from './knelpunt.contract';
import { endDeadlines, extend, local, resume, startDeadline, suspend } from './knelpunt.deadlines';
import { Draft, SYSTEEM } from './knelpunt.draft';
import { INVALID_DATA_FAILURE, refusalFailure, transientFailure } from './knelpunt.failures';
import { applyDecision, enterPhase } from './knelpunt.phases';
import { SA_DRIEHOEK, SA_ORGANISATIE, SA_STATUS, SA_VOLGENDE_TERMIJN } from './knelpunt.search-attributes';

const MAX_REMEMBERED_COMMANDS = 100;
/**
 * A command plans its deadlines on the data it brought, without a local activity (one activation fewer per Update).
 * Commands recorded before this patch planned through the activity; replaying them takes that way again.
 */
export const PLANNING_PATCH = 'planning-uit-opdracht';
/** A failed system step (intake, alarms) is tried again after 2^n seconds, at most this long. */
const MAX_SYSTEM_BACKOFF_MS = 5 * 60_000;

export function initialState(input: KnelpuntWorkflowInput): KnelpuntState {
  return {
    knelpuntId: input.knelpuntId,
    reference: input.reference,
    organisation: input.organisation,
    driehoek: input.driehoek,
    submittedAt: input.submittedAt,
    status: 'ingediend',
    outcome: null,
    escalated: false,
    details: { flags: [] },
    deadlines: [],
    version: 0,
    appliedDecisionIds: [],
  };
}

export class KnelpuntProcess {
  state: KnelpuntState;
  /** Set by a committed command: the main loop re-plans its timer. */
  woken = false;
  private chain: Promise<unknown> = Promise.resolve();
  private systemFailures = 0;
  private systemRetryAt: number | null = null;

  constructor(
    input: KnelpuntWorkflowInput,
    private readonly useSearchAttributes = input.features?.searchAttributes !== false,
  ) {
    this.state = input.carried ?? initialState(input);
  }

  result(): TransitionResult {
    return { status: this.state.status, outcome: this.state.outcome, version: this.state.version };
  }

  // ---------- validators (reject before the Update is admitted) ----------

  private view(): CaseView {
    return this.state;
  }

  private today(): string {
    return toLocalDateAmsterdam(new Date());
  }

  /** While the intake is still being taken in, a command waits for it (the handler checks again after it). */
  private admit(commandId: string, check: () => Refusal | null): void {
    if (this.state.appliedDecisionIds.includes(commandId) || this.state.status === 'ingediend') return;
    const refusal = check();
    if (refusal) throw refusalFailure(refusal);
  }

  validateDecision(cmd: DecisionCommand): void {
    this.admit(cmd?.decisionId, () => checkDecision(this.view(), cmd, this.today()));
  }

  validateVoortgang(cmd: VoortgangCommand): void {
    this.admit(cmd?.voortgangId, () => checkVoortgang(this.view(), cmd));
  }

  validateDeadline(cmd: DeadlineCommand): void {
    this.admit(cmd?.commandId, () => checkDeadlineCommand(this.view(), cmd));
  }

  // ---------- commands ----------

  decide(cmd: DecisionCommand): Promise<TransitionResult> {
    return this.command(
      cmd,
      cmd.decisionId,
      () => checkDecision(this.view(), cmd, this.today()),
      (draft) => applyDecision(draft, cmd),
    );
  }

  voortgang(cmd: VoortgangCommand): Promise<TransitionResult> {
    return this.command(
      cmd,
      cmd.voortgangId,
      () => checkVoortgang(this.view(), cmd),
      async (draft) => {
        draft.state.details.lastVoortgangAt = draft.now();
        draft.record('voortgang', cmd.actor, { summary: cmd.summary });
        endDeadlines(draft, { kinds: ['voortgang'], how: 'voldaan', reason: 'Voortgang gerapporteerd.' });
        await startDeadline(draft, 'voortgang');
      },
    );
  }

  deadline(cmd: DeadlineCommand): Promise<TransitionResult> {
    return this.command(
      cmd,
      cmd.commandId,
      () => checkDeadlineCommand(this.view(), cmd),
      async (draft) => {
        const d = findOpenDeadline(draft.state.deadlines, cmd.deadline) as DeadlineState;
        if (cmd.action === 'opschorten') suspend(draft, d, cmd.actor, cmd.reason);
        else if (cmd.action === 'hervatten') await resume(draft, d, cmd.actor, cmd.reason);
        else if (cmd.extension) await extend(draft, d, cmd.extension, cmd.actor, cmd.reason);
      },
    );
  }

  private command(
    cmd: CommandPlanning,
    id: string,
    check: () => Refusal | null,
    work: (draft: Draft) => Promise<void>,
  ): Promise<TransitionResult> {
    return this.exclusive(async () => {
      if (this.state.appliedDecisionIds.includes(id)) return this.result(); // a retry: answered, not applied twice
      if (this.state.status === 'ingediend') throw transientFailure('Het knelpunt wordt nog ingelezen; probeer het zo opnieuw.');
      const refusal = check(); // again: an earlier Update may have changed the status meanwhile
      if (refusal) throw refusalFailure(refusal);
      try {
        await this.transition(work, id, planningOf(cmd));
      } catch (err) {
        throw asUpdateFailure(err);
      }
      this.woken = true;
      return this.result();
    });
  }

  // ---------- system steps ----------

  /** Intake: the knelpunt goes to its driehoek and the organisation gets an acknowledgement. */
  intake(): Promise<void> {
    return this.system(async (draft) => {
      draft.record('bij_driehoek', SYSTEEM, { van: 'ingediend', naar: 'bij_driehoek' });
      await enterPhase(draft, 'bij_driehoek', SYSTEEM, 'Ontvangen uit de Stand');
      const dh = draft.state.deadlines.find((d) => d.kind === 'driehoek_besluit');
      draft.notify(`${draft.state.knelpuntId}:ontvangen`, 'ontvangen', phaseRecipients(draft.state, 'ontvangen'), {
        driehoek: draft.state.driehoek,
        dueDate: dh?.dueDate ?? null,
      });
    });
  }

  fireDueAlarms(): Promise<void> {
    return this.system(async (draft) => {
      if (!(await fireDueAlarms(draft))) throw NOTHING_TO_DO;
    });
  }

  /** When the main loop should wake up next: the next alarm, or the retry of a failed system step. */
  nextWakeAt(): number | null {
    const next = nextAlarmAt(this.state.deadlines);
    if (this.systemRetryAt === null) return next;
    return next === null ? this.systemRetryAt : Math.max(next, this.systemRetryAt);
  }

  private async system(work: (draft: Draft) => Promise<void>): Promise<void> {
    if (this.systemRetryAt !== null && Date.now() < this.systemRetryAt) return;
    await this.exclusive(async () => {
      try {
        await this.transition(work);
        this.systemFailures = 0;
        this.systemRetryAt = null;
      } catch (err) {
        if (err === NOTHING_TO_DO) return;
        this.systemFailures += 1;
        this.systemRetryAt = Date.now() + Math.min(MAX_SYSTEM_BACKOFF_MS, 1000 * 2 ** Math.min(this.systemFailures, 20));
      }
    });
  }

  // ---------- the transition ----------

  private async transition(
    work: (draft: Draft) => Promise<void>,
    commandId?: string,
    planning: UsablePlanning | null = null,
  ): Promise<void> {
    const draft = new Draft(this.state, planning);
    await work(draft);
    const s = draft.state;
    s.version = this.state.version + 1;
    s.details.flags = Array.from(new Set(s.details.flags));
    if (commandId) {
      s.appliedDecisionIds.push(commandId);
      s.appliedDecisionIds.splice(0, Math.max(0, s.appliedDecisionIds.length - MAX_REMEMBERED_COMMANDS));
    }
    try {
      await local.projectKnelpunt({ state: s, timeline: draft.timeline, notifications: draft.notifications, at: draft.now() });
    } catch (err) {
      // The projection may have committed before its answer was lost: never reuse this version number.
      this.state.version = s.version;
      throw err;
    }
    this.state = s;
    if (this.useSearchAttributes) {
      const due = nextDueAt(s.deadlines);
      upsertSearchAttributes([
        { key: SA_STATUS, value: s.status },
        { key: SA_ORGANISATIE, value: s.organisation },
        { key: SA_DRIEHOEK, value: s.driehoek },
        { key: SA_VOLGENDE_TERMIJN, value: due ? new Date(due) : null },
      ]);
    }
  }

  /** One change at a time: transitions never interleave. */
  private exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.chain.then(fn, fn);
    this.chain = run.catch(() => undefined);
    return run;
  }
}

const NOTHING_TO_DO = new Error('niets te doen');

/** The command's planning data when it has usable ones and this run plans on them (the patch). */
function planningOf(cmd: CommandPlanning): UsablePlanning | null {
  if (cmd.planning === undefined) return null;
  const usable = usablePlanning(cmd.planning);
  return usable && patched(PLANNING_PATCH) ? usable : null;
}

/** A failed transition as an Update failure: refused input stays a 400, everything else is retryable (503). */
function asUpdateFailure(err: unknown): ApplicationFailure {
  if (err instanceof ApplicationFailure && err.nonRetryable) return err;
  if (err instanceof ActivityFailure && err.cause instanceof ApplicationFailure && err.cause.type === INVALID_DATA_FAILURE) {
    return refusalFailure({
      code: 'VALIDATIE_FOUT',
      message: 'De invoer bevat gegevens die niet kunnen worden opgeslagen.',
      invalidParams: [],
    });
  }
  return transientFailure('De wijziging kon nu niet worden vastgelegd; er is niets veranderd. Probeer het opnieuw.');
}
