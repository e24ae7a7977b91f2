import { Injectable } from '@nestjs/common';
import { asActivity } from '@kp/temporal/activity-failure';
import type { KnelpuntActivities, NotifyInput } from '../../../../workflows/knelpunt/knelpunt.activities-contract';
import { NotifyUseCase } from '../use-cases/notify/notify.use-case';

/**
 * The notification activity of the knelpunt workflow. Idempotent per key: a retry stores nothing twice and only
 * sends the e-mails that did not go out. Methods are bound: they can be handed to a Temporal worker as they are.
 */
@Injectable()
export class NotificatieActivities implements Pick<KnelpuntActivities, 'notify'> {
  constructor(private readonly notifyUseCase: NotifyUseCase) {
    this.notify = this.notify.bind(this);
  }

  async notify(input: NotifyInput): Promise<void> {
    // A failed mail (MailDeliveryFailedException) stays retryable: only the unsent ones go again.
    await asActivity(() => this.notifyUseCase.execute(input));
  }
}
