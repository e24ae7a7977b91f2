import { Injectable } from '@nestjs/common';
import { toLocalDateAmsterdam } from '@kp/domain';
import { decodeCursor, encodeCursor, Page } from '@kp/shared/http';
import { AcuMeetingRepository, MeetingRecord } from '../../repositories/acu-meeting.repository';
import type { AcuMeetingDto } from '../../dtos/acu-meeting.dto';

export const DEFAULT_PAGE_SIZE = 20;

export function toMeetingDto(m: MeetingRecord, today: string): AcuMeetingDto {
  return {
    id: m.id,
    meetingDate: m.meetingDate,
    agendaClosesOn: m.agendaClosesOn,
    agendaOpen: m.agendaClosesOn >= today,
    title: m.title,
    location: m.location,
    autoCreated: m.autoCreated,
    itemCount: m.itemCount,
    openItemCount: m.openItemCount,
    createdAt: m.createdAt.toISOString(),
    createdBy: m.createdBy,
  };
}

type Cursor = { part: 'komend' | 'voorbij'; date: string; id: string };

function parseCursor(cursor: string): Cursor {
  const [part, date, id] = decodeCursor(cursor, [['komend', 'voorbij'] as const, 'date', 'uuid']);
  return { part, date, id };
}

/**
 * The ACU meetings: first the upcoming ones (today included, soonest first), then the past ones (most recent
 * first). Two keyset scans; the cursor says in which part the next page starts.
 */
@Injectable()
export class ListMeetingsUseCase {
  constructor(private readonly meetings: AcuMeetingRepository) {}

  async execute(query: { limit?: number; cursor?: string }, now: Date = new Date()): Promise<Page<AcuMeetingDto>> {
    const today = toLocalDateAmsterdam(now);
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const cursor = query.cursor ? parseCursor(query.cursor) : null;
    const rows: { m: MeetingRecord; part: Cursor['part'] }[] = [];
    if (!cursor || cursor.part === 'komend') {
      const after = cursor ? { date: cursor.date } : undefined;
      for (const m of await this.meetings.upcoming(today, limit + 1, after)) rows.push({ m, part: 'komend' });
    }
    if (rows.length <= limit) {
      const before = cursor?.part === 'voorbij' ? { date: cursor.date } : undefined;
      for (const m of await this.meetings.past(today, limit + 1 - rows.length, before)) rows.push({ m, part: 'voorbij' });
    }
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      items: page.map((r) => toMeetingDto(r.m, today)),
      nextCursor: rows.length > limit && last ? encodeCursor([last.part, last.m.meetingDate, last.m.id]) : null,
    };
  }
}
