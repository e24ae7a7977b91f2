import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The audit log: one row per successful mutating API request (who, when, which route and ids, which status), never
 * the request body. Append-only like knelpunt_timeline: a trigger refuses UPDATE and DELETE row by row, and a
 * statement trigger refuses TRUNCATE.
 */
export class Audit1764000000000 implements MigrationInterface {
  name = 'Audit1764000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE audit_log (
      id uuid PRIMARY KEY,
      seq bigserial NOT NULL,
      at timestamptz NOT NULL DEFAULT clock_timestamp(),
      actor_subject varchar(200),
      actor_name varchar(300),
      actor_role varchar(32),
      actor_organisation varchar(16),
      actor_driehoek varchar(16),
      method varchar(8) NOT NULL,
      route varchar(300) NOT NULL,
      params jsonb NOT NULL DEFAULT '{}'::jsonb,
      resource_id varchar(200),
      status int NOT NULL,
      request_id varchar(100))`);
    await q.query(`CREATE INDEX audit_log_at_idx ON audit_log (at DESC, seq DESC)`);
    await q.query(`CREATE INDEX audit_log_actor_idx ON audit_log (actor_subject, at DESC)`);
    // Who touched a knelpunt (or any other resource), from the ids in the path.
    await q.query(`CREATE INDEX audit_log_params_idx ON audit_log USING gin (params jsonb_path_ops)`);
    await q.query(`CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_log is append-only (% refused)', TG_OP;
      END $$`);
    await q.query(`CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log
      FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()`);
    await q.query(`CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
      FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER IF EXISTS audit_log_no_truncate ON audit_log`);
    await q.query(`DROP TRIGGER IF EXISTS audit_log_no_update ON audit_log`);
    await q.query(`DROP TABLE IF EXISTS audit_log`);
    await q.query(`DROP FUNCTION IF EXISTS audit_log_append_only()`);
  }
}
