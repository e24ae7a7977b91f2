import { nextDueAt } from '@kp/domain';
import type { KnelpuntState } from '../../../../workflows/knelpunt/knelpunt.contract';
import type { DeadlineView } from '../entities/knelpunt.entity';

/**
 * The read-model columns of a workflow state, as SQL parameters $2..$9 after the id (projection and reconcile share it).
 * Only what the workflow owns: the content and the references to parliament and law (kamerstukken, moties,
 * toezeggingen, bwb_ids) are written by the API directly and must never appear here, or a projection would undo them.
 */
export const READ_MODEL_SET = `status = $2, outcome = $3, escalated = escalated OR $4, overdue = $5, next_due_at = $6,
  deadlines = $7, details = $8, projection_version = $9, updated_at = $10`;

/** Parameters $1..$10 of {@link READ_MODEL_SET}: id, the state's columns, and the time of writing. */
export function readModelParams(state: KnelpuntState, at: Date): unknown[] {
  const deadlines: DeadlineView[] = state.deadlines.map((d) => ({
    id: d.id,
    kind: d.kind,
    phase: d.phase,
    dueAt: d.dueAt,
    dueDate: d.dueDate,
    state: d.state,
    startedOn: d.startedOn,
    term: d.term,
    suspendedDays: d.suspendedDays,
    explanation: d.explanation,
    reminders: d.alarms
      .filter((a) => a.type === 'herinnering' || a.type === 'herhaalherinnering')
      .map((a) => ({ at: a.at, label: a.label, sent: a.done && !a.skipped })),
    log: d.log.map((l) => ({ at: l.at, type: l.type, actor: { ...l.actor }, reason: l.reason, ...(l.data ? { data: l.data } : {}) })),
  }));
  const { flags, ...rest } = state.details;
  return [
    state.knelpuntId,
    state.status,
    state.outcome,
    state.escalated,
    state.deadlines.some((d) => d.state === 'verlopen'),
    nextDueAt(state.deadlines),
    JSON.stringify(deadlines),
    JSON.stringify({ ...rest, flags: flags ?? [] }),
    state.version,
    at,
  ];
}
