import type { EntityManager } from 'typeorm';
import { DomainException, InvalidParam } from '@kp/shared/errors';
import type { Recipient } from '../../../../workflows/knelpunt/knelpunt.activities-contract';
import { notificationId, RecipientAddress, toRecipientAddress, uniqueRecipients } from '../use-cases/notify/recipients';
import { renderNotification } from '../templates/notification-templates';
import { DELIVERY_CHANNELS, deliveryId } from './delivery-id';

/**
 * One notification event for one or more recipient groups. `subject` and `body` given = prose of an old workflow;
 * otherwise they are rendered from the template of `kind` with `data` (libs/notificaties/src/templates).
 */
export interface OutboxNotification {
  /** idempotency key: the same key never notifies a recipient group twice */
  key: string;
  knelpuntId: string;
  reference: string;
  kind: string;
  recipients: Recipient[];
  /** when it happened (ISO instant, workflow time) */
  at: string;
  data?: Record<string, unknown>;
  subject?: string;
  body?: string;
}

interface NotificationRow {
  id: string;
  dedupeKey: string;
  recipientKey: string;
  knelpuntId: string | null;
  reference: string;
  kind: string;
  subject: string;
  body: string;
  recipientRole: string;
  recipientScope: string | null;
  occurredAt: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Rows per INSERT statement (11 parameters a row, far below PostgreSQL's 65535). */
const CHUNK = 500;

/**
 * Writes the notifications (one per recipient group, deterministic id, ON CONFLICT DO NOTHING) and their mail and
 * webhook deliveries ('wachtend', due now) inside the caller's transaction. Sends nothing: the DeliveryDispatcher
 * does, after the commit. Invalid items are a VALIDATIE_FOUT naming the field (`items[0].data.dueDate`), so a
 * transaction with a bad notification fails as a whole and nothing half-written remains.
 *
 * Every delivery row is created, also when MAIL_TRANSPORT=none or no WEBHOOK_URL is set: the dispatcher decides
 * with its own configuration and marks such a delivery 'overgeslagen' (so the admin sees why nothing went out).
 */
export async function enqueueNotifications(em: EntityManager, items: OutboxNotification[]): Promise<void> {
  const rows = toRows(items);
  for (let i = 0; i < rows.length; i += CHUNK) {
    const chunk = rows.slice(i, i + CHUNK);
    const params: unknown[] = [];
    const values = chunk.map((r) => {
      const s = params.length;
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
      return `(${Array.from({ length: 11 }, (_, k) => `$${s + k + 1}`).join(', ')})`;
    });
    await em.query(
      `INSERT INTO notifications (id, dedupe_key, recipient_key, knelpunt_id, reference, kind, subject, body, recipient_role,
         recipient_scope, occurred_at)
       VALUES ${values.join(', ')}
       ON CONFLICT (dedupe_key, recipient_key) DO NOTHING`,
      params,
    );
    // For every notification of these keys (also one that existed before: its deliveries are then created once).
    const ids: string[] = [];
    const deliveryIds: string[] = [];
    const channels: string[] = [];
    for (const r of chunk) {
      for (const channel of DELIVERY_CHANNELS) {
        ids.push(r.id);
        deliveryIds.push(deliveryId(r.id, channel));
        channels.push(channel);
      }
    }
    await em.query(
      `INSERT INTO deliveries (id, notification_id, channel)
       SELECT d.id, d.notification_id, d.channel
         FROM unnest($1::uuid[], $2::uuid[], $3::varchar[]) AS d (id, notification_id, channel)
         JOIN notifications n ON n.id = d.notification_id
       ON CONFLICT (notification_id, channel) DO NOTHING`,
      [deliveryIds, ids, channels],
    );
  }
}

/** Validates and renders every item; all problems of all items at once. */
function toRows(items: OutboxNotification[]): NotificationRow[] {
  if (!Array.isArray(items)) throw DomainException.validation([{ name: 'items', reason: 'moet een lijst zijn' }]);
  const problems: InvalidParam[] = [];
  const rows: NotificationRow[] = [];
  items.forEach((item, i) => {
    const prefix = items.length === 1 ? '' : `items[${i}].`;
    const found: InvalidParam[] = [];
    const recipients = check(item, found);
    let subject = '';
    let body = '';
    if (found.length === 0) {
      if (typeof item.subject === 'string' && typeof item.body === 'string') {
        subject = item.subject;
        body = item.body;
      } else {
        const rendered = renderNotification(item.kind, item.reference, item.data);
        if (rendered.ok) ({ subject, body } = rendered.value);
        else found.push(...rendered.problems);
      }
    }
    if (found.length > 0) {
      problems.push(...found.map((p) => ({ name: `${prefix}${p.name}`, reason: p.reason })));
      return;
    }
    for (const r of recipients) {
      rows.push({
        id: notificationId(item.key, r.key),
        dedupeKey: item.key,
        recipientKey: r.key,
        knelpuntId: UUID.test(item.knelpuntId) ? item.knelpuntId : null,
        reference: item.reference.slice(0, 64),
        kind: item.kind.slice(0, 64),
        subject: subject.slice(0, 300),
        body,
        recipientRole: r.role,
        recipientScope: r.scope,
        occurredAt: item.at,
      });
    }
  });
  if (problems.length > 0) throw DomainException.validation(problems);
  const seen = new Set<string>();
  return rows.filter((r) => (seen.has(r.id) ? false : (seen.add(r.id), true)));
}

/** Temporal payloads are untyped: the item checks itself. Returns the distinct recipient groups. */
function check(item: OutboxNotification, problems: InvalidParam[]): RecipientAddress[] {
  if (!item || typeof item !== 'object') {
    problems.push({ name: 'item', reason: 'ontbreekt' });
    return [];
  }
  const text = (name: 'key' | 'knelpuntId' | 'reference' | 'kind', max?: number): void => {
    const v = item[name];
    if (typeof v !== 'string' || v.trim() === '') problems.push({ name, reason: 'is verplicht' });
    else if (max !== undefined && v.length > max) problems.push({ name, reason: `mag maximaal ${max} tekens bevatten` });
  };
  text('key', 300);
  text('knelpuntId');
  text('reference');
  text('kind');
  for (const name of ['subject', 'body'] as const) {
    const v = item[name];
    if (v !== undefined && (typeof v !== 'string' || v.trim() === '')) problems.push({ name, reason: 'moet tekst zijn' });
  }
  if ((item.subject === undefined) !== (item.body === undefined)) {
    problems.push({ name: item.subject === undefined ? 'subject' : 'body', reason: 'geef onderwerp en tekst samen, of geen van beide' });
  }
  if (typeof item.at !== 'string' || Number.isNaN(Date.parse(item.at))) problems.push({ name: 'at', reason: 'moet een ISO-tijdstip zijn' });
  const recipients: RecipientAddress[] = [];
  if (!Array.isArray(item.recipients) || item.recipients.length === 0) {
    problems.push({ name: 'recipients', reason: 'moet minstens één ontvanger bevatten' });
  } else {
    item.recipients.forEach((r, i) => {
      const address = toRecipientAddress(r);
      if (address) recipients.push(address);
      else problems.push({ name: `recipients[${i}]`, reason: 'is geen geldige ontvanger' });
    });
  }
  return uniqueRecipients(recipients);
}
