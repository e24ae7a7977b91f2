/**
 * Deadlines of a draft: start (planned on the calendar and policy), end, suspend, resume and extend. Only the draft
 * changes; nothing here commits. Planning runs here, on the data the command brought (`draft.planning`), or else in a
 * bounded local activity that reads the same data from the database.
 */
import { proxyLocalActivities, uuid4 } from '@temporalio/workflow';
import { DeadlineKind, DeadlineState } from '../../libs/domain/src/termijnen/deadline-state';
import { computeDeadline } from '../../libs/domain/src/termijnen/plan-deadline';
import { planFromPolicies, planRequestProblems } from '../../libs/domain/src/termijnen/planning';
import type { DeadlineEnding } from '../../libs/domain/src/knelpunt/process-rules';
import { toLocalDateAmsterdam } from '../../libs/domain/src/werkdagen/amsterdam-tijd';
import { daysBetween } from '../../libs/domain/src/werkdagen/local-date';
import type { Term } from '../../libs/domain/src/werkdagen/termijn';
import type { KnelpuntActivities, PlanDeadlineRequest } from './knelpunt.activities-contract';
import type { ActorRef } from './knelpunt.contract';
import { Draft, SYSTEEM } from './knelpunt.draft';

/**
 * Everything a transition awaits is bounded: local activities (no round trip through the server) that give up after
 * a few seconds, so an Update is answered quickly or refused with a retryable failure; never "applied later".
 */
export const local = proxyLocalActivities<KnelpuntActivities>({
  startToCloseTimeout: '4 seconds',
  scheduleToCloseTimeout: '8 seconds',
  retry: { initialInterval: '200 milliseconds', backoffCoefficient: 2, maximumInterval: '2 seconds', maximumAttempts: 4 },
});

const isOpen = (d: DeadlineState): boolean => d.state === 'lopend' || d.state === 'verlopen' || d.state === 'opgeschort';

export async function startDeadline(
  draft: Draft,
  kind: DeadlineKind,
  extra: { fixedDueDate?: string; instrument?: string } = {},
): Promise<DeadlineState> {
  const s = draft.state;
  const req: PlanDeadlineRequest = {
    deadlineId: uuid4(),
    knelpuntId: s.knelpuntId,
    organisation: s.organisation,
    kind,
    phase: s.status,
    now: draft.now(),
    ...extra,
  };
  const d = planHere(draft, req) ?? (await local.planDeadline(req));
  d.log.push({ at: draft.now(), type: 'gestart', actor: SYSTEEM, reason: d.explanation.join(' ') });
  s.deadlines.push(d);
  return d;
}

/**
 * Plans on the command's data when it has them; null when not (no data, no policy that applies, a request the
 * activity would refuse): then the activity plans, and refuses, exactly as before. The result crosses JSON like an
 * activity's result, so both ways give the same state.
 */
function planHere(draft: Draft, req: PlanDeadlineRequest): DeadlineState | null {
  if (!draft.planning || planRequestProblems(req).length > 0) return null;
  return pure(() => planFromPolicies(req, draft.planning!.policies, draft.planning!.kalender));
}

/** Due date and alarms again (after opschorting or verlenging), on the command's calendar or by the activity. */
async function recompute(draft: Draft, deadline: DeadlineState): Promise<DeadlineState> {
  const here = draft.planning ? pure(() => computeDeadline(deadline, draft.planning!.kalender, draft.now())) : null;
  return here ?? (await local.recomputeDeadline({ deadline, now: draft.now() }));
}

function pure(plan: () => DeadlineState | null): DeadlineState | null {
  try {
    const d = plan();
    return d ? (JSON.parse(JSON.stringify(d)) as DeadlineState) : null;
  } catch {
    return null; // the activity gives the same failure its usual way
  }
}

export function endDeadlines(draft: Draft, ending: DeadlineEnding | { kinds: 'all'; how: 'vervallen'; reason: string }): void {
  for (const d of draft.state.deadlines) {
    if (!isOpen(d) || (ending.kinds !== 'all' && !ending.kinds.includes(d.kind))) continue;
    d.state = ending.how;
    d.suspendedSince = null;
    d.log.push({ at: draft.now(), type: ending.how, actor: SYSTEEM, reason: ending.reason });
  }
  refreshOverdueFlag(draft);
}

export function suspend(draft: Draft, d: DeadlineState, actor: ActorRef, reason: string): void {
  d.state = 'opgeschort';
  d.suspendedSince = draft.now();
  d.log.push({ at: draft.now(), type: 'opgeschort', actor, reason });
  draft.record('termijn_opgeschort', actor, { deadlineId: d.id, kind: d.kind, reason });
}

export async function resume(draft: Draft, d: DeadlineState, actor: ActorRef, reason: string): Promise<void> {
  const today = toLocalDateAmsterdam(new Date());
  const since = d.suspendedSince ? toLocalDateAmsterdam(new Date(d.suspendedSince)) : today;
  const days = Math.max(0, daysBetween(since, today));
  const updated = await recompute(draft, { ...d, suspendedDays: d.suspendedDays + days, suspendedSince: null, state: 'lopend' });
  updated.log.push({ at: draft.now(), type: 'hervat', actor, reason, data: { opgeschorteDagen: days, nieuweDatum: updated.dueDate } });
  replaceDeadline(draft, updated);
  draft.record('termijn_hervat', actor, { deadlineId: d.id, kind: d.kind, reason, suspendedDays: days, dueDate: updated.dueDate });
}

export async function extend(draft: Draft, d: DeadlineState, extension: Term, actor: ActorRef, reason: string): Promise<void> {
  const updated = await recompute(draft, {
    ...d,
    extensions: [...d.extensions, extension],
    state: d.state === 'verlopen' ? 'lopend' : d.state,
  });
  updated.log.push({ at: draft.now(), type: 'verlengd', actor, reason, data: { extension, nieuweDatum: updated.dueDate } });
  replaceDeadline(draft, updated);
  draft.record('termijn_verlengd', actor, { deadlineId: d.id, kind: d.kind, reason, extension, dueDate: updated.dueDate });
}

function replaceDeadline(draft: Draft, d: DeadlineState): void {
  const list = draft.state.deadlines;
  const i = list.findIndex((x) => x.id === d.id);
  if (i >= 0) list[i] = d;
  else list.push(d);
  refreshOverdueFlag(draft);
}

export function refreshOverdueFlag(draft: Draft): void {
  const overdue = draft.state.deadlines.some((d) => d.state === 'verlopen');
  const flags = draft.state.details.flags.filter((f) => f !== 'termijn_verlopen');
  if (overdue) flags.push('termijn_verlopen');
  draft.state.details.flags = flags;
}
