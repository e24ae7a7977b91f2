import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { KnelpuntScope } from '@kp/toegang/scope';
import { scopeSql } from './knelpunt.repository';
import { DECIDING_DECISIONS, KeyCount } from './statistieken.repository';

const TZ = 'Europe/Amsterdam';

export interface Tellingen {
  total: number;
  byStatus: KeyCount[];
  byTheme: KeyCount[];
  byOrganisation: KeyCount[];
  byDoorbraakteam: KeyCount[];
}

export interface Voortgangsrapportage {
  generatedAt: Date;
  peilmoment: Date;
  lopend: boolean;
  quarter: Tellingen;
  cumulative: Tellingen;
  flows: {
    new: number;
    decidedByDriehoek: number;
    escalatedToAcu: number;
    toPolitics: number;
    solved: number;
    notSolvable: number;
    withdrawn: number;
  };
  overdue: { basis: 'huidige_stand' | 'termijnlogboek'; knelpunten: number; byDeadlineKind: KeyCount[] };
  driehoekDecision: { medianDays: number | null; basedOn: number };
  moved: {
    total: number;
    items: { reference: string; title: string; organisation: string; from: string; to: string; lastMovedAt: Date }[];
  };
}

/** The quarter's instants: [start, end) in Europe/Amsterdam, and the moment the states are taken at. */
interface Bounds {
  start: Date;
  end: Date;
  now: Date;
  peil: Date;
  lopend: boolean;
}

type Dimension = 'status' | 'theme' | 'organisation' | 'doorbraakteam';

/**
 * The quarterly progress report, counted by PostgreSQL over the read model (`knelpunten`) and the timeline
 * (`knelpunt_timeline`): only aggregates and at most `movedLimit` rows reach Node. Every query is narrowed by the
 * caller's scope, and all are read in one REPEATABLE READ snapshot, so they add up.
 *
 * States "at the end of the quarter": for the running quarter they are the read model's (the end has not come; the
 * numbers equal the lists'); for a past quarter a knelpunt's status is the `naar` of its last transition before the
 * end (else `ingediend`), its doorbraakteam the last assignment before the end, and a deadline counts as overdue when
 * the last entry of its log before the end is `verlopen`. Theme and organisation are the current ones.
 */
@Injectable()
export class VoortgangsrapportageRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /** `firstDay` is the quarter's first local day (YYYY-MM-DD). */
  async compute(scope: KnelpuntScope, firstDay: string, movedLimit: number): Promise<Voortgangsrapportage> {
    return this.ds.transaction('REPEATABLE READ', async (em) => {
      const b = await this.bounds(em, firstDay);
      const counts = await this.counts(em, scope, b);
      return {
        generatedAt: b.now,
        peilmoment: b.peil,
        lopend: b.lopend,
        ...counts,
        flows: await this.flows(em, scope, b),
        overdue: await this.overdue(em, scope, b),
        driehoekDecision: await this.driehoekDecision(em, scope, b),
        moved: await this.moved(em, scope, b, movedLimit),
      };
    });
  }

  private async bounds(em: EntityManager, firstDay: string): Promise<Bounds> {
    const [row] = (await em.query(
      `SELECT s AS start, e AS "end", now() AS now, least(now(), e) AS peil, e > now() AS lopend
       FROM (SELECT ($2::timestamp AT TIME ZONE $1) AS s, (($2::timestamp + interval '3 months') AT TIME ZONE $1) AS e) b`,
      [TZ, firstDay],
    )) as Bounds[];
    return row!;
  }

  /** Knelpunten ingediend before the end, by status, theme, organisation and doorbraakteam: in the quarter and cumulative. */
  private async counts(em: EntityManager, scope: KnelpuntScope, b: Bounds): Promise<{ quarter: Tellingen; cumulative: Tellingen }> {
    const params: unknown[] = [b.start, b.end, b.lopend];
    const where = scopeSql(scope, params);
    const rows = (await em.query(
      `WITH kp AS (
         SELECT k.organisation_code, k.theme, k.created_at >= $1 AS in_quarter,
           CASE WHEN $3::boolean THEN k.status ELSE coalesce(
             (SELECT t.data->>'naar' FROM knelpunt_timeline t
              WHERE t.knelpunt_id = k.id AND t.data ? 'naar' AND t.at < $2 ORDER BY t.at DESC, t.seq DESC LIMIT 1),
             'ingediend') END AS status,
           CASE WHEN $3::boolean THEN coalesce(k.details->>'team', 'geen') ELSE coalesce(
             (SELECT t.data->>'team' FROM knelpunt_timeline t
              WHERE t.knelpunt_id = k.id AND t.type = 'toewijzen_doorbraakteam' AND t.at < $2 ORDER BY t.at DESC, t.seq DESC LIMIT 1),
             'geen') END AS team
         FROM knelpunten k
         WHERE k.created_at < $2 AND (${where}))
       SELECT v.dim, v.key, (count(*) FILTER (WHERE kp.in_quarter))::int AS quarter, count(*)::int AS cumulative
       FROM kp CROSS JOIN LATERAL (VALUES ('status', kp.status), ('theme', kp.theme::text),
         ('organisation', kp.organisation_code::text), ('doorbraakteam', kp.team)) AS v(dim, key)
       GROUP BY v.dim, v.key`,
      params,
    )) as { dim: Dimension; key: string; quarter: number; cumulative: number }[];
    const tellingen = (column: 'quarter' | 'cumulative'): Tellingen => {
      const by = (dim: Dimension): KeyCount[] =>
        rows
          .filter((r) => r.dim === dim && r[column] > 0)
          .map((r) => ({ key: r.key, count: r[column] }))
          .sort((x, y) => y.count - x.count || (x.key < y.key ? -1 : x.key > y.key ? 1 : 0));
      const byStatus = by('status');
      return {
        total: byStatus.reduce((sum, r) => sum + r.count, 0),
        byStatus,
        byTheme: by('theme'),
        byOrganisation: by('organisation'),
        byDoorbraakteam: by('doorbraakteam'),
      };
    };
    return { quarter: tellingen('quarter'), cumulative: tellingen('cumulative') };
  }

  /** Knelpunten per kind of move in the quarter (each knelpunt once per kind), from the status transitions only. */
  private async flows(em: EntityManager, scope: KnelpuntScope, b: Bounds): Promise<Voortgangsrapportage['flows']> {
    const params: unknown[] = [b.start, b.end, [...DECIDING_DECISIONS]];
    const where = scopeSql(scope, params);
    const newParams: unknown[] = [b.start, b.end];
    const newWhere = scopeSql(scope, newParams);
    const [nieuw] = (await em.query(
      `SELECT count(*)::int AS count FROM knelpunten WHERE created_at >= $1 AND created_at < $2 AND (${newWhere})`,
      newParams,
    )) as { count: number }[];
    const [row] = (await em.query(
      `SELECT
         (count(DISTINCT t.knelpunt_id) FILTER (
           WHERE t.type = ANY($3::varchar[]) AND t.actor->>'role' = 'driehoek'))::int AS "decidedByDriehoek",
         (count(DISTINCT t.knelpunt_id) FILTER (WHERE t.type = 'escaleren_acu'))::int AS "escalatedToAcu",
         (count(DISTINCT t.knelpunt_id) FILTER (WHERE t.type = 'naar_politiek'))::int AS "toPolitics",
         (count(DISTINCT t.knelpunt_id) FILTER (
           WHERE t.data->>'naar' = 'afgesloten' AND k.outcome IN ('opgelost', 'deels_opgelost')))::int AS solved,
         (count(DISTINCT t.knelpunt_id) FILTER (
           WHERE t.data->>'naar' = 'afgesloten' AND k.outcome = 'niet_oplosbaar'))::int AS "notSolvable",
         (count(DISTINCT t.knelpunt_id) FILTER (WHERE t.data->>'naar' = 'afgesloten' AND k.outcome = 'ingetrokken'))::int AS withdrawn
       FROM knelpunt_timeline t JOIN knelpunten k ON k.id = t.knelpunt_id
       WHERE t.data ? 'naar' AND t.at >= $1 AND t.at < $2 AND (${where})`,
      params,
    )) as Omit<Voortgangsrapportage['flows'], 'new'>[];
    return { new: nieuw?.count ?? 0, ...row! };
  }

  /**
   * Overdue deadlines at the peilmoment. Running quarter: the read model's deadlines in state `verlopen` of open
   * knelpunten (as the dashboard counts them). Past quarter: per deadline, the last entry of its log before the end.
   */
  private async overdue(em: EntityManager, scope: KnelpuntScope, b: Bounds): Promise<Voortgangsrapportage['overdue']> {
    // Only what the query uses: an unused parameter has no type PostgreSQL could infer.
    const params: unknown[] = b.lopend ? [] : [b.end];
    const where = scopeSql(scope, params);
    const od = b.lopend
      ? `SELECT k.id, d->>'kind' AS kind
         FROM knelpunten k CROSS JOIN LATERAL jsonb_array_elements(k.deadlines) d
         WHERE k.overdue AND k.status <> 'afgesloten' AND d->>'state' = 'verlopen' AND (${where})`
      : `SELECT k.id, d->>'kind' AS kind
         FROM knelpunten k CROSS JOIN LATERAL jsonb_array_elements(k.deadlines) d
         WHERE k.created_at < $1 AND k.deadlines @> '[{"log":[{"type":"verlopen"}]}]' AND (${where})
           AND (SELECT l->>'type' FROM jsonb_array_elements(coalesce(d->'log', '[]'::jsonb)) WITH ORDINALITY AS x(l, n)
                WHERE (l->>'at')::timestamptz < $1 ORDER BY (l->>'at')::timestamptz DESC, x.n DESC LIMIT 1) = 'verlopen'`;
    const rows = (await em.query(
      `WITH od AS (${od})
       SELECT kind AS key, count(*)::int AS count, count(DISTINCT id)::int AS knelpunten
       FROM od GROUP BY GROUPING SETS ((kind), ()) ORDER BY count DESC, key`,
      params,
    )) as { key: string | null; count: number; knelpunten: number }[];
    return {
      basis: b.lopend ? 'huidige_stand' : 'termijnlogboek',
      knelpunten: rows.find((r) => r.key === null)?.knelpunten ?? 0,
      byDeadlineKind: rows.filter((r) => r.key !== null).map((r) => ({ key: r.key!, count: r.count })),
    };
  }

  /** Median days from intake to the first driehoek decision, over the knelpunten whose first one fell in the quarter. */
  private async driehoekDecision(em: EntityManager, scope: KnelpuntScope, b: Bounds): Promise<Voortgangsrapportage['driehoekDecision']> {
    const params: unknown[] = [b.start, b.end, [...DECIDING_DECISIONS]];
    const where = scopeSql(scope, params);
    const [row] = (await em.query(
      `WITH firsts AS (
         SELECT k.id, k.created_at, min(t.at) AS first_at
         FROM knelpunt_timeline t JOIN knelpunten k ON k.id = t.knelpunt_id
         WHERE t.data ? 'naar' AND t.at < $2 AND t.type = ANY($3::varchar[]) AND t.actor->>'role' = 'driehoek' AND (${where})
         GROUP BY k.id, k.created_at)
       SELECT count(*)::int AS "basedOn",
         round((percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM first_at - created_at) / 86400))::numeric, 1)::float8
           AS "medianDays"
       FROM firsts WHERE first_at >= $1`,
      params,
    )) as { basedOn: number; medianDays: number | null }[];
    return { medianDays: row?.medianDays ?? null, basedOn: row?.basedOn ?? 0 };
  }

  /** Knelpunten whose status changed in the quarter: from before the first change to after the last, latest first. */
  private async moved(em: EntityManager, scope: KnelpuntScope, b: Bounds, limit: number): Promise<Voortgangsrapportage['moved']> {
    const params: unknown[] = [b.start, b.end, limit];
    const where = scopeSql(scope, params);
    const rows = (await em.query(
      `WITH m AS (
         SELECT t.knelpunt_id,
           (array_agg(t.data->>'van' ORDER BY t.at, t.seq))[1] AS van,
           (array_agg(t.data->>'naar' ORDER BY t.at DESC, t.seq DESC))[1] AS naar,
           max(t.at) AS moved_at
         FROM knelpunt_timeline t JOIN knelpunten k ON k.id = t.knelpunt_id
         WHERE t.data ? 'naar' AND t.at >= $1 AND t.at < $2 AND (${where})
         GROUP BY t.knelpunt_id)
       SELECT k.reference, k.title, k.organisation_code AS organisation, m.van AS "from", m.naar AS "to", m.moved_at AS "lastMovedAt",
         (count(*) OVER ())::int AS total
       FROM m JOIN knelpunten k ON k.id = m.knelpunt_id
       ORDER BY m.moved_at DESC, k.reference
       LIMIT $3`,
      params,
    )) as (Voortgangsrapportage['moved']['items'][number] & { total: number })[];
    return { total: rows[0]?.total ?? 0, items: rows.map(({ total: _total, ...item }) => item) };
  }
}
