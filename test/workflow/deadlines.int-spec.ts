import { TestWorkflowEnvironment } from '@temporalio/testing';
import { addDays, addWeeks, daysBetween, startOfDayAmsterdam } from '../../libs/domain/src';
import { eventually } from '../support/test-system';
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
    await Scenario.closeAll();
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
      expect(
        notes
          .filter((n) => n.kind === 'verlopen')
          .map((n) => n.recipient_key)
          .sort(),
      ).toEqual(['driehoek:UWV', 'programmadirectie']);
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
        expect.arrayContaining([
          expect.objectContaining({ kind: 'acu_behandeling', state: 'lopend', dueDate: expectedMeeting.meetingDate }),
        ]),
      );
      const agenda = await s.sys.request('GET', `/api/v1/acu/meetings/${String(placed.data['meetingId'])}/agenda`, { token: s.tokens.acu });
      expect(agenda.status).toBe(200);
      expect(agenda.body.meeting.meetingDate).toBe(expectedMeeting.meetingDate);
      expect(agenda.body.items).toEqual([
        expect.objectContaining({ knelpuntId: k.id, reference: k.reference, status: 'geagendeerd', knelpuntStatus: 'bij_acu' }),
      ]);
      const acuNotes = (await s.notifications(k.id)).filter((n) => n.kind === 'acu_agenda');
      expect(acuNotes.map((n) => n.recipient_key).sort()).toEqual(['acu', 'driehoek:UWV']);
    }));

  it('information request: the driehoek term stops, a reminder after 5 werkdagen, unanswered after 10 back to the driehoek, flagged, with the days added', () =>
    Scenario.run(env, async (s) => {
      await toNextNoon(s);
      const k = await s.submitKnelpunt();
      const h = await s.startWorkflow(k);
      const started = localDate((await h.describe()).startTime);
      const originalDue = dueDateOf(started, { amount: 8, unit: 'weken' });

      await s.skipTo(noonOf(addDays(started, 2)));
      const asked = localDate(await s.now());
      const waiting = await s.decide(h, 'informatie_opvragen', actors.driehoek(), { question: 'Om hoeveel huishoudens gaat het?' });
      expect(waiting.status).toBe('wacht_op_informatie');
      const suspended = deadlineOf(waiting.deadlines, 'driehoek_besluit');
      expect(suspended).toMatchObject({ state: 'opgeschort', dueDate: originalDue });
      expect(localDate(suspended.suspendedSince!)).toBe(asked);
      const infoDue = kalender.addWerkdagen(asked, 10);
      const info = deadlineOf(waiting.deadlines, 'informatie');
      expect(info).toMatchObject({ state: 'lopend', startedOn: asked, dueDate: infoDue, term: { amount: 10, unit: 'werkdagen' } });
      const reminder = reminderAt(infoDue, 5);
      expect(localDate(reminder)).toBe(kalender.addWerkdagen(asked, 5));
      expect(info.alarms.filter((a) => a.type === 'herinnering').map((a) => a.at)).toEqual([reminder]);
      const projected = await s.waitForKnelpunt(k.id, (x) => x.status === 'wacht_op_informatie', 'projected wacht_op_informatie');
      expect(projected.deadlines.map((d: { kind: string; state: string }) => [d.kind, d.state])).toEqual([
        ['driehoek_besluit', 'opgeschort'],
        ['informatie', 'lopend'],
      ]);

      // Reminder to the organisation after 5 werkdagen.
      await s.skipTo(Date.parse(reminder) + HOUR);
      const reminded = await s.waitForKnelpunt(k.id, (x) => s.timelineOf(x, 'termijn_herinnering').length === 1, 'informatie reminder');
      const [entry] = s.timelineOf(reminded, 'termijn_herinnering');
      expect(entry!.data).toMatchObject({ kind: 'informatie', dueDate: infoDue });
      expect(amsterdamMinute(entry!.at)).toBe(amsterdamMinute(reminder));
      expect((await s.notifications(k.id)).map((n) => [n.kind, n.recipient_key])).toEqual([['herinnering', 'indiener:UWV']]);
      expect(reminded.status).toBe('wacht_op_informatie');

      // Unanswered at the end of the 10th werkdag: back in the driehoek queue, flagged, the term resumed.
      await s.skipTo(Date.parse(overdueAt(infoDue)) + HOUR);
      const back = await s.waitForKnelpunt(k.id, (x) => x.status === 'bij_driehoek', 'back to the driehoek');
      expect(back.details.flags).toContain('informatie_onbeantwoord');
      expect(back.overdue).toBe(false);
      const [unanswered] = s.timelineOf(back, 'informatie_onbeantwoord');
      expect(unanswered).toMatchObject({ actor: { role: 'systeem' }, data: { van: 'wacht_op_informatie', naar: 'bij_driehoek' } });
      expect(amsterdamMinute(unanswered!.at)).toBe(amsterdamMinute(overdueAt(infoDue)));

      const resumedOn = addDays(infoDue, 1);
      const suspendedDays = daysBetween(asked, resumedOn);
      const unshifted = addDays(addWeeks(started, 8), suspendedDays);
      const resumedDue = kalender.nextWerkdagOnOrAfter(unshifted).date;
      expect(resumedDue).toBe(dueDateOf(started, { amount: 8, unit: 'weken' }, suspendedDays));
      const state = await s.state(h);
      const resumed = deadlineOf(state.deadlines, 'driehoek_besluit');
      expect(resumed).toMatchObject({ id: suspended.id, state: 'lopend', suspendedDays, suspendedSince: null, dueDate: resumedDue });
      expect(resumed.explanation.join(' ')).toContain(`${suspendedDays} kalenderdagen opgeschort`);
      expect(resumed.log.at(-1)).toMatchObject({ type: 'hervat', data: { opgeschorteDagen: suspendedDays, nieuweDatum: resumedDue } });
      expect(resumed.alarms.filter((a) => a.type === 'herinnering' && !a.done).map((a) => a.at)).toEqual([
        reminderAt(resumedDue, 10),
        reminderAt(resumedDue, 5),
        reminderAt(resumedDue, 0),
      ]);
      expect(deadlineOf(state.deadlines, 'informatie').state).toBe('vervallen');
      expect(s.timelineOf(back, 'termijn_hervat')[0]!.data).toMatchObject({ suspendedDays, dueDate: resumedDue });
      expect(back.deadlines.find((d: { kind: string }) => d.kind === 'driehoek_besluit')).toMatchObject({
        state: 'lopend',
        dueDate: resumedDue,
        suspendedDays,
      });
      const expired = (await s.notifications(k.id)).filter((n) => n.kind === 'verlopen');
      expect(expired.map((n) => n.recipient_key).sort()).toEqual(['driehoek:UWV', 'indiener:UWV']);
    }));

  it('in aanpak: voortgang due every 13 weeks with a reminder 10 werkdagen before; streefdatum reminder and overdue flagged', () =>
    Scenario.run(env, async (s) => {
      await toNextNoon(s);
      const k = await s.submitKnelpunt();
      const h = await s.startWorkflow(k);
      const today = localDate(await s.now());
      const targetDate = addWeeks(today, 6);
      const taken = await s.decide(h, 'oppakken', actors.driehoek(), {
        owner: 'Directie Uitvoeringsbeleid UWV',
        targetDate,
        plan: 'Peildata van de regelingen gelijktrekken',
      });
      expect(taken.status).toBe('in_aanpak_driehoek');
      expect(deadlineOf(taken.deadlines, 'driehoek_besluit').state).toBe('voldaan');
      const v1 = deadlineOf(taken.deadlines, 'voortgang');
      const v1Due = dueDateOf(today, { amount: 13, unit: 'weken' });
      expect(v1).toMatchObject({ state: 'lopend', startedOn: today, dueDate: v1Due, term: { amount: 13, unit: 'weken' } });
      expect(v1.alarms.filter((a) => a.type === 'herinnering').map((a) => a.at)).toEqual([reminderAt(v1Due, 10)]);
      const streef = deadlineOf(taken.deadlines, 'streefdatum');
      const streefDue = kalender.nextWerkdagOnOrAfter(targetDate).date;
      expect(streef).toMatchObject({ state: 'lopend', fixedDueDate: targetDate, dueDate: streefDue });
      expect(streef.alarms.filter((a) => a.type === 'herinnering').map((a) => a.at)).toEqual([reminderAt(streefDue, 10)]);

      // Streefdatum: reminder 10 werkdagen before, then overdue and flagged.
      await s.skipTo(Date.parse(reminderAt(streefDue, 10)) + HOUR);
      const reminded = await s.waitForKnelpunt(k.id, (x) => s.timelineOf(x, 'termijn_herinnering').length === 1, 'streefdatum reminder');
      const [streefReminder] = s.timelineOf(reminded, 'termijn_herinnering');
      expect(streefReminder!.data).toMatchObject({ kind: 'streefdatum', dueDate: streefDue });
      expect(amsterdamMinute(streefReminder!.at)).toBe(amsterdamMinute(reminderAt(streefDue, 10)));
      expect((await s.notifications(k.id)).map((n) => n.recipient_key).sort()).toEqual(['driehoek:UWV', 'indiener:UWV']);

      await s.skipTo(Date.parse(overdueAt(streefDue)) + HOUR);
      const late = await s.waitForKnelpunt(k.id, (x) => x.overdue === true, 'streefdatum overdue');
      expect(late.details.flags).toContain('termijn_verlopen');
      expect(s.timelineOf(late, 'termijn_verlopen').map((e) => e.data['kind'])).toEqual(['streefdatum']);
      expect(amsterdamMinute(s.timelineOf(late, 'termijn_verlopen')[0]!.at)).toBe(amsterdamMinute(overdueAt(streefDue)));
      expect(late.status).toBe('in_aanpak_driehoek');
      const flagged = await s.sys.request('GET', '/api/v1/knelpunten?overdue=true', { token: s.tokens.pd });
      expect(flagged.body.items.map((x: { id: string }) => x.id)).toEqual([k.id]);
      const expired = (await s.notifications(k.id)).filter((n) => n.kind === 'verlopen');
      expect(expired.map((n) => n.recipient_key).sort()).toEqual(['driehoek:UWV', 'indiener:UWV', 'programmadirectie']);

      // Voortgang: reminder 10 werkdagen before the 13 weeks are up.
      await s.skipTo(Date.parse(reminderAt(v1Due, 10)) + HOUR);
      const progressReminder = await s.waitForKnelpunt(
        k.id,
        (x) => s.timelineOf(x, 'termijn_herinnering', (e) => e.data['kind'] === 'voortgang').length === 1,
        'voortgang reminder',
      );
      const [vEntry] = s.timelineOf(progressReminder, 'termijn_herinnering', (e) => e.data['kind'] === 'voortgang');
      expect(amsterdamMinute(vEntry!.at)).toBe(amsterdamMinute(reminderAt(v1Due, 10)));

      // Reported: that voortgang is met and the next one is due 13 weeks later.
      const reportedOn = localDate(await s.now());
      const afterReport = await s.voortgang(h, actors.indiener(), 'Wetsvoorstel in consultatie.');
      const done = afterReport.deadlines.find((d) => d.id === v1.id)!;
      expect(done.state).toBe('voldaan');
      const v2 = deadlineOf(afterReport.deadlines, 'voortgang', 'lopend');
      const v2Due = dueDateOf(reportedOn, { amount: 13, unit: 'weken' });
      expect(v2).toMatchObject({ startedOn: reportedOn, dueDate: v2Due });
      expect(v2.alarms.filter((a) => a.type === 'herinnering').map((a) => a.at)).toEqual([reminderAt(v2Due, 10)]);

      await s.skipTo(Date.parse(overdueAt(v2Due)) + HOUR);
      const v2Late = await s.waitForKnelpunt(
        k.id,
        (x) => s.timelineOf(x, 'termijn_verlopen', (e) => e.data['kind'] === 'voortgang').length === 1,
        'voortgang overdue',
      );
      expect(
        v2Late.deadlines
          .filter((d: { state: string }) => d.state === 'verlopen')
          .map((d: { kind: string }) => d.kind)
          .sort(),
      ).toEqual(['streefdatum', 'voortgang']);
      expect(s.timelineOf(v2Late, 'termijn_herinnering', (e) => e.data['kind'] === 'voortgang')).toHaveLength(2);
      expect(s.timelineOf(v2Late, 'voortgang')[0]).toMatchObject({
        actor: { role: 'indiener' },
        data: { summary: 'Wetsvoorstel in consultatie.' },
      });
    }));

  it('ACU: lands on the next meeting whose agenda is open; undecided it is carried over; after 2 carry-overs the programmadirectie is told', () =>
    Scenario.run(env, async (s) => {
      await toNextNoon(s);
      const k = await s.submitKnelpunt();
      const h = await s.startWorkflow(k);
      const today = localDate(await s.now());
      const plan = async (meetingDate: string): Promise<{ id: string; meetingDate: string; agendaClosesOn: string }> => {
        const res = await s.sys.request('POST', '/api/v1/acu/meetings', { token: s.tokens.acu, body: { meetingDate } });
        expect(res.status).toBe(201);
        return res.body;
      };
      const closed = await plan(kalender.addWerkdagen(today, 3));
      const open = await plan(kalender.addWerkdagen(today, 8));
      const second = await plan(kalender.addWerkdagen(today, 30));
      const third = await plan(kalender.addWerkdagen(today, 50));
      expect(closed.agendaClosesOn < today).toBe(true);
      expect(open.agendaClosesOn >= today).toBe(true);

      const escalated = await s.decide(h, 'escaleren_acu', actors.driehoek(), { motivation: 'Raakt ook SVB en DUO: overkoepelend.' });
      expect(escalated.status).toBe('bij_acu');
      expect(escalated.details).toMatchObject({ acuMeetingId: open.id, acuMeetingDate: open.meetingDate, acuCarryOvers: 0 });
      expect(deadlineOf(escalated.deadlines, 'acu_behandeling')).toMatchObject({ state: 'lopend', dueDate: open.meetingDate });
      const agenda = async (meetingId: string): Promise<any[]> => {
        const res = await s.sys.request('GET', `/api/v1/acu/meetings/${meetingId}/agenda`, { token: s.tokens.acu });
        expect(res.status).toBe(200);
        return res.body.items;
      };
      await s.waitForKnelpunt(k.id, (x) => x.status === 'bij_acu', 'projected bij_acu');
      expect(await agenda(closed.id)).toEqual([]);
      expect(await agenda(open.id)).toEqual([expect.objectContaining({ knelpuntId: k.id, status: 'geagendeerd', carryOverCount: 0 })]);

      // The meeting passes without a decision: carried to the next meeting.
      await s.skipTo(Date.parse(overdueAt(open.meetingDate)) + HOUR);
      const once = await s.waitForState(h, (x) => x.details.acuCarryOvers === 1, 'first carry-over');
      expect(once.details).toMatchObject({ acuMeetingId: second.id, acuMeetingDate: second.meetingDate });
      expect(deadlineOf(once.deadlines, 'acu_behandeling', 'lopend').dueDate).toBe(second.meetingDate);
      expect(await agenda(open.id)).toEqual([expect.objectContaining({ knelpuntId: k.id, status: 'doorgeschoven' })]);
      expect(await agenda(second.id)).toEqual([expect.objectContaining({ knelpuntId: k.id, status: 'geagendeerd', carryOverCount: 1 })]);
      expect((await s.notifications(k.id)).filter((n) => n.kind === 'acu_doorgeschoven')).toEqual([]);
      expect((await s.notifications(k.id)).filter((n) => n.kind === 'verlopen').map((n) => n.recipient_key)).toEqual(['acu']);

      // And again: after the second carry-over the programmadirectie is told.
      await s.skipTo(Date.parse(overdueAt(second.meetingDate)) + HOUR);
      const twice = await s.waitForState(h, (x) => x.details.acuCarryOvers === 2, 'second carry-over');
      expect(twice.details).toMatchObject({ acuMeetingId: third.id, acuMeetingDate: third.meetingDate });
      expect(await agenda(third.id)).toEqual([expect.objectContaining({ knelpuntId: k.id, status: 'geagendeerd', carryOverCount: 2 })]);
      const told = await eventuallyNotified(s, k.id, 'acu_doorgeschoven');
      expect(told.map((n) => n.recipient_key)).toEqual(['programmadirectie']);
      const kn = await s.waitForKnelpunt(k.id, (x) => s.timelineOf(x, 'acu_doorgeschoven').length === 2, 'carry-overs projected');
      expect(s.timelineOf(kn, 'acu_doorgeschoven').map((e) => e.data['meetingDate'])).toEqual([second.meetingDate, third.meetingDate]);
      const inbox = await s.sys.request('GET', '/api/v1/notifications?limit=100', { token: s.tokens.pd });
      expect(inbox.body.items.map((n: { kind: string }) => n.kind)).toContain('acu_doorgeschoven');

      // The ACU decides at last: the item is closed.
      const decided = await s.decide(h, 'toewijzen_doorbraakteam', actors.acu(), { team: 'vereenvoudiging' });
      expect(decided.status).toBe('in_aanpak_acu');
      expect(await agenda(third.id)).toEqual([expect.objectContaining({ status: 'besloten', decision: 'toewijzen_doorbraakteam' })]);
    }));

  it('politieke opvolging: kamervragen within 3 weeks, reminders 10 and 5 werkdagen before', () =>
    Scenario.run(env, async (s) => {
      await toNextNoon(s);
      const k = await s.submitKnelpunt();
      const h = await s.startWorkflow(k);
      const today = localDate(await s.now());
      const sent = await s.decide(h, 'naar_politiek', actors.driehoek(), {
        instrument: 'kamervragen',
        motivation: 'Kamerleden vragen naar de terugvorderingen.',
      });
      expect(sent.status).toBe('politieke_opvolging');
      const due = dueDateOf(today, { amount: 3, unit: 'weken' });
      const reaction = deadlineOf(sent.deadlines, 'politieke_reactie');
      expect(reaction).toMatchObject({ state: 'lopend', startedOn: today, dueDate: due, term: { amount: 3, unit: 'weken' } });
      const reminders = [reminderAt(due, 10), reminderAt(due, 5)];
      expect(reaction.alarms.filter((a) => a.type === 'herinnering').map((a) => [a.at, a.done])).toEqual(
        reminders.map((at) => [at, false]),
      );

      for (const [i, at] of reminders.entries()) {
        await s.skipTo(Date.parse(at) + HOUR);
        const kn = await s.waitForKnelpunt(k.id, (x) => s.timelineOf(x, 'termijn_herinnering').length === i + 1, `reminder ${i + 1}`);
        const entry = s.timelineOf(kn, 'termijn_herinnering')[i]!;
        expect(entry.data).toMatchObject({ kind: 'politieke_reactie', dueDate: due });
        expect(amsterdamMinute(entry.at)).toBe(amsterdamMinute(at));
      }
      const notes = await s.notifications(k.id);
      expect(notes.map((n) => [n.kind, n.recipient_key, amsterdamMinute(n.occurred_at)])).toEqual(
        reminders.flatMap((at) => [
          ['herinnering', 'driehoek:UWV', amsterdamMinute(at)],
          ['herinnering', 'programmadirectie', amsterdamMinute(at)],
        ]),
      );

      await s.skipTo(Date.parse(overdueAt(due)) + HOUR);
      const late = await s.waitForKnelpunt(k.id, (x) => x.overdue === true, 'politieke reactie overdue');
      expect(s.timelineOf(late, 'termijn_verlopen').map((e) => e.data['kind'])).toEqual(['politieke_reactie']);
      const closed = await s.decide(h, 'politieke_uitkomst', actors.programmadirectie(), {
        result: 'opgelost',
        summary: 'Kamervragen beantwoord; de regeling wordt aangepast.',
      });
      expect(closed).toMatchObject({ status: 'afgesloten', outcome: 'opgelost' });
      expect(await h.result()).toMatchObject({ status: 'afgesloten' });
    }));

  it('opschorting and verlenging: the clock stops while suspended, the due date moves by those days, the log says who and why', () =>
    Scenario.run(env, async (s) => {
      await toNextNoon(s);
      const k = await s.submitKnelpunt();
      const h = await s.startWorkflow(k);
      const started = localDate((await h.describe()).startTime);
      const originalDue = dueDateOf(started, { amount: 8, unit: 'weken' });

      await s.skipTo(noonOf(addDays(started, 7)));
      const suspendedOn = localDate(await s.now());
      const driehoek = actors.driehoek();
      const stopped = await s.deadline(h, {
        action: 'opschorten',
        deadline: 'driehoek_besluit',
        reason: 'Wachten op het advies van de landsadvocaat',
        actor: driehoek,
      });
      expect(deadlineOf(stopped.deadlines, 'driehoek_besluit')).toMatchObject({ state: 'opgeschort', dueDate: originalDue });

      // Six weeks later: the original reminders (10 and 5 werkdagen before) have passed without firing.
      await s.skipTo(noonOf(addDays(suspendedOn, 42)));
      expect(Date.parse(reminderAt(originalDue, 5))).toBeLessThan(await s.now());
      const quiet = await s.knelpunt(k.id);
      expect(s.timelineOf(quiet, 'termijn_herinnering')).toEqual([]);
      expect(await s.notifications(k.id)).toEqual([]);
      expect(quiet.deadlines[0]).toMatchObject({ state: 'opgeschort', dueDate: originalDue });

      const resumedOn = localDate(await s.now());
      const suspendedDays = daysBetween(suspendedOn, resumedOn);
      expect(suspendedDays).toBe(42);
      const resumed = await s.deadline(h, {
        action: 'hervatten',
        deadline: 'driehoek_besluit',
        reason: 'Advies ontvangen',
        actor: driehoek,
      });
      const afterResume = deadlineOf(resumed.deadlines, 'driehoek_besluit');
      const resumedDue = kalender.nextWerkdagOnOrAfter(addDays(addWeeks(started, 8), suspendedDays)).date;
      expect(afterResume).toMatchObject({ state: 'lopend', suspendedDays, dueDate: resumedDue });
      expect(afterResume.alarms.filter((a) => a.type === 'herinnering').map((a) => [a.at, a.done])).toEqual([
        [reminderAt(resumedDue, 10), false],
        [reminderAt(resumedDue, 5), false],
        [reminderAt(resumedDue, 0), false],
      ]);

      const pd = actors.programmadirectie();
      const extended = await s.deadline(h, {
        action: 'verlengen',
        deadline: 'driehoek_besluit',
        reason: 'Extra overleg met het opdrachtgevende ministerie',
        actor: pd,
        extension: { amount: 2, unit: 'weken' },
      });
      const afterExtension = deadlineOf(extended.deadlines, 'driehoek_besluit');
      const extendedDue = dueDateOf(started, { amount: 8, unit: 'weken' }, suspendedDays, [{ amount: 2, unit: 'weken' }]);
      expect(extendedDue).toBe(kalender.nextWerkdagOnOrAfter(addWeeks(addDays(addWeeks(started, 8), suspendedDays), 2)).date);
      expect(afterExtension).toMatchObject({
        state: 'lopend',
        suspendedDays,
        extensions: [{ amount: 2, unit: 'weken' }],
        dueDate: extendedDue,
      });
      const explanation = afterExtension.explanation.join(' ');
      expect(explanation).toContain(`${suspendedDays} kalenderdagen opgeschort`);
      expect(explanation).toContain('verlengd met 2 weken');
      expect(explanation).toContain('Uiterste datum');

      const log = (await s.waitForKnelpunt(k.id, (x) => x.deadlines[0].log.length === 4, 'deadline log projected')).deadlines[0].log;
      expect(log.map((l: { type: string; actor: { role: string }; reason: string }) => [l.type, l.actor.role, l.reason])).toEqual([
        ['gestart', 'systeem', expect.any(String)],
        ['opgeschort', 'driehoek', 'Wachten op het advies van de landsadvocaat'],
        ['hervat', 'driehoek', 'Advies ontvangen'],
        ['verlengd', 'programmadirectie', 'Extra overleg met het opdrachtgevende ministerie'],
      ]);
      expect(log[1].actor).toMatchObject({ subject: driehoek.subject, name: driehoek.name });
      expect(log[2].data).toEqual({ opgeschorteDagen: suspendedDays, nieuweDatum: resumedDue });
      expect(log[3].data).toEqual({ extension: { amount: 2, unit: 'weken' }, nieuweDatum: extendedDue });
      const kn = await s.knelpunt(k.id);
      expect(kn.deadlines[0]).toMatchObject({ dueDate: extendedDue, explanation: afterExtension.explanation });
      expect(['termijn_opgeschort', 'termijn_hervat', 'termijn_verlengd'].map((t) => s.timelineOf(kn, t)[0]?.actor.name)).toEqual([
        driehoek.name,
        driehoek.name,
        pd.name,
      ]);

      // The reminders now follow the moved due date.
      await s.skipTo(Date.parse(reminderAt(extendedDue, 10)) + HOUR);
      const reminded = await s.waitForKnelpunt(k.id, (x) => s.timelineOf(x, 'termijn_herinnering').length === 1, 'moved reminder');
      expect(amsterdamMinute(s.timelineOf(reminded, 'termijn_herinnering')[0]!.at)).toBe(amsterdamMinute(reminderAt(extendedDue, 10)));
      expect(s.timelineOf(reminded, 'termijn_herinnering')[0]!.data).toMatchObject({ dueDate: extendedDue });
    }));
});

async function eventuallyNotified(s: Scenario, knelpuntId: string, kind: string) {
  return eventually(
    async () => {
      const rows = (await s.notifications(knelpuntId)).filter((n) => n.kind === kind);
      return rows.length > 0 ? rows : null;
    },
    30_000,
    `notification ${kind}`,
  );
}
