/**
 * The deadlines' alarms on a draft: reminders, the lapse of a term and what follows from it (an unanswered
 * information request goes back to the driehoek, an undecided ACU item is carried over, a driehoek decision long
 * overdue goes on the ACU agenda), and repeat reminders.
 */
import { CARRY_OVERS_BEFORE_NOTICE, deadlineRecipients } from '../../libs/domain/src/knelpunt/process-rules';
import { DeadlineState, isActive } from '../../libs/domain/src/termijnen/deadline-state';
import { nextRepeatAlarm } from '../../libs/domain/src/termijnen/plan-deadline';
import { endDeadlines, local, refreshOverdueFlag, startDeadline } from './knelpunt.deadlines';
import { Draft, SYSTEEM } from './knelpunt.draft';
import { enterPhase, leavePhase } from './knelpunt.phases';

/** Fires every alarm that is due; returns whether any fired. */
export async function fireDueAlarms(draft: Draft): Promise<boolean> {
  const now = Date.now();
  let fired = false;
  for (const d of [...draft.state.deadlines]) {
    if (!isActive(d)) continue;
    for (const alarm of [...d.alarms]) {
      if (alarm.done || Date.parse(alarm.at) > now) continue;
      if (!isActive(d)) break;
      alarm.done = true;
      fired = true;
      await fireAlarm(draft, d, alarm.type, alarm.key, alarm.label);
    }
  }
  return fired;
}

async function fireAlarm(draft: Draft, d: DeadlineState, type: string, key: string, label: string): Promise<void> {
  const s = draft.state;
  switch (type) {
    case 'herinnering':
    case 'herhaalherinnering': {
      const repeated = type === 'herhaalherinnering';
      draft.record('termijn_herinnering', SYSTEEM, {
        deadlineId: d.id,
        kind: d.kind,
        dueDate: d.dueDate,
        label,
        ...(repeated ? { herhaald: true } : {}),
      });
      draft.notify(key, 'herinnering', deadlineRecipients(s, d.kind, false), { label, dueDate: d.dueDate, repeated });
      if (repeated) {
        const next = nextRepeatAlarm(d, draft.now());
        if (next) d.alarms.push(next);
      }
      return;
    }
    case 'verlopen':
      d.state = 'verlopen';
      d.log.push({ at: draft.now(), type: 'verlopen', actor: SYSTEEM, reason: `Uiterste datum ${d.dueDate} verstreken.` });
      refreshOverdueFlag(draft);
      draft.record('termijn_verlopen', SYSTEEM, { deadlineId: d.id, kind: d.kind, dueDate: d.dueDate });
      draft.notify(key, 'verlopen', deadlineRecipients(s, d.kind, d.policy.notifyProgrammadirectieWhenOverdue), {
        deadlineKind: d.kind,
        dueDate: d.dueDate,
      });
      return onOverdue(draft, d);
    case 'acu_agenda':
      if (d.kind === 'driehoek_besluit' && s.status === 'bij_driehoek') {
        const reason = `Automatisch: het besluit van de driehoek is ${d.policy.acuAfterOverdueWeeks ?? 4} weken over de termijn (${d.dueDate}).`;
        draft.record('escaleren_acu', SYSTEEM, { motivation: reason, van: s.status, naar: 'bij_acu', automatisch: true });
        s.details.motivation = reason;
        s.details.flags.push('automatisch_geescaleerd');
        // Lapsed, not met: end it before leavePhase would record it as 'voldaan'.
        endDeadlines(draft, { kinds: ['driehoek_besluit'], how: 'vervallen', reason });
        await leavePhase(draft, s.status, 'automatisch');
        await enterPhase(draft, 'bij_acu', SYSTEEM, reason);
      }
      return;
    default:
      return;
  }
}

async function onOverdue(draft: Draft, d: DeadlineState): Promise<void> {
  const s = draft.state;
  if (d.kind === 'informatie' && s.status === 'wacht_op_informatie') {
    // Unanswered: back in the driehoek queue, flagged.
    d.state = 'vervallen';
    d.log.push({
      at: draft.now(),
      type: 'vervallen',
      actor: SYSTEEM,
      reason: 'Niet beantwoord binnen de termijn; terug naar de driehoek.',
    });
    s.details.flags.push('informatie_onbeantwoord');
    draft.record('informatie_onbeantwoord', SYSTEEM, { van: 'wacht_op_informatie', naar: 'bij_driehoek' });
    refreshOverdueFlag(draft);
    return enterPhase(draft, 'bij_driehoek', SYSTEEM, 'Informatieverzoek niet beantwoord binnen de termijn.');
  }
  if (d.kind === 'acu_behandeling' && s.status === 'bij_acu' && s.details.acuMeetingId) {
    // Not decided at the meeting: carried to the next one.
    const placement = await local.carryOverAcuItem({ knelpuntId: s.knelpuntId, fromMeetingId: s.details.acuMeetingId, now: draft.now() });
    d.state = 'vervallen';
    d.log.push({
      at: draft.now(),
      type: 'vervallen',
      actor: SYSTEEM,
      reason: `Niet besloten; doorgeschoven naar ${placement.meetingDate}.`,
    });
    Object.assign(s.details, {
      acuMeetingId: placement.meetingId,
      acuMeetingDate: placement.meetingDate,
      acuCarryOvers: placement.carryOvers,
    });
    refreshOverdueFlag(draft);
    draft.record('acu_doorgeschoven', SYSTEEM, {
      meetingId: placement.meetingId,
      meetingDate: placement.meetingDate,
      carryOvers: placement.carryOvers,
    });
    await startDeadline(draft, 'acu_behandeling', { fixedDueDate: placement.meetingDate });
    if (placement.carryOvers >= CARRY_OVERS_BEFORE_NOTICE) {
      draft.notify(`${s.knelpuntId}:acu_doorgeschoven:${placement.carryOvers}`, 'acu_doorgeschoven', [{ role: 'programmadirectie' }], {
        carryOvers: placement.carryOvers,
        meetingDate: placement.meetingDate,
      });
    }
    return;
  }
  const repeat = nextRepeatAlarm(d, draft.now());
  if (repeat) d.alarms.push(repeat);
}
