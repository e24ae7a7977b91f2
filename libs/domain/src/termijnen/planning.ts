/**
 * Planning a deadline from data: the request of a transition, the policies that may apply and the calendar. Pure.
 * The planning activity (libs/termijnen) runs it on the policies and equated days it reads from the database; the
 * knelpunt workflow runs it on a {@link PlanningSnapshot} that the API read just before it sent the command, so a
 * decision plans its deadlines without a local activity (issue 10, goal 3). The snapshot travels in the command's
 * arguments and so is recorded in the history: a replay plans exactly the same.
 */
import { isLocalDate, LocalDate } from '../werkdagen/local-date';
import type { EquatedDay } from '../werkdagen/feestdagen';
import { toLocalDateAmsterdam } from '../werkdagen/amsterdam-tijd';
import type { TermUnit } from '../werkdagen/termijn';
import { TERM_UNITS } from '../werkdagen/termijn';
import { WerkdagenKalender } from '../werkdagen/werkdagen-kalender';
import { DEADLINE_KINDS, DeadlineKind, DeadlinePolicySnapshot, DeadlineState } from './deadline-state';
import { planDeadline } from './plan-deadline';
import { resolveDeadlinePolicy } from './resolve-deadline-policy';

/** Kinds that run to a fixed date (targetDate, meeting date) instead of a counted term. */
export const FIXED_DATE_KINDS: readonly DeadlineKind[] = ['streefdatum', 'acu_behandeling'];

/** One row of the deadline policies as planning needs it (organisation or default, kind, instrument or none). */
export interface PolicyCandidate {
  /** null = the default policy for every organisation */
  organisation: string | null;
  kind: DeadlineKind;
  /** only for politieke_reactie: the instrument, null = any instrument */
  instrument: string | null;
  termAmount: number;
  termUnit: TermUnit;
  policy: DeadlinePolicySnapshot;
}

/** What a workflow needs to plan the deadlines of one transition itself: the organisation's policies and the calendar. */
export interface PlanningSnapshot {
  /** the policies of the organisation and the defaults, every kind and instrument */
  policies: PolicyCandidate[];
  /** the days equated to feestdagen (the full stored list; replaces the calendar's defaults) */
  equatedDays: EquatedDay[];
}

/** A deadline to plan (the activity's request without the knelpunt id). */
export interface PlanRequest {
  deadlineId: string;
  organisation: string;
  kind: DeadlineKind;
  phase: string;
  /** the event date (Europe/Amsterdam local date of `now` unless given) */
  startedOn?: string;
  now: string;
  fixedDueDate?: string;
  instrument?: string;
}

/** What is wrong with a plan request (Dutch reasons, by field); empty when it can be planned. */
export function planRequestProblems(req: PlanRequest): { name: string; reason: string }[] {
  const problems: { name: string; reason: string }[] = [];
  if (typeof req.deadlineId !== 'string' || req.deadlineId === '') problems.push({ name: 'deadlineId', reason: 'is verplicht' });
  if (typeof req.organisation !== 'string' || req.organisation === '') problems.push({ name: 'organisation', reason: 'is verplicht' });
  if (!(DEADLINE_KINDS as readonly string[]).includes(req.kind)) {
    problems.push({ name: 'kind', reason: `moet een van ${DEADLINE_KINDS.join(', ')} zijn` });
  }
  if (typeof req.now !== 'string' || Number.isNaN(Date.parse(req.now)))
    problems.push({ name: 'now', reason: 'moet een ISO-tijdstip zijn' });
  if (req.startedOn !== undefined && !isLocalDate(req.startedOn))
    problems.push({ name: 'startedOn', reason: 'moet een datum zijn (JJJJ-MM-DD)' });
  if (req.fixedDueDate !== undefined && !isLocalDate(req.fixedDueDate)) {
    problems.push({ name: 'fixedDueDate', reason: 'moet een datum zijn (JJJJ-MM-DD)' });
  }
  if (FIXED_DATE_KINDS.includes(req.kind) && req.fixedDueDate === undefined) {
    problems.push({ name: 'fixedDueDate', reason: `is verplicht voor een termijn van soort '${req.kind}'` });
  }
  return problems;
}

/**
 * Plans the deadline of a valid request (see {@link planRequestProblems}) with the policy that applies among
 * `candidates`; null when none applies.
 */
export function planFromPolicies(
  req: PlanRequest,
  candidates: readonly PolicyCandidate[],
  kalender: WerkdagenKalender,
): DeadlineState | null {
  const instrument = req.kind === 'politieke_reactie' ? (req.instrument ?? null) : null;
  const policy = resolveDeadlinePolicy(candidates, { organisation: req.organisation, kind: req.kind, instrument });
  if (!policy) return null;
  return planDeadline(
    {
      id: req.deadlineId,
      kind: req.kind,
      phase: req.phase,
      startedOn: (req.startedOn as LocalDate | undefined) ?? toLocalDateAmsterdam(new Date(req.now)),
      term: { amount: policy.termAmount, unit: policy.termUnit },
      policy: policy.policy,
      now: req.now,
      ...(req.fixedDueDate ? { fixedDueDate: req.fixedDueDate as LocalDate } : {}),
    },
    kalender,
  );
}

/** A snapshot checked for use: its calendar built. */
export interface UsablePlanning {
  policies: readonly PolicyCandidate[];
  kalender: WerkdagenKalender;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isCount = (v: unknown): boolean => Number.isInteger(v) && (v as number) >= 0;
const isCountOrNull = (v: unknown): boolean => v === null || isCount(v);

function isPolicyCandidate(c: unknown): c is PolicyCandidate {
  if (!isRecord(c) || !isRecord(c.policy)) return false;
  const p = c.policy;
  return (
    (c.organisation === null || typeof c.organisation === 'string') &&
    (DEADLINE_KINDS as readonly unknown[]).includes(c.kind) &&
    (c.instrument === null || typeof c.instrument === 'string') &&
    isCount(c.termAmount) &&
    (TERM_UNITS as readonly unknown[]).includes(c.termUnit) &&
    Array.isArray(p.reminderWerkdagen) &&
    p.reminderWerkdagen.every(isCount) &&
    isCountOrNull(p.overdueRepeatDays) &&
    isCountOrNull(p.acuAfterOverdueWeeks) &&
    typeof p.notifyProgrammadirectieWhenOverdue === 'boolean' &&
    Number.isInteger(p.reminderHour) &&
    (p.reminderHour as number) >= 0 &&
    (p.reminderHour as number) <= 23
  );
}

/**
 * The snapshot as the workflow may use it, or null when it is absent or not well formed (payloads are untyped: a
 * snapshot that is not what this code expects is never trusted; the transition then plans through the activity).
 */
export function usablePlanning(snapshot: unknown): UsablePlanning | null {
  if (!isRecord(snapshot) || !Array.isArray(snapshot.policies) || !Array.isArray(snapshot.equatedDays)) return null;
  if (!snapshot.policies.every(isPolicyCandidate)) return null;
  const days = snapshot.equatedDays as unknown[];
  if (!days.every((d) => isRecord(d) && isLocalDate(d.date) && typeof d.name === 'string')) return null;
  try {
    return { policies: snapshot.policies, kalender: new WerkdagenKalender(days as EquatedDay[]) };
  } catch {
    return null;
  }
}
