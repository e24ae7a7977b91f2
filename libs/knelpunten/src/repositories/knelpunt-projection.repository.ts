import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { KnelpuntState } from '../../../../workflows/knelpunt/knelpunt.contract';
import type { NotificationIntent, TimelineEvent } from '../../../../workflows/knelpunt/knelpunt.activities-contract';
import { enqueueNotifications } from '@kp/notificaties/outbox/notification-outbox';
import { nextDueAt } from '@kp/domain';
import type { DeadlineView } from '../entities/knelpunt.entity';

@Injectable()
export class KnelpuntProjectionRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /**
   * One transaction: the timeline, the read model and the transition's notifications (the outbox). Idempotent: the
   * timeline and notifications insert once by id, the row only moves to a newer version.
   */
  async apply(state: KnelpuntState, timeline: TimelineEvent[], at: Date, notifications: NotificationIntent[] = []): Promise<void> {
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
    const overdue = state.deadlines.some((d) => d.state === 'verlopen');
    const { flags, ...rest } = state.details;
    const details = { ...rest, flags };
    await this.ds.transaction(async (em) => {
      for (const e of timeline) {
        await em.query(
          `INSERT INTO knelpunt_timeline (id, knelpunt_id, at, type, actor, data) VALUES ($1, $2, $3, $4, $5, $6)
           ON CONFLICT (id) DO NOTHING`,
          [e.id, state.knelpuntId, e.at, e.type, JSON.stringify(e.actor), JSON.stringify(e.data)],
        );
      }
      await em.query(
        `UPDATE knelpunten SET status = $2, outcome = $3, escalated = escalated OR $4, overdue = $5, next_due_at = $6,
           deadlines = $7, details = $8, projection_version = $9, updated_at = $10
         WHERE id = $1 AND projection_version < $9`,
        [
          state.knelpuntId,
          state.status,
          state.outcome,
          state.escalated,
          overdue,
          nextDueAt(state.deadlines),
          JSON.stringify(deadlines),
          JSON.stringify(details),
          state.version,
          at,
        ],
      );
      await em.query(`UPDATE workflow_starts SET started_at = coalesce(started_at, $2) WHERE knelpunt_id = $1`, [state.knelpuntId, at]);
      await enqueueNotifications(
        em,
        notifications.map((n) => ({
          key: n.key,
          knelpuntId: state.knelpuntId,
          reference: state.reference,
          kind: n.kind,
          recipients: n.recipients,
          data: n.data,
          at: at.toISOString(),
        })),
      );
    });
  }
}
