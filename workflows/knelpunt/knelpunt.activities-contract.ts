/** The activities the knelpunt workflow calls (implemented in the libs; types only here). */
import type { DeadlineState } from '../../libs/domain/src/termijnen/deadline-state';
import type { PlanRequest } from '../../libs/domain/src/termijnen/planning';
import type { Recipient } from '../../libs/domain/src/knelpunt/process-rules';
import type { ActorRef, KnelpuntState } from './knelpunt.contract';

export interface TimelineEvent {
  /** deterministic id (uuid4 from the workflow): the projection inserts it once */
  id: string;
  at: string;
  type: string;
  actor: ActorRef;
  data: Record<string, unknown>;
}

export type { Recipient };

export interface NotifyInput {
  /** idempotency key: the same key never notifies twice */
  key: string;
  knelpuntId: string;
  reference: string;
  kind: string;
  subject: string;
  body: string;
  recipients: Recipient[];
  at: string;
}

/** A notification decided by a transition: written to the outbox in the projection's transaction (core v2). */
export interface NotificationIntent {
  /** idempotency key: the same key never notifies a recipient twice */
  key: string;
  /** template kind in libs/notificaties (ontvangen, acu_agenda, afgesloten, herinnering, verlopen, acu_doorgeschoven) */
  kind: string;
  recipients: Recipient[];
  /** template data (dates as ISO local dates, codes as codes: the template words them) */
  data: Record<string, unknown>;
}

export interface ProjectionInput {
  state: KnelpuntState;
  timeline: TimelineEvent[];
  at: string;
  /** core v2: the transition's notifications, stored with the state in one transaction */
  notifications?: NotificationIntent[];
}

/** A deadline to plan, of one knelpunt. */
export interface PlanDeadlineRequest extends PlanRequest {
  knelpuntId: string;
}

export interface AcuPlacement {
  meetingId: string;
  meetingDate: string;
  carryOvers: number;
}

export interface KnelpuntActivities {
  projectKnelpunt(input: ProjectionInput): Promise<void>;
  planDeadline(input: PlanDeadlineRequest): Promise<DeadlineState>;
  recomputeDeadline(input: { deadline: DeadlineState; now: string }): Promise<DeadlineState>;
  /** core v1 only (running legacy workflows): writes the outbox, never sends */
  notify(input: NotifyInput): Promise<void>;
  /** Puts the knelpunt on the next ACU meeting whose agenda is open (idempotent per knelpunt). */
  placeOnAcuAgenda(input: { knelpuntId: string; reason: string; now: string }): Promise<AcuPlacement>;
  /** The meeting passed without a decision: carry the item to the next meeting (idempotent per key). */
  carryOverAcuItem(input: { knelpuntId: string; fromMeetingId: string; now: string }): Promise<AcuPlacement>;
  /** The ACU decided: close the agenda item. */
  closeAcuItem(input: { knelpuntId: string; decision: string; now: string }): Promise<void>;
}
