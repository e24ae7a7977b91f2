import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Intake rounds (uitvraag, issue 9 §4): the programmadirectie asks organisations for their Stand of a year by a closing
 * date. Whether an organisation submitted is not stored here: it is the earliest Stand of that organisation whose
 * period is the round's year (joined in SQL on `standen_organisation_list_idx`). `uitvraag_herinneringen` holds one row per (round, organisation,
 * reminder kind), so a retried reminder activity never notifies twice. The workflow start is an outbox on the round
 * row itself (`workflow_started_at` NULL = still to start), drained after the commit and on an interval.
 */
export class Uitvraagrondes1765460000000 implements MigrationInterface {
  name = 'Uitvraagrondes1765460000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE uitvraagrondes (
      id uuid PRIMARY KEY,
      name varchar(100) NOT NULL,
      year int NOT NULL CHECK (year BETWEEN 2000 AND 2200),
      opened_at timestamptz NOT NULL DEFAULT now(),
      closing_date date NOT NULL,
      status varchar(16) NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'gesloten')),
      closed_at timestamptz,
      created_by jsonb NOT NULL,
      workflow_started_at timestamptz,
      workflow_start_attempts int NOT NULL DEFAULT 0,
      workflow_start_error text)`);
    await q.query(`CREATE INDEX uitvraagrondes_opened_idx ON uitvraagrondes (opened_at DESC, id DESC)`);
    await q.query(`CREATE INDEX uitvraagrondes_start_pending_idx ON uitvraagrondes (opened_at) WHERE workflow_started_at IS NULL`);
    await q.query(`CREATE TABLE uitvraag_organisaties (
      ronde_id uuid NOT NULL REFERENCES uitvraagrondes(id) ON DELETE CASCADE,
      organisation_code varchar(16) NOT NULL REFERENCES organisaties(code),
      te_laat_sinds timestamptz,
      PRIMARY KEY (ronde_id, organisation_code))`);
    await q.query(`CREATE INDEX uitvraag_organisaties_org_idx ON uitvraag_organisaties (organisation_code, ronde_id)`);
    await q.query(`CREATE TABLE uitvraag_herinneringen (
      ronde_id uuid NOT NULL,
      organisation_code varchar(16) NOT NULL,
      kind varchar(16) NOT NULL CHECK (kind IN ('10_werkdagen', '5_werkdagen', 'sluitingsdag')),
      sent_at timestamptz NOT NULL,
      PRIMARY KEY (ronde_id, organisation_code, kind),
      FOREIGN KEY (ronde_id, organisation_code) REFERENCES uitvraag_organisaties(ronde_id, organisation_code) ON DELETE CASCADE)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS uitvraag_herinneringen`);
    await q.query(`DROP TABLE IF EXISTS uitvraag_organisaties`);
    await q.query(`DROP TABLE IF EXISTS uitvraagrondes`);
  }
}
