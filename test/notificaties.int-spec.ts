import { readdirSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { NotificatieActivities } from '../libs/notificaties/src/activities/notificatie.activities';
import { NotificationRepository } from '../libs/notificaties/src/repositories/notification.repository';
import { NotificationContactRepository } from '../libs/notificaties/src/repositories/notification-contact.repository';
import { MailGateway, OutgoingMail } from '../libs/notificaties/src/gateways/mail.gateway';
import { WebhookGateway } from '../libs/notificaties/src/gateways/webhook.gateway';
import { DeliveryDispatcher } from '../libs/notificaties/src/outbox/delivery-dispatcher';
import { DeliveryRepository } from '../libs/notificaties/src/outbox/delivery.repository';
import { DeliveryKicker } from '../libs/notificaties/src/outbox/delivery-kicker';
import type { NotifyInput } from '../workflows/knelpunt/knelpunt.activities-contract';
import { TestSystem } from './support/test-system';

/** A mail server that fails the first `failures` sends (a third party: the only thing replaced). */
class FlakyMail extends MailGateway {
  readonly enabled = true;
  sent: OutgoingMail[] = [];
  constructor(private failures: number) {
    super();
  }
  async send(mail: OutgoingMail): Promise<void> {
    if (this.failures > 0) {
      this.failures -= 1;
      throw new Error('421 service not available');
    }
    this.sent.push(mail);
  }
}

class BrokenWebhook extends WebhookGateway {
  readonly enabled = true;
  calls = 0;
  async post(): Promise<{ ok: boolean; error?: string }> {
    this.calls += 1;
    return { ok: false, error: 'HTTP 502' };
  }
}

/**
 * Notificaties on a real PostgreSQL with the real file mail transport; only the mail server and webhook
 * receiver are replaced where a failure is simulated. The notify activity only enqueues (the delivery outbox); a
 * dispatcher, driven here round by round, sends (test/delivery-outbox.int-spec.ts tests it with real receivers).
 */
describe('notificaties (real PostgreSQL, file mail transport)', () => {
  let sys: TestSystem;
  let activities: NotificatieActivities;
  let ds: DataSource;
  const tokens: Record<string, string> = {};

  const input = (over: Partial<NotifyInput> = {}): NotifyInput => ({
    key: `test:${randomUUID()}`,
    knelpuntId: randomUUID(),
    reference: 'UWV-00042',
    kind: 'herinnering',
    subject: 'Herinnering UWV-00042: nog 5 werkdagen',
    body: 'Besluit van de driehoek: nog 5 werkdagen. Uiterste datum: 2026-05-18.',
    recipients: [{ role: 'indiener', organisation: 'UWV' }, { role: 'driehoek', driehoek: 'UWV' }, { role: 'programmadirectie' }],
    at: new Date().toISOString(),
    ...over,
  });

  const mailFiles = (): string[] => {
    const dir = join(sys.config.DATA_DIR, 'mail');
    return existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.eml')) : [];
  };

  beforeAll(async () => {
    sys = await TestSystem.start({ worker: false });
    activities = sys.api.get(NotificatieActivities, { strict: false });
    ds = sys.api.get(DataSource);
    tokens.uwv = await sys.token({ role: 'indiener', organisation: 'UWV' });
    tokens.svb = await sys.token({ role: 'indiener', organisation: 'SVB' });
    tokens.driehoekUwv = await sys.token({ role: 'driehoek', driehoek: 'UWV' });
    tokens.driehoekSvb = await sys.token({ role: 'driehoek', driehoek: 'SVB' });
    tokens.acu = await sys.token({ role: 'acu' });
    tokens.pd = await sys.token({ role: 'programmadirectie' });
    tokens.admin = await sys.token({ role: 'admin' });
  });

  afterAll(async () => {
    await sys.close();
  });

  /** A dispatcher on the API's providers (the API itself runs none), with the given mail and webhook gateways. */
  const dispatcher = (mail?: MailGateway, webhook?: WebhookGateway): DeliveryDispatcher =>
    new DeliveryDispatcher(
      sys.config,
      sys.api.get(DeliveryRepository, { strict: false }),
      sys.api.get(NotificationRepository, { strict: false }),
      sys.api.get(NotificationContactRepository, { strict: false }),
      mail ?? sys.api.get(MailGateway, { strict: false }),
      webhook ?? sys.api.get(WebhookGateway, { strict: false }),
      new DeliveryKicker(),
    );

  /** Rounds until nothing is due. */
  const drain = async (d: DeliveryDispatcher): Promise<void> => {
    while ((await d.runOnce()) > 0) {
      // next round
    }
  };

  it('stores one notification per recipient and mails each once, also when notified again with the same key', async () => {
    const n = input();
    const before = mailFiles().length;
    await activities.notify(n);
    await activities.notify(n);
    expect(mailFiles().length).toBe(before); // the activity only enqueues
    await drain(dispatcher());
    await drain(dispatcher()); // a second dispatcher finds nothing left
    const rows: { recipient_key: string; mail_status: string; mail_attempts: number }[] = await ds.query(
      `SELECT recipient_key, mail_status, mail_attempts FROM notifications WHERE dedupe_key = $1 ORDER BY recipient_key`,
      [n.key],
    );
    expect(rows).toEqual([
      { recipient_key: 'driehoek:UWV', mail_status: 'verzonden', mail_attempts: 1 },
      { recipient_key: 'indiener:UWV', mail_status: 'verzonden', mail_attempts: 1 },
      { recipient_key: 'programmadirectie', mail_status: 'verzonden', mail_attempts: 1 },
    ]);
    expect(mailFiles().length).toBe(before + 3);
    const eml = mailFiles().map((f) => readFileSync(join(sys.config.DATA_DIR, 'mail', f), 'utf8'));
    expect(eml.some((m) => m.includes('To: knelpunten@uwv.example') && m.includes('Subject: Herinnering UWV-00042'))).toBe(true);
  });

  it('shows each caller only its own inbox', async () => {
    const n = input({
      recipients: [
        { role: 'indiener', organisation: 'UWV' },
        { role: 'driehoek', driehoek: 'UWV' },
      ],
    });
    await activities.notify(n);
    const keysOf = async (token: string): Promise<string[]> => {
      const res = await sys.request('GET', '/api/v1/notifications?limit=100', { token });
      expect(res.status).toBe(200);
      return res.body.items.map((i: any) => `${i.recipientRole}:${i.recipientScope ?? ''}`);
    };
    expect(new Set(await keysOf(tokens.uwv))).toEqual(new Set(['indiener:UWV']));
    expect(new Set(await keysOf(tokens.driehoekUwv))).toEqual(new Set(['driehoek:UWV']));
    expect(await keysOf(tokens.svb)).toEqual([]);
    expect(await keysOf(tokens.driehoekSvb)).toEqual([]);
    // The admin manages reference data: its inbox is its own (nothing is addressed to it), no one else's.
    expect(await keysOf(tokens.admin)).toEqual([]);
    expect((await sys.request('GET', '/api/v1/notifications')).status).toBe(401);
  });

  it('pages newest first with a keyset cursor, without gaps or doubles', async () => {
    const keys: string[] = [];
    for (let i = 0; i < 5; i++) {
      const n = input({ recipients: [{ role: 'acu' }], subject: `ACU ${i}` });
      keys.push(n.key);
      await activities.notify(n);
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const url: string = `/api/v1/notifications?limit=2${cursor ? `&cursor=${cursor}` : ''}`;
      const res = await sys.request('GET', url, { token: tokens.acu });
      expect(res.status).toBe(200);
      expect(res.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...res.body.items.map((i: any) => i.subject));
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(['ACU 4', 'ACU 3', 'ACU 2', 'ACU 1', 'ACU 0']);
    expect((await sys.request('GET', '/api/v1/notifications?cursor=bogus', { token: tokens.acu })).status).toBe(400);
  });

  it('marks a notification read in the own scope only', async () => {
    const n = input({ recipients: [{ role: 'indiener', organisation: 'UWV' }] });
    await activities.notify(n);
    const inbox = await sys.request('GET', '/api/v1/notifications?unread=true&limit=1', { token: tokens.uwv });
    const id = inbox.body.items[0].id as string;
    expect((await sys.request('POST', `/api/v1/notifications/${id}/read`, { token: tokens.svb })).status).toBe(404);
    expect((await sys.request('POST', `/api/v1/notifications/${id}/read`, { token: tokens.driehoekUwv })).status).toBe(404);
    const read = await sys.request('POST', `/api/v1/notifications/${id}/read`, { token: tokens.uwv });
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ id, read: true });
    const unread = await sys.request('GET', '/api/v1/notifications?unread=true&limit=100', { token: tokens.uwv });
    expect(unread.body.items.map((i: any) => i.id)).not.toContain(id);
    expect((await sys.request('POST', '/api/v1/notifications/geen-uuid/read', { token: tokens.uwv })).status).toBe(400);
  });

  it("gives the admin no write access to other inboxes: marking another group's notification read is a 404 and changes nothing", async () => {
    const n = input({ recipients: [{ role: 'indiener', organisation: 'UWV' }, { role: 'acu' }, { role: 'programmadirectie' }] });
    await activities.notify(n);
    const ids: { id: string }[] = await ds.query(`SELECT id FROM notifications WHERE dedupe_key = $1`, [n.key]);
    expect(ids).toHaveLength(3);
    for (const { id } of ids) {
      const res = await sys.request('POST', `/api/v1/notifications/${id}/read`, { token: tokens.admin });
      expect(res.status).toBe(404);
    }
    const read: { read_at: Date | null }[] = await ds.query(`SELECT read_at FROM notifications WHERE dedupe_key = $1`, [n.key]);
    expect(read.map((r) => r.read_at)).toEqual([null, null, null]);
    const inbox = await sys.request('GET', '/api/v1/notifications?limit=100', { token: tokens.admin });
    expect(inbox.status).toBe(200);
    expect(inbox.body).toMatchObject({ items: [], unreadCount: 0 });
  });

  it('counts the unread notifications of the own inbox only, whatever the filter or page, and less after marking one read', async () => {
    const unreadCount = async (token: string, query = ''): Promise<number> => {
      const res = await sys.request('GET', `/api/v1/notifications?limit=1${query}`, { token });
      expect(res.status).toBe(200);
      return res.body.unreadCount as number;
    };
    const before = {
      svb: await unreadCount(tokens.svb),
      driehoekSvb: await unreadCount(tokens.driehoekSvb),
      admin: await unreadCount(tokens.admin),
    };
    for (let i = 0; i < 3; i++) await activities.notify(input({ recipients: [{ role: 'indiener', organisation: 'SVB' }] }));
    await activities.notify(input({ recipients: [{ role: 'driehoek', driehoek: 'SVB' }] }));

    expect(await unreadCount(tokens.svb)).toBe(before.svb + 3);
    expect(await unreadCount(tokens.svb, '&unread=false')).toBe(before.svb + 3); // the filter narrows items, not the count
    expect(await unreadCount(tokens.driehoekSvb)).toBe(before.driehoekSvb + 1);
    expect(await unreadCount(tokens.admin)).toBe(before.admin);

    const page = await sys.request('GET', '/api/v1/notifications?unread=true&limit=1', { token: tokens.svb });
    expect(page.body.nextCursor).toEqual(expect.any(String)); // one item on the page, the count is of the whole inbox
    expect((await sys.request('POST', `/api/v1/notifications/${page.body.items[0].id}/read`, { token: tokens.svb })).status).toBe(200);
    expect(await unreadCount(tokens.svb)).toBe(before.svb + 2);
    expect(await unreadCount(tokens.driehoekSvb)).toBe(before.driehoekSvb + 1);
  });

  it('never sends from the activity: it returns whatever the mail server does; the dispatcher retries only what did not go out', async () => {
    await drain(dispatcher()); // what earlier tests left waiting, with the real file transport
    const n = input({ recipients: [{ role: 'acu' }, { role: 'programmadirectie' }] });
    await activities.notify(n); // no mail server involved at all
    const mail = new FlakyMail(1);
    const webhook = new BrokenWebhook();
    const d = dispatcher(mail, webhook);
    await d.runOnce();
    expect(mail.sent).toHaveLength(1);
    expect(webhook.calls).toBeGreaterThanOrEqual(2); // a broken webhook never blocks mail: called, recorded, retried later

    // Make the failed one due again now instead of after its backoff.
    await ds.query(
      `UPDATE deliveries SET next_attempt_at = now() WHERE state = 'wachtend'
          AND notification_id IN (SELECT id FROM notifications WHERE dedupe_key = $1)`,
      [n.key],
    );
    await d.runOnce();
    expect(mail.sent).toHaveLength(2);
    expect(new Set(mail.sent.map((m) => m.to.join()))).toEqual(
      new Set(['acu-secretariaat@werkaanuitvoering.example', 'programmadirectie@werkaanuitvoering.example']),
    );
    expect(new Set(mail.sent.map((m) => m.id)).size).toBe(2); // the Message-ID is the notification id
    const rows: { mail_status: string; mail_attempts: number; webhook_status: string | null }[] = await ds.query(
      `SELECT mail_status, mail_attempts, webhook_status FROM notifications WHERE dedupe_key = $1 ORDER BY mail_attempts`,
      [n.key],
    );
    expect(rows).toEqual([
      { mail_status: 'verzonden', mail_attempts: 1, webhook_status: null },
      { mail_status: 'verzonden', mail_attempts: 2, webhook_status: null },
    ]);
    const hooks: { state: string; attempts: number }[] = await ds.query(
      `SELECT d.state, d.attempts FROM deliveries d JOIN notifications n ON n.id = d.notification_id
        WHERE n.dedupe_key = $1 AND d.channel = 'webhook'`,
      [n.key],
    );
    expect(hooks).toEqual([
      { state: 'wachtend', attempts: 2 },
      { state: 'wachtend', attempts: 2 },
    ]);
  });

  it('refuses malformed input non-retryably', async () => {
    await expect(activities.notify(input({ recipients: [] }))).rejects.toMatchObject({ type: 'VALIDATIE_FOUT', nonRetryable: true });
  });
});
