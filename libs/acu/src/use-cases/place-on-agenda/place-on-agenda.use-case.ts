import { Injectable } from '@nestjs/common';
import { toLocalDateAmsterdam } from '@kp/domain';
import { DomainException } from '@kp/shared/errors';
import type { AcuPlacement } from '../../../../../workflows/knelpunt/knelpunt.activities-contract';
import { AcuMeetingRepository } from '../../repositories/acu-meeting.repository';
import { AcuAgendaRepository } from '../../repositories/acu-agenda.repository';
import { AgendaPlanner, toPlacement } from './agenda-planner.service';
import { assertInstant, assertText, assertUuid } from '../validate-input';

/**
 * Puts an escalated knelpunt on the next ACU meeting whose agenda is open (Europe/Amsterdam date of `now`),
 * creating that meeting on the default calendar when none is planned. Idempotent per knelpunt: when the knelpunt
 * already has an open item, that one is returned.
 */
@Injectable()
export class PlaceOnAgendaUseCase {
  constructor(
    private readonly meetings: AcuMeetingRepository,
    private readonly agenda: AcuAgendaRepository,
    private readonly planner: AgendaPlanner,
  ) {}

  async execute(input: { knelpuntId: string; reason: string; now: string }): Promise<AcuPlacement> {
    assertUuid('knelpuntId', input?.knelpuntId);
    assertText('reason', input.reason, 5000);
    assertInstant('now', input.now);
    const today = toLocalDateAmsterdam(new Date(input.now));
    return this.meetings.transaction(async (em) => {
      const open = await this.agenda.openItem(em, input.knelpuntId);
      if (open) return toPlacement(open);
      if (!(await this.agenda.knelpuntExists(em, input.knelpuntId))) {
        throw DomainException.notFound(`Knelpunt ${input.knelpuntId} bestaat niet.`);
      }
      const meeting = await this.planner.chooseMeeting(em, input.knelpuntId, today, null);
      const carryOverCount = await this.agenda.carryOverCount(em, input.knelpuntId);
      const item = await this.planner.place(em, {
        knelpuntId: input.knelpuntId,
        meeting,
        carryOverCount,
        reason: input.reason,
        at: input.now,
      });
      return toPlacement(item);
    });
  }
}
