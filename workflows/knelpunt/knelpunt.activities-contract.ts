/** The activities the knelpunt workflow calls (implemented in the libs; types only here). */
import type { DeadlineKind, DeadlineState } from '../../libs/domain/src/termijnen/deadline-state';
import type { ActorRef, KnelpuntState } from './knelpunt.contract';

export interface TimelineEvent {
  /** deterministic id (uuid4 from the workflow): the projection inserts it once */
  id: string;
  at: string;
  type: string;
  actor: ActorRef;
  data: Record<string, unknown>;
}

export type Recipient =
  { role: 'indiener'; organisation: string } | { role: 'driehoek'; driehoek: string } | { role: 'acu' } | { role: 'programmadirectie' };

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

export interface PlanDeadlineRequest {
  deadlineId: string;
  knelpuntId: string;
  organisation: string;
  kind: DeadlineKind;
  phase: string;
  /** the event date (Europe/Amsterdam local date of `now` unless given) */
  startedOn?: string;
  now: string;
  fixedDueDate?: string;
  instrument?: string;
}

export interface AcuPlacement {
  meetingId: string;
  meetingDate: string;
  carryOvers: number;
}

export interface KnelpuntActivities {
  projectKnelpunt(input: { state: KnelpuntState; timeline: TimelineEvent[]; at: string }): Promise<void>;
  planDeadline(input: PlanDeadlineRequest): Promise<DeadlineState>;
  recomputeDeadline(input: { deadline: DeadlineState; now: string }): Promise<DeadlineState>;
  notify(input: NotifyInput): Promise<void>;
  /** Puts the knelpunt on the next ACU meeting whose agenda is open (idempotent per knelpunt). */
  placeOnAcuAgenda(input: { knelpuntId: string; reason: string; now: string }): Promise<AcuPlacement>;
  /** The meeting passed without a decision: carry the item to the next meeting (idempotent per key). */
  carryOverAcuItem(input: { knelpuntId: string; fromMeetingId: string; now: string }): Promise<AcuPlacement>;
  /** The ACU decided: close the agenda item. */
  closeAcuItem(input: { knelpuntId: string; decision: string; now: string }): Promise<void>;
}
