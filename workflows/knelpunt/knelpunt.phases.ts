/**
 * Moving a draft from one phase to the next: the rules (which deadlines end and start, who is told, which details a
 * decision records) come from libs/domain's process rules; this module runs them, including the ACU agenda.
 */
import type { DecisionName } from '../../libs/domain/src/knelpunt/decisions';
import { decisionEffect } from '../../libs/domain/src/knelpunt/decisions';
import { applyDecisionDetails, phaseDeadlines, phaseExit, phaseRecipients } from '../../libs/domain/src/knelpunt/process-rules';
import type { Status } from '../../libs/domain/src/knelpunt/statuses';
import { isActive } from '../../libs/domain/src/termijnen/deadline-state';
import type { ActorRef, DecisionCommand } from './knelpunt.contract';
import { endDeadlines, local, resume, startDeadline, suspend } from './knelpunt.deadlines';
import { Draft, SYSTEEM } from './knelpunt.draft';

export async function enterPhase(draft: Draft, status: Status, actor: ActorRef, reason: string): Promise<void> {
  const s = draft.state;
  s.status = status;
  if (status === 'bij_driehoek') {
    const suspended = s.deadlines.find((d) => d.kind === 'driehoek_besluit' && d.state === 'opgeschort');
    if (suspended) return resume(draft, suspended, actor, reason);
  }
  if (status === 'wacht_op_informatie') {
    const dh = s.deadlines.find((d) => d.kind === 'driehoek_besluit' && isActive(d));
    if (dh) suspend(draft, dh, SYSTEEM, 'Informatie opgevraagd bij de organisatie: de beslistermijn staat stil.');
  }
  if (status === 'bij_acu') {
    s.escalated = true;
    const placement = await local.placeOnAcuAgenda({ knelpuntId: s.knelpuntId, reason, now: draft.now() });
    Object.assign(s.details, {
      acuMeetingId: placement.meetingId,
      acuMeetingDate: placement.meetingDate,
      acuCarryOvers: placement.carryOvers,
    });
    draft.record('op_acu_agenda', SYSTEEM, { meetingId: placement.meetingId, meetingDate: placement.meetingDate, reason });
    draft.notify(`${s.knelpuntId}:acu:${placement.meetingId}:${s.version}`, 'acu_agenda', phaseRecipients(s, status), {
      meetingDate: placement.meetingDate,
      reason,
    });
  }
  if (status === 'afgesloten') {
    draft.notify(`${s.knelpuntId}:afgesloten`, 'afgesloten', phaseRecipients(s, status), { outcome: s.outcome });
  }
  for (const kind of phaseDeadlines(status, s.details)) {
    if (kind === 'streefdatum') await startDeadline(draft, kind, { fixedDueDate: s.details.targetDate });
    else if (kind === 'acu_behandeling') await startDeadline(draft, kind, { fixedDueDate: s.details.acuMeetingDate });
    else if (kind === 'politieke_reactie') await startDeadline(draft, kind, { instrument: s.details.instrument });
    else await startDeadline(draft, kind);
  }
}

export async function leavePhase(draft: Draft, from: Status, decision: DecisionName | 'automatisch'): Promise<void> {
  const exit = phaseExit(from, decision);
  for (const ending of exit.endings) endDeadlines(draft, ending);
  if (exit.closeAcuItem) await local.closeAcuItem({ knelpuntId: draft.state.knelpuntId, decision, now: draft.now() });
}

export async function applyDecision(draft: Draft, cmd: DecisionCommand): Promise<void> {
  const s = draft.state;
  const from = s.status;
  const fields = cmd.fields ?? {};
  const effect = decisionEffect(cmd.decision, from, fields);
  s.details = applyDecisionDetails(s.details, cmd.decision, fields);
  s.outcome = effect.outcome;
  draft.record(cmd.decision, cmd.actor, { ...fields, van: from, naar: effect.status });
  await leavePhase(draft, from, cmd.decision);
  if (effect.status === 'afgesloten') endDeadlines(draft, { kinds: 'all', how: 'vervallen', reason: 'Knelpunt afgesloten.' });
  const text = (k: string): string | undefined => (typeof fields[k] === 'string' ? (fields[k] as string) : undefined);
  await enterPhase(draft, effect.status, cmd.actor, text('motivation') ?? text('summary') ?? cmd.decision);
}
