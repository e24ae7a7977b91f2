import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Cluster suggestions for the ACU (issue 9): pg_trgm with GIN trigram indexes on the knelpunten' title and
 * description (the suggestion query finds look-alikes through them, never by scanning every pair), and the
 * suggestions the ACU rejected: one row per unordered pair (stored ordered, a < b), so a rejection holds for good.
 */
export class ClusterSuggesties1765100000000 implements MigrationInterface {
  name = 'ClusterSuggesties1765100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await q.query(`CREATE INDEX knelpunten_title_trgm_idx ON knelpunten USING gin (title gin_trgm_ops)`);
    await q.query(`CREATE INDEX knelpunten_description_trgm_idx ON knelpunten USING gin (description gin_trgm_ops)`);
    await q.query(`CREATE TABLE acu_cluster_suggestie_afwijzingen (
      knelpunt_a uuid NOT NULL REFERENCES knelpunten(id),
      knelpunt_b uuid NOT NULL REFERENCES knelpunten(id),
      reason varchar(2000),
      rejected_by jsonb NOT NULL,
      rejected_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (knelpunt_a, knelpunt_b),
      CONSTRAINT acu_cluster_suggestie_afwijzingen_ordered CHECK (knelpunt_a < knelpunt_b))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS acu_cluster_suggestie_afwijzingen`);
    await q.query(`DROP INDEX IF EXISTS knelpunten_description_trgm_idx`);
    await q.query(`DROP INDEX IF EXISTS knelpunten_title_trgm_idx`);
    // Another migration may have come to rely on pg_trgm as well: then it stays.
    await q.query(`DO $$ BEGIN
      DROP EXTENSION IF EXISTS pg_trgm;
    EXCEPTION WHEN dependent_objects_still_exist THEN NULL;
    END $$`);
  }
}
