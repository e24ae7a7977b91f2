import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { MailStatus, RecipientRole, WebhookStatus } from '../entities/notification.entity';
import { recipientKey } from '../use-cases/notify/recipients';

export interface NotificationRecord {
  id: string;
  dedupeKey: string;
  knelpuntId: string | null;
  reference: string;
  kind: string;
  subject: string;
  body: string;
  recipientRole: RecipientRole;
  recipientScope: string | null;
  occurredAt: Date;
  createdAt: Date;
  readAt: Date | null;
  mailStatus: MailStatus;
  mailAttempts: number;
  webhookStatus: WebhookStatus | null;
  /** created_at with microseconds, for the keyset cursor */
  cursorAt: string;
}

/**
 * Whose notifications: exactly one recipient group (no scope reads or writes every inbox; the admin has its own,
 * `admin`). Part of every read and write signature, so no query can forget it.
 */
export type InboxScope = { role: RecipientRole | 'admin'; scope: string | null };

interface Row {
  id: string;
  dedupe_key: string;
  knelpunt_id: string | null;
  reference: string;
  kind: string;
  subject: string;
  body: string;
  recipient_role: RecipientRole;
  recipient_scope: string | null;
  occurred_at: Date;
  created_at: Date;
  read_at: Date | null;
  mail_status: MailStatus;
  mail_attempts: number;
  webhook_status: WebhookStatus | null;
  cursor_at: string;
}

const COLUMNS = `id, dedupe_key, knelpunt_id, reference, kind, subject, body, recipient_role, recipient_scope, occurred_at,
  created_at, read_at, mail_status, mail_attempts, webhook_status,
  to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS cursor_at`;

function toRecord(r: Row): NotificationRecord {
  return {
    id: r.id,
    dedupeKey: r.dedupe_key,
    knelpuntId: r.knelpunt_id,
    reference: r.reference,
    kind: r.kind,
    subject: r.subject,
    body: r.body,
    recipientRole: r.recipient_role,
    recipientScope: r.recipient_scope,
    occurredAt: r.occurred_at,
    createdAt: r.created_at,
    readAt: r.read_at,
    mailStatus: r.mail_status,
    mailAttempts: r.mail_attempts,
    webhookStatus: r.webhook_status,
    cursorAt: r.cursor_at,
  };
}

/** The scope as SQL; parameters are appended to `params`. Uses the inbox index (recipient_key, created_at, id). */
function scopeSql(scope: InboxScope, params: unknown[]): string {
  params.push(recipientKey(scope.role, scope.scope));
  return `recipient_key = $${params.length}`;
}

@Injectable()
export class NotificationRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /** The notifications with these ids (any inbox: for the delivery dispatcher, never for a caller). */
  async byIds(ids: string[]): Promise<NotificationRecord[]> {
    if (ids.length === 0) return [];
    const rows: Row[] = await this.ds.query(`SELECT ${COLUMNS} FROM notifications WHERE id = ANY($1::uuid[])`, [ids]);
    return rows.map(toRecord);
  }

  /** One page of an inbox, newest first (keyset on created_at, id). Fetches one extra row to know if more follow. */
  async page(
    scope: InboxScope,
    opts: { unread?: boolean; limit: number; after?: { createdAt: string; id: string } },
  ): Promise<NotificationRecord[]> {
    const params: unknown[] = [];
    const where = [scopeSql(scope, params)];
    if (opts.unread === true) where.push('read_at IS NULL');
    if (opts.unread === false) where.push('read_at IS NOT NULL');
    if (opts.after) {
      params.push(opts.after.createdAt, opts.after.id);
      where.push(`(created_at, id) < ($${params.length - 1}::timestamptz, $${params.length}::uuid)`);
    }
    params.push(opts.limit + 1);
    const rows: Row[] = await this.ds.query(
      `SELECT ${COLUMNS} FROM notifications WHERE ${where.join(' AND ')} ORDER BY created_at DESC, id DESC LIMIT $${params.length}`,
      params,
    );
    return rows.map(toRecord);
  }

  /** How many notifications of the scope are unread (the partial inbox index notifications_inbox_unread_idx). */
  async countUnread(scope: InboxScope): Promise<number> {
    const params: unknown[] = [];
    const rows: { count: number }[] = await this.ds.query(
      `SELECT count(*)::int AS count FROM notifications WHERE ${scopeSql(scope, params)} AND read_at IS NULL`,
      params,
    );
    return rows[0]?.count ?? 0;
  }

  /** Marks one notification of the scope read (first read wins); null when it is not in the scope. */
  async markRead(id: string, scope: InboxScope): Promise<NotificationRecord | null> {
    const params: unknown[] = [id];
    const rows: [Row[], number] = await this.ds.query(
      `UPDATE notifications SET read_at = coalesce(read_at, now()) WHERE id = $1 AND ${scopeSql(scope, params)} RETURNING ${COLUMNS}`,
      params,
    );
    const row = rows[0]?.[0];
    return row ? toRecord(row) : null;
  }
}
