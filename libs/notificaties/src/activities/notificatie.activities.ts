import { Injectable } from '@nestjs/common';
import { ApplicationFailure } from '@temporalio/common';
import { DomainException } from '@kp/shared/errors';
import type { KnelpuntActivities, NotifyInput } from '../../../../workflows/knelpunt/knelpunt.activities-contract';
import { NotifyUseCase } from '../use-cases/notify/notify.use-case';
import { MailDeliveryFailedException } from '../exceptions/mail-delivery-failed.exception';

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
    try {
      await this.notifyUseCase.execute(input);
    } catch (err) {
      if (err instanceof DomainException) {
        throw ApplicationFailure.create({
          type: err.code,
          message: err.detail,
          nonRetryable: true,
          details: [{ invalidParams: err.invalidParams }],
        });
      }
      if (err instanceof MailDeliveryFailedException) {
        throw ApplicationFailure.create({ type: MailDeliveryFailedException.TYPE, message: err.message, nonRetryable: false });
      }
      throw err;
    }
  }
}
