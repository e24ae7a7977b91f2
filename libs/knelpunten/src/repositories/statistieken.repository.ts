import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { DECISIONS, DecisionName } from '@kp/domain';
import type { KnelpuntScope } from '@kp/toegang/scope';
import { scopeSql } from './knelpunt.repository';
import type { AgeingBucket } from '../dtos/statistieken.dto';

/**
 * Decisions about a knelpunt's course. Asking or giving information and a withdrawal by the organisation are
 * no decision about the knelpunt, and an automatic escalation (actor `systeem`) is nobody's decision.
 */
export const DECIDING_DECISIONS: readonly DecisionName[] = DECISIONS.filter(
  (d) => d !== 'informatie_opvragen' && d !== 'informatie_aanleveren' && d !== 'intrekken',
);

export interface KeyCount {
  key: string;
  count: number;
}

export interface Statistieken {
  generatedAt: Date;
  total: number;
  open: number;
  byTheme: KeyCount[];
  byOrganisation: KeyCount[];
  byStatus: KeyCount[];
  ageing: { status: string; bucket: AgeingBucket; count: number }[];
  overdueByDeadlineKind: KeyCount[];
  perQuarter: { quarter: string; decided: number; solved: number; partlySolved: number }[];
}

const TZ = 'Europe/Amsterdam';

/**
 * Counts for the dashboard, all done by PostgreSQL (GROUP BY over the read model, the deadlines' jsonb and the
 * timeline): only the aggregates reach Node. Every query is narrowed by the caller's scope. All counts are read in
 * one REPEATABLE READ snapshot, so they add up.
 */
@Injectable()
export class StatistiekenRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async compute(scope: KnelpuntScope, quarters: number): Promise<Statistieken> {
    return this.ds.transaction('REPEATABLE READ', async (em) => {
      const [{ now }] = (await em.query(`SELECT now() AS now`)) as { now: Date }[];
      const totals = await this.totals(em, scope);
      return {
        generatedAt: now,
        ...totals,
        byTheme: await this.countBy(em, scope, 'theme'),
        byOrganisation: await this.countBy(em, scope, 'organisation_code'),
        byStatus: await this.countBy(em, scope, 'status'),
        ageing: await this.ageing(em, scope),
        overdueByDeadlineKind: await this.overdueByDeadlineKind(em, scope),
        perQuarter: await this.perQuarter(em, scope, quarters),
      };
    });
  }

  private async totals(em: EntityManager, scope: KnelpuntScope): Promise<{ total: number; open: number }> {
    const params: unknown[] = [];
    const [row] = (await em.query(
      `SELECT count(*)::int AS total, (count(*) FILTER (WHERE status <> 'afgesloten'))::int AS open
       FROM knelpunten WHERE ${scopeSql(scope, params)}`,
      params,
    )) as { total: number; open: number }[];
    return { total: row?.total ?? 0, open: row?.open ?? 0 };
  }

  private countBy(em: EntityManager, scope: KnelpuntScope, column: 'theme' | 'organisation_code' | 'status'): Promise<KeyCount[]> {
    const params: unknown[] = [];
    return em.query(
      `SELECT ${column} AS key, count(*)::int AS count FROM knelpunten WHERE ${scopeSql(scope, params)}
       GROUP BY ${column} ORDER BY count DESC, key`,
      params,
    );
  }

  /**
   * Open knelpunten per status and how long they have been in it: since the latest timeline entry that moved the
   * knelpunt into its current status (`data.naar`), else since intake (a knelpunt still `ingediend`).
   */
  private ageing(em: EntityManager, scope: KnelpuntScope): Promise<Statistieken['ageing']> {
    const params: unknown[] = [];
    return em.query(
      `WITH open AS (
         SELECT k.status, now() - coalesce(
           (SELECT max(t.at) FROM knelpunt_timeline t WHERE t.knelpunt_id = k.id AND t.data->>'naar' = k.status),
           k.created_at) AS age
         FROM knelpunten k
         WHERE k.status <> 'afgesloten' AND (${scopeSql(scope, params)}))
       SELECT status,
         CASE WHEN age < interval '4 weeks' THEN 'minder_dan_4_weken'
              WHEN age < interval '8 weeks' THEN '4_tot_8_weken'
              WHEN age < interval '13 weeks' THEN '8_tot_13_weken'
              ELSE '13_weken_of_meer' END AS bucket,
         count(*)::int AS count
       FROM open GROUP BY 1, 2 ORDER BY 1, 2`,
      params,
    );
  }

  /** Deadlines in state `verlopen` of open knelpunten, per kind (the `overdue` flag narrows the rows first). */
  private overdueByDeadlineKind(em: EntityManager, scope: KnelpuntScope): Promise<KeyCount[]> {
    const params: unknown[] = [];
    return em.query(
      `SELECT d->>'kind' AS key, count(*)::int AS count
       FROM knelpunten k CROSS JOIN LATERAL jsonb_array_elements(k.deadlines) d
       WHERE k.overdue AND k.status <> 'afgesloten' AND d->>'state' = 'verlopen' AND (${scopeSql(scope, params)})
       GROUP BY 1 ORDER BY count DESC, key`,
      params,
    );
  }

  /**
   * Per quarter (Europe/Amsterdam), the last `quarters` up to the current one, oldest first: knelpunten decided on
   * (DECIDING_DECISIONS, not by the system) and knelpunten closed as opgelost / deels opgelost. Reads only the
   * status transitions of those quarters (partial index knelpunt_timeline_transitions_idx).
   */
  private perQuarter(em: EntityManager, scope: KnelpuntScope, quarters: number): Promise<Statistieken['perQuarter']> {
    const params: unknown[] = [TZ, quarters - 1, [...DECIDING_DECISIONS]];
    const where = scopeSql(scope, params);
    return em.query(
      `WITH bounds AS (
         SELECT date_trunc('quarter', now() AT TIME ZONE $1) - make_interval(months => 3 * $2::int) AS first_start,
                date_trunc('quarter', now() AT TIME ZONE $1) AS last_start),
       q AS (
         SELECT generate_series(first_start, last_start, interval '3 months') AS start FROM bounds),
       e AS (
         SELECT date_trunc('quarter', t.at AT TIME ZONE $1) AS start, t.knelpunt_id, t.type, t.actor, t.data, k.outcome
         FROM knelpunt_timeline t JOIN knelpunten k ON k.id = t.knelpunt_id
         WHERE t.data ? 'naar' AND t.at >= (SELECT first_start FROM bounds) AT TIME ZONE $1 AND (${where}))
       SELECT to_char(q.start, 'YYYY-"Q"Q') AS quarter,
         (count(DISTINCT e.knelpunt_id) FILTER (
           WHERE e.type = ANY($3::varchar[]) AND coalesce(e.actor->>'role', '') <> 'systeem'))::int AS decided,
         (count(DISTINCT e.knelpunt_id) FILTER (WHERE e.data->>'naar' = 'afgesloten' AND e.outcome = 'opgelost'))::int AS solved,
         (count(DISTINCT e.knelpunt_id) FILTER (
           WHERE e.data->>'naar' = 'afgesloten' AND e.outcome = 'deels_opgelost'))::int AS "partlySolved"
       FROM q LEFT JOIN e ON e.start = q.start
       GROUP BY q.start ORDER BY q.start`,
      params,
    );
  }
}
