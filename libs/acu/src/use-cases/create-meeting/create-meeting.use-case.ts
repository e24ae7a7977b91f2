import { Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { formatDatumNl, toLocalDateAmsterdam } from '@kp/domain';
import { DomainException, ErrorCode } from '@kp/shared/errors';
import { Principal, toActor } from '@kp/toegang/principal';
import { WerkdagenKalenderProvider } from '@kp/termijnen/kalender/werkdagen-kalender.provider';
import { AcuMeetingRepository } from '../../repositories/acu-meeting.repository';
import { agendaClosesOn } from '../../calendar/acu-calendar';
import type { AcuMeetingDto, CreateAcuMeetingDto } from '../../dtos/acu-meeting.dto';
import { toMeetingDto } from '../list-meetings/list-meetings.use-case';

/** Plans an ACU meeting on a future werkdag; its agenda closes 5 werkdagen before. One meeting per day. */
@Injectable()
export class CreateMeetingUseCase {
  private readonly logger = new Logger(CreateMeetingUseCase.name);

  constructor(
    private readonly meetings: AcuMeetingRepository,
    private readonly kalenders: WerkdagenKalenderProvider,
  ) {}

  async execute(input: CreateAcuMeetingDto, principal: Principal, now: Date = new Date()): Promise<AcuMeetingDto> {
    const today = toLocalDateAmsterdam(now);
    const kalender = await this.kalenders.get();
    if (input.meetingDate <= today) {
      throw DomainException.validation([{ name: 'meetingDate', reason: 'moet in de toekomst liggen' }]);
    }
    const notWerkdag = kalender.reasonNotWerkdag(input.meetingDate);
    if (notWerkdag) {
      throw DomainException.validation([{ name: 'meetingDate', reason: `is geen werkdag (${notWerkdag})` }]);
    }
    const created = await this.meetings.insertIfAbsent({
      id: randomUUID(),
      meetingDate: input.meetingDate,
      agendaClosesOn: agendaClosesOn(input.meetingDate, kalender),
      title: input.title ?? null,
      location: input.location ?? null,
      autoCreated: false,
      createdBy: toActor(principal),
    });
    if (!created) {
      const existing = await this.meetings.findByDate(input.meetingDate);
      throw new DomainException(
        ErrorCode.CONFLICT,
        `Er is al een ACU-vergadering op ${formatDatumNl(input.meetingDate)}.`,
        [{ name: 'meetingDate', reason: 'er is al een vergadering op deze dag' }],
        existing ? { existingMeetingId: existing.id } : {},
      );
    }
    this.logger.log(`ACU-vergadering ${created.meetingDate} gepland door ${principal.subject}`);
    return toMeetingDto(created, today);
  }
}
