import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { MailStatus, RecipientRole, WebhookStatus } from '../entities/notification.entity';
import { recipientKey } from '../use-cases/notify/recipients';

export interface NewNotification {
  id: string;
  dedupeKey: string;
  recipientKey: string;
  knelpuntId: string | null;
  reference: string;
  kind: string;
  subject: string;
  body: string;
  recipientRole: RecipientRole;
  recipientScope: string | null;
  occurredAt: string;
}

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

  /** Inserts the notifications that do not exist yet (per dedupe key and recipient); returns the ids inserted. */
  async insertNew(rows: NewNotification[]): Promise<string[]> {
    if (rows.length === 0) return [];
    const params: unknown[] = [];
    const values = rows.map((r) => {
      const start = params.length;
      params.push(
        r.id,
        r.dedupeKey,
        r.recipientKey,
        r.knelpuntId,
        r.reference,
        r.kind,
        r.subject,
        r.body,
        r.recipientRole,
        r.recipientScope,
        r.occurredAt,
      );
      return `(${Array.from({ length: 11 }, (_, i) => `$${start + i + 1}`).join(', ')})`;
    });
    const inserted: { id: string }[] = await this.ds.query(
      `INSERT INTO notifications (id, dedupe_key, recipient_key, knelpunt_id, reference, kind, subject, body, recipient_role,
         recipient_scope, occurred_at)
       VALUES ${values.join(', ')}
       ON CONFLICT (dedupe_key, recipient_key) DO NOTHING
       RETURNING id`,
      params,
    );
    return inserted.map((r) => r.id);
  }

  /** The notifications of this key whose e-mail has not gone out yet (new, or failed before). */
  async pendingMail(dedupeKey: string): Promise<NotificationRecord[]> {
    const rows: Row[] = await this.ds.query(
      `SELECT ${COLUMNS} FROM notifications WHERE dedupe_key = $1 AND mail_status IN ('wacht', 'mislukt') ORDER BY recipient_key`,
      [dedupeKey],
    );
    return rows.map(toRecord);
  }

  /** The notifications of this key whose webhook call has not succeeded or been skipped yet. */
  async pendingWebhook(dedupeKey: string): Promise<NotificationRecord[]> {
    const rows: Row[] = await this.ds.query(
      `SELECT ${COLUMNS} FROM notifications WHERE dedupe_key = $1 AND (webhook_status IS NULL OR webhook_status = 'mislukt')
        ORDER BY recipient_key`,
      [dedupeKey],
    );
    return rows.map(toRecord);
  }

  async markMail(id: string, status: MailStatus, error: string | null = null): Promise<void> {
    const attempted = status === 'verzonden' || status === 'mislukt';
    await this.ds.query(
      `UPDATE notifications SET mail_status = $2::varchar, mail_error = $3::text,
         mail_attempts = mail_attempts + $4::int, mailed_at = CASE WHEN $2::varchar = 'verzonden' THEN now() ELSE mailed_at END
       WHERE id = $1`,
      [id, status, error === null ? null : error.slice(0, 2000), attempted ? 1 : 0],
    );
  }

  async markWebhook(id: string, status: WebhookStatus): Promise<void> {
    await this.ds.query(`UPDATE notifications SET webhook_status = $2 WHERE id = $1`, [id, status]);
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
