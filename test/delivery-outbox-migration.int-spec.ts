import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../libs/shared/src/database/data-source';
import { deliveryId } from '../libs/notificaties/src/outbox/delivery-id';
import { createTestDatabase } from './support/test-system';

/**
 * Migration 1765000000000-delivery-outbox on a real PostgreSQL: the notifications of the old synchronous path get
 * their deliveries (what went out stays sent, what did not waits for the dispatcher, a failed webhook is a dead
 * letter), with the same ids the outbox computes; down() removes the tables and up() applies again.
 */
describe('migration 1765000000000-delivery-outbox', () => {
  let ds: DataSource;

  beforeAll(async () => {
    ds = new DataSource(dataSourceOptions(await createTestDatabase()));
    await ds.initialize();
  });

  afterAll(async () => {
    await ds.destroy();
  });

  const tables = async (): Promise<(string | null)[]> =>
    (await ds.query(`SELECT to_regclass('deliveries')::text AS a, to_regclass('delivery_attempts')::text AS b`)).flatMap(
      (r: { a: string | null; b: string | null }) => [r.a, r.b],
    );

  it('backfills the deliveries of existing notifications, reverts cleanly and applies again', async () => {
    expect(await tables()).toEqual(['deliveries', 'delivery_attempts']);
    const applied = async (): Promise<string[]> =>
      (await ds.query(`SELECT name FROM schema_migrations`)).map((r: { name: string }) => r.name);
    while ((await applied()).includes('DeliveryOutbox1765000000000')) await ds.undoLastMigration({ transaction: 'each' });
    expect(await tables()).toEqual([null, null]);

    const old = [
      { mail: 'verzonden', webhook: 'verzonden' },
      { mail: 'wacht', webhook: null },
      { mail: 'mislukt', webhook: 'mislukt' },
      { mail: 'overgeslagen', webhook: 'overgeslagen' },
    ].map((s) => ({ ...s, id: randomUUID() }));
    for (const n of old) {
      await ds.query(
        `INSERT INTO notifications (id, dedupe_key, recipient_key, reference, kind, subject, body, recipient_role, occurred_at,
           mail_status, mail_attempts, mailed_at, webhook_status)
         VALUES ($1, $2, 'acu', 'UWV-00001', 'herinnering', 'Onderwerp', 'Tekst', 'acu', now(), $3, $4, $5, $6)`,
        [n.id, `migratie-${n.id}`, n.mail, n.mail === 'wacht' ? 0 : 1, n.mail === 'verzonden' ? new Date() : null, n.webhook],
      );
    }

    await ds.runMigrations({ transaction: 'each' });
    expect(await tables()).toEqual(['deliveries', 'delivery_attempts']);
    const rows: { id: string; notification_id: string; channel: string; state: string }[] = await ds.query(
      `SELECT id, notification_id, channel, state FROM deliveries WHERE notification_id = ANY($1::uuid[])`,
      [old.map((n) => n.id)],
    );
    const stateOf = (id: string, channel: 'mail' | 'webhook'): string | undefined =>
      rows.find((r) => r.notification_id === id && r.channel === channel)?.state;
    expect(old.map((n) => [stateOf(n.id, 'mail'), stateOf(n.id, 'webhook')])).toEqual([
      ['verzonden', 'verzonden'],
      ['wachtend', 'wachtend'],
      ['wachtend', 'mislukt'],
      ['overgeslagen', 'overgeslagen'],
    ]);
    for (const r of rows) expect(r.id).toBe(deliveryId(r.notification_id, r.channel as 'mail' | 'webhook'));
    const [failedMail] = await ds.query(`SELECT mail_status FROM notifications WHERE id = $1`, [old[2]!.id]);
    expect(failedMail).toEqual({ mail_status: 'wacht' }); // it will be sent again: waiting, no longer 'failed'
  });
});
