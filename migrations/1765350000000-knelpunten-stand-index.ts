import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The Staat van de Uitvoering analysis (GET /analyse/staat, issue 9) reads the knelpunten of the Standen of one year:
 * the Standen of that year are few (one per organisation), their knelpunten are found through this index instead of
 * a scan of every knelpunt ever submitted. It also serves the foreign key knelpunten.stand_id.
 */
export class KnelpuntenStandIndex1765350000000 implements MigrationInterface {
  name = 'KnelpuntenStandIndex1765350000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX knelpunten_stand_idx ON knelpunten (stand_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS knelpunten_stand_idx`);
  }
}
