import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { KnelpuntState } from '../../../../../workflows/knelpunt/knelpunt.contract';
import { READ_MODEL_SET, readModelParams } from '../../mappers/read-model.mapper';
import type { ReadModelRow } from './drift';

/** A delivery of the notification outbox that is stuck (see {@link ReconcileRepository.stuckDeliveries}). */
export interface StuckDelivery {
  id: string;
  channel: string;
  state: string;
  attempts: number;
  leaseUntil: Date | null;
  nextAttemptAt: Date | null;
  knelpuntId: string | null;
  reference: string | null;
}

const ROW_COLUMNS = `
  k.id, k.reference, k.organisation_code AS "organisationCode", k.driehoek_code AS "driehoekCode", k.created_at AS "createdAt",
  k.status, k.outcome, k.escalated, k.overdue, k.next_due_at AS "nextDueAt", k.deadlines, k.details,
  k.projection_version AS "projectionVersion",
  w.created_at AS "startCreatedAt", w.started_at AS "startStartedAt", w.attempts AS "startAttempts", w.last_error AS "startLastError",
  (w.knelpunt_id IS NOT NULL) AS "hasStart"`;

type RawRow = Omit<ReadModelRow, 'start'> & {
  startCreatedAt: Date | null;
  startStartedAt: Date | null;
  startAttempts: number | null;
  startLastError: string | null;
  hasStart: boolean;
};

function toRow(r: RawRow): ReadModelRow {
  const { startCreatedAt, startStartedAt, startAttempts, startLastError, hasStart, ...row } = r;
  return {
    ...row,
    projectionVersion: Number(row.projectionVersion),
    start: hasStart
      ? { createdAt: startCreatedAt as Date, startedAt: startStartedAt, attempts: Number(startAttempts ?? 0), lastError: startLastError }
      : null,
  };
}

/**
 * The reconciliation's own reads and writes: paging through the read model, the outboxes, and the forced
 * re-projection of a workflow's state: the projection's column mapping (read-model.mapper.ts) without its version guard.
 */
@Injectable()
export class ReconcileRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /** One page of the knelpunten the read model holds open, in id order (keyset: after `afterId`). */
  async openPage(afterId: string | null, limit: number): Promise<ReadModelRow[]> {
    const rows: RawRow[] = await this.ds.query(
      `SELECT ${ROW_COLUMNS}
         FROM knelpunten k LEFT JOIN workflow_starts w ON w.knelpunt_id = k.id
        WHERE k.status <> 'afgesloten' AND ($1::uuid IS NULL OR k.id > $1::uuid)
        ORDER BY k.id LIMIT $2`,
      [afterId, limit],
    );
    return rows.map(toRow);
  }

  /** The read model of these knelpunten (whatever their status). */
  async byIds(ids: readonly string[]): Promise<ReadModelRow[]> {
    if (ids.length === 0) return [];
    const rows: RawRow[] = await this.ds.query(
      `SELECT ${ROW_COLUMNS} FROM knelpunten k LEFT JOIN workflow_starts w ON w.knelpunt_id = k.id WHERE k.id = ANY($1::uuid[])`,
      [ids],
    );
    return rows.map(toRow);
  }

  /** Of these ids, the knelpunten the read model holds afgesloten. */
  async closedAmong(ids: readonly string[]): Promise<string[]> {
    if (ids.length === 0) return [];
    const rows: { id: string }[] = await this.ds.query(`SELECT id FROM knelpunten WHERE id = ANY($1::uuid[]) AND status = 'afgesloten'`, [
      ids,
    ]);
    return rows.map((r) => r.id);
  }

  /**
   * Writes the workflow's state into the read model even when the version says it is already there (force):
   * the same columns as the projection activity. The timeline is not touched (it is append-only and its events
   * are not part of the state).
   */
  async forceProject(state: KnelpuntState, at: Date): Promise<boolean> {
    return this.ds.transaction(async (em) => {
      const updated: [unknown[], number] = await em.query(
        `UPDATE knelpunten SET ${READ_MODEL_SET} WHERE id = $1`,
        readModelParams(state, at),
      );
      await em.query(`UPDATE workflow_starts SET started_at = coalesce(started_at, $2) WHERE knelpunt_id = $1`, [state.knelpuntId, at]);
      return updated[1] > 0;
    });
  }

  /** Puts the knelpunt (back) into the workflow-start outbox as pending, so the dispatcher starts its workflow. */
  async requeueStart(knelpuntId: string, at: Date): Promise<void> {
    await this.ds.query(
      `INSERT INTO workflow_starts (knelpunt_id, created_at, started_at, attempts) VALUES ($1, $2, NULL, 0)
       ON CONFLICT (knelpunt_id) DO UPDATE SET started_at = NULL, last_error = NULL`,
      [knelpuntId, at],
    );
  }

  /** As the dispatcher marks a start it made. */
  async markStarted(knelpuntId: string): Promise<void> {
    await this.ds.query(
      `UPDATE workflow_starts SET started_at = coalesce(started_at, now()), attempts = attempts + 1, last_error = NULL WHERE knelpunt_id = $1`,
      [knelpuntId],
    );
  }

  async markStartFailed(knelpuntId: string, error: string): Promise<void> {
    await this.ds.query(`UPDATE workflow_starts SET attempts = attempts + 1, last_error = $2 WHERE knelpunt_id = $1`, [
      knelpuntId,
      error.slice(0, 2000),
    ]);
  }

  /** Whether the notification delivery outbox exists (migration 1765000000000-delivery-outbox). */
  async hasDeliveries(): Promise<boolean> {
    const rows: { present: boolean }[] = await this.ds.query(`SELECT to_regclass('deliveries') IS NOT NULL AS present`);
    return rows[0]?.present === true;
  }

  /**
   * Deliveries stuck longer than `graceMs`: 'bezig' past their lease (the dispatcher that claimed them died and
   * nobody took them over) or 'wachtend' far past their next attempt (nobody dispatches).
   */
  async stuckDeliveries(graceMs: number, limit: number): Promise<StuckDelivery[]> {
    return this.ds.query(
      `SELECT d.id, d.channel, d.state, d.attempts, d.lease_until AS "leaseUntil", d.next_attempt_at AS "nextAttemptAt",
              n.knelpunt_id AS "knelpuntId", n.reference
         FROM deliveries d LEFT JOIN notifications n ON n.id = d.notification_id
        WHERE (d.state = 'bezig' AND coalesce(d.lease_until, '-infinity') < now() - make_interval(secs => $1::float8 / 1000))
           OR (d.state = 'wachtend' AND d.next_attempt_at < now() - make_interval(secs => $1::float8 / 1000))
        ORDER BY d.id LIMIT $2`,
      [graceMs, limit],
    );
  }
}
