import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { temporal } from '@temporalio/proto';
import { HISTORY_DIR, historyFromJson, historyToJson } from '../../scripts/record-histories';
import { addDays } from '../../libs/domain/src';
import { UitvraagActivitiesAdapter } from '../../libs/uitvraag/src/activities/uitvraag.activities';
import { DELIVERY_CHANNELS } from '../../libs/notificaties/src/outbox/delivery-id';
import { UITVRAAG_WORKFLOW_TYPE, uitvraagStateQuery, uitvraagWorkflowId } from '../../workflows/uitvraag/uitvraag.contract';
import type { uitvraagWorkflow } from '../../workflows/uitvraag/uitvraag.workflow';
import { aKnelpunt, aStand } from '../builders';
import { eventually } from '../support/test-system';
import { Scenario, startTimeSkippingEnv } from './support/time-skipping-scenario';
import { HOUR, amsterdamMinute, kalender, localDate, noonOf, overdueAt, reminderAt } from './support/calendar';

/**
 * An intake round on the Java time-skipping test server with the real activities, PostgreSQL and API: three
 * organisations, one submits before the first reminder and one between the first and the second. Each reminder goes
 * only to those without a Stand at that moment, exactly once (notifications and their deliveries in the outbox), and
 * after the closing date the round is closed with the remaining one late.
 */
/**
 * The committed history of the first scenario, replayed against the current workflow code in this file (the
 * knelpunt replay suite reads only its own generations). Re-record only for an intended change of the workflow's
 * commands: `KP_RECORD_HISTORIES=1 npx jest --selectProjects integration --runInBand test/workflow/uitvraag.int-spec.ts`.
 */
const HISTORY_FILE = join(HISTORY_DIR, 'uitvraag', 'herinneringen-en-sluiting.json');

function workflowBundle(): { codePath: string } {
  const codePath = process.env.KP_TEST_WORKFLOW_BUNDLE;
  if (!codePath) throw new Error('KP_TEST_WORKFLOW_BUNDLE is not set: did the jest global setup run?');
  return { codePath };
}

describe('uitvraag workflow (time-skipping Temporal test server, real PostgreSQL and activities)', () => {
  let env: TestWorkflowEnvironment;

  beforeAll(async () => {
    env = await startTimeSkippingEnv();
  });

  afterAll(async () => {
    await Scenario.closeAll();
    await env?.teardown();
  });

  it('reminds at 10 and 5 werkdagen and on the closing day only who has not submitted, once each, and marks the late one late', () =>
    Scenario.run(env, async (s) => {
      await s.skipTo(noonOf(addDays(localDate(await s.now()), 1)));
      const closingDate = kalender.nextWerkdagOnOrAfter(addDays(localDate(await s.now()), 42)).date;
      const year = Number(closingDate.slice(0, 4)) + 1;
      const opened = await s.sys.request('POST', '/api/v1/uitvraagrondes', {
        token: s.tokens.pd,
        body: { name: `Standen ${year}`, year, closingDate, organisations: ['UWV', 'SVB', 'DUO'] },
      });
      expect(opened.status).toBe(201);
      const rondeId: string = opened.body.id;
      // The API of the scenario points at a dead Temporal address: the workflow is started here, on the test server.
      const handle = await env.client.workflow.start<typeof uitvraagWorkflow>(UITVRAAG_WORKFLOW_TYPE, {
        taskQueue: s.taskQueue,
        workflowId: uitvraagWorkflowId(rondeId),
        args: [{ rondeId }],
      });
      try {
        const submit = async (organisation: string): Promise<void> => {
          const token = await s.sys.token({ role: 'indiener', organisation });
          const res = await s.sys.request('POST', '/api/v1/standen', {
            token,
            body: aStand({ organisation, period: String(year) }, [aKnelpunt()]),
          });
          expect(res.status).toBe(201);
        };
        const reminders = async (): Promise<[string, string, string][]> => {
          const rows: { kind: string; organisation_code: string; sent_at: Date }[] = await s.ds.query(
            `SELECT kind, organisation_code, sent_at FROM uitvraag_herinneringen WHERE ronde_id = $1 ORDER BY sent_at, organisation_code`,
            [rondeId],
          );
          return rows.map((r) => [r.kind, r.organisation_code, amsterdamMinute(r.sent_at)]);
        };
        const notifications = async (): Promise<{ recipient_key: string; dedupe_key: string; subject: string; deliveries: number }[]> =>
          s.ds.query(
            `SELECT n.recipient_key, n.dedupe_key, n.subject, (SELECT count(*)::int FROM deliveries d WHERE d.notification_id = n.id) AS deliveries
               FROM notifications n WHERE n.kind = 'uitvraag_herinnering' ORDER BY n.occurred_at, n.recipient_key`,
          );

        const at = [reminderAt(closingDate, 10), reminderAt(closingDate, 5), reminderAt(closingDate, 0)];
        const state = await eventually(
          async () => {
            const st = await handle.query(uitvraagStateQuery);
            return st.closingDate !== null ? st : null;
          },
          30_000,
          'planned',
        );
        expect(state).toMatchObject({ rondeId, closingDate, status: 'open', closesAt: overdueAt(closingDate) });
        expect(state.reminders.map((r) => [r.kind, r.at, r.state])).toEqual([
          ['10_werkdagen', at[0], 'gepland'],
          ['5_werkdagen', at[1], 'gepland'],
          ['sluitingsdag', at[2], 'gepland'],
        ]);

        // UWV submits before the first reminder.
        await submit('UWV');
        await s.skipTo(Date.parse(at[0]!) - HOUR);
        expect(await reminders()).toEqual([]);
        await s.skipTo(Date.parse(at[0]!) + HOUR);
        const first = await eventually(async () => ((await reminders()).length >= 2 ? reminders() : null), 30_000, 'first reminder');
        expect(first).toEqual([
          ['10_werkdagen', 'DUO', amsterdamMinute(at[0]!)],
          ['10_werkdagen', 'SVB', amsterdamMinute(at[0]!)],
        ]);
        expect(amsterdamMinute(at[0]!).slice(11)).toBe('09:00');

        // A retried reminder activity sends nothing twice.
        const activities = s.activitiesContext.get(UitvraagActivitiesAdapter);
        expect(await activities.stuurUitvraagHerinneringen({ rondeId, kind: '10_werkdagen', at: at[0]! })).toEqual({
          sentTo: ['DUO', 'SVB'],
        });
        expect(await notifications()).toHaveLength(2);

        // SVB submits between the first and the second reminder.
        await submit('SVB');
        await s.skipTo(Date.parse(at[1]!) + HOUR);
        await eventually(async () => (await reminders()).length >= 3, 30_000, 'second reminder');
        await s.skipTo(Date.parse(at[2]!) + HOUR);
        await eventually(async () => (await reminders()).length >= 4, 30_000, 'reminder on the closing day');
        expect(await reminders()).toEqual([
          ['10_werkdagen', 'DUO', amsterdamMinute(at[0]!)],
          ['10_werkdagen', 'SVB', amsterdamMinute(at[0]!)],
          ['5_werkdagen', 'DUO', amsterdamMinute(at[1]!)],
          ['sluitingsdag', 'DUO', amsterdamMinute(at[2]!)],
        ]);
        // In the notification outbox: one notification per reminder and organisation, each with its deliveries.
        const sent = await notifications();
        expect(sent.map((n) => [n.dedupe_key, n.recipient_key, n.deliveries])).toEqual([
          [`uitvraag:${rondeId}:10_werkdagen`, 'indiener:DUO', DELIVERY_CHANNELS.length],
          [`uitvraag:${rondeId}:10_werkdagen`, 'indiener:SVB', DELIVERY_CHANNELS.length],
          [`uitvraag:${rondeId}:5_werkdagen`, 'indiener:DUO', DELIVERY_CHANNELS.length],
          [`uitvraag:${rondeId}:sluitingsdag`, 'indiener:DUO', DELIVERY_CHANNELS.length],
        ]);
        expect(sent[0]!.subject).toBe(`Herinnering uitvraag Standen ${year}: uw Stand ${year}`);
        const inbox = await s.sys.request('GET', '/api/v1/notifications?limit=100', {
          token: await s.sys.token({ role: 'indiener', organisation: 'DUO' }),
        });
        expect(inbox.body.items.filter((n: { kind: string }) => n.kind === 'uitvraag_herinnering')).toHaveLength(3);

        // Still open on the closing day; closed after it, with DUO late.
        let view = await s.sys.request('GET', `/api/v1/uitvraagrondes/${rondeId}`, { token: s.tokens.pd });
        expect(view.body).toMatchObject({ status: 'open', submitted: 2, late: 0 });
        await s.skipTo(Date.parse(overdueAt(closingDate)) + HOUR);
        expect(await handle.result()).toEqual({ rondeId, afloop: 'gesloten_na_sluitingsdatum', late: ['DUO'] });
        // Its own history replays deterministically; it is the committed one when recording.
        const history = await handle.fetchHistory();
        await Worker.runReplayHistory({ workflowBundle: workflowBundle(), replayName: 'uitvraag-vers' }, history);
        if (process.env.KP_RECORD_HISTORIES === '1') {
          mkdirSync(dirname(HISTORY_FILE), { recursive: true });
          writeFileSync(HISTORY_FILE, historyToJson(history));
        }
        view = await s.sys.request('GET', `/api/v1/uitvraagrondes/${rondeId}`, { token: s.tokens.pd });
        expect(view.body).toMatchObject({ status: 'gesloten', expected: 3, submitted: 2, late: 1 });
        expect(amsterdamMinute(view.body.closedAt)).toBe(amsterdamMinute(overdueAt(closingDate)));
        expect(
          view.body.organisations.map((o: { code: string; status: string; reminders: { kind: string }[] }) => [
            o.code,
            o.status,
            o.reminders.map((r) => r.kind),
          ]),
        ).toEqual([
          ['DUO', 'te_laat', ['10_werkdagen', '5_werkdagen', 'sluitingsdag']],
          ['SVB', 'ingediend', ['10_werkdagen']],
          ['UWV', 'ingediend', []],
        ]);
        expect(view.body.organisations[0].lateSince).toBe(view.body.closedAt);
        expect((await handle.query(uitvraagStateQuery)).reminders.map((r) => [r.kind, r.state, r.sentTo])).toEqual([
          ['10_werkdagen', 'verstuurd', ['DUO', 'SVB']],
          ['5_werkdagen', 'verstuurd', ['DUO']],
          ['sluitingsdag', 'verstuurd', ['DUO']],
        ]);
      } finally {
        await handle.terminate('einde van de test').catch(() => undefined);
      }
    }));

  it('skips the reminders whose moment has passed when the round is opened (only the one on the closing day goes out)', () =>
    Scenario.run(env, async (s) => {
      await s.skipTo(noonOf(addDays(localDate(await s.now()), 1)));
      // Three werkdagen ahead: the 10 and 5 werkdagen reminders lie in the past.
      const closingDate = kalender.addWerkdagen(localDate(await s.now()), 3);
      const year = Number(closingDate.slice(0, 4)) + 1;
      const opened = await s.sys.request('POST', '/api/v1/uitvraagrondes', {
        token: s.tokens.pd,
        body: { name: `Standen ${year} (kort)`, year, closingDate, organisations: ['CJIB'] },
      });
      expect(opened.status).toBe(201);
      const rondeId: string = opened.body.id;
      const handle = await env.client.workflow.start<typeof uitvraagWorkflow>(UITVRAAG_WORKFLOW_TYPE, {
        taskQueue: s.taskQueue,
        workflowId: uitvraagWorkflowId(rondeId),
        args: [{ rondeId }],
      });
      try {
        const planned = await eventually(
          async () => {
            const st = await handle.query(uitvraagStateQuery);
            return st.closingDate !== null ? st : null;
          },
          30_000,
          'planned',
        );
        expect(planned.reminders.map((r) => [r.kind, r.state])).toEqual([
          ['10_werkdagen', 'overgeslagen'],
          ['5_werkdagen', 'overgeslagen'],
          ['sluitingsdag', 'gepland'],
        ]);
        // Awaiting the result lets the test server skip to the end of the round.
        expect(await handle.result()).toEqual({ rondeId, afloop: 'gesloten_na_sluitingsdatum', late: ['CJIB'] });
        const rows: { kind: string }[] = await s.ds.query(`SELECT kind FROM uitvraag_herinneringen WHERE ronde_id = $1`, [rondeId]);
        expect(rows.map((r) => r.kind)).toEqual(['sluitingsdag']);
      } finally {
        await handle.terminate('einde van de test').catch(() => undefined);
      }
    }));

  it('replays the committed history of a round (three reminders, one submission in between, closed with one late)', async () => {
    expect(existsSync(HISTORY_FILE)).toBe(true);
    const history = historyFromJson(JSON.parse(readFileSync(HISTORY_FILE, 'utf8')));
    const { EVENT_TYPE_TIMER_FIRED, EVENT_TYPE_ACTIVITY_TASK_COMPLETED, EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED } =
      temporal.api.enums.v1.EventType;
    const count = (type: temporal.api.enums.v1.EventType): number => (history.events ?? []).filter((e) => e.eventType === type).length;
    expect(count(EVENT_TYPE_TIMER_FIRED)).toBe(4);
    expect(count(EVENT_TYPE_ACTIVITY_TASK_COMPLETED)).toBe(5);
    expect(count(EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED)).toBe(1);
    await Worker.runReplayHistory(
      { workflowBundle: workflowBundle(), replayName: 'uitvraag-replay' },
      history,
      'uitvraag/herinneringen-en-sluiting',
    );
  });
});
