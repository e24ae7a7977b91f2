import { Injectable } from '@nestjs/common';
import type { PlanningSnapshot } from '@kp/domain';
import { DeadlinePolicyRepository, toPolicyCandidate } from '../repositories/deadline-policy.repository';
import { WerkdagenKalenderProvider } from '../kalender/werkdagen-kalender.provider';

/**
 * What a knelpunt's workflow needs to plan the deadlines of one command itself: the organisation's policies (and the
 * defaults) as they are now, and the calendar's equated days. The API reads it just before it sends a command, the
 * same data the planning activity would read a moment later; the workflow then plans without a local activity.
 */
@Injectable()
export class PlanningSnapshotProvider {
  constructor(
    private readonly policies: DeadlinePolicyRepository,
    private readonly kalenders: WerkdagenKalenderProvider,
  ) {}

  async snapshot(organisation: string): Promise<PlanningSnapshot> {
    const [policies, kalender] = await Promise.all([this.policies.list({ organisation }), this.kalenders.get()]);
    return { policies: policies.map(toPolicyCandidate), equatedDays: kalender.equated() };
  }
}
