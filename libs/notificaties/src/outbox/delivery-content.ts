import type { NotificationRecord } from '../repositories/notification.repository';

const FOOTER =
  '--\nDit bericht is automatisch verstuurd door het knelpuntenvolgsysteem van Werk aan Uitvoering. U kunt er niet op antwoorden.\n';

/** The text of the e-mail of a notification: its body, the knelpunt and a link. */
export function mailText(n: NotificationRecord, publicBaseUrl: string): string {
  const base = publicBaseUrl.replace(/\/+$/, '');
  if (n.kind === 'uitvraag_herinnering') {
    // An intake round's reminder: its reference is the round's name.
    return `${n.body}\n\nUitvraag: ${n.reference}\n\nBekijk de uitvraag: ${base}/uitvraag\n\n${FOOTER}`;
  }
  const link = n.knelpuntId ? `\nBekijk het knelpunt: ${base}/knelpunten/${encodeURIComponent(n.reference)}\n` : '';
  return `${n.body}\n\nKnelpunt: ${n.reference}\n${link}\n${FOOTER}`;
}

/** The JSON body of the webhook call of a notification (the delivery id travels as the Idempotency-Key header). */
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
