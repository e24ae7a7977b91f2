import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Published quarterly reports (issue 9): every publication is an immutable snapshot of the report as it was computed
 * at that moment; a correction is a new version of the same quarter, the old versions stay. `published_by` (subject,
 * name) is for accountability inside the programme and is never part of a public answer.
 */
export class RapportagePublicaties1765200000000 implements MigrationInterface {
  name = 'RapportagePublicaties1765200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE rapportage_publicaties (
      id uuid PRIMARY KEY,
      kwartaal text NOT NULL,
      versie int NOT NULL,
      published_at timestamptz NOT NULL DEFAULT now(),
      published_by jsonb NOT NULL,
      snapshot jsonb NOT NULL,
      CONSTRAINT rapportage_publicaties_kwartaal_versie_key UNIQUE (kwartaal, versie),
      CONSTRAINT rapportage_publicaties_versie_positive CHECK (versie >= 1))`);
    await q.query(`CREATE INDEX rapportage_publicaties_published_at_idx ON rapportage_publicaties (published_at DESC, versie DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS rapportage_publicaties_published_at_idx`);
    await q.query(`DROP TABLE IF EXISTS rapportage_publicaties`);
  }
}
