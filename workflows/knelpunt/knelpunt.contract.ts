/**
 * The contract of the knelpunt workflow: task queue, ids, input, state, updates and queries.
 * Imported by the workflow, the worker and the API client, so nothing names the workflow by a bare string.
 * Only types and @temporalio/workflow definitions here (this file is bundled into the workflow sandbox).
 */
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { Outcome, Status } from '../../libs/domain/src/knelpunt/statuses';
import type { DecisionName } from '../../libs/domain/src/knelpunt/decisions';
import type { DeadlineState } from '../../libs/domain/src/termijnen/deadline-state';

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

export interface KnelpuntDetails {
  owner?: string;
  plan?: string;
  targetDate?: string;
  question?: string;
  response?: string;
  motivation?: string;
  summary?: string;
  team?: string;
  lead?: string;
  instrument?: string;
  politiekResultaat?: string;
  mergedInto?: { knelpuntId?: string; clusterId?: string };
  clusterId?: string;
  acuMeetingId?: string;
  acuMeetingDate?: string;
  acuCarryOvers?: number;
  lastVoortgangAt?: string;
  flags: string[];
}

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

export interface DecisionCommand {
  /** Idempotency key of this decision (the API generates one per request unless given). */
  decisionId: string;
  decision: DecisionName;
  actor: ActorRef;
  fields: Record<string, unknown>;
}

export interface VoortgangCommand {
  voortgangId: string;
  actor: ActorRef;
  summary: string;
}

export type DeadlineAction = 'opschorten' | 'hervatten' | 'verlengen';

export interface DeadlineCommand {
  commandId: string;
  action: DeadlineAction;
  /** Deadline id, or its kind (the running deadline of that kind). */
  deadline: string;
  reason: string;
  actor: ActorRef;
  extension?: { amount: number; unit: 'werkdagen' | 'dagen' | 'weken' | 'maanden' };
}

export const decisionUpdate = defineUpdate<KnelpuntState, [DecisionCommand]>('beslissing');
export const voortgangUpdate = defineUpdate<KnelpuntState, [VoortgangCommand]>('voortgang');
export const deadlineUpdate = defineUpdate<KnelpuntState, [DeadlineCommand]>('termijn');
export const stateQuery = defineQuery<KnelpuntState>('toestand');
