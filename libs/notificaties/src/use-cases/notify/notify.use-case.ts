import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { NotifyInput } from '../../../../../workflows/knelpunt/knelpunt.activities-contract';
import { enqueueNotifications } from '../../outbox/notification-outbox';
import { DeliveryKicker } from '../../outbox/delivery-kicker';

/**
 * The `notify` activity of workflows that still call it (recorded and running histories): only enqueues, in its own
 * transaction, the notifications and their mail and webhook deliveries (at most once per key and recipient), then
 * wakes the dispatcher. It never talks to SMTP or a webhook, so no workflow ever waits on them.
 */
@Injectable()
export class NotifyUseCase {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly kicker: DeliveryKicker,
  ) {}

  async execute(input: NotifyInput): Promise<void> {
    await this.ds.transaction((em) => enqueueNotifications(em, [input]));
    this.kicker.kick();
  }
}
