import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Outcome, Status, Theme } from '@kp/domain';

/**
 * What the public register reads of one knelpunt: only the columns the allow-list (public-fields.ts) needs, plus
 * the keyset of the row (`id`, `cursorAt`) and two closed-list details the progress summary is made of. Free text
 * other than the titles (descriptions, decisions, voortgang), actors and deadlines are never selected.
 */
export interface PublicKnelpuntRow {
  id: string;
  cursorAt: string;
  reference: string;
  title: string;
  organisation: string;
  organisationName: string;
  theme: Theme;
  status: Status;
  outcome: Outcome | null;
  team: string | null;
  instrument: string | null;
  standId: string;
  standTitle: string;
  standPeriod: string;
  submittedOn: string;
  lastChangedOn: string;
  closedOn: string | null;
  lastProgressOn: string | null;
}

export interface PublicKnelpuntFilter {
  organisation?: string;
  theme?: string;
  status?: string;
  outcome?: string;
  /** words of the title (Dutch full text, as GET /knelpunten searches; descriptions are not searched) */
  q?: string;
  limit: number;
  /** keyset: the last row's (created_at with microseconds, id) */
  after?: { createdAt: string; id: string };
}

const DAY = (instant: string): string => `to_char(${instant} AT TIME ZONE 'Europe/Amsterdam', 'YYYY-MM-DD')`;

/**
 * Every knelpunt of a registered Stand is public: a Stand is a public letter from the moment it is registered (there
 * is no draft or embargo state; see README "What is public, and when"). The dates come from the append-only timeline
 * (one index lookup per row of the page: knelpunt_timeline_knelpunt_idx): a change is a status transition, a content
 * amendment or voortgang; reminders and deadline bookkeeping are not.
 */
const SELECT = `
  SELECT k.id, to_char(k.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS "cursorAt",
         k.reference, k.title, k.organisation_code AS organisation, o.name AS "organisationName",
         k.theme, k.status, k.outcome, k.details->>'team' AS team, k.details->>'instrument' AS instrument,
         s.id AS "standId", s.title AS "standTitle", s.period AS "standPeriod",
         ${DAY('k.created_at')} AS "submittedOn",
         ${DAY('greatest(k.created_at, t.changed_at)')} AS "lastChangedOn",
         CASE WHEN k.status = 'afgesloten' THEN ${DAY('t.closed_at')} END AS "closedOn",
         ${DAY('t.progress_at')} AS "lastProgressOn"
    FROM knelpunten k
    JOIN standen s ON s.id = k.stand_id
    JOIN organisaties o ON o.code = k.organisation_code
    LEFT JOIN LATERAL (
      SELECT max(e.at) FILTER (WHERE e.data ? 'naar' OR e.type IN ('voortgang', 'gewijzigd')) AS changed_at,
             max(e.at) FILTER (WHERE e.data->>'naar' = 'afgesloten') AS closed_at,
             max(e.at) FILTER (WHERE e.type = 'voortgang') AS progress_at
        FROM knelpunt_timeline e
       WHERE e.knelpunt_id = k.id) t ON true`;

/** Reads for the public register (no scope: everything it returns is public by construction). */
@Injectable()
export class OpenbaarKnelpuntRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /** One page, newest first (created_at, id descending: knelpunten_created_idx / knelpunten_org_created_idx), limit + 1 rows. */
  list(f: PublicKnelpuntFilter): Promise<PublicKnelpuntRow[]> {
    const params: unknown[] = [];
    const where: string[] = ['TRUE'];
    const add = (sql: string, value: unknown): void => {
      params.push(value);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (f.organisation) add('k.organisation_code = ?', f.organisation);
    if (f.theme) add('k.theme = ?', f.theme);
    if (f.status) add('k.status = ?', f.status);
    if (f.outcome) add('k.outcome = ?', f.outcome);
    if (f.q) add(`to_tsvector('dutch', k.title) @@ websearch_to_tsquery('dutch', ?)`, f.q);
    if (f.after) {
      params.push(f.after.createdAt, f.after.id);
      where.push(`(k.created_at, k.id) < ($${params.length - 1}::timestamptz, $${params.length}::uuid)`);
    }
    params.push(f.limit + 1);
    return this.ds.query(`${SELECT} WHERE ${where.join(' AND ')} ORDER BY k.created_at DESC, k.id DESC LIMIT $${params.length}`, params);
  }

  async findByReference(reference: string): Promise<PublicKnelpuntRow | null> {
    const rows: PublicKnelpuntRow[] = await this.ds.query(`${SELECT} WHERE k.reference = $1`, [reference]);
    return rows[0] ?? null;
  }
}
