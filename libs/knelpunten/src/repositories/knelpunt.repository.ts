import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { KnelpuntScope } from '@kp/toegang/scope';
import { sameVerwijzingen, VERWIJZING_SOORTEN, Verwijzingen, VerwijzingSoort } from '@kp/domain';
import { KnelpuntEntity } from '../entities/knelpunt.entity';
import { TimelineEntryEntity } from '../entities/timeline-entry.entity';

export interface KnelpuntFilter {
  organisation?: string;
  driehoek?: string;
  status?: string;
  theme?: string;
  overdue?: boolean;
  q?: string;
  /** a doorbraakteam (from the projected details), or `geen` for none */
  doorbraakteam?: string;
  /** one reference per kind, normalised (the GIN indexes answer `@>`) */
  verwijzingen?: VerwijzingFilter;
  limit: number;
  /** keyset: the last row's (created_at, id) */
  after?: { createdAt: string; id: string };
}

/** At most one reference of each kind a knelpunt must carry. */
export type VerwijzingFilter = Partial<Record<VerwijzingSoort, string>>;

const VERWIJZING_COLUMNS: Record<VerwijzingSoort, string> = {
  kamerstukken: 'kamerstukken',
  moties: 'moties',
  toezeggingen: 'toezeggingen',
  bwbIds: 'bwb_ids',
};

/** `column @> ARRAY[$n]::text[]` per reference given: containment, so the column's GIN index is used. */
function verwijzingSql(f: VerwijzingFilter | undefined, add: (sql: string, value: unknown) => void): void {
  for (const soort of VERWIJZING_SOORTEN) {
    const value = f?.[soort];
    if (value) add(`${VERWIJZING_COLUMNS[soort]} @> ARRAY[?]::text[]`, value);
  }
}

/** A knelpunt named by its id or by its reference (UWV-00018); both are unique. */
export type KnelpuntKey = { id: string } | { reference: string };

export interface QueueFilter {
  driehoek: string;
  status?: string;
  theme?: string;
  overdue?: boolean;
  q?: string;
  verwijzingen?: VerwijzingFilter;
  limit: number;
  /** keyset: the last row's (urgency, next_due_at, id) */
  after?: { urgency: number; nextDueAt: string | null; id: string };
}

const COLUMNS = `id, reference, stand_id AS "standId", organisation_code AS "organisationCode", driehoek_code AS "driehoekCode",
  position, title, description, theme, law, ministry_code AS "ministryCode", impact, proposed_solution AS "proposedSolution",
  external_ref AS "externalRef", kamerstukken, moties, toezeggingen, bwb_ids AS "bwbIds", status, outcome, escalated, overdue, next_due_at AS "nextDueAt", deadlines, details,
  projection_version AS "projectionVersion", created_at AS "createdAt", updated_at AS "updatedAt"`;

/** Scope is part of every signature: the SQL itself only returns rows the caller may see. */
export function scopeSql(scope: KnelpuntScope, params: unknown[]): string {
  if (scope.all) return 'TRUE';
  const parts: string[] = [];
  if (scope.organisation) {
    params.push(scope.organisation);
    parts.push(`organisation_code = $${params.length}`);
  }
  if (scope.driehoek) {
    params.push(scope.driehoek);
    parts.push(`driehoek_code = $${params.length}`);
  }
  if (scope.escalatedOnly) parts.push('escalated');
  return parts.length > 0 ? parts.join(' AND ') : 'FALSE';
}

/**
 * A text search first reads this many rows of the page's scope per row of the page (in page order, after the
 * cursor), before it falls back to the full-text index: a term in 1 of 40 rows or more is answered from that window.
 * See searchSql.
 */
export const SEARCH_WINDOW_PER_ROW = 40;

/**
 * A page of text-search results. The planner cannot tell how many rows of a scope match a query (it treats the words
 * of a compound such as `ICT-systemen` as independent) and may pick a bitmap plan that fetches and sorts every match
 * in an organisation, while the first page of a common term is in the scope's first few hundred rows. In one statement:
 * 1. `recent`: the first SEARCH_WINDOW_PER_ROW × pageRows rows of the scope in page order (read from the scope's
 *    keyset index), and `hits`: those that match, at most `pageRows`;
 * 2. when that gives a full page, or the window held the whole scope, the page is `hits`: the same rows in the same
 *    order as the plain query, since every other match comes after the window in page order;
 * 3. otherwise (no full page in the window) the plain query runs, as it did before: the planner's choice between
 *    the full-text index and walking the scope. The conditions of 2. and 3. are InitPlans: only one part runs, so a
 *    search costs at most the window more than the plain query.
 * Measured at 1,000,000 rows: answering 3. from the full-text index instead (all matches of the scope, sorted) is
 * fast for rare terms but far slower for a common term that the window misses because the scope's newest rows
 * cluster on other subjects (1.3 s for `ICT-systemen` over everything), so 3. keeps the planner's plan.
 * `where` holds every condition but the text, the keyset cursor included; the text is a new parameter.
 */
function searchSql(
  columns: string,
  where: string,
  order: string,
  outputOrder: string,
  params: unknown[],
  q: string,
  pageRows: number,
): string {
  params.push(q, SEARCH_WINDOW_PER_ROW * pageRows, pageRows);
  const [text, window, rows] = [params.length - 2, params.length - 1, params.length].map((n) => `$${n}`);
  const matches = `search @@ websearch_to_tsquery('dutch', ${text})`;
  const answered = `((SELECT count(*) FROM hits) >= ${rows} OR (SELECT count(*) FROM recent) < ${window})`;
  return `WITH recent AS MATERIALIZED (SELECT * FROM knelpunten WHERE ${where} ORDER BY ${order} LIMIT ${window}),
    hits AS MATERIALIZED (SELECT * FROM recent WHERE ${matches} ORDER BY ${order} LIMIT ${rows})
    SELECT * FROM (
      SELECT ${columns} FROM hits AS knelpunten WHERE ${answered}
      UNION ALL
      (SELECT ${columns} FROM knelpunten WHERE ${where} AND ${matches} AND NOT ${answered} ORDER BY ${order} LIMIT ${rows})
    ) AS page ORDER BY ${outputOrder}`;
}

@Injectable()
export class KnelpuntRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  findById(id: string, scope: KnelpuntScope): Promise<KnelpuntEntity | null> {
    return this.find({ id }, scope);
  }

  /** By id or by reference (both unique), within the scope. */
  async find(key: KnelpuntKey, scope: KnelpuntScope): Promise<KnelpuntEntity | null> {
    const [column, value] = 'id' in key ? ['id', key.id] : ['reference', key.reference];
    const params: unknown[] = [value];
    const where = scopeSql(scope, params);
    const rows: KnelpuntEntity[] = await this.ds.query(`SELECT ${COLUMNS} FROM knelpunten WHERE ${column} = $1 AND (${where})`, params);
    return rows[0] ?? null;
  }

  /** Whether the knelpunt exists at all (to tell 404 from 403 without leaking content). */
  async exists(key: string | KnelpuntKey): Promise<boolean> {
    const k = typeof key === 'string' ? { id: key } : key;
    const [column, value] = 'id' in k ? ['id', k.id] : ['reference', k.reference];
    const rows: unknown[] = await this.ds.query(`SELECT 1 FROM knelpunten WHERE ${column} = $1`, [value]);
    return rows.length > 0;
  }

  async list(scope: KnelpuntScope, f: KnelpuntFilter): Promise<KnelpuntEntity[]> {
    const params: unknown[] = [];
    const where: string[] = [`(${scopeSql(scope, params)})`];
    const add = (sql: string, value: unknown): void => {
      params.push(value);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (f.organisation) add('organisation_code = ?', f.organisation);
    if (f.driehoek) add('driehoek_code = ?', f.driehoek);
    if (f.status) add('status = ?', f.status);
    if (f.theme) add('theme = ?', f.theme);
    if (f.overdue !== undefined) add('overdue = ?', f.overdue);
    if (f.doorbraakteam === 'geen') where.push(`details->>'team' IS NULL`);
    else if (f.doorbraakteam) add(`details->>'team' = ?`, f.doorbraakteam);
    verwijzingSql(f.verwijzingen, add);
    if (f.after) {
      params.push(f.after.createdAt, f.after.id);
      where.push(`(created_at, id) < ($${params.length - 1}::timestamptz, $${params.length}::uuid)`);
    }
    const order = 'created_at DESC, id DESC';
    if (f.q) {
      return this.ds.query(searchSql(COLUMNS, where.join(' AND '), order, `"createdAt" DESC, id DESC`, params, f.q, f.limit + 1), params);
    }
    params.push(f.limit + 1);
    return this.ds.query(
      `SELECT ${COLUMNS} FROM knelpunten WHERE ${where.join(' AND ')} ORDER BY ${order} LIMIT $${params.length}`,
      params,
    );
  }

  /** Open items of a driehoek, most urgent first: overdue, then nearest due date, then the rest. */
  async queue(f: QueueFilter): Promise<(KnelpuntEntity & { urgency: number })[]> {
    const params: unknown[] = [f.driehoek];
    const where = [`driehoek_code = $1`, `status <> 'afgesloten'`];
    const add = (sql: string, value: unknown): void => {
      params.push(value);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (f.status) add('status = ?', f.status);
    if (f.theme) add('theme = ?', f.theme);
    if (f.overdue !== undefined) add('overdue = ?', f.overdue);
    verwijzingSql(f.verwijzingen, add);
    const urgency = `(CASE WHEN overdue THEN 0 WHEN next_due_at IS NOT NULL THEN 1 ELSE 2 END)`;
    const due = `coalesce(next_due_at, 'infinity'::timestamptz)`;
    if (f.after) {
      params.push(f.after.urgency, f.after.nextDueAt ?? 'infinity', f.after.id);
      const n = params.length;
      where.push(`(${urgency}, ${due}, id) > ($${n - 2}::int, $${n - 1}::timestamptz, $${n}::uuid)`);
    }
    const columns = `${COLUMNS}, ${urgency} AS urgency`;
    const order = `${urgency}, ${due}, id`;
    if (f.q) {
      const outerOrder = `urgency, coalesce("nextDueAt", 'infinity'::timestamptz), id`;
      return this.ds.query(searchSql(columns, where.join(' AND '), order, outerOrder, params, f.q, f.limit + 1), params);
    }
    params.push(f.limit + 1);
    return this.ds.query(
      `SELECT ${columns} FROM knelpunten WHERE ${where.join(' AND ')} ORDER BY ${order} LIMIT $${params.length}`,
      params,
    );
  }

  timeline(knelpuntId: string): Promise<TimelineEntryEntity[]> {
    return this.ds.manager.find(TimelineEntryEntity, { where: { knelpuntId }, order: { at: 'ASC', seq: 'ASC' } });
  }

  /** Content change by the organisation plus its timeline entry, in one transaction, scoped to the organisation. */
  /**
   * Writes the changes and their timeline entry in one transaction. `afgesloten` when the knelpunt was closed (or
   * left the organisation) between the caller's read and this write: a close racing the amendment.
   */
  async amend(
    id: string,
    organisation: string,
    changes: Record<string, { van: unknown; naar: unknown }>,
    entry: Omit<TimelineEntryEntity, 'seq'>,
  ): Promise<'gewijzigd' | 'afgesloten'> {
    const columns: Record<string, string> = {
      title: 'title',
      description: 'description',
      theme: 'theme',
      law: 'law',
      impact: 'impact',
      proposedSolution: 'proposed_solution',
      externalRef: 'external_ref',
    };
    const sets: string[] = [];
    const params: unknown[] = [id, organisation];
    for (const [field, change] of Object.entries(changes)) {
      const column = columns[field];
      if (!column) continue;
      params.push(change.naar);
      sets.push(`${column} = $${params.length}`);
    }
    return this.ds.transaction(async (em) => {
      const res: [unknown[], number] = await em.query(
        `UPDATE knelpunten SET ${sets.join(', ')}, updated_at = now() WHERE id = $1 AND organisation_code = $2 AND status <> 'afgesloten'`,
        params,
      );
      if (res[1] !== 1) return 'afgesloten';
      await em.query(`INSERT INTO knelpunt_timeline (id, knelpunt_id, at, type, actor, data) VALUES ($1, $2, $3, $4, $5, $6)`, [
        entry.id,
        entry.knelpuntId,
        entry.at,
        entry.type,
        JSON.stringify(entry.actor),
        JSON.stringify(entry.data),
      ]);
      return 'gewijzigd';
    });
  }

  /**
   * Replaces the four reference lists of a knelpunt within the caller's scope and records the change (before and
   * after, as read under the row lock) in the timeline, in one transaction. Metadata only: the workflow's projection
   * never writes these columns, so no version is involved. `ongewijzigd` (nothing written) when the lists are equal.
   */
  async replaceVerwijzingen(
    id: string,
    scope: KnelpuntScope,
    next: Verwijzingen,
    entry: (van: Verwijzingen) => Omit<TimelineEntryEntity, 'seq'>,
  ): Promise<{ outcome: 'gewijzigd' | 'ongewijzigd' | 'niet_gevonden' }> {
    return this.ds.transaction(async (em) => {
      const params: unknown[] = [id];
      const where = scopeSql(scope, params);
      const rows: Verwijzingen[] = await em.query(
        `SELECT kamerstukken, moties, toezeggingen, bwb_ids AS "bwbIds" FROM knelpunten WHERE id = $1 AND (${where}) FOR UPDATE`,
        params,
      );
      const van = rows[0];
      if (!van) return { outcome: 'niet_gevonden' };
      if (sameVerwijzingen(van, next)) {
        return { outcome: 'ongewijzigd' };
      }
      await em.query(
        `UPDATE knelpunten SET kamerstukken = $2::text[], moties = $3::text[], toezeggingen = $4::text[], bwb_ids = $5::text[],
                updated_at = now() WHERE id = $1`,
        [id, next.kamerstukken, next.moties, next.toezeggingen, next.bwbIds],
      );
      const e = entry({ kamerstukken: van.kamerstukken, moties: van.moties, toezeggingen: van.toezeggingen, bwbIds: van.bwbIds });
      await em.query(`INSERT INTO knelpunt_timeline (id, knelpunt_id, at, type, actor, data) VALUES ($1, $2, $3, $4, $5, $6)`, [
        e.id,
        e.knelpuntId,
        e.at,
        e.type,
        JSON.stringify(e.actor),
        JSON.stringify(e.data),
      ]);
      return { outcome: 'gewijzigd' };
    });
  }

  async appendTimeline(entry: Omit<TimelineEntryEntity, 'seq'>): Promise<void> {
    await this.ds.query(
      `INSERT INTO knelpunt_timeline (id, knelpunt_id, at, type, actor, data) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (id) DO NOTHING`,
      [entry.id, entry.knelpuntId, entry.at, entry.type, JSON.stringify(entry.actor), JSON.stringify(entry.data)],
    );
  }
}
