import { Injectable } from '@nestjs/common';
import { toLocalDateAmsterdam } from '@kp/domain';
import { DomainException } from '@kp/shared/errors';
import type { AcuPlacement } from '../../../../../workflows/knelpunt/knelpunt.activities-contract';
import { AcuMeetingRepository } from '../../repositories/acu-meeting.repository';
import { AcuAgendaRepository } from '../../repositories/acu-agenda.repository';
import { AgendaPlanner, toPlacement } from '../place-on-agenda/agenda-planner.service';
import { assertInstant, assertUuid } from '../validate-input';

export const CARRY_OVER_REASON = (from: string): string => `Niet besloten in de ACU-vergadering van ${from}; doorgeschoven.`;

/**
 * The meeting passed without a decision: the item is marked 'doorgeschoven' and the knelpunt goes to the next
 * meeting after it whose agenda is open, with carry_over_count + 1, in one transaction. Idempotent: when the item
 * was carried over already, the placement it was carried to is returned.
 */
@Injectable()
export class CarryOverAgendaItemUseCase {
  constructor(
    private readonly meetings: AcuMeetingRepository,
    private readonly agenda: AcuAgendaRepository,
    private readonly planner: AgendaPlanner,
  ) {}

  async execute(input: { knelpuntId: string; fromMeetingId: string; now: string }): Promise<AcuPlacement> {
    assertUuid('knelpuntId', input?.knelpuntId);
    assertUuid('fromMeetingId', input.fromMeetingId);
    assertInstant('now', input.now);
    const today = toLocalDateAmsterdam(new Date(input.now));
    return this.meetings.transaction(async (em) => {
      const from = await this.agenda.itemOnMeetingForUpdate(em, input.fromMeetingId, input.knelpuntId);
      if (from?.status === 'doorgeschoven') {
        const to = from.carriedToItemId ? await this.agenda.byId(em, from.carriedToItemId) : null;
        if (to) return toPlacement(to);
      }
      // Another placement already open (e.g. placed again meanwhile): that is where the knelpunt is now.
      const open = await this.agenda.openItem(em, input.knelpuntId);
      if (open && open.id !== from?.id) {
        if (from?.status === 'geagendeerd') await this.agenda.markCarriedOver(em, from.id, input.now);
        if (from) await this.agenda.linkCarriedTo(em, from.id, open.id);
        return toPlacement(open);
      }
      if (!from) {
        // Not on that meeting (inconsistent input): place it as new, counting earlier carry-overs.
        if (!(await this.agenda.knelpuntExists(em, input.knelpuntId))) {
          throw DomainException.notFound(`Knelpunt ${input.knelpuntId} bestaat niet.`);
        }
        const meeting = await this.planner.chooseMeeting(em, input.knelpuntId, today, null);
        const carryOverCount = await this.agenda.carryOverCount(em, input.knelpuntId);
        return toPlacement(
          await this.planner.place(em, {
            knelpuntId: input.knelpuntId,
            meeting,
            carryOverCount,
            reason: 'Doorgeschoven naar de volgende ACU-vergadering.',
            at: input.now,
          }),
        );
      }
      // Free the "one open item per knelpunt" slot first, then place on the next meeting after this one.
      if (from.status === 'geagendeerd') await this.agenda.markCarriedOver(em, from.id, input.now);
      const meeting = await this.planner.chooseMeeting(em, input.knelpuntId, today, from.meetingDate);
      const next = await this.planner.place(em, {
        knelpuntId: input.knelpuntId,
        meeting,
        carryOverCount: from.carryOverCount + 1,
        reason: CARRY_OVER_REASON(from.meetingDate),
        at: input.now,
      });
      await this.agenda.linkCarriedTo(em, from.id, next.id);
      return toPlacement(next);
    });
  }
}
