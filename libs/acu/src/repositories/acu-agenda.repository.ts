import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { AgendaItemStatus } from '../entities/acu-agenda-item.entity';

export interface AgendaItemRecord {
  id: string;
  meetingId: string;
  meetingDate: string;
  knelpuntId: string;
  status: AgendaItemStatus;
  carryOverCount: number;
  reason: string;
  addedAt: Date;
  decidedAt: Date | null;
  decision: string | null;
  carriedToItemId: string | null;
}

export interface AgendaEntryRecord extends AgendaItemRecord {
  reference: string;
  title: string;
  organisation: string;
  knelpuntStatus: string;
}

interface Row {
  id: string;
  meeting_id: string;
  meeting_date: string;
  knelpunt_id: string;
  status: AgendaItemStatus;
  carry_over_count: number;
  reason: string;
  added_at: Date;
  decided_at: Date | null;
  decision: string | null;
  carried_to_item_id: string | null;
}

const COLUMNS = `i.id, i.meeting_id, m.meeting_date::text AS meeting_date, i.knelpunt_id, i.status, i.carry_over_count, i.reason,
  i.added_at, i.decided_at, i.decision, i.carried_to_item_id`;

function toRecord(r: Row): AgendaItemRecord {
  return {
    id: r.id,
    meetingId: r.meeting_id,
    meetingDate: r.meeting_date,
    knelpuntId: r.knelpunt_id,
    status: r.status,
    carryOverCount: r.carry_over_count,
    reason: r.reason,
    addedAt: r.added_at,
    decidedAt: r.decided_at,
    decision: r.decision,
    carriedToItemId: r.carried_to_item_id,
  };
}

/** Agenda items; reads the knelpunten table (owned by libs/knelpunten) for the agenda view only. */
@Injectable()
export class AcuAgendaRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async knelpuntExists(em: EntityManager, knelpuntId: string): Promise<boolean> {
    const rows: unknown[] = await em.query(`SELECT 1 FROM knelpunten WHERE id = $1`, [knelpuntId]);
    return rows.length > 0;
  }

  /** The open ('geagendeerd') item of a knelpunt, if any. */
  async openItem(em: EntityManager, knelpuntId: string): Promise<AgendaItemRecord | null> {
    const rows: Row[] = await em.query(
      `SELECT ${COLUMNS} FROM acu_agenda_items i JOIN acu_meetings m ON m.id = i.meeting_id
        WHERE i.knelpunt_id = $1 AND i.status = 'geagendeerd'`,
      [knelpuntId],
    );
    return rows[0] ? toRecord(rows[0]) : null;
  }

  async byId(em: EntityManager, id: string): Promise<AgendaItemRecord | null> {
    const rows: Row[] = await em.query(
      `SELECT ${COLUMNS} FROM acu_agenda_items i JOIN acu_meetings m ON m.id = i.meeting_id WHERE i.id = $1`,
      [id],
    );
    return rows[0] ? toRecord(rows[0]) : null;
  }

  /** The item of a knelpunt on one meeting, locked for the rest of the transaction. */
  async itemOnMeetingForUpdate(em: EntityManager, meetingId: string, knelpuntId: string): Promise<AgendaItemRecord | null> {
    const rows: Row[] = await em.query(
      `SELECT ${COLUMNS} FROM acu_agenda_items i JOIN acu_meetings m ON m.id = i.meeting_id
        WHERE i.meeting_id = $1 AND i.knelpunt_id = $2
        FOR UPDATE OF i`,
      [meetingId, knelpuntId],
    );
    return rows[0] ? toRecord(rows[0]) : null;
  }

  /** How often the knelpunt was carried over so far. */
  async carryOverCount(em: EntityManager, knelpuntId: string): Promise<number> {
    const rows: { n: number }[] = await em.query(
      `SELECT count(*)::int AS n FROM acu_agenda_items WHERE knelpunt_id = $1 AND status = 'doorgeschoven'`,
      [knelpuntId],
    );
    return rows[0]?.n ?? 0;
  }

  /**
   * Inserts an open item; returns false when the knelpunt already has an open item or an item on that meeting
   * (a concurrent placement won: read it with {@link openItem}).
   */
  async insertOpen(
    em: EntityManager,
    item: { id: string; meetingId: string; knelpuntId: string; carryOverCount: number; reason: string; addedAt: string },
  ): Promise<boolean> {
    const rows: unknown[] = await em.query(
      `INSERT INTO acu_agenda_items (id, meeting_id, knelpunt_id, status, carry_over_count, reason, added_at)
       VALUES ($1, $2, $3, 'geagendeerd', $4, $5, $6)
       ON CONFLICT DO NOTHING
       RETURNING id`,
      [item.id, item.meetingId, item.knelpuntId, item.carryOverCount, item.reason, item.addedAt],
    );
    return rows.length > 0;
  }

  async markCarriedOver(em: EntityManager, itemId: string, at: string): Promise<void> {
    await em.query(`UPDATE acu_agenda_items SET status = 'doorgeschoven', decided_at = $2 WHERE id = $1 AND status = 'geagendeerd'`, [
      itemId,
      at,
    ]);
  }

  async linkCarriedTo(em: EntityManager, itemId: string, toItemId: string): Promise<void> {
    await em.query(`UPDATE acu_agenda_items SET carried_to_item_id = $2 WHERE id = $1`, [itemId, toItemId]);
  }

  /** Closes the open item of a knelpunt with the ACU's decision; false when there was none. */
  async closeOpen(knelpuntId: string, decision: string, at: string): Promise<boolean> {
    const [, count]: [unknown[], number] = await this.ds.query(
      `UPDATE acu_agenda_items SET status = 'besloten', decision = $2, decided_at = $3 WHERE knelpunt_id = $1 AND status = 'geagendeerd'`,
      [knelpuntId, decision, at],
    );
    return count > 0;
  }

  /** The agenda of a meeting with the knelpunten's reference, title, organisation and status. */
  async agenda(meetingId: string): Promise<AgendaEntryRecord[]> {
    const rows: (Row & { reference: string; title: string; organisation_code: string; knelpunt_status: string })[] = await this.ds.query(
      `SELECT ${COLUMNS}, k.reference, k.title, k.organisation_code, k.status AS knelpunt_status
         FROM acu_agenda_items i
         JOIN acu_meetings m ON m.id = i.meeting_id
         JOIN knelpunten k ON k.id = i.knelpunt_id
        WHERE i.meeting_id = $1
        ORDER BY i.carry_over_count DESC, i.added_at, k.reference`,
      [meetingId],
    );
    return rows.map((r) => ({
      ...toRecord(r),
      reference: r.reference,
      title: r.title,
      organisation: r.organisation_code,
      knelpuntStatus: r.knelpunt_status,
    }));
  }
}
