import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The knelpunt lifecycle around the workflow: deadline policies and the equated days of the working-day
 * calendar (termijnen), notifications and their e-mail contacts (notificaties), the ACU meeting calendar,
 * agenda and clusters (acu).
 *
 * The seeds below are frozen copies, as migrations must be: change defaults later with a new migration or
 * through the API (PUT /api/v1/deadline-policies, POST /api/v1/gelijkgestelde-dagen).
 */

const SYSTEM_ACTOR = JSON.stringify({ subject: 'systeem', name: 'Systeem (standaardinstelling)', role: 'systeem', organisation: null });

/**
 * Default deadline policies (DOMAIN.md, "Deadlines and reminders"); organisation_code NULL = the default.
 *
 * Choices where DOMAIN.md is silent:
 * - streefdatum and acu_behandeling run to a fixed date (targetDate, meeting date): their term is unused (0 dagen).
 * - politieke_reactie has one row per instrument plus an instrument-less fallback (6 weken, as a kamerbrief).
 * - uitvoerbaarheidsquickscan (of a motie or amendement): 2 weken, because it must be back before the vote;
 *   with a term of 10 werkdagen a reminder 10 werkdagen before would fall on the start day, so it reminds at 5 and 2.
 * - notify_programmadirectie: the workflow uses this flag to pick the wider "overdue" recipient list
 *   (for informatie that list adds the driehoek), so it is on everywhere except acu_behandeling, where a missed
 *   meeting is carried over and the programmadirectie is told after two carry-overs instead.
 */
export interface DefaultPolicySeed {
  kind: string;
  instrument: string | null;
  termAmount: number;
  termUnit: 'werkdagen' | 'dagen' | 'weken' | 'maanden';
  reminderWerkdagen: number[];
  overdueRepeatDays: number | null;
  acuAfterOverdueWeeks: number | null;
  notifyProgrammadirectie: boolean;
  reminderHour: number;
}

const politiek = (instrument: string | null, weken: number, reminders: number[] = [10, 5]): DefaultPolicySeed => ({
  kind: 'politieke_reactie',
  instrument,
  termAmount: weken,
  termUnit: 'weken',
  reminderWerkdagen: reminders,
  overdueRepeatDays: null,
  acuAfterOverdueWeeks: null,
  notifyProgrammadirectie: true,
  reminderHour: 9,
});

export const DEFAULT_POLICY_SEEDS: readonly DefaultPolicySeed[] = [
  {
    kind: 'driehoek_besluit',
    instrument: null,
    termAmount: 8,
    termUnit: 'weken',
    reminderWerkdagen: [10, 5, 0],
    overdueRepeatDays: 7,
    acuAfterOverdueWeeks: 4,
    notifyProgrammadirectie: true,
    reminderHour: 9,
  },
  {
    kind: 'informatie',
    instrument: null,
    termAmount: 10,
    termUnit: 'werkdagen',
    reminderWerkdagen: [5],
    overdueRepeatDays: null,
    acuAfterOverdueWeeks: null,
    notifyProgrammadirectie: true,
    reminderHour: 9,
  },
  {
    kind: 'voortgang',
    instrument: null,
    termAmount: 13,
    termUnit: 'weken',
    reminderWerkdagen: [10],
    overdueRepeatDays: null,
    acuAfterOverdueWeeks: null,
    notifyProgrammadirectie: true,
    reminderHour: 9,
  },
  {
    kind: 'streefdatum',
    instrument: null,
    termAmount: 0,
    termUnit: 'dagen',
    reminderWerkdagen: [10],
    overdueRepeatDays: null,
    acuAfterOverdueWeeks: null,
    notifyProgrammadirectie: true,
    reminderHour: 9,
  },
  {
    kind: 'acu_behandeling',
    instrument: null,
    termAmount: 0,
    termUnit: 'dagen',
    reminderWerkdagen: [],
    overdueRepeatDays: null,
    acuAfterOverdueWeeks: null,
    notifyProgrammadirectie: false,
    reminderHour: 9,
  },
  politiek(null, 6),
  politiek('kamervragen', 3),
  politiek('kamerbrief', 6),
  politiek('technische_briefing', 8),
  politiek('commissiedebat', 12),
  politiek('trialoog', 12),
  politiek('uitvoerbaarheidsquickscan', 2, [5, 2]),
];

/** Copy of DEFAULT_EQUATED_DAYS (libs/domain) at the time of writing; a unit test keeps them in step. */
export const EQUATED_DAY_SEEDS: readonly { date: string; name: string }[] = [
  { date: '2026-01-02', name: 'Gelijkgestelde dag (besluit)' },
  { date: '2026-05-15', name: 'Gelijkgestelde dag (besluit)' },
  { date: '2027-05-07', name: 'Gelijkgestelde dag (besluit)' },
  { date: '2028-04-28', name: 'Gelijkgestelde dag (besluit)' },
  { date: '2028-05-26', name: 'Gelijkgestelde dag (besluit)' },
];

/** The organisation (and driehoek) codes of DOMAIN.md at the time of writing. */
// prettier-ignore
const ORGANISATION_CODES = [
  'UWV', 'SVB', 'DUO', 'BD', 'DT', 'DOUANE', 'CAK', 'CIBG', 'CIZ', 'CJIB', 'IND', 'DJI', 'JUSTIS', 'COA', 'RVO',
  'RDW', 'CBR', 'KADASTER', 'LOGIUS', 'RVIG', 'NVWA', 'ILT', 'RWS', 'KVK', 'ZIN', 'NLA', 'IB', 'RVR', 'RVDK', 'VNG',
];

/** Example addresses only (reserved `.example` top-level domain): real addresses are configured per environment. */
export const CONTACT_SEEDS: readonly { role: string; scope: string | null; email: string }[] = [
  ...ORGANISATION_CODES.flatMap((code) => [
    { role: 'indiener', scope: code, email: `knelpunten@${code.toLowerCase()}.example` },
    { role: 'driehoek', scope: code, email: `driehoek@${code.toLowerCase()}.example` },
  ]),
  { role: 'acu', scope: null, email: 'acu-secretariaat@werkaanuitvoering.example' },
  { role: 'programmadirectie', scope: null, email: 'programmadirectie@werkaanuitvoering.example' },
];

export class Lifecycle1763900000000 implements MigrationInterface {
  name = 'Lifecycle1763900000000';

  async up(q: QueryRunner): Promise<void> {
    // ---------- termijnen ----------
    await q.query(`CREATE TABLE deadline_policies (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      organisation_code varchar(16) REFERENCES organisaties(code),
      kind varchar(32) NOT NULL
        CHECK (kind IN ('driehoek_besluit', 'informatie', 'voortgang', 'streefdatum', 'acu_behandeling', 'politieke_reactie')),
      instrument varchar(64),
      term_amount int NOT NULL CHECK (term_amount BETWEEN 0 AND 366),
      term_unit varchar(16) NOT NULL CHECK (term_unit IN ('werkdagen', 'dagen', 'weken', 'maanden')),
      reminder_werkdagen int[] NOT NULL DEFAULT '{}',
      overdue_repeat_days int CHECK (overdue_repeat_days > 0),
      acu_after_overdue_weeks int CHECK (acu_after_overdue_weeks > 0),
      notify_programmadirectie boolean NOT NULL DEFAULT false,
      reminder_hour int NOT NULL DEFAULT 9 CHECK (reminder_hour BETWEEN 0 AND 23),
      updated_at timestamptz NOT NULL DEFAULT now(),
      updated_by jsonb NOT NULL,
      CONSTRAINT deadline_policies_instrument_only_politiek CHECK (instrument IS NULL OR kind = 'politieke_reactie'))`);
    // One policy per (organisation or default, kind, instrument or none); also the ON CONFLICT target of the upsert.
    await q.query(`CREATE UNIQUE INDEX deadline_policies_identity
      ON deadline_policies ((coalesce(organisation_code, '')), kind, (coalesce(instrument, '')))`);
    for (const p of DEFAULT_POLICY_SEEDS) {
      await q.query(
        `INSERT INTO deadline_policies (organisation_code, kind, instrument, term_amount, term_unit, reminder_werkdagen,
           overdue_repeat_days, acu_after_overdue_weeks, notify_programmadirectie, reminder_hour, updated_by)
         VALUES (NULL, $1, $2, $3, $4, $5::int[], $6, $7, $8, $9, $10::jsonb)`,
        [
          p.kind,
          p.instrument,
          p.termAmount,
          p.termUnit,
          p.reminderWerkdagen,
          p.overdueRepeatDays,
          p.acuAfterOverdueWeeks,
          p.notifyProgrammadirectie,
          p.reminderHour,
          SYSTEM_ACTOR,
        ],
      );
    }

    await q.query(`CREATE TABLE gelijkgestelde_dagen (
      date date PRIMARY KEY,
      name varchar(200) NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      created_by jsonb)`);
    for (const d of EQUATED_DAY_SEEDS) {
      await q.query(`INSERT INTO gelijkgestelde_dagen (date, name, created_by) VALUES ($1, $2, $3::jsonb)`, [d.date, d.name, SYSTEM_ACTOR]);
    }

    // ---------- notificaties ----------
    await q.query(`CREATE TABLE notifications (
      id uuid PRIMARY KEY,
      dedupe_key varchar(300) NOT NULL,
      recipient_key varchar(64) NOT NULL,
      knelpunt_id uuid,
      reference varchar(64) NOT NULL,
      kind varchar(64) NOT NULL,
      subject varchar(300) NOT NULL,
      body text NOT NULL,
      recipient_role varchar(32) NOT NULL CHECK (recipient_role IN ('indiener', 'driehoek', 'acu', 'programmadirectie')),
      recipient_scope varchar(16),
      occurred_at timestamptz NOT NULL,
      created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
      read_at timestamptz,
      mail_status varchar(16) NOT NULL DEFAULT 'wacht' CHECK (mail_status IN ('wacht', 'verzonden', 'overgeslagen', 'mislukt')),
      mail_attempts int NOT NULL DEFAULT 0,
      mail_error text,
      mailed_at timestamptz,
      webhook_status varchar(16) CHECK (webhook_status IN ('verzonden', 'overgeslagen', 'mislukt')),
      CONSTRAINT notifications_dedupe UNIQUE (dedupe_key, recipient_key))`);
    // The inbox of one recipient group (recipient_key = role or role:scope), newest first; and its unread part.
    await q.query(`CREATE INDEX notifications_inbox_idx ON notifications (recipient_key, created_at DESC, id DESC)`);
    await q.query(
      `CREATE INDEX notifications_inbox_unread_idx ON notifications (recipient_key, created_at DESC, id DESC) WHERE read_at IS NULL`,
    );
    await q.query(`CREATE INDEX notifications_created_idx ON notifications (created_at DESC, id DESC)`);
    await q.query(`CREATE INDEX notifications_knelpunt_idx ON notifications (knelpunt_id)`);
    await q.query(`CREATE INDEX notifications_mail_pending_idx ON notifications (dedupe_key) WHERE mail_status IN ('wacht', 'mislukt')`);

    await q.query(`CREATE TABLE notification_contacts (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      role varchar(32) NOT NULL CHECK (role IN ('indiener', 'driehoek', 'acu', 'programmadirectie')),
      scope varchar(16),
      email varchar(320) NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now())`);
    await q.query(
      `CREATE UNIQUE INDEX notification_contacts_identity ON notification_contacts (role, (coalesce(scope, '')), lower(email))`,
    );
    for (const c of CONTACT_SEEDS) {
      await q.query(`INSERT INTO notification_contacts (role, scope, email) VALUES ($1, $2, $3)`, [c.role, c.scope, c.email]);
    }

    // ---------- acu ----------
    await q.query(`CREATE TABLE acu_meetings (
      id uuid PRIMARY KEY,
      meeting_date date NOT NULL,
      agenda_closes_on date NOT NULL,
      title varchar(300),
      location varchar(300),
      auto_created boolean NOT NULL DEFAULT false,
      created_at timestamptz NOT NULL DEFAULT now(),
      created_by jsonb NOT NULL,
      CONSTRAINT acu_meetings_date UNIQUE (meeting_date),
      CONSTRAINT acu_meetings_agenda_before CHECK (agenda_closes_on < meeting_date))`);

    await q.query(`CREATE TABLE acu_agenda_items (
      id uuid PRIMARY KEY,
      meeting_id uuid NOT NULL REFERENCES acu_meetings(id),
      knelpunt_id uuid NOT NULL REFERENCES knelpunten(id),
      status varchar(16) NOT NULL DEFAULT 'geagendeerd' CHECK (status IN ('geagendeerd', 'besloten', 'doorgeschoven')),
      carry_over_count int NOT NULL DEFAULT 0 CHECK (carry_over_count >= 0),
      reason text NOT NULL,
      added_at timestamptz NOT NULL,
      decided_at timestamptz,
      decision varchar(64),
      carried_to_item_id uuid REFERENCES acu_agenda_items(id),
      CONSTRAINT acu_agenda_items_meeting_knelpunt UNIQUE (meeting_id, knelpunt_id))`);
    // At most one open item per knelpunt: placing twice (a retried activity) can never create a second one.
    await q.query(`CREATE UNIQUE INDEX acu_agenda_items_open_idx ON acu_agenda_items (knelpunt_id) WHERE status = 'geagendeerd'`);
    await q.query(`CREATE INDEX acu_agenda_items_knelpunt_idx ON acu_agenda_items (knelpunt_id, added_at)`);

    await q.query(`CREATE TABLE acu_clusters (
      id uuid PRIMARY KEY,
      title varchar(300) NOT NULL,
      description text,
      created_at timestamptz NOT NULL DEFAULT now(),
      created_by jsonb NOT NULL)`);
    await q.query(`CREATE INDEX acu_clusters_created_idx ON acu_clusters (created_at DESC, id DESC)`);
    await q.query(`CREATE TABLE acu_cluster_members (
      cluster_id uuid NOT NULL REFERENCES acu_clusters(id) ON DELETE CASCADE,
      knelpunt_id uuid NOT NULL REFERENCES knelpunten(id),
      added_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (cluster_id, knelpunt_id))`);
    // A knelpunt belongs to at most one cluster: the ACU decides once for it.
    await q.query(`CREATE UNIQUE INDEX acu_cluster_members_knelpunt_idx ON acu_cluster_members (knelpunt_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS acu_cluster_members`);
    await q.query(`DROP TABLE IF EXISTS acu_clusters`);
    await q.query(`DROP TABLE IF EXISTS acu_agenda_items`);
    await q.query(`DROP TABLE IF EXISTS acu_meetings`);
    await q.query(`DROP TABLE IF EXISTS notification_contacts`);
    await q.query(`DROP TABLE IF EXISTS notifications`);
    await q.query(`DROP TABLE IF EXISTS gelijkgestelde_dagen`);
    await q.query(`DROP TABLE IF EXISTS deadline_policies`);
  }
}
