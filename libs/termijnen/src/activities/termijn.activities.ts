import { Injectable } from '@nestjs/common';
import type { DeadlineState } from '@kp/domain';
import { toActivityFailure } from '@kp/temporal/activity-failure';
import type { KnelpuntActivities, PlanDeadlineRequest } from '../../../../workflows/knelpunt/knelpunt.activities-contract';
import { PlanDeadlineUseCase } from '../use-cases/plan-deadline/plan-deadline.use-case';
import { RecomputeDeadlineUseCase } from '../use-cases/recompute-deadline/recompute-deadline.use-case';

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
