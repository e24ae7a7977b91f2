import { createHash } from 'node:crypto';
import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Notifications become a transactional outbox (issue 8 item 1): every notification gets one delivery per channel
 * (mail, webhook), written in the same transaction as the notification, and a dispatcher in the worker sends them
 * apart from the workflow, with an attempt log, backoff and a dead-letter state.
 *
 * - `deliveries`: one row per (notification, channel); id = UUID v5 of `<notification id>:<channel>` (the same
 *   function as libs/notificaties/src/outbox/delivery-id.ts, frozen here as migrations must be).
 * - `delivery_attempts`: one row per attempt, written before the send (outcome NULL until it finished).
 * - `notifications.mail_status` / `webhook_status` stay and are kept in sync by the dispatcher (existing readers
 *   keep working); the index of the old synchronous retry path (`notifications_mail_pending_idx`) goes.
 *
 * Existing notifications are backfilled: what the old path sent or skipped stays so; what it had not sent yet
 * (mail 'wacht' or 'mislukt', webhook not called) becomes 'wachtend' and is sent by the dispatcher; a webhook the
 * old path recorded as failed becomes a dead letter ('mislukt': visible to the admin, retry by hand).
 */
const DELIVERY_NAMESPACE = 'b0a3c6e4-5f2d-4c8e-9a71-2d4e6f8a0c13';

function uuidV5(name: string, namespace: string): string {
  const ns = Buffer.from(namespace.replace(/-/g, ''), 'hex');
  const bytes = createHash('sha1').update(ns).update(name, 'utf8').digest().subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x50;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

interface OldNotification {
  id: string;
  mail_status: string;
  mail_attempts: number;
  mail_error: string | null;
  mailed_at: Date | null;
  webhook_status: string | null;
}

function mailState(s: string): string {
  return s === 'verzonden' || s === 'overgeslagen' ? s : 'wachtend';
}

function webhookState(s: string | null): string {
  return s === null ? 'wachtend' : s;
}

export class DeliveryOutbox1765000000000 implements MigrationInterface {
  name = 'DeliveryOutbox1765000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE deliveries (
      id uuid PRIMARY KEY,
      notification_id uuid NOT NULL REFERENCES notifications (id) ON DELETE CASCADE,
      channel varchar(16) NOT NULL CHECK (channel IN ('mail', 'webhook')),
      state varchar(16) NOT NULL DEFAULT 'wachtend'
        CHECK (state IN ('wachtend', 'bezig', 'verzonden', 'overgeslagen', 'mislukt')),
      attempts int NOT NULL DEFAULT 0 CHECK (attempts >= 0),
      -- attempts made before the last retry by hand: the dead-letter limit counts from here
      attempts_before_retry int NOT NULL DEFAULT 0 CHECK (attempts_before_retry >= 0 AND attempts_before_retry <= attempts),
      next_attempt_at timestamptz NOT NULL DEFAULT clock_timestamp(),
      lease_until timestamptz,
      last_error text,
      created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
      updated_at timestamptz NOT NULL DEFAULT clock_timestamp(),
      sent_at timestamptz,
      CONSTRAINT deliveries_notification_channel UNIQUE (notification_id, channel),
      CONSTRAINT deliveries_lease_while_busy CHECK ((state = 'bezig') = (lease_until IS NOT NULL)))`);
    // The dispatcher's claim: due rows that wait, or whose lease ran out (bezig; next_attempt_at = lease_until).
    await q.query(`CREATE INDEX deliveries_due_idx ON deliveries (state, next_attempt_at) WHERE state IN ('wachtend', 'bezig')`);
    // The admin list (GET /deliveries?state=…), newest first.
    await q.query(`CREATE INDEX deliveries_list_idx ON deliveries (state, created_at DESC, id DESC)`);
    await q.query(`CREATE INDEX deliveries_created_idx ON deliveries (created_at DESC, id DESC)`);

    await q.query(`CREATE TABLE delivery_attempts (
      delivery_id uuid NOT NULL REFERENCES deliveries (id) ON DELETE CASCADE,
      attempt int NOT NULL CHECK (attempt >= 1),
      started_at timestamptz NOT NULL DEFAULT clock_timestamp(),
      finished_at timestamptz,
      outcome varchar(16) CHECK (outcome IN ('verzonden', 'overgeslagen', 'mislukt', 'onderbroken')),
      error text,
      PRIMARY KEY (delivery_id, attempt),
      CONSTRAINT delivery_attempts_finished CHECK ((outcome IS NULL) = (finished_at IS NULL)))`);

    // Backfill, in batches (ids computed here: PostgreSQL has no SHA-1 without an extension).
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const rows: OldNotification[] = await q.query(
        `SELECT id, mail_status, mail_attempts, mail_error, mailed_at, webhook_status FROM notifications
          WHERE id > $1 ORDER BY id LIMIT 500`,
        [after],
      );
      if (rows.length === 0) break;
      const params: unknown[] = [];
      const values: string[] = [];
      for (const n of rows) {
        const mail = mailState(n.mail_status);
        const webhook = webhookState(n.webhook_status);
        const add = (channel: string, state: string, attempts: number, error: string | null, sentAt: Date | null): void => {
          const s = params.length;
          params.push(uuidV5(`${n.id}:${channel}`, DELIVERY_NAMESPACE), n.id, channel, state, attempts, error, sentAt);
          values.push(`($${s + 1}::uuid, $${s + 2}::uuid, $${s + 3}, $${s + 4}, $${s + 5}::int, $${s + 6}::text, $${s + 7}::timestamptz)`);
        };
        add('mail', mail, n.mail_attempts, n.mail_error, mail === 'verzonden' ? n.mailed_at : null);
        add('webhook', webhook, webhook === 'wachtend' ? 0 : 1, webhook === 'mislukt' ? 'webhook mislukt (voor de outbox)' : null, null);
      }
      await q.query(
        `INSERT INTO deliveries (id, notification_id, channel, state, attempts, last_error, sent_at)
         VALUES ${values.join(', ')} ON CONFLICT (notification_id, channel) DO NOTHING`,
        params,
      );
      after = rows[rows.length - 1]!.id;
    }
    await q.query(`UPDATE notifications SET mail_status = 'wacht' WHERE mail_status = 'mislukt'`);

    await q.query(`DROP INDEX IF EXISTS notifications_mail_pending_idx`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX IF NOT EXISTS notifications_mail_pending_idx ON notifications (dedupe_key) WHERE mail_status IN ('wacht', 'mislukt')`,
    );
    await q.query(`DROP TABLE IF EXISTS delivery_attempts`);
    await q.query(`DROP TABLE IF EXISTS deliveries`);
  }
}
