/**
 * A transition in the making: a private copy of the state plus what the transition records (timeline entries) and
 * whom it tells (notification intents for the outbox). The process commits a draft only after everything it had to
 * run succeeded; a failed transition leaves the committed state as it was.
 */
import { uuid4 } from '@temporalio/workflow';
import type { Recipient } from '../../libs/domain/src/knelpunt/process-rules';
import type { UsablePlanning } from '../../libs/domain/src/termijnen/planning';
import type { ActorRef, KnelpuntState } from './knelpunt.contract';
import type { NotificationIntent, TimelineEvent } from './knelpunt.activities-contract';

export const SYSTEEM: ActorRef = { subject: 'systeem', name: 'Systeem (termijnbewaking)', role: 'systeem', organisation: null };

export class Draft {
  readonly state: KnelpuntState;
  readonly timeline: TimelineEvent[] = [];
  readonly notifications: NotificationIntent[] = [];

  /**
   * @param planning the command's data to plan deadlines with (policies, calendar); null: plan through the activity
   */
  constructor(
    committed: KnelpuntState,
    readonly planning: UsablePlanning | null = null,
  ) {
    // The state is plain JSON (it crosses Temporal payloads as such): a deep copy by JSON is exact.
    this.state = JSON.parse(JSON.stringify(committed)) as KnelpuntState;
  }

  now(): string {
    return new Date().toISOString();
  }

  record(type: string, actor: ActorRef, data: Record<string, unknown> = {}): void {
    this.timeline.push({ id: uuid4(), at: this.now(), type, actor, data });
  }

  /** Tells `recipients` about this knelpunt once per key; the outbox renders the template of `kind` with `data`. */
  notify(key: string, kind: string, recipients: Recipient[], data: Record<string, unknown> = {}): void {
    if (recipients.length > 0) this.notifications.push({ key, kind, recipients, data });
  }
}
