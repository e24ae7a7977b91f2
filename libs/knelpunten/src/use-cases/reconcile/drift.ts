/**
 * Reconciliation: what drift is, and the pure comparison of one knelpunt's read model with its workflow's state.
 * No I/O here (unit-tested in drift.spec.ts).
 */
import { nextDueAt } from '@kp/domain';
import type { KnelpuntState } from '../../../../../workflows/knelpunt/knelpunt.contract';
import type { DeadlineView } from '../../entities/knelpunt.entity';

/** Stable codes of every kind of drift the reconciliation reports (the detail text beside them is Dutch). */
export const DRIFT_KINDS = [
  /** read model and workflow disagree on the status or the outcome */
  'status_verschilt',
  /** one side says afgesloten, the other does not (a read model closed while the workflow runs, or the reverse) */
  'afgesloten_verschilt',
  /** the workflow escalated the knelpunt, the read model does not know */
  'escalatie_verschilt',
  /** deadlines (ids, kinds, states, due dates), overdue or the next due date differ */
  'termijnen_verschillen',
  /** details.flags differ */
  'signalen_verschillen',
  /** the read model's projection_version is older than the workflow's version */
  'versie_achter',
  /** the read model's projection_version is newer than the workflow's version */
  'versie_voor',
  /** the workflow-start outbox row has not been started for longer than RECONCILE_START_GRACE_MS */
  'workflow_niet_gestart',
  /** the read model has an open knelpunt but Temporal knows no workflow for it (and the outbox thinks it started) */
  'workflow_ontbreekt',
  /** the workflow ended without closing the knelpunt (terminated, failed, cancelled, timed out) */
  'workflow_beeindigd',
  /** the workflow did not answer the state query in time (no worker?) */
  'workflow_reageert_niet',
  /** a notification delivery is stuck: 'bezig' past its lease or 'wachtend' long past its next attempt */
  'bezorging_vastgelopen',
] as const;
export type DriftKind = (typeof DRIFT_KINDS)[number];

/** Drift that re-projecting the workflow's state into the read model repairs. */
export const REPROJECTABLE: ReadonlySet<DriftKind> = new Set<DriftKind>([
  'status_verschilt',
  'afgesloten_verschilt',
  'escalatie_verschilt',
  'termijnen_verschillen',
  'signalen_verschillen',
  'versie_achter',
  'versie_voor',
]);

/** Drift that (re)starting the workflow through the outbox repairs. */
export const RESTARTABLE: ReadonlySet<DriftKind> = new Set<DriftKind>(['workflow_niet_gestart', 'workflow_ontbreekt']);

export interface Drift {
  knelpuntId: string | null;
  reference: string | null;
  kind: DriftKind;
  detail: string;
  repaired?: boolean;
}

/**
 * The columns of the read model the reconciliation compares: only what the workflow owns. Never the content nor the
 * references to parliament and law (kamerstukken, moties, toezeggingen, bwb_ids): the API writes those directly and
 * the workflow does not know them, so they can never be drift.
 */
export interface ReadModelRow {
  id: string;
  reference: string;
  organisationCode: string;
  driehoekCode: string;
  createdAt: Date;
  status: string;
  outcome: string | null;
  escalated: boolean;
  overdue: boolean;
  nextDueAt: Date | null;
  deadlines: DeadlineView[];
  details: Record<string, unknown>;
  projectionVersion: number;
  /** The workflow-start outbox row, when there is one. */
  start: { createdAt: Date; startedAt: Date | null; attempts: number; lastError: string | null } | null;
}

type Found = Omit<Drift, 'knelpuntId' | 'reference' | 'repaired'>;

const q = (v: unknown): string => (v === null || v === undefined ? 'leeg' : `'${String(v)}'`);

function instant(v: string | Date | null | undefined): number | null {
  if (v === null || v === undefined) return null;
  const t = new Date(v).getTime();
  return Number.isNaN(t) ? null : t;
}

function deadlineDifference(row: ReadModelRow, state: KnelpuntState): string | null {
  const wf = new Map(state.deadlines.map((d) => [d.id, d]));
  const rm = new Map((Array.isArray(row.deadlines) ? row.deadlines : []).map((d) => [d.id, d]));
  for (const [id, d] of wf) {
    const r = rm.get(id);
    if (!r) return `Termijn ${d.kind} (${id}) staat niet in het leesmodel.`;
    if (r.kind !== d.kind) return `Termijn ${id} is in het leesmodel ${q(r.kind)}, in de workflow ${q(d.kind)}.`;
    if (r.state !== d.state) return `Termijn ${d.kind} (${id}) is in het leesmodel ${q(r.state)}, in de workflow ${q(d.state)}.`;
    if (r.dueDate !== d.dueDate || instant(r.dueAt) !== instant(d.dueAt))
      return `Termijn ${d.kind} (${id}) verloopt volgens het leesmodel op ${q(r.dueDate)}, volgens de workflow op ${q(d.dueDate)}.`;
  }
  for (const [id, r] of rm) {
    if (!wf.has(id)) return `Termijn ${r.kind} (${id}) staat in het leesmodel maar niet in de workflow.`;
  }
  const overdue = state.deadlines.some((d) => d.state === 'verlopen');
  if (row.overdue !== overdue)
    return `Het leesmodel zegt ${row.overdue ? '' : 'niet '}verlopen, de workflow ${overdue ? '' : 'niet '}verlopen.`;
  const next = nextDueAt(state.deadlines);
  if (instant(row.nextDueAt) !== instant(next))
    return `De eerstvolgende termijn is in het leesmodel ${q(row.nextDueAt ? new Date(row.nextDueAt).toISOString() : null)}, in de workflow ${q(next)}.`;
  return null;
}

function flagsOf(details: Record<string, unknown> | null | undefined): string[] {
  const flags = details?.flags;
  return Array.isArray(flags) ? flags.map(String).sort() : [];
}

/** Everything in which the read model differs from the workflow's state (empty when they agree). */
export function compareWithWorkflow(row: ReadModelRow, state: KnelpuntState): Found[] {
  const found: Found[] = [];
  const rowClosed = row.status === 'afgesloten';
  const wfClosed = state.status === 'afgesloten';
  if (rowClosed !== wfClosed) {
    found.push({
      kind: 'afgesloten_verschilt',
      detail: rowClosed
        ? `Het leesmodel zegt afgesloten, maar de workflow loopt nog (status ${q(state.status)}).`
        : `De workflow is afgesloten (uitkomst ${q(state.outcome)}), maar het leesmodel zegt ${q(row.status)}.`,
    });
  } else if (row.status !== state.status || (row.outcome ?? null) !== (state.outcome ?? null)) {
    found.push({
      kind: 'status_verschilt',
      detail: `Het leesmodel zegt status ${q(row.status)} (uitkomst ${q(row.outcome)}), de workflow ${q(state.status)} (uitkomst ${q(state.outcome)}).`,
    });
  }
  // The read model keeps the escalated flag once set (the ACU's read scope); only a missing flag is drift.
  if (state.escalated && !row.escalated) {
    found.push({ kind: 'escalatie_verschilt', detail: 'De workflow heeft het knelpunt naar de ACU geëscaleerd, het leesmodel niet.' });
  }
  const deadlines = deadlineDifference(row, state);
  if (deadlines) found.push({ kind: 'termijnen_verschillen', detail: deadlines });
  const rowFlags = flagsOf(row.details);
  const wfFlags = [...(state.details.flags ?? [])].sort();
  if (rowFlags.join(',') !== wfFlags.join(',')) {
    found.push({
      kind: 'signalen_verschillen',
      detail: `Signalen in het leesmodel: ${rowFlags.join(', ') || 'geen'}; in de workflow: ${wfFlags.join(', ') || 'geen'}.`,
    });
  }
  if (row.projectionVersion < state.version) {
    found.push({
      kind: 'versie_achter',
      detail: `Het leesmodel heeft versie ${row.projectionVersion}, de workflow versie ${state.version}.`,
    });
  } else if (row.projectionVersion > state.version) {
    found.push({
      kind: 'versie_voor',
      detail: `Het leesmodel heeft versie ${row.projectionVersion}, nieuwer dan de workflow (versie ${state.version}).`,
    });
  }
  return found;
}
