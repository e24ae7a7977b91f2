import { createHash, randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import {
  WorkflowExecutionAlreadyStartedError,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
  WorkflowFailedError,
  ServiceError,
  WorkflowHandle,
} from '@temporalio/client';
import { ActivityFailure, ApplicationFailure } from '@temporalio/common';
import { INVALID_DATA_FAILURE } from '@kp/temporal/activity-failure';
import { TemporalClientService } from '@kp/temporal';
import { PlanningSnapshotProvider } from '@kp/termijnen/planning/planning-snapshot.provider';
import { DomainException, ErrorCode } from '@kp/shared/errors';
import { knelpuntAfgesloten } from '../exceptions/knelpunt-afgesloten.exception';
import {
  CommandPlanning,
  DecisionCommand,
  DeadlineCommand,
  KNELPUNT_WORKFLOW_TYPE,
  KnelpuntState,
  KnelpuntWorkflowInput,
  TransitionResult,
  VoortgangCommand,
  decisionUpdate,
  deadlineUpdate,
  knelpuntWorkflowId,
  stateQuery,
  voortgangUpdate,
} from '../../../../workflows/knelpunt/knelpunt.contract';
import { SA_DRIEHOEK, SA_ORGANISATIE, SA_STATUS } from '../../../../workflows/knelpunt/knelpunt.search-attributes';
import {
  KNELPUNT_FAILURE_TYPES,
  KnelpuntFailureDetails,
  KnelpuntFailureType,
  TRANSIENT_FAILURE,
} from '../../../../workflows/knelpunt/knelpunt.failures';

/** The knelpunt a command goes to: its id, and its organisation (whose deadline policies apply). */
export interface CommandTarget {
  id: string;
  organisationCode: string;
}

/**
 * The only place that talks to Temporal about knelpunten. An Update fails with an ApplicationFailure whose type is
 * one of the workflow contract's failure types (knelpunt.failures.ts); they are mapped by type, exhaustively. Anything
 * else is a 500 with an errorId (never a guess from message text).
 */
@Injectable()
export class KnelpuntWorkflowGateway {
  private readonly logger = new Logger(KnelpuntWorkflowGateway.name);

  constructor(
    private readonly temporal: TemporalClientService,
    private readonly planning: PlanningSnapshotProvider,
  ) {}

  /** Starts the workflow; an already running one counts as started (idempotent). */
  async start(input: KnelpuntWorkflowInput): Promise<void> {
    try {
      await this.temporal.client.workflow.start(KNELPUNT_WORKFLOW_TYPE, {
        taskQueue: this.temporal.taskQueue,
        workflowId: knelpuntWorkflowId(input.knelpuntId),
        args: [input],
        workflowIdReusePolicy: 'REJECT_DUPLICATE',
        ...(input.features?.searchAttributes === false
          ? {}
          : {
              typedSearchAttributes: [
                { key: SA_STATUS, value: 'ingediend' },
                { key: SA_ORGANISATIE, value: input.organisation },
                { key: SA_DRIEHOEK, value: input.driehoek },
              ],
            }),
      });
    } catch (err) {
      if (err instanceof WorkflowExecutionAlreadyStartedError) return;
      throw err;
    }
  }

  /**
   * Makes sure the workflow of a knelpunt that is still `ingediend` runs before a decision is sent to it
   * (the outbox may not have reached it yet). Idempotent, like every start.
   */
  async ensureStarted(k: {
    id: string;
    reference: string;
    organisationCode: string;
    driehoekCode: string;
    createdAt: Date | string;
  }): Promise<void> {
    try {
      await this.start({
        knelpuntId: k.id,
        reference: k.reference,
        organisation: k.organisationCode,
        driehoek: k.driehoekCode,
        submittedAt: new Date(k.createdAt).toISOString(),
        features: { searchAttributes: this.temporal.config.TEMPORAL_SEARCH_ATTRIBUTES },
      });
    } catch (err) {
      throw this.unavailable(err);
    }
  }

  decide(k: CommandTarget, cmd: DecisionCommand): Promise<TransitionResult> {
    return this.update(k, cmd.decisionId, cmd, (h, updateId, args) => h.executeUpdate(decisionUpdate, { args: [args], updateId }));
  }

  voortgang(k: CommandTarget, cmd: VoortgangCommand): Promise<TransitionResult> {
    return this.update(k, cmd.voortgangId, cmd, (h, updateId, args) => h.executeUpdate(voortgangUpdate, { args: [args], updateId }));
  }

  deadline(k: CommandTarget, cmd: DeadlineCommand): Promise<TransitionResult> {
    return this.update(k, cmd.commandId, cmd, (h, updateId, args) => h.executeUpdate(deadlineUpdate, { args: [args], updateId }));
  }

  /**
   * The command with the data to plan its deadlines (the organisation's policies and the calendar), so the workflow
   * plans them without a local activity. Unavailable data is no reason to refuse: the command goes without it and the
   * workflow plans through its activity, as before.
   */
  private async withPlanning<C extends CommandPlanning>(organisation: string, cmd: C): Promise<C> {
    try {
      return { ...cmd, planning: await this.planning.snapshot(organisation) };
    } catch (err) {
      this.logger.warn(`Termijngegevens voor ${organisation} niet gelezen; de workflow plant zelf: ${(err as Error).message}`);
      return cmd;
    }
  }

  async state(knelpuntId: string): Promise<KnelpuntState | null> {
    try {
      return await this.temporal.client.workflow.getHandle(knelpuntWorkflowId(knelpuntId)).query(stateQuery);
    } catch (err) {
      if (err instanceof WorkflowNotFoundError) return null;
      throw this.unavailable(err);
    }
  }

  /**
   * Sends an Update and waits at most UPDATE_TIMEOUT_MS for its answer; then 503 + Retry-After. The command id is the
   * Update id (Temporal's own deduplication), so the same command sent again joins the one still waiting.
   */
  private async update<C extends CommandPlanning>(
    k: CommandTarget,
    commandId: string,
    cmd: C,
    send: (h: WorkflowHandle, updateId: string, args: C) => Promise<TransitionResult>,
  ): Promise<TransitionResult> {
    const knelpuntId = k.id;
    const args = await this.withPlanning(k.organisationCode, cmd);
    const call = (h: WorkflowHandle, updateId: string): Promise<TransitionResult> => send(h, updateId, args);
    const handle = this.temporal.client.workflow.getHandle(knelpuntWorkflowId(knelpuntId));
    const updateId = commandId.length <= 160 ? commandId : createHash('sha256').update(commandId).digest('hex');
    // Temporal keeps the outcome of an Update id for the run: an earlier attempt that failed transiently would be
    // answered again. Then this request tries anew under a fresh id (the workflow still applies a command id once).
    const pending = call(handle, updateId).catch((err: unknown) => {
      if (isTransientFailure(err)) return call(handle, `${updateId}~${randomUUID()}`);
      throw err;
    });
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(UPDATE_TIMED_OUT), this.temporal.config.UPDATE_TIMEOUT_MS);
    });
    try {
      return await Promise.race([pending, timeout]);
    } catch (err) {
      if (err === UPDATE_TIMED_OUT) {
        pending.catch(() => undefined); // it may still be applied: the retry with the same key joins it
        this.logger.warn(`Geen antwoord van de workflow van knelpunt ${knelpuntId} binnen ${this.temporal.config.UPDATE_TIMEOUT_MS} ms`);
        throw new DomainException(
          ErrorCode.SERVICE_UNAVAILABLE,
          'De procesmotor heeft uw wijziging nog niet verwerkt. Probeer het opnieuw met dezelfde Idempotency-Key; dan wordt zij niet dubbel uitgevoerd.',
        );
      }
      if (err instanceof WorkflowNotFoundError) {
        // The workflow completed meanwhile: if this very command closed it (a retry of it arrived late), the answer is
        // its success; any other command finds the knelpunt closed.
        const final = await this.finalState(knelpuntId);
        if (final?.appliedDecisionIds.includes(commandId)) return { status: final.status, outcome: final.outcome, version: final.version };
        if (final) throw knelpuntAfgesloten();
      }
      throw this.map(knelpuntId, err);
    } finally {
      clearTimeout(timer);
    }
  }

  /** The final state of the knelpunt's workflow when it has completed (its result), else null. */
  private async finalState(knelpuntId: string): Promise<KnelpuntState | null> {
    try {
      const handle = this.temporal.client.workflow.getHandle<(input: KnelpuntWorkflowInput) => Promise<KnelpuntState>>(
        knelpuntWorkflowId(knelpuntId),
      );
      if ((await handle.describe()).status.name !== 'COMPLETED') return null;
      return await handle.result();
    } catch {
      return null;
    }
  }

  private map(knelpuntId: string, err: unknown): Error {
    if (err instanceof WorkflowUpdateFailedError) {
      const cause = err.cause;
      if (cause instanceof ApplicationFailure && isKnelpuntFailureType(cause.type)) return fromFailure(cause.type, cause);
      // Core v1 (running legacy workflows): an activity the database refused for its input.
      if (cause instanceof ActivityFailure && cause.cause instanceof ApplicationFailure && cause.cause.type === INVALID_DATA_FAILURE) {
        return DomainException.validation([], 'De invoer bevat gegevens die niet kunnen worden opgeslagen.');
      }
      this.logger.error(`Onbekende fout van de workflow van knelpunt ${knelpuntId}: ${String(cause ?? err)}`);
      return err; // an unknown failure: the problem filter answers 500 with an errorId
    }
    if (err instanceof WorkflowNotFoundError) {
      return new DomainException(
        ErrorCode.CONFLICT,
        `De workflow van knelpunt ${knelpuntId} loopt (nog) niet; probeer het zo opnieuw.`,
        [],
        { allowed: [] },
      );
    }
    if (err instanceof WorkflowFailedError) return knelpuntAfgesloten();
    return this.unavailable(err);
  }

  private unavailable(err: unknown): Error {
    if (err instanceof ServiceError || (err instanceof Error && /UNAVAILABLE|ECONNREFUSED|deadline exceeded|connect/i.test(err.message))) {
      this.logger.warn(`Temporal niet bereikbaar: ${err instanceof Error ? err.message : String(err)}`);
      return new DomainException(ErrorCode.SERVICE_UNAVAILABLE, 'De procesmotor is tijdelijk niet bereikbaar; probeer het later opnieuw.');
    }
    return err instanceof Error ? err : new Error(String(err));
  }
}

const UPDATE_TIMED_OUT = new Error('update timed out');

function isTransientFailure(err: unknown): boolean {
  return err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure && err.cause.type === TRANSIENT_FAILURE;
}

function isKnelpuntFailureType(type: string | undefined | null): type is KnelpuntFailureType {
  return (KNELPUNT_FAILURE_TYPES as readonly (string | undefined | null)[]).includes(type);
}

/** Every failure type of the workflow contract to the API's error; the switch is exhaustive (checked by the compiler). */
function fromFailure(type: KnelpuntFailureType, f: ApplicationFailure): DomainException {
  const details = (f.details?.[0] ?? {}) as KnelpuntFailureDetails;
  switch (type) {
    case 'BESLISSING_NIET_TOEGESTAAN':
      return new DomainException(ErrorCode.DECISION_NOT_ALLOWED, f.message, [], { allowed: details.allowed ?? [] });
    case 'VALIDATIE_FOUT':
      return DomainException.validation(details.invalidParams ?? [], f.message);
    case 'GEEN_TOEGANG':
      return DomainException.forbidden(f.message);
    case TRANSIENT_FAILURE:
      return new DomainException(ErrorCode.SERVICE_UNAVAILABLE, f.message);
    default: {
      const unreachable: never = type;
      throw new Error(`onbekend fouttype ${String(unreachable)}`);
    }
  }
}
