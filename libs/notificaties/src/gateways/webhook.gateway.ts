import { Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '@kp/shared/config';

export const WEBHOOK_TIMEOUT_MS = 5_000;

/** Posts notifications to an optional webhook (WEBHOOK_URL). A third party: tests replace it. */
export abstract class WebhookGateway {
  abstract readonly enabled: boolean;
  /** Never throws: returns whether the receiver accepted the call (2xx within the timeout). */
  abstract post(payload: Record<string, unknown>, options?: { idempotencyKey?: string }): Promise<{ ok: boolean; error?: string }>;
}

@Injectable()
export class FetchWebhookGateway extends WebhookGateway {
  private readonly logger = new Logger('Webhook');
  readonly enabled: boolean;

  constructor(private readonly config: AppConfig) {
    super();
    this.enabled = Boolean(config.WEBHOOK_URL);
  }

  /** `idempotencyKey` goes along as the `Idempotency-Key` header (the delivery id): a resend carries the same key. */
  async post(payload: Record<string, unknown>, options: { idempotencyKey?: string } = {}): Promise<{ ok: boolean; error?: string }> {
    const url = this.config.WEBHOOK_URL;
    if (!url) return { ok: false, error: 'geen WEBHOOK_URL' };
    try {
      const res = await fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'user-agent': 'knelpunten-notificaties',
          ...(options.idempotencyKey ? { 'idempotency-key': options.idempotencyKey } : {}),
        },
        body: JSON.stringify(payload),
        signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS),
      });
      // The body is not needed; drain it so the connection can be reused.
      await res.arrayBuffer().catch(() => undefined);
      if (!res.ok) {
        this.logger.warn(`Webhook antwoordde ${res.status} voor melding ${String(payload['id'])}`);
        return { ok: false, error: `HTTP ${res.status}` };
      }
      return { ok: true };
    } catch (err) {
      const error = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
      this.logger.warn(`Webhook mislukt voor melding ${String(payload['id'])}: ${error}`);
      return { ok: false, error };
    }
  }
}
