import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The dashboard (GET /api/v1/statistieken) counts decisions and closures per quarter from the timeline. Only the
 * status transitions matter there (entries whose data has `naar`): a partial index on their time lets it read
 * those and skip the reminders, deadline changes and voortgang that make up most of the timeline.
 * The predicate must stay identical to StatistiekenRepository.perQuarter().
 */
export class TimelineTransitionsIndex1764250000000 implements MigrationInterface {
  name = 'TimelineTransitionsIndex1764250000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX knelpunt_timeline_transitions_idx ON knelpunt_timeline (at) WHERE data ? 'naar'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS knelpunt_timeline_transitions_idx`);
  }
}
