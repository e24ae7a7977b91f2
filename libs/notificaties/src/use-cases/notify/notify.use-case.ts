import { Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '@kp/shared/config';
import { DomainException, InvalidParam } from '@kp/shared/errors';
import type { NotifyInput } from '../../../../../workflows/knelpunt/knelpunt.activities-contract';
import { NewNotification, NotificationRecord, NotificationRepository } from '../../repositories/notification.repository';
import { NotificationContactRepository } from '../../repositories/notification-contact.repository';
import { MailGateway } from '../../gateways/mail.gateway';
import { WebhookGateway } from '../../gateways/webhook.gateway';
import { MailDeliveryFailedException } from '../../exceptions/mail-delivery-failed.exception';
import { notificationId, RecipientAddress, toRecipientAddress, uniqueRecipients } from './recipients';

export interface NotifyResult {
  /** ids of the notifications created by this call (empty when the key was seen before) */
  created: string[];
  mailed: string[];
  skipped: string[];
}

/**
 * Stores one notification per recipient group, at most once per key (ON CONFLICT DO NOTHING), then delivers the
 * e-mails not delivered yet and calls the webhook. A failed e-mail throws (the activity is retried and only the
 * unsent mails go again); a failed webhook is logged and recorded, never thrown.
 */
@Injectable()
export class NotifyUseCase {
  private readonly logger = new Logger(NotifyUseCase.name);

  constructor(
    private readonly notifications: NotificationRepository,
    private readonly contacts: NotificationContactRepository,
    private readonly mail: MailGateway,
    private readonly webhook: WebhookGateway,
    private readonly config: AppConfig,
  ) {}

  async execute(input: NotifyInput): Promise<NotifyResult> {
    const recipients = validate(input);
    const rows: NewNotification[] = recipients.map((r) => ({
      id: notificationId(input.key, r.key),
      dedupeKey: input.key,
      recipientKey: r.key,
      knelpuntId: isUuid(input.knelpuntId) ? input.knelpuntId : null,
      reference: input.reference.slice(0, 64),
      kind: input.kind.slice(0, 64),
      subject: input.subject.slice(0, 300),
      body: input.body,
      recipientRole: r.role,
      recipientScope: r.scope,
      occurredAt: input.at,
    }));
    const created = await this.notifications.insertNew(rows);

    const result: NotifyResult = { created, mailed: [], skipped: [] };
    const failed: { id: string; error: string }[] = [];
    for (const n of await this.notifications.pendingMail(input.key)) {
      const outcome = await this.deliver(n);
      if (outcome.status === 'verzonden') result.mailed.push(n.id);
      else if (outcome.status === 'overgeslagen') result.skipped.push(n.id);
      else failed.push({ id: n.id, error: outcome.error });
    }
    await this.callWebhook(input.key);
    if (failed.length > 0) throw new MailDeliveryFailedException(failed);
    return result;
  }

  private async deliver(
    n: NotificationRecord,
  ): Promise<{ status: 'verzonden' } | { status: 'overgeslagen' } | { status: 'mislukt'; error: string }> {
    if (!this.mail.enabled) {
      await this.notifications.markMail(n.id, 'overgeslagen', 'MAIL_TRANSPORT=none');
      return { status: 'overgeslagen' };
    }
    const to = await this.contacts.emailsFor(n.recipientRole, n.recipientScope);
    if (to.length === 0) {
      await this.notifications.markMail(n.id, 'overgeslagen', 'geen e-mailadres bekend voor deze ontvanger');
      return { status: 'overgeslagen' };
    }
    try {
      await this.mail.send({
        id: n.id,
        to,
        subject: n.subject,
        text: mailText(n, this.config.PUBLIC_BASE_URL),
        headers: { 'X-Knelpunt-Referentie': n.reference, 'X-Melding-Soort': n.kind },
      });
      await this.notifications.markMail(n.id, 'verzonden');
      return { status: 'verzonden' };
    } catch (err) {
      const error = err instanceof Error ? err.message : String(err);
      this.logger.warn(`E-mail voor melding ${n.id} mislukt: ${error}`);
      await this.notifications.markMail(n.id, 'mislukt', error);
      return { status: 'mislukt', error };
    }
  }

  private async callWebhook(dedupeKey: string): Promise<void> {
    for (const n of await this.notifications.pendingWebhook(dedupeKey)) {
      if (!this.webhook.enabled) {
        await this.notifications.markWebhook(n.id, 'overgeslagen');
        continue;
      }
      const res = await this.webhook.post(toWebhookPayload(n));
      await this.notifications.markWebhook(n.id, res.ok ? 'verzonden' : 'mislukt');
    }
  }
}

export function mailText(n: NotificationRecord, publicBaseUrl: string): string {
  const base = publicBaseUrl.replace(/\/+$/, '');
  const link = n.knelpuntId ? `\nBekijk het knelpunt: ${base}/api/v1/knelpunten/${n.knelpuntId}\n` : '';
  return (
    `${n.body}\n\nKnelpunt: ${n.reference}\n${link}\n` +
    '--\nDit bericht is automatisch verstuurd door het knelpuntenvolgsysteem van Werk aan Uitvoering. U kunt er niet op antwoorden.\n'
  );
}

export function toWebhookPayload(n: NotificationRecord): Record<string, unknown> {
  return {
    id: n.id,
    key: n.dedupeKey,
    knelpuntId: n.knelpuntId,
    reference: n.reference,
    kind: n.kind,
    subject: n.subject,
    body: n.body,
    recipient: { role: n.recipientRole, scope: n.recipientScope },
    occurredAt: n.occurredAt.toISOString(),
    createdAt: n.createdAt.toISOString(),
  };
}

function isUuid(v: unknown): v is string {
  return typeof v === 'string' && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(v);
}

/** Temporal payloads are untyped: the input checks itself. Returns the distinct recipient groups. */
function validate(input: NotifyInput): RecipientAddress[] {
  if (!input || typeof input !== 'object') throw DomainException.validation([{ name: 'input', reason: 'ontbreekt' }]);
  const problems: InvalidParam[] = [];
  const text = (name: keyof NotifyInput, max?: number): void => {
    const v = input[name];
    if (typeof v !== 'string' || v.trim() === '') problems.push({ name, reason: 'is verplicht' });
    else if (max !== undefined && v.length > max) problems.push({ name, reason: `mag maximaal ${max} tekens bevatten` });
  };
  text('key', 300);
  text('knelpuntId');
  text('reference');
  text('kind');
  text('subject');
  text('body');
  if (typeof input.at !== 'string' || Number.isNaN(Date.parse(input.at)))
    problems.push({ name: 'at', reason: 'moet een ISO-tijdstip zijn' });
  const recipients: RecipientAddress[] = [];
  if (!Array.isArray(input.recipients) || input.recipients.length === 0) {
    problems.push({ name: 'recipients', reason: 'moet minstens één ontvanger bevatten' });
  } else {
    input.recipients.forEach((r, i) => {
      const address = toRecipientAddress(r);
      if (address) recipients.push(address);
      else problems.push({ name: `recipients[${i}]`, reason: 'is geen geldige ontvanger' });
    });
  }
  if (problems.length > 0) throw DomainException.validation(problems);
  return uniqueRecipients(recipients);
}
