import { Injectable } from '@nestjs/common';
import { toLocalDateAmsterdam } from '@kp/domain';
import { DomainException } from '@kp/shared/errors';
import { AcuMeetingRepository } from '../../repositories/acu-meeting.repository';
import { AcuAgendaRepository } from '../../repositories/acu-agenda.repository';
import type { AcuAgendaDto } from '../../dtos/acu-meeting.dto';
import { toMeetingDto } from '../list-meetings/list-meetings.use-case';

/** A meeting with its agenda: the knelpunten, most often carried over first. */
@Injectable()
export class GetAgendaUseCase {
  constructor(
    private readonly meetings: AcuMeetingRepository,
    private readonly agenda: AcuAgendaRepository,
  ) {}

  async execute(meetingId: string, now: Date = new Date()): Promise<AcuAgendaDto> {
    const meeting = await this.meetings.findById(meetingId);
    if (!meeting) throw DomainException.notFound(`ACU-vergadering ${meetingId} bestaat niet.`);
    const items = await this.agenda.agenda(meetingId);
    return {
      meeting: toMeetingDto(meeting, toLocalDateAmsterdam(now)),
      items: items.map((i) => ({
        id: i.id,
        knelpuntId: i.knelpuntId,
        reference: i.reference,
        title: i.title,
        organisation: i.organisation,
        knelpuntStatus: i.knelpuntStatus,
        status: i.status,
        carryOverCount: i.carryOverCount,
        reason: i.reason,
        addedAt: i.addedAt.toISOString(),
        decidedAt: i.decidedAt ? i.decidedAt.toISOString() : null,
        decision: i.decision,
      })),
    };
  }
}
