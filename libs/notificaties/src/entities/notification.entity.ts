import { Column, Entity, PrimaryColumn } from 'typeorm';

export const RECIPIENT_ROLES = ['indiener', 'driehoek', 'acu', 'programmadirectie'] as const;
export type RecipientRole = (typeof RECIPIENT_ROLES)[number];

export const MAIL_STATUSES = ['wacht', 'verzonden', 'overgeslagen', 'mislukt'] as const;
export type MailStatus = (typeof MAIL_STATUSES)[number];

export type WebhookStatus = 'verzonden' | 'overgeslagen' | 'mislukt';

/**
 * One notification for one recipient group (a role, for indiener and driehoek narrowed to an organisation or
 * driehoek). Unique per (dedupe_key, recipient_key): the same event never notifies a recipient twice.
 */
@Entity({ name: 'notifications' })
export class NotificationEntity {
  /** Deterministic (UUID v5 of dedupe key and recipient key): a retried send writes the same mail file. */
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ name: 'dedupe_key', type: 'varchar', length: 300 })
  dedupeKey: string;

  /** 'indiener:UWV', 'driehoek:UWV', 'acu', 'programmadirectie' */
  @Column({ name: 'recipient_key', type: 'varchar', length: 64 })
  recipientKey: string;

  @Column({ name: 'knelpunt_id', type: 'uuid', nullable: true })
  knelpuntId: string | null;

  @Column({ type: 'varchar', length: 64 })
  reference: string;

  @Column({ type: 'varchar', length: 64 })
  kind: string;

  @Column({ type: 'varchar', length: 300 })
  subject: string;

  @Column({ type: 'text' })
  body: string;

  @Column({ name: 'recipient_role', type: 'varchar', length: 32 })
  recipientRole: RecipientRole;

  @Column({ name: 'recipient_scope', type: 'varchar', length: 16, nullable: true })
  recipientScope: string | null;

  /** When the event happened (workflow time). */
  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt: Date;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'read_at', type: 'timestamptz', nullable: true })
  readAt: Date | null;

  @Column({ name: 'mail_status', type: 'varchar', length: 16 })
  mailStatus: MailStatus;

  @Column({ name: 'mail_attempts', type: 'int' })
  mailAttempts: number;

  @Column({ name: 'mail_error', type: 'text', nullable: true })
  mailError: string | null;

  @Column({ name: 'mailed_at', type: 'timestamptz', nullable: true })
  mailedAt: Date | null;

  @Column({ name: 'webhook_status', type: 'varchar', length: 16, nullable: true })
  webhookStatus: WebhookStatus | null;
}
