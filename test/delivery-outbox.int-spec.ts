import { randomUUID } from 'node:crypto';
import { DynamicModule, INestApplicationContext, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { AppConfig, ConfigModule } from '../libs/shared/src/config';
import { DatabaseModule } from '../libs/shared/src/database';
import { NotificatieActivities } from '../libs/notificaties/src/activities/notificatie.activities';
import { DeliveryDispatcherModule } from '../libs/notificaties/src/outbox/delivery-dispatcher.module';
import { NotificatiesModule } from '../libs/notificaties/src/notificaties.module';
import { DeliveryDispatcher } from '../libs/notificaties/src/outbox/delivery-dispatcher';
import { DeliveryRepository } from '../libs/notificaties/src/outbox/delivery.repository';
import { enqueueNotifications, OutboxNotification } from '../libs/notificaties/src/outbox/notification-outbox';
import { MailGateway } from '../libs/notificaties/src/gateways/mail.gateway';
import { backoffMs } from '../libs/notificaties/src/outbox/backoff';
import { SmtpReceiver, WebhookReceiver } from './support/mail-and-webhook-receivers';
import { eventually, TestSystem } from './support/test-system';

/** A worker-like process that runs only the delivery dispatcher, with its own configuration. */
@Module({})
class DispatcherHost {
  static forConfig(config: AppConfig): DynamicModule {
    return {
      module: DispatcherHost,
      imports: [ConfigModule.withConfig(config), DatabaseModule.forRoot({ migrate: false }), DeliveryDispatcherModule],
    };
  }
}

/** The notificaties context without a dispatcher: a "dispatcher" driven by hand, step by step. */
@Module({})
class NotificatiesHost {
  static forConfig(config: AppConfig): DynamicModule {
    return {
      module: NotificatiesHost,
      imports: [ConfigModule.withConfig(config), DatabaseModule.forRoot({ migrate: false }), NotificatiesModule],
    };
  }
}

interface DeliveryRow {
  id: string;
  notification_id: string;
  channel: string;
  state: string;
  attempts: number;
  next_attempt_at: Date;
  updated_at: Date;
  last_error: string | null;
}

/**
 * The delivery outbox on a real PostgreSQL, with a real SMTP receiver and a real HTTP webhook receiver on local ports
 * (nothing replaced): SMTP down never blocks, every mail arrives exactly once after recovery, dead letters are
 * visible to the admin and can be retried, a dispatcher that died mid-send causes at most one resend with the
 * same Message-ID, two dispatchers never send one delivery twice, and the webhook carries the Idempotency-Key.
 */
describe('delivery outbox (real PostgreSQL, real SMTP and webhook receivers)', () => {
  let sys: TestSystem;
  let ds: DataSource;
  let smtp: SmtpReceiver;
  let webhook: WebhookReceiver;
  let adminToken: string;
  const dispatchers: INestApplicationContext[] = [];
  const domain = 'werkaanuitvoering.example';

  beforeAll(async () => {
    smtp = await SmtpReceiver.create();
    webhook = await WebhookReceiver.start();
    sys = await TestSystem.start({
      worker: false,
      env: {
        MAIL_TRANSPORT: 'smtp',
        SMTP_URL: smtp.url,
        WEBHOOK_URL: webhook.url,
        DELIVERY_INTERVAL_MS: '100',
        DELIVERY_BACKOFF_BASE_MS: '300',
        DELIVERY_BACKOFF_MAX_MS: '1200',
        DELIVERY_MAX_ATTEMPTS: '50',
      },
    });
    ds = sys.api.get(DataSource);
    adminToken = await sys.token({ role: 'admin' });
  });

  afterEach(async () => {
    while (dispatchers.length > 0) await dispatchers.pop()!.close();
  });

  afterAll(async () => {
    await sys.close();
    await smtp.off();
    await webhook.off();
  });

  async function startDispatcher(overrides: Partial<AppConfig> = {}): Promise<INestApplicationContext> {
    const config = Object.assign(Object.create(Object.getPrototypeOf(sys.config) as object) as AppConfig, sys.config, overrides);
    const ctx = await NestFactory.createApplicationContext(DispatcherHost.forConfig(config), { logger: ['error'] });
    await ctx.init();
    dispatchers.push(ctx);
    return ctx;
  }

  const item = (over: Partial<OutboxNotification> = {}): OutboxNotification => ({
    key: `outbox-test:${randomUUID()}`,
    knelpuntId: randomUUID(),
    reference: 'UWV-00042',
    kind: 'verlopen',
    data: { deadlineKind: 'driehoek_besluit', dueDate: '2027-01-27' },
    recipients: [{ role: 'acu' }],
    at: new Date().toISOString(),
    ...over,
  });

  async function enqueue(items: OutboxNotification[]): Promise<void> {
    await ds.transaction((em) => enqueueNotifications(em, items));
  }

  async function deliveriesOf(keys: string[], channel?: 'mail' | 'webhook'): Promise<DeliveryRow[]> {
    return ds.query(
      `SELECT d.id, d.notification_id, d.channel, d.state, d.attempts, d.next_attempt_at, d.updated_at, d.last_error
         FROM deliveries d JOIN notifications n ON n.id = d.notification_id
        WHERE n.dedupe_key = ANY($1) AND ($2::varchar IS NULL OR d.channel = $2) ORDER BY d.id`,
      [keys, channel ?? null],
    );
  }

  const messagesFor = (notificationId: string): number =>
    smtp.messages.filter((m) => m.messageId === `<${notificationId}@${domain}>`).length;

  it("writes notifications and deliveries in the caller's transaction, renders the template, sends nothing; a rollback leaves nothing", async () => {
    const rolledBack = item();
    await expect(
      ds.transaction(async (em) => {
        await enqueueNotifications(em, [rolledBack]);
        throw new Error('the projection failed');
      }),
    ).rejects.toThrow('the projection failed');
    expect(await deliveriesOf([rolledBack.key])).toEqual([]);

    const kept = item({ recipients: [{ role: 'acu' }, { role: 'programmadirectie' }, { role: 'acu' }] });
    await enqueue([kept]);
    await enqueue([kept]); // the same key again: nothing twice
    const rows: { subject: string; body: string; mail_status: string; webhook_status: string | null }[] = await ds.query(
      `SELECT subject, body, mail_status, webhook_status FROM notifications WHERE dedupe_key = $1`,
      [kept.key],
    );
    expect(rows).toHaveLength(2);
    expect(rows[0]).toEqual({
      subject: 'Termijn verstreken UWV-00042: Besluit van de driehoek',
      body: "De termijn 'Besluit van de driehoek' van knelpunt UWV-00042 is op 27 januari 2027 verstreken.",
      mail_status: 'wacht',
      webhook_status: null,
    });
    const deliveries = await deliveriesOf([kept.key]);
    expect(deliveries.map((d) => `${d.channel}:${d.state}:${d.attempts}`).sort()).toEqual([
      'mail:wachtend:0',
      'mail:wachtend:0',
      'webhook:wachtend:0',
      'webhook:wachtend:0',
    ]);
    // A bad item refuses the whole transaction, naming the field.
    await expect(enqueue([item(), item({ data: { deadlineKind: 'driehoek_besluit' } })])).rejects.toMatchObject({
      invalidParams: [{ name: 'items[1].data.dueDate', reason: expect.any(String) }],
    });
    expect(smtp.messages).toHaveLength(0);
  });

  it('never blocks on SMTP: the notify activity returns while the mail server is down, deliveries wait with growing backoff, webhooks go out; after recovery each mail arrives exactly once', async () => {
    const activities = sys.api.get(NotificatieActivities, { strict: false });
    const keys: string[] = [];
    for (let i = 0; i < 4; i++) {
      const key = `outbox-down:${randomUUID()}`;
      keys.push(key);
      await activities.notify({
        key,
        knelpuntId: randomUUID(),
        reference: `UWV-0010${i}`,
        kind: 'herinnering',
        subject: `Herinnering UWV-0010${i}`,
        body: 'Nog 5 werkdagen.',
        recipients: [{ role: 'acu' }, { role: 'programmadirectie' }],
        at: new Date().toISOString(),
      });
    }
    // Each call succeeded with the mail server down (the old path threw and was retried until SMTP came back).
    expect(await deliveriesOf(keys, 'mail')).toHaveLength(8);
    await startDispatcher();

    // Webhooks are independent of the mail server: all delivered, once each.
    await eventually(async () => (await deliveriesOf(keys, 'webhook')).every((d) => d.state === 'verzonden'), 20_000, 'webhooks sent');
    // Mail keeps waiting, attempt after attempt, with a growing wait.
    const waiting = await eventually(
      async () => {
        const rows = await deliveriesOf(keys, 'mail');
        return rows.every((d) => d.attempts >= 3 && d.state === 'wachtend') ? rows : null;
      },
      30_000,
      'three failed attempts per mail',
    );
    expect(waiting).toHaveLength(8);
    for (const d of waiting) {
      const wait = d.next_attempt_at.getTime() - d.updated_at.getTime();
      expect(wait).toBeGreaterThanOrEqual(backoffMs(d.attempts, 300, 1200) - 5);
      expect(wait).toBeLessThanOrEqual(backoffMs(d.attempts, 300, 1200) + 50);
      expect(d.last_error).toEqual(expect.any(String));
    }
    const log: { attempt: number; outcome: string }[] = await ds.query(
      `SELECT attempt, outcome FROM delivery_attempts WHERE delivery_id = $1 AND finished_at IS NOT NULL ORDER BY attempt`,
      [waiting[0]!.id],
    );
    expect(log.slice(0, 3)).toEqual([
      { attempt: 1, outcome: 'mislukt' },
      { attempt: 2, outcome: 'mislukt' },
      { attempt: 3, outcome: 'mislukt' },
    ]);
    const synced: { mail_status: string }[] = await ds.query(`SELECT mail_status FROM notifications WHERE dedupe_key = ANY($1)`, [keys]);
    expect(new Set(synced.map((s) => s.mail_status))).toEqual(new Set(['wacht']));
    expect(smtp.messages).toHaveLength(0);

    await smtp.on();
    await eventually(async () => (await deliveriesOf(keys, 'mail')).every((d) => d.state === 'verzonden'), 30_000, 'mail sent');
    const mails = await deliveriesOf(keys, 'mail');
    for (const d of mails) expect(messagesFor(d.notification_id)).toBe(1);
    const mine = new Set(mails.map((d) => `<${d.notification_id}@${domain}>`));
    const received = smtp.messages.filter((m) => mine.has(m.messageId ?? ''));
    expect(received).toHaveLength(8);
    expect(new Set(received.map((m) => m.messageId)).size).toBe(8);
    const after: { mail_status: string; webhook_status: string }[] = await ds.query(
      `SELECT mail_status, webhook_status FROM notifications WHERE dedupe_key = ANY($1)`,
      [keys],
    );
    expect(after.every((n) => n.mail_status === 'verzonden' && n.webhook_status === 'verzonden')).toBe(true);
    const webhookIds = new Set(webhook.delivered.map((c) => c.headers['idempotency-key']));
    for (const d of await deliveriesOf(keys, 'webhook')) expect(webhookIds.has(d.id)).toBe(true);
  });

  it('makes a dead letter after the last attempt, lists it for the admin only, and a retry by hand delivers it once', async () => {
    await smtp.off();
    const n = item({ recipients: [{ role: 'programmadirectie' }] });
    await enqueue([n]);
    await startDispatcher({ DELIVERY_MAX_ATTEMPTS: 2, DELIVERY_BACKOFF_BASE_MS: 50, DELIVERY_BACKOFF_MAX_MS: 50 });
    const [dead] = await eventually(
      async () => {
        const rows = await deliveriesOf([n.key], 'mail');
        return rows[0]?.state === 'mislukt' ? rows : null;
      },
      20_000,
      'dead letter',
    );

    for (const state of ['failed', 'mislukt']) {
      const list = await sys.request('GET', `/api/v1/deliveries?state=${state}&limit=100`, { token: adminToken });
      expect(list.status).toBe(200);
      const found = list.body.items.find((d: { id: string }) => d.id === dead!.id);
      expect(found).toMatchObject({
        id: dead!.id,
        notificationId: dead!.notification_id,
        channel: 'mail',
        state: 'mislukt',
        attempts: 2,
        reference: 'UWV-00042',
        kind: 'verlopen',
        recipientRole: 'programmadirectie',
        lastError: expect.any(String),
      });
      expect(found.attemptLog.map((a: { attempt: number; outcome: string }) => `${a.attempt}:${a.outcome}`)).toEqual([
        '1:mislukt',
        '2:mislukt',
      ]);
      expect(list.body.items.every((d: { state: string }) => d.state === 'mislukt')).toBe(true);
    }
    const pd = await sys.token({ role: 'programmadirectie' });
    expect((await sys.request('GET', '/api/v1/deliveries?state=failed', { token: pd })).status).toBe(403);
    expect((await sys.request('GET', '/api/v1/deliveries?state=failed')).status).toBe(401);
    const badState = await sys.request('GET', '/api/v1/deliveries?state=kapot', { token: adminToken });
    expect(badState.status).toBe(400);
    expect(badState.body.invalidParams).toEqual([{ name: 'state', reason: expect.any(String) }]);

    // Another state than mislukt: 409; unknown: 404; not a uuid: 400.
    const [sentWebhook] = await eventually(async () => {
      const rows = await deliveriesOf([n.key], 'webhook');
      return rows[0]?.state === 'verzonden' ? rows : null;
    });
    const conflict = await sys.request('POST', `/api/v1/deliveries/${sentWebhook!.id}/retry`, { token: adminToken });
    expect(conflict.status).toBe(409);
    expect(conflict.body).toMatchObject({ code: 'CONFLICT', state: 'verzonden' });
    expect((await sys.request('POST', `/api/v1/deliveries/${randomUUID()}/retry`, { token: adminToken })).status).toBe(404);
    expect((await sys.request('POST', `/api/v1/deliveries/geen-uuid/retry`, { token: adminToken })).status).toBe(400);

    await smtp.on();
    const retried = await sys.request('POST', `/api/v1/deliveries/${dead!.id}/retry`, { token: adminToken });
    expect(retried.status).toBe(200);
    expect(retried.body).toMatchObject({ id: dead!.id, state: 'wachtend' });
    expect((await sys.request('POST', `/api/v1/deliveries/${dead!.id}/retry`, { token: adminToken })).status).toBe(409);
    await eventually(async () => (await deliveriesOf([n.key], 'mail'))[0]?.state === 'verzonden', 20_000, 'retried mail sent');
    expect(messagesFor(dead!.notification_id)).toBe(1);
    const sent = await sys.request('GET', '/api/v1/deliveries?state=sent&limit=100', { token: adminToken });
    const shown = sent.body.items.find((d: { id: string }) => d.id === dead!.id);
    expect(shown.attemptLog.map((a: { attempt: number; outcome: string }) => `${a.attempt}:${a.outcome}`)).toEqual([
      '1:mislukt',
      '2:mislukt',
      '3:verzonden',
    ]);
    expect(shown.sentAt).toEqual(expect.any(String));
  });

  it('resends a delivery whose dispatcher died mid-send exactly once more, with the same Message-ID', async () => {
    await smtp.on();
    const n = item({ recipients: [{ role: 'acu' }] });
    await enqueue([n]);
    // A dispatcher claims it (attempt recorded, bezig, leased), sends the mail... and dies before marking it.
    const host = await NestFactory.createApplicationContext(NotificatiesHost.forConfig(sys.config), { logger: ['error'] });
    const [mailDelivery] = await deliveriesOf([n.key], 'mail');
    const claimed = (await host.get(DeliveryRepository).claim(100, 60_000, 50)).filter(
      (c) => c.notificationId === mailDelivery!.notification_id,
    );
    expect(claimed.map((c) => c.channel).sort()).toEqual(['mail', 'webhook']);
    await host.get(MailGateway).send({ id: mailDelivery!.notification_id, to: ['acu@example.org'], subject: 'x', text: 'y' });
    await host.close(); // "died": nothing marked
    expect(messagesFor(mailDelivery!.notification_id)).toBe(1);
    expect((await deliveriesOf([n.key], 'mail'))[0]).toMatchObject({ state: 'bezig', attempts: 1 });

    // While the lease holds, no other dispatcher touches it.
    const survivor = await startDispatcher();
    await survivor.get(DeliveryDispatcher).runOnce();
    expect((await deliveriesOf([n.key], 'mail'))[0]).toMatchObject({ state: 'bezig', attempts: 1 });

    // The lease runs out (made so here instead of waiting DELIVERY_LEASE_MS): taken over, sent once more.
    await ds.query(
      `UPDATE deliveries SET lease_until = now() - interval '1 second', next_attempt_at = now() - interval '1 second'
        WHERE notification_id = $1`,
      [mailDelivery!.notification_id],
    );
    await eventually(async () => (await deliveriesOf([n.key], 'mail'))[0]?.state === 'verzonden', 20_000, 'taken over');
    await survivor.get(DeliveryDispatcher).runOnce();
    expect(messagesFor(mailDelivery!.notification_id)).toBe(2); // the original and one resend
    expect(
      new Set(smtp.messages.filter((m) => m.messageId?.startsWith(`<${mailDelivery!.notification_id}`)).map((m) => m.messageId)).size,
    ).toBe(1);
    const log: { attempt: number; outcome: string }[] = await ds.query(
      `SELECT attempt, outcome FROM delivery_attempts WHERE delivery_id = $1 ORDER BY attempt`,
      [mailDelivery!.id],
    );
    expect(log).toEqual([
      { attempt: 1, outcome: 'onderbroken' },
      { attempt: 2, outcome: 'verzonden' },
    ]);
  });

  it('never sends one delivery twice with two dispatchers running side by side (FOR UPDATE SKIP LOCKED)', async () => {
    await smtp.on();
    const before = smtp.messages.length;
    await Promise.all([startDispatcher(), startDispatcher()]);
    const items = Array.from({ length: 30 }, () => item({ recipients: [{ role: 'acu' }] }));
    await enqueue(items);
    for (const d of dispatchers) d.get(DeliveryDispatcher).kick();
    const keys = items.map((i) => i.key);
    await eventually(async () => (await deliveriesOf(keys)).every((d) => d.state === 'verzonden'), 30_000, 'all sent');
    const mails = await deliveriesOf(keys, 'mail');
    expect(smtp.messages.length - before).toBe(30);
    for (const d of mails) expect(messagesFor(d.notification_id)).toBe(1);
    const attempts: { n: number }[] = await ds.query(
      `SELECT count(*)::int AS n FROM delivery_attempts a JOIN deliveries d ON d.id = a.delivery_id
         JOIN notifications n ON n.id = d.notification_id WHERE n.dedupe_key = ANY($1)`,
      [keys],
    );
    expect(attempts[0]!.n).toBe(60);
  });

  it('sends the webhook with the delivery id as Idempotency-Key, and the same key again after a failed call', async () => {
    webhook.status = 503;
    const n = item({ recipients: [{ role: 'acu' }] });
    await enqueue([n]);
    await startDispatcher({ DELIVERY_BACKOFF_BASE_MS: 50, DELIVERY_BACKOFF_MAX_MS: 100 });
    const [hook] = await deliveriesOf([n.key], 'webhook');
    await eventually(
      async () => webhook.calls.filter((c) => c.headers['idempotency-key'] === hook!.id).length >= 2,
      20_000,
      'two failed calls',
    );
    webhook.status = 204;
    await eventually(async () => (await deliveriesOf([n.key], 'webhook'))[0]?.state === 'verzonden', 20_000, 'webhook accepted');
    const calls = webhook.calls.filter((c) => c.headers['idempotency-key'] === hook!.id);
    expect(calls.filter((c) => c.status === 204)).toHaveLength(1);
    expect(calls.every((c) => c.body.id === hook!.notification_id && c.body.reference === 'UWV-00042')).toBe(true);
    expect(calls[0]!.headers['content-type']).toContain('application/json');
  });

  it('skips mail when MAIL_TRANSPORT=none and the webhook when no WEBHOOK_URL is set, saying why', async () => {
    const n = item({ recipients: [{ role: 'acu' }] });
    await enqueue([n]);
    await startDispatcher({ MAIL_TRANSPORT: 'none', WEBHOOK_URL: undefined });
    const rows = await eventually(async () => {
      const r = await deliveriesOf([n.key]);
      return r.every((d) => d.state === 'overgeslagen') ? r : null;
    });
    expect(rows.map((d) => `${d.channel}:${d.last_error}`).sort()).toEqual([
      'mail:MAIL_TRANSPORT=none',
      'webhook:geen WEBHOOK_URL ingesteld',
    ]);
    const [synced] = await ds.query(`SELECT mail_status, webhook_status FROM notifications WHERE dedupe_key = $1`, [n.key]);
    expect(synced).toEqual({ mail_status: 'overgeslagen', webhook_status: 'overgeslagen' });
  });

  it('pages the deliveries with a keyset cursor, newest first, without gaps or doubles', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const url: string = `/api/v1/deliveries?limit=7${cursor ? `&cursor=${cursor}` : ''}`;
      const res = await sys.request('GET', url, { token: adminToken });
      expect(res.status).toBe(200);
      expect(res.body.items.length).toBeLessThanOrEqual(7);
      seen.push(...res.body.items.map((d: { id: string }) => d.id));
      cursor = res.body.nextCursor;
    } while (cursor);
    const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM deliveries`);
    expect(seen).toHaveLength(n);
    expect(new Set(seen).size).toBe(n);
    expect((await sys.request('GET', '/api/v1/deliveries?cursor=bogus', { token: adminToken })).status).toBe(400);
  });
});
