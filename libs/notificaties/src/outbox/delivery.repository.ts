import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { DeliveryChannel } from './delivery-id';
import type { DeliveryState } from './backoff';

export type AttemptOutcome = 'verzonden' | 'overgeslagen' | 'mislukt' | 'onderbroken';

/** A delivery claimed by one dispatcher: state 'bezig', its attempt recorded, leased until `leaseUntil`. */
export interface ClaimedDelivery {
  id: string;
  notificationId: string;
  channel: DeliveryChannel;
  /** the number of this attempt (1, 2, …) */
  attempt: number;
  /** failed attempts since the last retry by hand, this one included */
  attemptsSinceRetry: number;
  /** true when it was taken over from a dispatcher whose lease ran out (it may have been sent already) */
  takenOver: boolean;
}

export interface DeliveryAttemptRecord {
  attempt: number;
  startedAt: Date;
  finishedAt: Date | null;
  outcome: AttemptOutcome | null;
  error: string | null;
}

export interface DeliveryRecord {
  id: string;
  notificationId: string;
  channel: DeliveryChannel;
  state: DeliveryState;
  attempts: number;
  nextAttemptAt: Date;
  leaseUntil: Date | null;
  lastError: string | null;
  createdAt: Date;
  updatedAt: Date;
  sentAt: Date | null;
  knelpuntId: string | null;
  reference: string;
  kind: string;
  subject: string;
  recipientRole: string;
  recipientScope: string | null;
  /** created_at with microseconds, for the keyset cursor */
  cursorAt: string;
  attemptLog: DeliveryAttemptRecord[];
}

interface Row {
  id: string;
  notification_id: string;
  channel: DeliveryChannel;
  state: DeliveryState;
  attempts: number;
  next_attempt_at: Date;
  lease_until: Date | null;
  last_error: string | null;
  created_at: Date;
  updated_at: Date;
  sent_at: Date | null;
  knelpunt_id: string | null;
  reference: string;
  kind: string;
  subject: string;
  recipient_role: string;
  recipient_scope: string | null;
  cursor_at: string;
  attempt_log: { attempt: number; started_at: string; finished_at: string | null; outcome: AttemptOutcome | null; error: string | null }[];
}

const SELECT = `SELECT d.id, d.notification_id, d.channel, d.state, d.attempts, d.next_attempt_at, d.lease_until, d.last_error,
    d.created_at, d.updated_at, d.sent_at, n.knelpunt_id, n.reference, n.kind, n.subject, n.recipient_role, n.recipient_scope,
    to_char(d.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS cursor_at,
    coalesce((SELECT json_agg(json_build_object('attempt', a.attempt, 'started_at', a.started_at, 'finished_at', a.finished_at,
                'outcome', a.outcome, 'error', a.error) ORDER BY a.attempt)
              FROM delivery_attempts a WHERE a.delivery_id = d.id), '[]'::json) AS attempt_log
  FROM deliveries d JOIN notifications n ON n.id = d.notification_id`;

function toRecord(r: Row): DeliveryRecord {
  return {
    id: r.id,
    notificationId: r.notification_id,
    channel: r.channel,
    state: r.state,
    attempts: r.attempts,
    nextAttemptAt: r.next_attempt_at,
    leaseUntil: r.lease_until,
    lastError: r.last_error,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    sentAt: r.sent_at,
    knelpuntId: r.knelpunt_id,
    reference: r.reference,
    kind: r.kind,
    subject: r.subject,
    recipientRole: r.recipient_role,
    recipientScope: r.recipient_scope,
    cursorAt: r.cursor_at,
    attemptLog: r.attempt_log.map((a) => ({
      attempt: a.attempt,
      startedAt: new Date(a.started_at),
      finishedAt: a.finished_at ? new Date(a.finished_at) : null,
      outcome: a.outcome,
      error: a.error,
    })),
  };
}

/** The rows of an UPDATE … RETURNING: TypeORM's postgres driver answers `[rows, affected]` for UPDATE and DELETE. */
async function updated<T>(result: Promise<unknown>): Promise<T[]> {
  const r = await result;
  if (Array.isArray(r) && r.length === 2 && Array.isArray(r[0]) && typeof r[1] === 'number') return r[0] as T[];
  return r as T[];
}

const INTERRUPTED =
  'De verzender stopte tijdens deze poging (lease verlopen); het bericht is mogelijk toch verstuurd en gaat nog één keer, met dezelfde sleutel.';

/**
 * The delivery outbox in PostgreSQL. Claiming and finishing each run in their own short transaction; the send happens
 * between them, outside any transaction. `notifications.mail_status` / `webhook_status` are kept in sync.
 */
@Injectable()
export class DeliveryRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /**
   * Claims up to `limit` due deliveries (waiting and due, or busy with an expired lease) with FOR UPDATE SKIP LOCKED,
   * so two dispatchers never take the same one: sets them 'bezig' with a lease, counts the attempt and writes its
   * attempt row, all committed before anything is sent. A taken-over delivery that already used its last attempt
   * becomes a dead letter instead (its open attempt closed as 'onderbroken').
   */
  async claim(limit: number, leaseMs: number, maxAttempts: number): Promise<ClaimedDelivery[]> {
    return this.ds.transaction(async (em) => {
      const dead = await updated<{ id: string; notification_id: string; channel: DeliveryChannel; attempts: number }>(
        em.query(
          `WITH stale AS (
           SELECT id FROM deliveries
            WHERE state = 'bezig' AND next_attempt_at <= clock_timestamp() AND attempts - attempts_before_retry >= $1
            FOR UPDATE SKIP LOCKED)
         UPDATE deliveries d SET state = 'mislukt', lease_until = NULL, updated_at = clock_timestamp(),
                last_error = 'De laatste poging werd onderbroken (lease verlopen); opnieuw aanbieden kan met de hand.'
           FROM stale WHERE d.id = stale.id
         RETURNING d.id, d.notification_id, d.channel, d.attempts`,
          [maxAttempts],
        ),
      );
      if (dead.length > 0) {
        await this.closeOpenAttempts(
          em,
          dead.map((d) => d.id),
        );
        for (const d of dead) await this.syncNotification(em, d.notification_id, d.channel, 'mislukt', d.attempts, INTERRUPTED);
      }

      const rows = await updated<{
        id: string;
        notification_id: string;
        channel: DeliveryChannel;
        attempts: number;
        since: number;
        previous: string;
      }>(
        em.query(
          `WITH due AS (
             SELECT id, state AS previous FROM deliveries
              WHERE state IN ('wachtend', 'bezig') AND next_attempt_at <= clock_timestamp()
              ORDER BY next_attempt_at, id
              LIMIT $1
              FOR UPDATE SKIP LOCKED)
           UPDATE deliveries d
              SET state = 'bezig', attempts = d.attempts + 1,
                  lease_until = clock_timestamp() + $2::int * interval '1 millisecond',
                  next_attempt_at = clock_timestamp() + $2::int * interval '1 millisecond',
                  updated_at = clock_timestamp()
             FROM due WHERE d.id = due.id
           RETURNING d.id, d.notification_id, d.channel, d.attempts, d.attempts - d.attempts_before_retry AS since, due.previous`,
          [limit, leaseMs],
        ),
      );
      if (rows.length === 0) return [];
      const takenOver = rows.filter((r) => r.previous === 'bezig').map((r) => r.id);
      if (takenOver.length > 0) await this.closeOpenAttempts(em, takenOver);
      await em.query(`INSERT INTO delivery_attempts (delivery_id, attempt) SELECT * FROM unnest($1::uuid[], $2::int[])`, [
        rows.map((r) => r.id),
        rows.map((r) => r.attempts),
      ]);
      return rows.map((r) => ({
        id: r.id,
        notificationId: r.notification_id,
        channel: r.channel,
        attempt: r.attempts,
        attemptsSinceRetry: r.since,
        takenOver: r.previous === 'bezig',
      }));
    });
  }

  /**
   * Records how an attempt ended. Only the dispatcher that still holds the claim (state 'bezig', same attempt)
   * changes the delivery; returns false when another took it over in the meantime (its lease ran out).
   */
  async finish(
    d: ClaimedDelivery,
    result: { outcome: 'verzonden' | 'overgeslagen' } | { outcome: 'mislukt'; error: string; retryInMs: number | null },
    note: string | null = null,
  ): Promise<boolean> {
    return this.ds.transaction(async (em) => {
      const error = result.outcome === 'mislukt' ? result.error.slice(0, 2000) : note;
      await em.query(
        `UPDATE delivery_attempts SET finished_at = clock_timestamp(), outcome = $3, error = $4
          WHERE delivery_id = $1 AND attempt = $2 AND finished_at IS NULL`,
        [d.id, d.attempt, result.outcome, error],
      );
      const state: DeliveryState = result.outcome === 'mislukt' ? (result.retryInMs === null ? 'mislukt' : 'wachtend') : result.outcome;
      const retryInMs = result.outcome === 'mislukt' && result.retryInMs !== null ? result.retryInMs : 0;
      const changed = await updated<{ id: string }>(
        em.query(
          `UPDATE deliveries SET state = $3::varchar, lease_until = NULL, last_error = $4, updated_at = clock_timestamp(),
                next_attempt_at = clock_timestamp() + $5::bigint * interval '1 millisecond',
                sent_at = CASE WHEN $3::varchar = 'verzonden' THEN clock_timestamp() ELSE sent_at END
          WHERE id = $1 AND state = 'bezig' AND attempts = $2
          RETURNING id`,
          [d.id, d.attempt, state, error, retryInMs],
        ),
      );
      if (changed.length === 0) return false;
      await this.syncNotification(em, d.notificationId, d.channel, state, d.attempt, error);
      return true;
    });
  }

  /** A dead letter back to 'wachtend', due now, with a fresh attempt budget. Null: unknown; 'conflict': not 'mislukt'. */
  async retry(id: string): Promise<DeliveryRecord | null | { conflict: DeliveryState }> {
    const outcome = await this.ds.transaction(async (em) => {
      const rows: { state: DeliveryState; notification_id: string; channel: DeliveryChannel; attempts: number }[] = await em.query(
        `SELECT state, notification_id, channel, attempts FROM deliveries WHERE id = $1 FOR UPDATE`,
        [id],
      );
      const row = rows[0];
      if (!row) return null;
      if (row.state !== 'mislukt') return { conflict: row.state };
      await em.query(
        `UPDATE deliveries SET state = 'wachtend', attempts_before_retry = attempts, next_attempt_at = clock_timestamp(),
                updated_at = clock_timestamp()
          WHERE id = $1`,
        [id],
      );
      await this.syncNotification(em, row.notification_id, row.channel, 'wachtend', row.attempts, null);
      return 'ok' as const;
    });
    if (outcome === 'ok') return this.byId(id);
    return outcome;
  }

  async byId(id: string): Promise<DeliveryRecord | null> {
    const rows: Row[] = await this.ds.query(`${SELECT} WHERE d.id = $1`, [id]);
    return rows[0] ? toRecord(rows[0]) : null;
  }

  /** One page of deliveries, newest first (keyset on created_at, id), optionally of one state. One extra row. */
  async page(opts: { state?: DeliveryState; limit: number; after?: { createdAt: string; id: string } }): Promise<DeliveryRecord[]> {
    const params: unknown[] = [];
    const where: string[] = [];
    if (opts.state) {
      params.push(opts.state);
      where.push(`d.state = $${params.length}`);
    }
    if (opts.after) {
      params.push(opts.after.createdAt, opts.after.id);
      where.push(`(d.created_at, d.id) < ($${params.length - 1}::timestamptz, $${params.length}::uuid)`);
    }
    params.push(opts.limit + 1);
    const rows: Row[] = await this.ds.query(
      `${SELECT} ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY d.created_at DESC, d.id DESC LIMIT $${params.length}`,
      params,
    );
    return rows.map(toRecord);
  }

  private async closeOpenAttempts(em: EntityManager, ids: string[]): Promise<void> {
    await em.query(
      `UPDATE delivery_attempts SET finished_at = clock_timestamp(), outcome = 'onderbroken', error = $2
        WHERE delivery_id = ANY($1::uuid[]) AND finished_at IS NULL`,
      [ids, INTERRUPTED],
    );
  }

  /** Keeps the notification's own columns (mail_status, mail_attempts, mail_error, mailed_at, webhook_status) in step. */
  private async syncNotification(
    em: EntityManager,
    notificationId: string,
    channel: DeliveryChannel,
    state: DeliveryState,
    attempts: number,
    error: string | null,
  ): Promise<void> {
    if (channel === 'mail') {
      const mailStatus = state === 'wachtend' || state === 'bezig' ? 'wacht' : state;
      await em.query(
        `UPDATE notifications SET mail_status = $2::varchar, mail_attempts = $3::int, mail_error = $4::text,
                mailed_at = CASE WHEN $2::varchar = 'verzonden' THEN clock_timestamp() ELSE mailed_at END
          WHERE id = $1`,
        [notificationId, mailStatus, attempts, error === null ? null : error.slice(0, 2000)],
      );
    } else {
      const webhookStatus = state === 'wachtend' || state === 'bezig' ? null : state;
      await em.query(`UPDATE notifications SET webhook_status = $2 WHERE id = $1`, [notificationId, webhookStatus]);
    }
  }
}
