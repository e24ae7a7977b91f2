import { MigrationInterface, QueryRunner } from 'typeorm';

/** Foundation schema: reference data, Standen, knelpunten, the append-only timeline, the workflow outbox. */
export class Init1763800000000 implements MigrationInterface {
  name = 'Init1763800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE ministeries (
      code varchar(16) PRIMARY KEY,
      name varchar(200) NOT NULL,
      active boolean NOT NULL DEFAULT true)`);
    await q.query(`CREATE TABLE organisaties (
      code varchar(16) PRIMARY KEY,
      name varchar(200) NOT NULL,
      kind varchar(32) NOT NULL DEFAULT 'uitvoeringsorganisatie',
      active boolean NOT NULL DEFAULT true)`);
    await q.query(`CREATE TABLE driehoeken (
      code varchar(16) PRIMARY KEY,
      opdrachtnemer_code varchar(16) NOT NULL REFERENCES organisaties(code),
      eigenaar_code varchar(16) NOT NULL REFERENCES ministeries(code),
      opdrachtgever_codes varchar[] NOT NULL DEFAULT '{}')`);
    await q.query(`CREATE TABLE standen (
      id uuid PRIMARY KEY,
      organisation_code varchar(16) NOT NULL REFERENCES organisaties(code),
      period varchar(32) NOT NULL,
      title varchar(300) NOT NULL,
      published_on date,
      source_url varchar(2000),
      content_hash char(64) NOT NULL,
      created_by jsonb NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT standen_identity UNIQUE (organisation_code, period, title))`);
    await q.query(`CREATE TABLE knelpunten (
      id uuid PRIMARY KEY,
      reference varchar(64) NOT NULL UNIQUE,
      stand_id uuid NOT NULL REFERENCES standen(id),
      organisation_code varchar(16) NOT NULL REFERENCES organisaties(code),
      driehoek_code varchar(16) NOT NULL REFERENCES driehoeken(code),
      position int NOT NULL,
      title varchar(300) NOT NULL,
      description text NOT NULL,
      theme varchar(32) NOT NULL,
      law varchar(300),
      ministry_code varchar(16) REFERENCES ministeries(code),
      impact text,
      proposed_solution text,
      external_ref varchar(200),
      status varchar(32) NOT NULL,
      outcome varchar(32),
      escalated boolean NOT NULL DEFAULT false,
      overdue boolean NOT NULL DEFAULT false,
      next_due_at timestamptz,
      deadlines jsonb NOT NULL DEFAULT '[]'::jsonb,
      details jsonb NOT NULL DEFAULT '{}'::jsonb,
      projection_version int NOT NULL DEFAULT 0,
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL,
      search tsvector GENERATED ALWAYS AS (
        to_tsvector('dutch', coalesce(title, '') || ' ' || coalesce(description, '') || ' ' || coalesce(law, '') || ' ' || coalesce(reference, ''))
      ) STORED,
      CONSTRAINT knelpunten_stand_position UNIQUE (stand_id, position))`);
    // Keyset-paginated lists: newest first, per scope; the queue: most urgent first.
    await q.query(`CREATE INDEX knelpunten_created_idx ON knelpunten (created_at DESC, id DESC)`);
    await q.query(`CREATE INDEX knelpunten_org_created_idx ON knelpunten (organisation_code, created_at DESC, id DESC)`);
    await q.query(`CREATE INDEX knelpunten_driehoek_created_idx ON knelpunten (driehoek_code, created_at DESC, id DESC)`);
    await q.query(
      `CREATE INDEX knelpunten_queue_idx ON knelpunten (driehoek_code, next_due_at ASC NULLS LAST, id) WHERE status <> 'afgesloten'`,
    );
    await q.query(`CREATE INDEX knelpunten_status_idx ON knelpunten (status)`);
    await q.query(`CREATE INDEX knelpunten_escalated_idx ON knelpunten (created_at DESC, id DESC) WHERE escalated`);
    await q.query(`CREATE INDEX knelpunten_search_idx ON knelpunten USING gin (search)`);

    await q.query(`CREATE TABLE knelpunt_timeline (
      id uuid PRIMARY KEY,
      knelpunt_id uuid NOT NULL REFERENCES knelpunten(id),
      seq bigserial NOT NULL,
      at timestamptz NOT NULL,
      type varchar(64) NOT NULL,
      actor jsonb NOT NULL,
      data jsonb NOT NULL DEFAULT '{}'::jsonb)`);
    await q.query(`CREATE INDEX knelpunt_timeline_knelpunt_idx ON knelpunt_timeline (knelpunt_id, at, seq)`);
    await q.query(`CREATE FUNCTION knelpunt_timeline_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'knelpunt_timeline is append-only (% refused)', TG_OP;
      END $$`);
    await q.query(`CREATE TRIGGER knelpunt_timeline_no_update BEFORE UPDATE OR DELETE ON knelpunt_timeline
      FOR EACH ROW EXECUTE FUNCTION knelpunt_timeline_append_only()`);

    await q.query(`CREATE TABLE workflow_starts (
      knelpunt_id uuid PRIMARY KEY REFERENCES knelpunten(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      started_at timestamptz,
      attempts int NOT NULL DEFAULT 0,
      last_error text)`);
    await q.query(`CREATE INDEX workflow_starts_pending_idx ON workflow_starts (created_at) WHERE started_at IS NULL`);

    await q.query(`CREATE TABLE idempotency_keys (
      key varchar(200) NOT NULL,
      subject varchar(200) NOT NULL,
      request_hash char(64) NOT NULL,
      response_status int NOT NULL,
      response_body jsonb NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (key, subject))`);

    await q.query(`CREATE SEQUENCE knelpunt_reference_seq`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP SEQUENCE IF EXISTS knelpunt_reference_seq`);
    await q.query(`DROP TABLE IF EXISTS idempotency_keys`);
    await q.query(`DROP TABLE IF EXISTS workflow_starts`);
    await q.query(`DROP TRIGGER IF EXISTS knelpunt_timeline_no_update ON knelpunt_timeline`);
    await q.query(`DROP TABLE IF EXISTS knelpunt_timeline`);
    await q.query(`DROP FUNCTION IF EXISTS knelpunt_timeline_append_only()`);
    await q.query(`DROP TABLE IF EXISTS knelpunten`);
    await q.query(`DROP TABLE IF EXISTS standen`);
    await q.query(`DROP TABLE IF EXISTS driehoeken`);
    await q.query(`DROP TABLE IF EXISTS organisaties`);
    await q.query(`DROP TABLE IF EXISTS ministeries`);
  }
}
