import { Injectable } from '@nestjs/common';
import { KnelpuntProjectionRepository } from '../repositories/knelpunt-projection.repository';
import type { ProjectionInput } from '../../../../workflows/knelpunt/knelpunt.activities-contract';

/** Thin adapter: projects the workflow's state into PostgreSQL so the API never queries Temporal. */
@Injectable()
export class KnelpuntProjectionActivities {
  constructor(private readonly projection: KnelpuntProjectionRepository) {}

  /** Idempotent: timeline rows and notifications are inserted once by id; the row only moves to a newer version. */
  async projectKnelpunt(input: ProjectionInput): Promise<void> {
    await this.projection.apply(input.state, input.timeline, new Date(input.at), input.notifications ?? []);
  }
}
