import { Injectable } from '@nestjs/common';
import { KnelpuntProjectionRepository } from '../repositories/knelpunt-projection.repository';
import type { KnelpuntState } from '../../../../workflows/knelpunt/knelpunt.contract';
import type { TimelineEvent } from '../../../../workflows/knelpunt/knelpunt.activities-contract';

/** Thin adapter: projects the workflow's state into PostgreSQL so the API never queries Temporal. */
@Injectable()
export class KnelpuntProjectionActivities {
  constructor(private readonly projection: KnelpuntProjectionRepository) {}

  /** Idempotent: timeline rows are inserted once by id; the row only moves to a newer version. */
  async projectKnelpunt(input: { state: KnelpuntState; timeline: TimelineEvent[]; at: string }): Promise<void> {
    await this.projection.apply(input.state, input.timeline, new Date(input.at));
  }
}
