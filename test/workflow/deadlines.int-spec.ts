import { TestWorkflowEnvironment } from '@temporalio/testing';
import { addDays, addWeeks, startOfDayAmsterdam } from '../../libs/domain/src';
import type { DeadlineState } from '../../libs/domain/src/termijnen/deadline-state';
import { defaultMeetingsFrom } from '../../libs/acu/src/calendar/acu-calendar';
import { Scenario, actors, startTimeSkippingEnv } from './support/time-skipping-scenario';
import { DAY, HOUR, amsterdamMinute, dueDateOf, kalender, localDate, noonOf, overdueAt, reminderAt } from './support/calendar';

/**
 * Deadlines of the knelpunt workflow with the clock skipped on the Java time-skipping test server.
 * Real: PostgreSQL (a cloned database per test), the API, the activities of the worker module, the workflow bundle.
 * Expected dates come from the pure werkdagen calendar, computed from each workflow's own start.
 */
describe('knelpunt deadlines (time-skipping Temporal test server, real PostgreSQL and activities)', () => {
  let env: TestWorkflowEnvironment;

  beforeAll(async () => {
    env = await startTimeSkippingEnv();
  });

  afterAll(async () => {
    await env?.teardown();
  });

  const minutes = (a: string, b: string): number => Math.round((Date.parse(b) - Date.parse(a)) / 60_000);
  const deadlineOf = (deadlines: DeadlineState[], kind: string, state?: string): DeadlineState => {
    const found = deadlines.filter((d) => d.kind === kind && (state === undefined || d.state === state));
    if (found.length === 0) throw new Error(`no ${kind} deadline${state ? ` in state ${state}` : ''}`);
    return found[found.length - 1]!;
  };

  /** Moves the shared clock to noon (Europe/Amsterdam) of the next day: every test starts away from midnight. */
  const toNextNoon = async (s: Scenario): Promise<void> => {
    await s.skipTo(noonOf(addDays(localDate(await s.now()), 1)));
  };

  it('driehoek decision: reminders 10 and 5 werkdagen before and on the day at 09:00, overdue, weekly repeat, 4 weeks later on the ACU agenda', () =>
    Scenario.run(env, async (s) => {
      await toNextNoon(s);
      const k = await s.submitKnelpunt();
      const h = await s.startWorkflow(k);
      const started = localDate((await h.describe()).startTime);
      const due = dueDateOf(started, { amount: 8, unit: 'weken' });

      const planned = deadlineOf((await s.state(h)).deadlines, 'driehoek_besluit');
      expect(planned).toMatchObject({ startedOn: started, dueDate: due, state: 'lopend', term: { amount: 8, unit: 'weken' } });
      const reminders = [reminderAt(due, 10), reminderAt(due, 5), reminderAt(due, 0)];
      for (const at of reminders) expect(amsterdamMinute(at).slice(11)).toBe('09:00');
      expect(planned.alarms.filter((a) => a.type === 'herinnering').map((a) => a.at)).toEqual(reminders);
      expect(planned.alarms.find((a) => a.type === 'verlopen')?.at).toBe(overdueAt(due));

      // The three reminders, each at its own 09:00.
      for (const [i, at] of reminders.entries()) {
        await s.skipTo(Date.parse(at) - HOUR);
        expect(s.timelineOf(await s.knelpunt(k.id), 'termijn_herinnering')).toHaveLength(i);
        await s.skipTo(Date.parse(at) + HOUR);
        const kn = await s.waitForKnelpunt(k.id, (x) => s.timelineOf(x, 'termijn_herinnering').length === i + 1, `reminder ${i + 1}`);
        const entry = s.timelineOf(kn, 'termijn_herinnering')[i]!;
        expect(amsterdamMinute(entry.at)).toBe(amsterdamMinute(at));
        expect(entry).toMatchObject({ actor: { role: 'systeem' }, data: { kind: 'driehoek_besluit', dueDate: due } });
        expect(kn.overdue).toBe(false);
      }

      // Overdue at the start of the day after the due date; the programmadirectie is told.
      await s.skipTo(Date.parse(overdueAt(due)) + HOUR);
      const overdue = await s.waitForKnelpunt(k.id, (x) => s.timelineOf(x, 'termijn_verlopen').length === 1, 'overdue');
      expect(amsterdamMinute(s.timelineOf(overdue, 'termijn_verlopen')[0]!.at)).toBe(amsterdamMinute(overdueAt(due)));
      expect(amsterdamMinute(overdueAt(due)).slice(11)).toBe('00:00');
      expect(overdue.overdue).toBe(true);
      expect(overdue.details.flags).toContain('termijn_verlopen');
      expect(overdue.deadlines).toEqual([expect.objectContaining({ kind: 'driehoek_besluit', state: 'verlopen', dueDate: due })]);
      const notes = await s.notifications(k.id);
      expect(notes.filter((n) => n.kind === 'herinnering').map((n) => [n.recipient_key, amsterdamMinute(n.occurred_at)])).toEqual(
        reminders.map((at) => ['driehoek:UWV', amsterdamMinute(at)]),
      );
      expect(notes.filter((n) => n.kind === 'verlopen').map((n) => n.recipient_key).sort()).toEqual(['driehoek:UWV', 'programmadirectie']);
      const inbox = await s.sys.request('GET', '/api/v1/notifications?limit=100', { token: s.tokens.pd });
      expect(inbox.status).toBe(200);
      expect(inbox.body.items).toEqual([expect.objectContaining({ knelpuntId: k.id, kind: 'verlopen', reference: k.reference })]);

      // Weekly repeated reminder while overdue.
      await s.skipTo(Date.parse(overdueAt(due)) + 7 * DAY + HOUR);
      const repeated = await s.waitForKnelpunt(
        k.id,
        (x) => s.timelineOf(x, 'termijn_herinnering', (e) => e.data['herhaald'] === true).length === 1,
        'first repeat',
      );
      const overdueEvent = s.timelineOf(repeated, 'termijn_verlopen')[0]!;
      const repeat1 = s.timelineOf(repeated, 'termijn_herinnering', (e) => e.data['herhaald'] === true)[0]!;
      expect(minutes(overdueEvent.at, repeat1.at)).toBe(7 * 24 * 60);

      // Four weeks after the due date: automatically escalated to the next ACU meeting whose agenda is open.
      const acuAt = startOfDayAmsterdam(addDays(addWeeks(due, 4), 1)).toISOString();
      expect(planned.alarms.find((a) => a.type === 'acu_agenda')?.at).toBe(acuAt);
      await s.skipTo(Date.parse(acuAt) - HOUR);
      expect((await s.knelpunt(k.id)).status).toBe('bij_driehoek');
      await s.skipTo(Date.parse(acuAt) + HOUR);
      const escalated = await s.waitForKnelpunt(k.id, (x) => x.status === 'bij_acu', 'automatic escalation');
      const repeats = s.timelineOf(escalated, 'termijn_herinnering', (e) => e.data['herhaald'] === true);
      expect(repeats).toHaveLength(3);
      for (let i = 1; i < repeats.length; i++) expect(minutes(repeats[i - 1]!.at, repeats[i]!.at)).toBe(7 * 24 * 60);
      expect(escalated.escalated).toBe(true);
      expect(escalated.details.flags).toContain('automatisch_geescaleerd');
      const [auto] = s.timelineOf(escalated, 'escaleren_acu');
      expect(auto).toMatchObject({ actor: { role: 'systeem' }, data: { automatisch: true, van: 'bij_driehoek', naar: 'bij_acu' } });
      expect(amsterdamMinute(auto!.at)).toBe(amsterdamMinute(acuAt));
      const driehoekDeadline = escalated.deadlines.find((d: { kind: string }) => d.kind === 'driehoek_besluit');
      expect(driehoekDeadline).toMatchObject({ state: 'vervallen' });
      expect(driehoekDeadline.log.at(-1)).toMatchObject({ type: 'vervallen', reason: expect.stringContaining('4 weken') });

      const expectedMeeting = defaultMeetingsFrom(localDate(acuAt), kalender).next().value!;
      const placed = s.timelineOf(escalated, 'op_acu_agenda')[0]!;
      expect(placed.data['meetingDate']).toBe(expectedMeeting.meetingDate);
      expect(escalated.details).toMatchObject({ acuMeetingDate: expectedMeeting.meetingDate, acuCarryOvers: 0 });
      expect(escalated.deadlines).toEqual(
        expect.arrayContaining([expect.objectContaining({ kind: 'acu_behandeling', state: 'lopend', dueDate: expectedMeeting.meetingDate })]),
      );
      const agenda = await s.sys.request('GET', `/api/v1/acu/meetings/${String(placed.data['meetingId'])}/agenda`, { token: s.tokens.acu });
      expect(agenda.status).toBe(200);
      expect(agenda.body.meeting.meetingDate).toBe(expectedMeeting.meetingDate);
      expect(agenda.body.items).toEqual([
        expect.objectContaining({ knelpuntId: k.id, reference: k.reference, status: 'geagendeerd', knelpuntStatus: 'bij_acu' }),
      ]);
      const acuNotes = (await s.notifications(k.id)).filter((n) => n.kind === 'acu_agenda');
      expect(acuNotes.map((n) => n.recipient_key).sort()).toEqual(['acu', 'driehoek:UWV']);
      void actors;
    }));
});
