import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Actor } from '@kp/toegang/principal';
import type { UitvraagHerinneringKind } from '@kp/domain/uitvraag/uitvraag-planning';
import { enqueueNotifications } from '@kp/notificaties/outbox/notification-outbox';

/** Which organisations a caller may see: all (programmadirectie) or one organisation's. */
export type UitvraagScope = { kind: 'alles' } | { kind: 'organisatie'; organisation: string };

export type OrganisatieStatus = 'ingediend' | 'nog_niet_ingediend' | 'te_laat';

export interface UitvraagrondeRecord {
  id: string;
  name: string;
  year: number;
  openedAt: Date;
  closingDate: string;
  status: 'open' | 'gesloten';
  closedAt: Date | null;
  createdBy: Actor;
  expected: number;
  submitted: number;
  late: number;
}

export interface UitvraagOrganisatieRecord {
  code: string;
  name: string;
  status: OrganisatieStatus;
  standId: string | null;
  submittedAt: Date | null;
  onTime: boolean | null;
  lateSince: Date | null;
  reminders: { kind: UitvraagHerinneringKind; sentAt: string }[];
}

/**
 * A Stand counts for a round when it is of the same organisation and its period starts with the round's year
 * (`2027`, `2027-H1`, `2027 Q2`); the earliest such Stand is the submission. One definition, used by the
 * completeness view and by the reminder activity.
 */
const STAND_VAN_RONDE = (stand: string, ronde: string, org: string): string =>
  `${stand}.organisation_code = ${org} AND ${stand}.period ~ ('^' || ${ronde}.year::text || '($|[^0-9])')`;

const ORGANISATIES_SQL = `
  SELECT uo.ronde_id AS "rondeId", uo.organisation_code AS code, o.name,
         CASE WHEN s.id IS NOT NULL THEN 'ingediend' WHEN r.status = 'gesloten' THEN 'te_laat' ELSE 'nog_niet_ingediend' END AS status,
         s.id AS "standId", s.created_at AS "submittedAt",
         CASE WHEN s.id IS NULL THEN NULL ELSE s.created_at <= coalesce(r.closed_at, 'infinity'::timestamptz) END AS "onTime",
         uo.te_laat_sinds AS "lateSince",
         coalesce(h.reminders, '[]'::json) AS reminders
    FROM uitvraag_organisaties uo
    JOIN uitvraagrondes r ON r.id = uo.ronde_id
    JOIN organisaties o ON o.code = uo.organisation_code
    LEFT JOIN LATERAL (
      SELECT s.id, s.created_at FROM standen s WHERE ${STAND_VAN_RONDE('s', 'r', 'uo.organisation_code')}
       ORDER BY s.created_at, s.id LIMIT 1) s ON true
    LEFT JOIN LATERAL (
      SELECT json_agg(json_build_object('kind', h.kind, 'sentAt', h.sent_at) ORDER BY h.sent_at, h.kind) AS reminders
        FROM uitvraag_herinneringen h WHERE h.ronde_id = uo.ronde_id AND h.organisation_code = uo.organisation_code) h ON true`;

/** Rounds with their counts (over the organisations the scope shows), newest first. */
const RONDES_SQL = (where: string): string => `
  SELECT r.id, r.name, r.year, r.opened_at AS "openedAt", r.closing_date::text AS "closingDate", r.status,
         r.closed_at AS "closedAt", r.created_by AS "createdBy",
         count(*)::int AS expected, count(c."standId")::int AS submitted,
         count(*) FILTER (WHERE c.status = 'te_laat')::int AS late
    FROM uitvraagrondes r
    JOIN (${ORGANISATIES_SQL}) c ON c."rondeId" = r.id
   WHERE ${where}
   GROUP BY r.id
   ORDER BY r.opened_at DESC, r.id DESC`;

/** At most this many rounds in a list (a few a year are opened). */
export const MAX_RONDES = 200;

@Injectable()
export class UitvraagrondeRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /** The codes among `codes` that are no known, active organisation. */
  async unknownOrganisations(codes: string[]): Promise<string[]> {
    const rows: { code: string }[] = await this.ds.query(
      `SELECT c.code FROM unnest($1::varchar[]) AS c (code)
        WHERE NOT EXISTS (SELECT 1 FROM organisaties o WHERE o.code = c.code AND o.active)`,
      [codes],
    );
    return rows.map((r) => r.code);
  }

  /** Inserts the round and its organisations in one transaction; the workflow start is pending with it. */
  async create(r: {
    id: string;
    name: string;
    year: number;
    closingDate: string;
    organisations: string[];
    createdBy: Actor;
  }): Promise<void> {
    await this.ds.transaction(async (em) => {
      await em.query(`INSERT INTO uitvraagrondes (id, name, year, closing_date, created_by) VALUES ($1, $2, $3, $4, $5::jsonb)`, [
        r.id,
        r.name,
        r.year,
        r.closingDate,
        JSON.stringify(r.createdBy),
      ]);
      await em.query(
        `INSERT INTO uitvraag_organisaties (ronde_id, organisation_code) SELECT $1, c FROM unnest($2::varchar[]) AS c ON CONFLICT DO NOTHING`,
        [r.id, r.organisations],
      );
    });
  }

  list(scope: UitvraagScope): Promise<UitvraagrondeRecord[]> {
    if (scope.kind === 'alles') return this.ds.query(`${RONDES_SQL('true')} LIMIT ${MAX_RONDES}`);
    return this.ds.query(`${RONDES_SQL('c.code = $1')} LIMIT ${MAX_RONDES}`, [scope.organisation]);
  }

  async get(id: string, scope: UitvraagScope): Promise<{ ronde: UitvraagrondeRecord; organisations: UitvraagOrganisatieRecord[] } | null> {
    const own = scope.kind === 'organisatie' ? scope.organisation : null;
    const [ronde]: UitvraagrondeRecord[] = await this.ds.query(RONDES_SQL('r.id = $1 AND ($2::varchar IS NULL OR c.code = $2)'), [id, own]);
    if (!ronde) return null;
    const organisations: UitvraagOrganisatieRecord[] = await this.ds.query(
      `${ORGANISATIES_SQL} WHERE uo.ronde_id = $1 AND ($2::varchar IS NULL OR uo.organisation_code = $2) ORDER BY o.name, uo.organisation_code`,
      [id, own],
    );
    return { ronde, organisations };
  }

  async findForWorkflow(id: string): Promise<{ name: string; year: number; closingDate: string; status: 'open' | 'gesloten' } | null> {
    const [row] = await this.ds.query(`SELECT name, year, closing_date::text AS "closingDate", status FROM uitvraagrondes WHERE id = $1`, [
      id,
    ]);
    return (row as { name: string; year: number; closingDate: string; status: 'open' | 'gesloten' } | undefined) ?? null;
  }

  /**
   * Records the reminder of `kind` for every expected organisation of an open round without a Stand, and enqueues
   * its notification, in one transaction. The key (round, organisation, kind) makes a retry send nothing new.
   * Returns every organisation that got this reminder (also on a retry).
   */
  async recordReminders(input: { rondeId: string; kind: UitvraagHerinneringKind; werkdagenBefore: number; at: string }): Promise<string[]> {
    return this.ds.transaction(async (em) => {
      const [ronde]: { name: string; year: number; closingDate: string }[] = await em.query(
        `SELECT name, year, closing_date::text AS "closingDate" FROM uitvraagrondes WHERE id = $1 FOR UPDATE`,
        [input.rondeId],
      );
      if (!ronde) return [];
      const inserted: { code: string }[] = await em.query(
        `WITH i AS (INSERT INTO uitvraag_herinneringen (ronde_id, organisation_code, kind, sent_at)
         SELECT uo.ronde_id, uo.organisation_code, $2::varchar, $3::timestamptz
           FROM uitvraag_organisaties uo JOIN uitvraagrondes r ON r.id = uo.ronde_id
          WHERE uo.ronde_id = $1 AND r.status = 'open'
            AND NOT EXISTS (SELECT 1 FROM standen s WHERE ${STAND_VAN_RONDE('s', 'r', 'uo.organisation_code')})
         ON CONFLICT (ronde_id, organisation_code, kind) DO NOTHING
         RETURNING organisation_code AS code)
         SELECT code FROM i ORDER BY code`,
        [input.rondeId, input.kind, input.at],
      );
      if (inserted.length > 0) {
        await enqueueNotifications(em, [
          {
            key: `uitvraag:${input.rondeId}:${input.kind}`,
            knelpuntId: `uitvraag-${input.rondeId}`,
            reference: ronde.name.slice(0, 64),
            kind: 'uitvraag_herinnering',
            recipients: inserted.map((r) => ({ role: 'indiener' as const, organisation: r.code })),
            at: input.at,
            data: { year: ronde.year, closingDate: ronde.closingDate, werkdagenBefore: input.werkdagenBefore },
          },
        ]);
      }
      const all: { code: string }[] = await em.query(
        `SELECT organisation_code AS code FROM uitvraag_herinneringen WHERE ronde_id = $1 AND kind = $2 ORDER BY organisation_code`,
        [input.rondeId, input.kind],
      );
      return all.map((r) => r.code);
    });
  }

  /**
   * Closes an open round and marks its organisations without a Stand late, in one transaction (a closed round stays
   * as it is). Returns the organisations marked late.
   */
  async close(rondeId: string, at: string): Promise<{ closed: boolean; late: string[] }> {
    return this.ds.transaction(async (em) => {
      // A CTE: TypeORM answers an UPDATE with [rows, count], a SELECT with its rows.
      const closed: unknown[] = await em.query(
        `WITH u AS (UPDATE uitvraagrondes SET status = 'gesloten', closed_at = $2 WHERE id = $1 AND status = 'open' RETURNING id)
         SELECT id FROM u`,
        [rondeId, at],
      );
      await em.query(
        `UPDATE uitvraag_organisaties uo SET te_laat_sinds = $2
           FROM uitvraagrondes r
          WHERE r.id = uo.ronde_id AND uo.ronde_id = $1 AND uo.te_laat_sinds IS NULL
            AND NOT EXISTS (SELECT 1 FROM standen s WHERE ${STAND_VAN_RONDE('s', 'r', 'uo.organisation_code')})`,
        [rondeId, at],
      );
      const late: { code: string }[] = await em.query(
        `SELECT organisation_code AS code FROM uitvraag_organisaties WHERE ronde_id = $1 AND te_laat_sinds IS NOT NULL ORDER BY 1`,
        [rondeId],
      );
      return { closed: closed.length > 0, late: late.map((r) => r.code) };
    });
  }

  // ---------- the workflow-start outbox (a column of the round) ----------

  pendingStarts(limit: number): Promise<{ id: string }[]> {
    return this.ds.query(`SELECT id FROM uitvraagrondes WHERE workflow_started_at IS NULL ORDER BY opened_at, id LIMIT $1`, [limit]);
  }

  async markStarted(id: string): Promise<void> {
    await this.ds.query(
      `UPDATE uitvraagrondes SET workflow_started_at = coalesce(workflow_started_at, now()), workflow_start_attempts = workflow_start_attempts + 1,
              workflow_start_error = NULL WHERE id = $1`,
      [id],
    );
  }

  async markStartFailed(id: string, error: string): Promise<void> {
    await this.ds.query(
      `UPDATE uitvraagrondes SET workflow_start_attempts = workflow_start_attempts + 1, workflow_start_error = $2 WHERE id = $1`,
      [id, error.slice(0, 2000)],
    );
  }
}
