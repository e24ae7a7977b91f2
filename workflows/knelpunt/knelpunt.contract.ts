/**
 * The contract of the knelpunt workflow: task queue, ids, input, state, updates and queries.
 * Imported by the workflow, the worker and the API client, so nothing names the workflow by a bare string.
 * Only types and @temporalio/workflow definitions here (this file is bundled into the workflow sandbox).
 */
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { Outcome, Status } from '../../libs/domain/src/knelpunt/statuses';
import type { DecisionName } from '../../libs/domain/src/knelpunt/decisions';
import type { DeadlineState } from '../../libs/domain/src/termijnen/deadline-state';
import type { TermUnit } from '../../libs/domain/src/werkdagen/termijn';
import type { KnelpuntDetails } from '../../libs/domain/src/knelpunt/process-rules';
import type { PlanningSnapshot } from '../../libs/domain/src/termijnen/planning';

export const KNELPUNT_WORKFLOW_TYPE = 'knelpuntWorkflow';
export const DEFAULT_TASK_QUEUE = 'knelpunten';

export function knelpuntWorkflowId(knelpuntId: string): string {
  return `knelpunt-${knelpuntId}`;
}

export interface ActorRef {
  subject: string;
  name: string;
  role: string;
  organisation: string | null;
  driehoek?: string | null;
}

export interface KnelpuntWorkflowInput {
  knelpuntId: string;
  reference: string;
  organisation: string;
  driehoek: string;
  /** ISO instant of intake: the driehoek term starts here. */
  submittedAt: string;
  /** Set by continue-as-new: the state carried over. */
  carried?: KnelpuntState;
  /** searchAttributes=false where the server has none registered (the Java time-skipping test server). */
  features?: { searchAttributes?: boolean; historyLimit?: number };
}

/** The details a decision records (one source: libs/domain's process rules). */
export type { KnelpuntDetails };

export interface KnelpuntState {
  knelpuntId: string;
  reference: string;
  organisation: string;
  driehoek: string;
  submittedAt: string;
  status: Status;
  outcome: Outcome | null;
  escalated: boolean;
  details: KnelpuntDetails;
  deadlines: DeadlineState[];
  /** Monotonic projection version: the database never goes back to an older state. */
  version: number;
  /** Recently applied decision ids: a retried request is answered without applying twice. */
  appliedDecisionIds: string[];
}

/**
 * What every command may carry: the data to plan its deadlines with (policies and calendar, read by the API just before
 * it sent the command). With it the workflow plans without a local activity (`patched('planning-uit-opdracht')`);
 * without it, or when it is not well formed, through the planning activity as before.
 */
export interface CommandPlanning {
  planning?: PlanningSnapshot;
}

export interface DecisionCommand extends CommandPlanning {
  /** Idempotency key of this decision (the API generates one per request unless given). */
  decisionId: string;
  decision: DecisionName;
  actor: ActorRef;
  fields: Record<string, unknown>;
}

export interface VoortgangCommand extends CommandPlanning {
  voortgangId: string;
  actor: ActorRef;
  summary: string;
}

export type DeadlineAction = 'opschorten' | 'hervatten' | 'verlengen';

export interface DeadlineCommand extends CommandPlanning {
  commandId: string;
  action: DeadlineAction;
  /** Deadline id, or its kind (the running deadline of that kind). */
  deadline: string;
  reason: string;
  actor: ActorRef;
  extension?: { amount: number; unit: TermUnit };
}

/**
 * What an Update answers: small, so the history does not carry a copy of the state per decision. (Core v1 answered
 * the whole state; callers read the read model afterwards, which the transition has already written.)
 */
export interface TransitionResult {
  status: Status;
  outcome: Outcome | null;
  version: number;
}

export const decisionUpdate = defineUpdate<TransitionResult, [DecisionCommand]>('beslissing');
export const voortgangUpdate = defineUpdate<TransitionResult, [VoortgangCommand]>('voortgang');
export const deadlineUpdate = defineUpdate<TransitionResult, [DeadlineCommand]>('termijn');
export const stateQuery = defineQuery<KnelpuntState>('toestand');
