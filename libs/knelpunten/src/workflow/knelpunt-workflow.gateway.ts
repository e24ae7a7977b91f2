import { Injectable, Logger } from '@nestjs/common';
import {
  WorkflowExecutionAlreadyStartedError,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
  WorkflowFailedError,
  ServiceError,
} from '@temporalio/client';
import { ActivityFailure, ApplicationFailure, TemporalFailure } from '@temporalio/common';
import { INVALID_DATA_FAILURE } from '@kp/temporal/activity-failure';
import { TemporalClientService } from '@kp/temporal';
import { DomainException, ErrorCode } from '@kp/shared/errors';
import { knelpuntAfgesloten } from '../exceptions/knelpunt-afgesloten.exception';
import {
  DecisionCommand,
  DeadlineCommand,
  KNELPUNT_WORKFLOW_TYPE,
  KnelpuntState,
  KnelpuntWorkflowInput,
  VoortgangCommand,
  decisionUpdate,
  deadlineUpdate,
  knelpuntWorkflowId,
  stateQuery,
  voortgangUpdate,
} from '../../../../workflows/knelpunt/knelpunt.contract';
import { SA_DRIEHOEK, SA_ORGANISATIE, SA_STATUS } from '../../../../workflows/knelpunt/knelpunt.search-attributes';

/**
 * The only place that talks to Temporal about knelpunten. Update failures from the workflow's
 * validators come back as ApplicationFailures with the API's error codes.
 */
@Injectable()
export class KnelpuntWorkflowGateway {
  private readonly logger = new Logger(KnelpuntWorkflowGateway.name);

  constructor(private readonly temporal: TemporalClientService) {}

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

  decide(knelpuntId: string, cmd: DecisionCommand): Promise<KnelpuntState> {
    return this.update(knelpuntId, () =>
      this.temporal.client.workflow.getHandle(knelpuntWorkflowId(knelpuntId)).executeUpdate(decisionUpdate, { args: [cmd] }),
    );
  }

  voortgang(knelpuntId: string, cmd: VoortgangCommand): Promise<KnelpuntState> {
    return this.update(knelpuntId, () =>
      this.temporal.client.workflow.getHandle(knelpuntWorkflowId(knelpuntId)).executeUpdate(voortgangUpdate, { args: [cmd] }),
    );
  }

  deadline(knelpuntId: string, cmd: DeadlineCommand): Promise<KnelpuntState> {
    return this.update(knelpuntId, () =>
      this.temporal.client.workflow.getHandle(knelpuntWorkflowId(knelpuntId)).executeUpdate(deadlineUpdate, { args: [cmd] }),
    );
  }

  async state(knelpuntId: string): Promise<KnelpuntState | null> {
    try {
      return await this.temporal.client.workflow.getHandle(knelpuntWorkflowId(knelpuntId)).query(stateQuery);
    } catch (err) {
      if (err instanceof WorkflowNotFoundError) return null;
      throw this.unavailable(err);
    }
  }

  private async update(knelpuntId: string, call: () => Promise<KnelpuntState>): Promise<KnelpuntState> {
    try {
      return await call();
    } catch (err) {
      throw this.map(knelpuntId, err);
    }
  }

  private map(knelpuntId: string, err: unknown): Error {
    if (err instanceof WorkflowUpdateFailedError) {
      const cause = err.cause;
      if (cause instanceof ApplicationFailure) return fromApplicationFailure(cause);
      // An activity the database refused for its input (non-retryable, see toActivityFailure): the input is wrong.
      if (cause instanceof ActivityFailure && cause.cause instanceof ApplicationFailure && cause.cause.type === INVALID_DATA_FAILURE) {
        return DomainException.validation([], 'De invoer bevat gegevens die niet kunnen worden opgeslagen.');
      }
      if (cause instanceof TemporalFailure) return fromApplicationFailure(ApplicationFailure.create({ message: cause.message }));
    }
    const text = err instanceof Error ? `${err.message} ${String((err as { cause?: unknown }).cause ?? '')}` : String(err);
    if (/already completed/i.test(text)) return knelpuntAfgesloten();
    if (err instanceof WorkflowNotFoundError) {
      return new DomainException(
        ErrorCode.CONFLICT,
        `De workflow van knelpunt ${knelpuntId} loopt (nog) niet; probeer het zo opnieuw.`,
        [],
        { allowed: [] },
      );
    }
    if (err instanceof WorkflowFailedError) return fromApplicationFailure(ApplicationFailure.create({ message: err.message }));
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

function fromApplicationFailure(f: ApplicationFailure): DomainException {
  const details = (f.details?.[0] ?? {}) as { allowed?: string[]; invalidParams?: { name: string; reason: string }[] };
  switch (f.type) {
    case ErrorCode.DECISION_NOT_ALLOWED:
      return new DomainException(ErrorCode.DECISION_NOT_ALLOWED, f.message, [], { allowed: details.allowed ?? [] });
    case ErrorCode.VALIDATION:
      return DomainException.validation(details.invalidParams ?? [], f.message);
    case ErrorCode.FORBIDDEN:
      return DomainException.forbidden(f.message);
    default:
      return new DomainException(ErrorCode.DECISION_NOT_ALLOWED, f.message || 'De beslissing is geweigerd.', [], { allowed: [] });
  }
}
