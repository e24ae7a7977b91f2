import { Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import type { AcuPlacement } from '../../../../../workflows/knelpunt/knelpunt.activities-contract';
import { WerkdagenKalenderProvider } from '@kp/termijnen/kalender/werkdagen-kalender.provider';
import { AcuMeetingRepository, MeetingRecord } from '../../repositories/acu-meeting.repository';
import { AcuAgendaRepository, AgendaItemRecord } from '../../repositories/acu-agenda.repository';
import { defaultMeetingsFrom, MAX_MONTHS_AHEAD } from '../../calendar/acu-calendar';
import type { ActorSnapshot } from '../../entities/acu-meeting.entity';

export const ACU_KALENDER_ACTOR: ActorSnapshot = Object.freeze({
  subject: 'systeem',
  name: 'Systeem (ACU-kalender)',
  role: 'systeem',
  organisation: null,
});

export const AUTO_MEETING_TITLE = 'ACU-vergadering (automatisch ingepland volgens de standaardkalender)';

export function toPlacement(item: AgendaItemRecord): AcuPlacement {
  return { meetingId: item.meetingId, meetingDate: item.meetingDate, carryOvers: item.carryOverCount };
}

/** Chooses meetings for agenda items and places items, inside the caller's transaction. */
@Injectable()
export class AgendaPlanner {
  private readonly logger = new Logger(AgendaPlanner.name);

  constructor(
    private readonly meetings: AcuMeetingRepository,
    private readonly agenda: AcuAgendaRepository,
    private readonly kalenders: WerkdagenKalenderProvider,
  ) {}

  /**
   * The next meeting whose agenda is open on `today` (after `after` when given) and that does not have this
   * knelpunt yet. When there is none, the first such meeting of the default calendar is created.
   */
  async chooseMeeting(em: EntityManager, knelpuntId: string, today: string, after: string | null): Promise<MeetingRecord> {
    const existing = await this.meetings.firstOpenFor(em, knelpuntId, today, after);
    if (existing) return existing;
    const kalender = await this.kalenders.get();
    const from = after !== null && after > today ? after : today;
    for (const planned of defaultMeetingsFrom(from, kalender)) {
      if (after !== null && planned.meetingDate <= after) continue;
      if (planned.agendaClosesOn < today) continue;
      const meeting =
        (await this.meetings.insertIfAbsent(
          {
            id: randomUUID(),
            meetingDate: planned.meetingDate,
            agendaClosesOn: planned.agendaClosesOn,
            title: AUTO_MEETING_TITLE,
            location: null,
            autoCreated: true,
            createdBy: ACU_KALENDER_ACTOR,
          },
          em,
        )) ?? (await this.meetings.findByDate(planned.meetingDate, em));
      if (!meeting) continue;
      if (meeting.agendaClosesOn < today) continue;
      if (await this.meetings.hasItemFor(em, meeting.id, knelpuntId)) continue;
      if (meeting.autoCreated) this.logger.log(`ACU-vergadering ${meeting.meetingDate} gebruikt/ingepland volgens de standaardkalender`);
      return meeting;
    }
    throw new Error(`Geen ACU-vergadering met open agenda gevonden binnen ${MAX_MONTHS_AHEAD} maanden na ${from}`);
  }

  /**
   * Places the knelpunt on `meeting` as an open item. When a concurrent call placed it first, that placement is
   * returned instead.
   */
  async place(
    em: EntityManager,
    input: { knelpuntId: string; meeting: MeetingRecord; carryOverCount: number; reason: string; at: string },
  ): Promise<AgendaItemRecord> {
    const id = randomUUID();
    await this.agenda.insertOpen(em, {
      id,
      meetingId: input.meeting.id,
      knelpuntId: input.knelpuntId,
      carryOverCount: input.carryOverCount,
      reason: input.reason,
      addedAt: input.at,
    });
    const open = await this.agenda.openItem(em, input.knelpuntId);
    if (!open) throw new Error(`Agendapunt voor knelpunt ${input.knelpuntId} niet gevonden na plaatsing`);
    return open;
  }
}
