import { Injectable, Optional } from '@nestjs/common';
import { DeliveryKicker } from '@kp/notificaties/outbox/delivery-kicker';
import { KnelpuntProjectionRepository } from '../repositories/knelpunt-projection.repository';
import type { ProjectionInput } from '../../../../workflows/knelpunt/knelpunt.activities-contract';

/** Thin adapter: projects the workflow's state into PostgreSQL so the API never queries Temporal. */
@Injectable()
export class KnelpuntProjectionActivities {
  constructor(
    private readonly projection: KnelpuntProjectionRepository,
    /** Present in the worker (which runs the delivery dispatcher): new notifications go out now, not at the next poll. */
    @Optional() private readonly kicker?: DeliveryKicker,
  ) {}

  /** Idempotent: timeline rows and notifications are inserted once by id; the row only moves to a newer version. */
  async projectKnelpunt(input: ProjectionInput): Promise<void> {
    await this.projection.apply(input.state, input.timeline, new Date(input.at), input.notifications ?? []);
    if ((input.notifications?.length ?? 0) > 0) this.kicker?.kick();
  }
}
