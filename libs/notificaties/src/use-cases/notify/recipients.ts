import { createHash } from 'node:crypto';
import type { Recipient } from '../../../../../workflows/knelpunt/knelpunt.activities-contract';
import type { RecipientRole } from '../../entities/notification.entity';

export interface RecipientAddress {
  role: RecipientRole;
  /** organisation (indiener) or driehoek code; null for acu and programmadirectie */
  scope: string | null;
  /** unique per recipient group, e.g. 'driehoek:UWV' */
  key: string;
}

/** The key of a recipient group: the role, narrowed by the organisation or driehoek code ('driehoek:UWV'). */
export function recipientKey(role: RecipientRole | 'admin', scope: string | null): string {
  return scope === null ? role : `${role}:${scope}`;
}

/** The recipient group of a workflow recipient, or null when the recipient is malformed. Pure. */
export function toRecipientAddress(r: Recipient): RecipientAddress | null {
  if (!r || typeof r !== 'object') return null;
  const code = (v: unknown): string | null => (typeof v === 'string' && /^[A-Za-z0-9_-]{1,16}$/.test(v) ? v : null);
  switch (r.role) {
    case 'indiener': {
      const org = code(r.organisation);
      return org ? { role: 'indiener', scope: org, key: recipientKey('indiener', org) } : null;
    }
    case 'driehoek': {
      const dh = code(r.driehoek);
      return dh ? { role: 'driehoek', scope: dh, key: recipientKey('driehoek', dh) } : null;
    }
    case 'acu':
      return { role: 'acu', scope: null, key: recipientKey('acu', null) };
    case 'programmadirectie':
      return { role: 'programmadirectie', scope: null, key: recipientKey('programmadirectie', null) };
    default:
      return null;
  }
}

/** The distinct recipient groups, in the order first named. */
export function uniqueRecipients(recipients: readonly RecipientAddress[]): RecipientAddress[] {
  const seen = new Set<string>();
  return recipients.filter((r) => (seen.has(r.key) ? false : (seen.add(r.key), true)));
}

/** Namespace of the notification ids (a fixed random UUID). */
const NOTIFICATION_NAMESPACE = '3f1d7c2e-9b4a-4e61-8f0d-5a7c2b9e1d43';

/** RFC 4122 UUID version 5 (SHA-1, name-based): the same name gives the same id. */
export function uuidV5(name: string, namespace: string = NOTIFICATION_NAMESPACE): string {
  const ns = Buffer.from(namespace.replace(/-/g, ''), 'hex');
  const hash = createHash('sha1').update(ns).update(name, 'utf8').digest();
  const bytes = hash.subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x50;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The id of the notification of `dedupeKey` for one recipient group. */
export function notificationId(dedupeKey: string, recipientKey: string): string {
  return uuidV5(`${dedupeKey}\u0000${recipientKey}`);
}
