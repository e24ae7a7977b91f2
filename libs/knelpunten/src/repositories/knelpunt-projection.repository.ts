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
   * timeline and notifications insert once by id, the row only moves to a newer version. The timeline, the read model
   * and the workflow start are one statement (data-modifying CTEs, atomic by themselves); only a transition with
   * notifications needs an explicit transaction around it and the outbox: fewer round-trips inside every Update.
   */
  async apply(state: KnelpuntState, timeline: TimelineEvent[], at: Date, notifications: NotificationIntent[] = []): Promise<void> {
    const params = [...readModelParams(state, at), JSON.stringify(timeline)];
    if (notifications.length === 0) {
      await this.ds.query(PROJECT_SQL, params);
      return;
    }
    await this.ds.transaction(async (em) => {
      await em.query(PROJECT_SQL, params);
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

/**
 * $1..$10 are {@link readModelParams}, $11 the timeline events as a JSON array (inserted in their order, so `seq`
 * follows it). The workflow start is marked started once (the first projection of a workflow proves it runs; later
 * ones leave the row alone instead of rewriting it unchanged).
 */
const PROJECT_SQL = `WITH timeline AS (
    INSERT INTO knelpunt_timeline (id, knelpunt_id, at, type, actor, data)
    SELECT (e.j->>'id')::uuid, $1::uuid, (e.j->>'at')::timestamptz, e.j->>'type', e.j->'actor', e.j->'data'
      FROM jsonb_array_elements($11::jsonb) WITH ORDINALITY AS e(j, n)
     ORDER BY e.n
    ON CONFLICT (id) DO NOTHING
  ), started AS (
    UPDATE workflow_starts SET started_at = $10::timestamptz WHERE knelpunt_id = $1::uuid AND started_at IS NULL
  )
  UPDATE knelpunten SET ${READ_MODEL_SET} WHERE id = $1::uuid AND projection_version < $9`;
