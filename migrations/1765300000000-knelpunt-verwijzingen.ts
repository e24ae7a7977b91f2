import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * References to parliament and law on a knelpunt (issue 9): Kamerstukken (dossier-ondernummer, e.g. `29362-290`),
 * moties and toezeggingen, and laws and regelingen by their BWB id (e.g. `BWBR0002448`). Arrays with GIN indexes:
 * the lists filter on them (`@>`) and the Staat analysis groups by them (`unnest`), both without a scan.
 */
export class KnelpuntVerwijzingen1765300000000 implements MigrationInterface {
  name = 'KnelpuntVerwijzingen1765300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE knelpunten
      ADD COLUMN kamerstukken text[] NOT NULL DEFAULT '{}',
      ADD COLUMN moties text[] NOT NULL DEFAULT '{}',
      ADD COLUMN toezeggingen text[] NOT NULL DEFAULT '{}',
      ADD COLUMN bwb_ids text[] NOT NULL DEFAULT '{}'`);
    await q.query(`CREATE INDEX knelpunten_kamerstukken_idx ON knelpunten USING gin (kamerstukken)`);
    await q.query(`CREATE INDEX knelpunten_moties_idx ON knelpunten USING gin (moties)`);
    await q.query(`CREATE INDEX knelpunten_toezeggingen_idx ON knelpunten USING gin (toezeggingen)`);
    await q.query(`CREATE INDEX knelpunten_bwb_ids_idx ON knelpunten USING gin (bwb_ids)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS knelpunten_bwb_ids_idx`);
    await q.query(`DROP INDEX IF EXISTS knelpunten_toezeggingen_idx`);
    await q.query(`DROP INDEX IF EXISTS knelpunten_moties_idx`);
    await q.query(`DROP INDEX IF EXISTS knelpunten_kamerstukken_idx`);
    await q.query(`ALTER TABLE knelpunten
      DROP COLUMN IF EXISTS bwb_ids,
      DROP COLUMN IF EXISTS toezeggingen,
      DROP COLUMN IF EXISTS moties,
      DROP COLUMN IF EXISTS kamerstukken`);
  }
}
