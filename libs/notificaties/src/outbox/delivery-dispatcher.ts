import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { AppConfig } from '@kp/shared/config';
import { MailGateway } from '../gateways/mail.gateway';
import { WebhookGateway } from '../gateways/webhook.gateway';
import { NotificationContactRepository } from '../repositories/notification-contact.repository';
import { NotificationRecord, NotificationRepository } from '../repositories/notification.repository';
import { backoffMs } from './backoff';
import { mailText, toWebhookPayload } from './delivery-content';
import { DeliveryKicker } from './delivery-kicker';
import { ClaimedDelivery, DeliveryRepository } from './delivery.repository';

/** Deliveries claimed and sent at once per round. */
export const DELIVERY_BATCH_SIZE = 10;

type Outcome = { outcome: 'verzonden' } | { outcome: 'overgeslagen'; reason: string } | { outcome: 'mislukt'; error: string };

/**
 * Sends the mail and webhook deliveries of the outbox, apart from every workflow and request (runs in the worker
 * process: DeliveryDispatcherModule). Each round:
 * 1. claim (one transaction, FOR UPDATE SKIP LOCKED): due deliveries become 'bezig' with a lease of
 *    DELIVERY_LEASE_MS, their attempt is counted and logged — committed before anything is sent;
 * 2. send, outside any transaction: mail with `Message-ID: <notification id@domain>`, webhook with
 *    `Idempotency-Key: <delivery id>`;
 * 3. finish (one transaction): 'verzonden', 'overgeslagen', or back to 'wachtend' after an exponential backoff
 *    (DELIVERY_BACKOFF_BASE_MS · 2^(n−1), at most DELIVERY_BACKOFF_MAX_MS), and after DELIVERY_MAX_ATTEMPTS a dead
 *    letter ('mislukt', retried by hand via POST /api/v1/deliveries/{id}/retry).
 *
 * Guarantees: two dispatchers never send the same delivery at the same time (SKIP LOCKED and the lease). A
 * dispatcher that dies between 2 and 3 leaves the delivery 'bezig'; when its lease has run out another dispatcher
 * takes it over and sends it once more with the same Message-ID / Idempotency-Key: at most one resend per crash,
 * recognisable by the receiver. Exactly-once needs the receiver to drop a repeated key; we cannot know whether a
 * message whose sender died mid-send arrived.
 */
@Injectable()
export class DeliveryDispatcher implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Bezorging');
  private running = false;
  private loop: Promise<void> | null = null;
  private wake: (() => void) | null = null;
  private kicked = false;
  private unsubscribe: (() => void) | null = null;
  private lastError: string | null = null;

  constructor(
    private readonly config: AppConfig,
    private readonly deliveries: DeliveryRepository,
    private readonly notifications: NotificationRepository,
    private readonly contacts: NotificationContactRepository,
    private readonly mail: MailGateway,
    private readonly webhook: WebhookGateway,
    kicker: DeliveryKicker,
  ) {
    this.unsubscribe = kicker.onKick(() => this.kick());
  }

  onApplicationBootstrap(): void {
    this.start();
  }

  async onModuleDestroy(): Promise<void> {
    this.unsubscribe?.();
    this.unsubscribe = null;
    await this.stop();
  }

  /** Starts polling (idempotent). */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
    this.logger.log(`Bezorger van e-mail en webhooks gestart (elke ${this.config.DELIVERY_INTERVAL_MS} ms)`);
  }

  /** Stops after the round in progress (its sends are bounded by the gateways' timeouts). */
  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    this.wake?.();
    await this.loop;
    this.loop = null;
  }

  /** Looks for due deliveries now instead of at the next poll (after an enqueue has committed). */
  kick(): void {
    this.kicked = true;
    this.wake?.();
  }

  /** One round: claims up to DELIVERY_BATCH_SIZE due deliveries and sends them. Returns how many were claimed. */
  async runOnce(): Promise<number> {
    const claimed = await this.deliveries.claim(DELIVERY_BATCH_SIZE, this.config.DELIVERY_LEASE_MS, this.config.DELIVERY_MAX_ATTEMPTS);
    if (claimed.length === 0) return 0;
    const byId = new Map((await this.notifications.byIds([...new Set(claimed.map((c) => c.notificationId))])).map((n) => [n.id, n]));
    await Promise.all(claimed.map((d) => this.deliver(d, byId.get(d.notificationId))));
    return claimed.length;
  }

  private async run(): Promise<void> {
    while (this.running) {
      let claimed = 0;
      try {
        claimed = await this.runOnce();
        if (this.lastError !== null) this.logger.log('Bezorger werkt weer');
        this.lastError = null;
      } catch (err) {
        // PostgreSQL unreachable or similar: log once per distinct error and try again at the next poll.
        const message = err instanceof Error ? err.message : String(err);
        if (message !== this.lastError) this.logger.warn(`Bezorgronde mislukt: ${message}`);
        this.lastError = message;
      }
      if (!this.running) break;
      if (claimed >= DELIVERY_BATCH_SIZE) continue;
      await this.pause(this.config.DELIVERY_INTERVAL_MS);
    }
  }

  private pause(ms: number): Promise<void> {
    if (this.kicked) {
      this.kicked = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.wake = null;
        this.kicked = false;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wake = done;
    });
  }

  private async deliver(d: ClaimedDelivery, n: NotificationRecord | undefined): Promise<void> {
    let result: Outcome;
    try {
      result = n ? await this.send(d, n) : { outcome: 'mislukt', error: 'melding niet gevonden' };
    } catch (err) {
      result = { outcome: 'mislukt', error: err instanceof Error ? err.message : String(err) };
    }
    try {
      let still: boolean;
      if (result.outcome === 'mislukt') {
        const dead = d.attemptsSinceRetry >= this.config.DELIVERY_MAX_ATTEMPTS;
        const retryInMs = dead
          ? null
          : backoffMs(d.attemptsSinceRetry, this.config.DELIVERY_BACKOFF_BASE_MS, this.config.DELIVERY_BACKOFF_MAX_MS);
        still = await this.deliveries.finish(d, { outcome: 'mislukt', error: result.error, retryInMs });
        const what = `${d.channel === 'mail' ? 'E-mail' : 'Webhook'} ${d.id} (poging ${d.attempt})`;
        if (dead) this.logger.error(`${what} definitief mislukt na ${d.attemptsSinceRetry} pogingen: ${result.error}`);
        else this.logger.warn(`${what} mislukt, volgende poging over ${retryInMs} ms: ${result.error}`);
      } else {
        still = await this.deliveries.finish(d, { outcome: result.outcome }, result.outcome === 'overgeslagen' ? result.reason : null);
      }
      if (!still) this.logger.warn(`Bezorging ${d.id}: lease verlopen tijdens poging ${d.attempt}; een andere verzender nam haar over`);
    } catch (err) {
      // Not recorded (database gone): the lease runs out and the delivery is taken over, sent once more.
      this.logger.warn(`Bezorging ${d.id}: uitkomst niet vastgelegd: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  private async send(d: ClaimedDelivery, n: NotificationRecord): Promise<Outcome> {
    if (d.channel === 'webhook') {
      if (!this.webhook.enabled) return { outcome: 'overgeslagen', reason: 'geen WEBHOOK_URL ingesteld' };
      const res = await this.webhook.post(toWebhookPayload(n), { idempotencyKey: d.id });
      return res.ok ? { outcome: 'verzonden' } : { outcome: 'mislukt', error: res.error ?? 'webhook weigerde' };
    }
    if (!this.mail.enabled) return { outcome: 'overgeslagen', reason: 'MAIL_TRANSPORT=none' };
    const to = await this.contacts.emailsFor(n.recipientRole, n.recipientScope);
    if (to.length === 0) return { outcome: 'overgeslagen', reason: 'geen e-mailadres bekend voor deze ontvanger' };
    await this.mail.send({
      id: n.id,
      to,
      subject: n.subject,
      text: mailText(n, this.config.PUBLIC_BASE_URL),
      headers: { 'X-Knelpunt-Referentie': n.reference, 'X-Melding-Soort': n.kind },
    });
    return { outcome: 'verzonden' };
  }
}
