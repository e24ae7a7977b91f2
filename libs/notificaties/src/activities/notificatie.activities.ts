import { Injectable } from '@nestjs/common';
import { asActivity } from '@kp/temporal/activity-failure';
import type { KnelpuntActivities, NotifyInput } from '../../../../workflows/knelpunt/knelpunt.activities-contract';
import { NotifyUseCase } from '../use-cases/notify/notify.use-case';

/**
 * The notification activity of the knelpunt workflow: enqueues into the delivery outbox (idempotent per key) and
 * returns; the DeliveryDispatcher sends. Methods are bound: they can be handed to a Temporal worker as they are.
 */
@Injectable()
export class NotificatieActivities implements Pick<KnelpuntActivities, 'notify'> {
  constructor(private readonly notifyUseCase: NotifyUseCase) {
    this.notify = this.notify.bind(this);
  }

  async notify(input: NotifyInput): Promise<void> {
    // Only PostgreSQL can fail here: a retry writes nothing twice (ON CONFLICT DO NOTHING).
    await asActivity(() => this.notifyUseCase.execute(input));
  }
}
