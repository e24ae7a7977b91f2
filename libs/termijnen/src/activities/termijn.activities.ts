import { Injectable } from '@nestjs/common';
import { ApplicationFailure } from '@temporalio/common';
import type { DeadlineState } from '@kp/domain';
import { DomainException } from '@kp/shared/errors';
import type { KnelpuntActivities, PlanDeadlineRequest } from '../../../../workflows/knelpunt/knelpunt.activities-contract';
import { PlanDeadlineUseCase } from '../use-cases/plan-deadline/plan-deadline.use-case';
import { RecomputeDeadlineUseCase } from '../use-cases/recompute-deadline/recompute-deadline.use-case';
import { DeadlinePolicyMissingException } from '../exceptions/deadline-policy-missing.exception';

/**
 * The deadline activities of the knelpunt workflow: thin adapters over the use cases. Both only read (policy,
 * calendar), so they are naturally idempotent. Bad input fails non-retryably with the API's error code; a missing
 * policy fails retryably (fix the configuration and the workflow continues).
 * Methods are bound: they can be handed to a Temporal worker as they are.
 */
@Injectable()
export class TermijnActivities implements Pick<KnelpuntActivities, 'planDeadline' | 'recomputeDeadline'> {
  constructor(
    private readonly planUseCase: PlanDeadlineUseCase,
    private readonly recomputeUseCase: RecomputeDeadlineUseCase,
  ) {
    this.planDeadline = this.planDeadline.bind(this);
    this.recomputeDeadline = this.recomputeDeadline.bind(this);
  }

  async planDeadline(req: PlanDeadlineRequest): Promise<DeadlineState> {
    try {
      return await this.planUseCase.execute(req);
    } catch (err) {
      throw toActivityFailure(err);
    }
  }

  async recomputeDeadline(input: { deadline: DeadlineState; now: string }): Promise<DeadlineState> {
    try {
      return await this.recomputeUseCase.execute(input);
    } catch (err) {
      throw toActivityFailure(err);
    }
  }
}

function toActivityFailure(err: unknown): unknown {
  if (err instanceof DomainException) {
    return ApplicationFailure.create({
      type: err.code,
      message: err.detail,
      nonRetryable: true,
      details: [{ invalidParams: err.invalidParams, ...err.extra }],
    });
  }
  if (err instanceof DeadlinePolicyMissingException) {
    return ApplicationFailure.create({ type: DeadlinePolicyMissingException.TYPE, message: err.message, nonRetryable: false });
  }
  // The pure calendar throws RangeError on impossible dates: retrying cannot help.
  if (err instanceof RangeError) {
    return ApplicationFailure.create({ type: 'VALIDATIE_FOUT', message: err.message, nonRetryable: true });
  }
  return err;
}
