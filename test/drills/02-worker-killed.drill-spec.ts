import { knelpuntWorkflowId } from '../../workflows/knelpunt/knelpunt.contract';
import { DrillSystem, expectNoDrift, eventually, sleep } from './support/drill-system';
import { SmtpReceiver, WebhookReceiver } from '../support/mail-and-webhook-receivers';
import {
  DECISIONS,
  decideUntilAnswered,
  duplicateTimelineEntries,
  knelpuntenOf,
  mailableNotifications,
  notificationCount,
  postStand,
  waitForStatus,
} from './support/scenario';

/**
 * Drill 2 (issue 8): the worker is killed with SIGKILL while decisions are in flight (in the middle of their
 * transitions); a new worker finishes them. No transition is applied twice: one timeline entry per decision, one
 * notification per key and recipient, and every mail and webhook call exactly once.
 */
const COUNT = 8;

describe('drill 2: the worker killed in the middle of a transition', () => {
  let smtp: SmtpReceiver;
  let webhook: WebhookReceiver;
  let sys: DrillSystem;

  beforeAll(async () => {
    smtp = await SmtpReceiver.start();
    webhook = await WebhookReceiver.start();
    sys = await DrillSystem.create({
      env: {
        MAIL_TRANSPORT: 'smtp',
        SMTP_URL: smtp.url,
        WEBHOOK_URL: webhook.url,
        // A delivery claimed by a killed worker is taken over after its lease (production: 2 minutes).
        DELIVERY_LEASE_MS: '35000',
      },
    });
    await sys.startApi();
  });

  afterAll(async () => {
    await sys?.close();
    await smtp?.off();
    await webhook?.off();
  });

  it('finishes the interrupted transitions on a new worker, each exactly once', async () => {
    let worker = await sys.startWorker();
    const indiener = await sys.token({ role: 'indiener', organisation: 'UWV' });
    const driehoek = await sys.token({ role: 'driehoek', driehoek: 'UWV' });
    const stand = await postStand(sys, indiener, COUNT);
    expect(stand.status).toBe(201);
    const knelpunten = knelpuntenOf(stand);
    const ids = knelpunten.map((k) => k.id);
    await waitForStatus(sys, { ids, status: 'bij_driehoek' }, 60_000, 'bij_driehoek');

    // Two rounds, each: every knelpunt gets a decision at once, and the worker dies while they are in flight.
    const rounds: [string, () => Record<string, unknown>, string, number][] = [
      ['oppakken', DECISIONS.oppakken, 'in_aanpak_driehoek', 150],
      ['escaleren_acu', DECISIONS.escalerenAcu, 'bij_acu', 400],
    ];
    for (const [name, body, status, killAfterMs] of rounds) {
      const answers = knelpunten.map((k) => decideUntilAnswered(sys, driehoek, k.id, body(), `drill2-${name}-${k.id}`, 120_000));
      await sleep(killAfterMs);
      await worker.kill();
      expect(worker.running).toBe(false);
      worker = await sys.startWorker();
      const trails = await Promise.all(answers);
      const stuck = knelpunten.filter((_, i) => trails[i]![trails[i]!.length - 1]!.status !== 200);
      for (const k of stuck) process.stderr.write(`[drill 2] ${await sys.dumpWorkflow(knelpuntWorkflowId(k.id))}\n`);
      // Each knelpunt's answers in order (a 503 is retried with the same key); the last one counts.
      expect(
        trails.map((a) => {
          const last = a[a.length - 1]!;
          return last.status === 200 && last.body?.status === status
            ? 'ok'
            : a.map((r) => `${r.status} in ${r.ms} ms${r.status === 200 ? ` ${r.body?.status}` : `: ${r.text.slice(0, 160)}`}`).join(' | ');
        }),
      ).toEqual(knelpunten.map(() => 'ok'));
      await waitForStatus(sys, { ids, status }, 30_000, `${name} projected`);
    }

    // No transition applied twice: the timeline has one entry per decision, and no entry type twice per knelpunt.
    expect(await duplicateTimelineEntries(sys, ids, ['oppakken', 'escaleren_acu'])).toEqual([]);
    const repeated = await sys.sql<{ knelpunt_id: string; type: string; data: unknown; n: number }>(
      `SELECT knelpunt_id, type, data, count(*)::int AS n FROM knelpunt_timeline WHERE knelpunt_id = ANY($1::uuid[])
        GROUP BY knelpunt_id, type, data HAVING count(*) > 1`,
      [ids],
    );
    expect(repeated).toEqual([]);
    // One notification per knelpunt, kind and recipient group (the unique key holds per key; this checks the keys).
    const doubled = await sys.sql(
      `SELECT knelpunt_id, kind, recipient_key, count(*)::int AS n FROM notifications WHERE knelpunt_id = ANY($1::uuid[])
        GROUP BY knelpunt_id, kind, recipient_key HAVING count(*) > 1`,
      [ids],
    );
    expect(doubled).toEqual([]);
    // Every mail and webhook call once.
    await eventually(
      async () => {
        const mails = await mailableNotifications(sys);
        return mails > 0 && smtp.messageIds().length >= mails && webhook.keys().length >= (await notificationCount(sys));
      },
      90_000,
      'every mail and webhook delivered',
    ).catch(async (err: unknown) => {
      throw new Error(
        `${String(err)}: ${smtp.messageIds().length} of ${await mailableNotifications(sys)} mails, ` +
          `${webhook.keys().length} of ${await notificationCount(sys)} webhook calls`,
      );
    });
    await sleep(3_000);
    expect(smtp.messageIds()).toHaveLength(await mailableNotifications(sys));
    expect(webhook.keys()).toHaveLength(await notificationCount(sys));
    // A worker killed between sending and recording a delivery cannot know whether it arrived: the next worker sends
    // it once more with the same Message-ID / Idempotency-Key (the receiver recognises it): at most twice per key.
    const times = (keys: (string | null)[]): number => Math.max(0, ...[...new Set(keys)].map((k) => keys.filter((x) => x === k).length));
    expect(times(smtp.messages.map((m) => m.messageId))).toBeLessThanOrEqual(2);
    expect(times(webhook.delivered.map((w) => w.idempotencyKey))).toBeLessThanOrEqual(2);
    if (smtp.duplicates().length + webhook.duplicates().length > 0) {
      process.stderr.write(
        `[drill 2] resent after a kill (same key): mail ${smtp.duplicates().join(', ')} webhook ${webhook.duplicates().join(', ')}\n`,
      );
    }

    await expectNoDrift(sys);
  }, 420_000);
});
