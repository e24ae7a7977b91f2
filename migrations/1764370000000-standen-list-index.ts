import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The public list of Standen (GET /standen) pages by keyset, newest first, optionally for one
 * organisation: these indexes serve exactly StandRepository.listPublic()'s ORDER BY.
 */
export class StandenListIndex1764370000000 implements MigrationInterface {
  name = 'StandenListIndex1764370000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX standen_list_idx ON standen (created_at DESC, id DESC)`);
    await q.query(`CREATE INDEX standen_organisation_list_idx ON standen (organisation_code, created_at DESC, id DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS standen_organisation_list_idx`);
    await q.query(`DROP INDEX IF EXISTS standen_list_idx`);
  }
}
