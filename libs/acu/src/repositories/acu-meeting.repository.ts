import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { ActorSnapshot } from '../entities/acu-meeting.entity';

export interface MeetingRecord {
  id: string;
  meetingDate: string;
  agendaClosesOn: string;
  title: string | null;
  location: string | null;
  autoCreated: boolean;
  createdAt: Date;
  createdBy: ActorSnapshot;
  /** all items on the agenda */
  itemCount: number;
  /** items still 'geagendeerd' */
  openItemCount: number;
}

export interface NewMeeting {
  id: string;
  meetingDate: string;
  agendaClosesOn: string;
  title: string | null;
  location: string | null;
  autoCreated: boolean;
  createdBy: ActorSnapshot;
}

interface Row {
  id: string;
  meeting_date: string;
  agenda_closes_on: string;
  title: string | null;
  location: string | null;
  auto_created: boolean;
  created_at: Date;
  created_by: ActorSnapshot;
  item_count: number;
  open_item_count: number;
}

// Dates as text: node-postgres would turn a `date` into a local-midnight Date.
const COLUMNS = `m.id, m.meeting_date::text AS meeting_date, m.agenda_closes_on::text AS agenda_closes_on, m.title, m.location,
  m.auto_created, m.created_at, m.created_by,
  (SELECT count(*)::int FROM acu_agenda_items i WHERE i.meeting_id = m.id) AS item_count,
  (SELECT count(*)::int FROM acu_agenda_items i WHERE i.meeting_id = m.id AND i.status = 'geagendeerd') AS open_item_count`;

function toRecord(r: Row): MeetingRecord {
  return {
    id: r.id,
    meetingDate: r.meeting_date,
    agendaClosesOn: r.agenda_closes_on,
    title: r.title,
    location: r.location,
    autoCreated: r.auto_created,
    createdAt: r.created_at,
    createdBy: r.created_by,
    itemCount: r.item_count,
    openItemCount: r.open_item_count,
  };
}

@Injectable()
export class AcuMeetingRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  transaction<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    return this.ds.transaction('READ COMMITTED', work);
  }

  async findById(id: string, em: EntityManager = this.ds.manager): Promise<MeetingRecord | null> {
    const rows: Row[] = await em.query(`SELECT ${COLUMNS} FROM acu_meetings m WHERE m.id = $1`, [id]);
    return rows[0] ? toRecord(rows[0]) : null;
  }

  async findByDate(date: string, em: EntityManager = this.ds.manager): Promise<MeetingRecord | null> {
    const rows: Row[] = await em.query(`SELECT ${COLUMNS} FROM acu_meetings m WHERE m.meeting_date = $1`, [date]);
    return rows[0] ? toRecord(rows[0]) : null;
  }

  /**
   * The first meeting whose agenda is open on `today`, after `after` when given, on which the knelpunt has no item
   * yet (a knelpunt is on a meeting's agenda at most once).
   */
  async firstOpenFor(em: EntityManager, knelpuntId: string, today: string, after: string | null): Promise<MeetingRecord | null> {
    const rows: Row[] = await em.query(
      `SELECT ${COLUMNS} FROM acu_meetings m
        WHERE m.agenda_closes_on >= $2 AND ($3::date IS NULL OR m.meeting_date > $3::date)
          AND NOT EXISTS (SELECT 1 FROM acu_agenda_items i WHERE i.meeting_id = m.id AND i.knelpunt_id = $1)
        ORDER BY m.meeting_date
        LIMIT 1`,
      [knelpuntId, today, after],
    );
    return rows[0] ? toRecord(rows[0]) : null;
  }

  /** Whether the knelpunt has an item (in any status) on the meeting. */
  async hasItemFor(em: EntityManager, meetingId: string, knelpuntId: string): Promise<boolean> {
    const rows: unknown[] = await em.query(`SELECT 1 FROM acu_agenda_items WHERE meeting_id = $1 AND knelpunt_id = $2`, [
      meetingId,
      knelpuntId,
    ]);
    return rows.length > 0;
  }

  /** Inserts the meeting unless one exists on that date; returns the inserted meeting or null. */
  async insertIfAbsent(m: NewMeeting, em: EntityManager = this.ds.manager): Promise<MeetingRecord | null> {
    const rows: { id: string }[] = await em.query(
      `INSERT INTO acu_meetings (id, meeting_date, agenda_closes_on, title, location, auto_created, created_at, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, now(), $7::jsonb)
       ON CONFLICT (meeting_date) DO NOTHING
       RETURNING id`,
      [m.id, m.meetingDate, m.agendaClosesOn, m.title, m.location, m.autoCreated, JSON.stringify(m.createdBy)],
    );
    return rows[0] ? this.findById(rows[0].id, em) : null;
  }

  /** Meetings on or after `today`, soonest first (keyset on the unique meeting_date). */
  async upcoming(today: string, limit: number, after?: { date: string }): Promise<MeetingRecord[]> {
    const rows: Row[] = await this.ds.query(
      `SELECT ${COLUMNS} FROM acu_meetings m
        WHERE m.meeting_date >= $1 AND ($2::date IS NULL OR m.meeting_date > $2::date)
        ORDER BY m.meeting_date
        LIMIT $3`,
      [today, after?.date ?? null, limit],
    );
    return rows.map(toRecord);
  }

  /** Meetings before `today`, most recent first (keyset on the unique meeting_date). */
  async past(today: string, limit: number, before?: { date: string }): Promise<MeetingRecord[]> {
    const rows: Row[] = await this.ds.query(
      `SELECT ${COLUMNS} FROM acu_meetings m
        WHERE m.meeting_date < $1 AND ($2::date IS NULL OR m.meeting_date < $2::date)
        ORDER BY m.meeting_date DESC
        LIMIT $3`,
      [today, before?.date ?? null, limit],
    );
    return rows.map(toRecord);
  }
}
