import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { KnelpuntState } from '../../../../workflows/knelpunt/knelpunt.contract';
import type { NotificationIntent, TimelineEvent } from '../../../../workflows/knelpunt/knelpunt.activities-contract';
import { enqueueNotifications } from '@kp/notificaties/outbox/notification-outbox';
import { READ_MODEL_SET, readModelParams } from '../mappers/read-model.mapper';

@Injectable()
export class KnelpuntProjectionRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /**
   * One transaction: the timeline, the read model and the transition's notifications (the outbox). Idempotent: the
   * timeline and notifications insert once by id, the row only moves to a newer version.
   */
  async apply(state: KnelpuntState, timeline: TimelineEvent[], at: Date, notifications: NotificationIntent[] = []): Promise<void> {
    await this.ds.transaction(async (em) => {
      for (const e of timeline) {
        await em.query(
          `INSERT INTO knelpunt_timeline (id, knelpunt_id, at, type, actor, data) VALUES ($1, $2, $3, $4, $5, $6)
           ON CONFLICT (id) DO NOTHING`,
          [e.id, state.knelpuntId, e.at, e.type, JSON.stringify(e.actor), JSON.stringify(e.data)],
        );
      }
      await em.query(`UPDATE knelpunten SET ${READ_MODEL_SET} WHERE id = $1 AND projection_version < $9`, readModelParams(state, at));
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
