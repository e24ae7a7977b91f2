import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { KnelpuntScope } from '@kp/toegang/scope';
import { scopeSql } from '../../repositories/knelpunt.repository';

/**
 * The year a Stand is about: the four digits its period starts with (`2025`, `2025-H2`), else the year it was
 * published, else the year it was registered (Europe/Amsterdam). `s` is the alias of a `standen` row.
 */
export const standJaarSql = (s: string): string =>
  `coalesce(substring(${s}.period from '^([0-9]{4})')::int, extract(year from ${s}.published_on)::int,
            extract(year from ${s}.created_at AT TIME ZONE 'Europe/Amsterdam')::int)`;

/**
 * Two knelpunten of the same organisation are look-alikes when the trigram similarity of their titles reaches this
 * (`%` with `pg_trgm.similarity_threshold`, so the GIN index on the title finds them). 0.5: a title repeated with a
 * few words changed ("Tekort aan verzekeringsartsen voor de WIA" → "… bij de WIA-keuringen") scores 0.6–0.9, two
 * different knelpunten of one organisation rarely above 0.3 (the cluster suggestions, across organisations and with
 * the description as well, start looking from 0.2).
 */
export const TERUGKEREND_TITLE_THRESHOLD = 0.5;
/** At most this many earlier knelpunten per recurring knelpunt, the most similar first. */
export const TERUGKEREND_EARLIER_LIMIT = 5;
/** At most this many recurring knelpunten are listed (`terugkerend.total` counts them all). */
export const TERUGKEREND_LIMIT = 200;
/** The most often named laws: this many of each kind. */
export const WETTEN_LIMIT = 20;
/** At most this many clusters are listed, those with the most organisations first. */
export const CLUSTERS_LIMIT = 100;

/** Age buckets of open knelpunten, in whole days since they were submitted: [from, to). */
export const VEROUDERING_BUCKETS = [
  { key: 'minder_dan_30_dagen', from: 0, to: 30, label: 'Minder dan 30 dagen' },
  { key: '30_tot_90_dagen', from: 30, to: 90, label: '30 tot 90 dagen' },
  { key: '90_tot_180_dagen', from: 90, to: 180, label: '90 tot 180 dagen' },
  { key: '180_dagen_of_meer', from: 180, to: null, label: '180 dagen of meer' },
] as const;

export interface MatrixCellRecord {
  theme: string | null;
  organisation: string | null;
  label: string | null;
  count: number;
}

export interface WetRecord {
  key: string;
  label: string | null;
  count: number;
  organisations: string[];
}

export interface ClusterMemberRecord {
  id: string;
  reference: string;
  title: string;
  organisation: string;
  status: string;
  jaar: number;
}

export interface StaatClusterRecord {
  id: string;
  title: string;
  organisations: number;
  membersInJaar: number;
  members: ClusterMemberRecord[];
}

export interface EerderRecord {
  id: string;
  reference: string;
  title: string;
  status: string;
  jaar: number;
  score: number;
  titleAlike: boolean;
  sharedBwbIds: string[];
}

export interface TerugkerendRecord {
  id: string;
  reference: string;
  title: string;
  organisation: string;
  theme: string;
  status: string;
  eerder: EerderRecord[];
}

export interface VerouderingRecord {
  /** null: all open knelpunten together */
  status: string | null;
  count: number;
  medianDays: number | null;
  maxDays: number | null;
  buckets: number[];
}

export interface StaatAnalyse {
  generatedAt: Date;
  standen: number;
  availableYears: number[];
  matrix: MatrixCellRecord[];
  wetten: { bwb: WetRecord[]; tekst: WetRecord[] };
  clusters: StaatClusterRecord[];
  terugkerend: { total: number; items: TerugkerendRecord[] };
  veroudering: VerouderingRecord[];
}

/**
 * The Staat van de Uitvoering of one year, counted by PostgreSQL over the read model: the knelpunten of the Standen
 * of that year (see {@link standJaarSql}) within the caller's scope. Only aggregates and bounded lists reach Node.
 * All queries run in one REPEATABLE READ transaction, so they add up.
 *
 * Every query starts from the same two inlined CTEs: `scoped` (the knelpunten the caller may read; NOT MATERIALIZED,
 * so the planner pushes its conditions into the scans) and `kp` (those of the year's Standen: the Standen of a year
 * are a handful, their knelpunten come through `knelpunten_stand_idx`).
 */
@Injectable()
export class StaatAnalyseRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async compute(scope: KnelpuntScope, jaar: number): Promise<StaatAnalyse> {
    return this.ds.transaction('REPEATABLE READ', async (em) => {
      // For this transaction only: the threshold of `%` in the recurring-knelpunten query.
      await em.query(`SELECT set_config('pg_trgm.similarity_threshold', $1, true)`, [String(TERUGKEREND_TITLE_THRESHOLD)]);
      const [meta] = (await em.query(
        `SELECT now() AS "generatedAt",
                (SELECT count(*)::int FROM standen s WHERE ${standJaarSql('s')} = $1) AS standen,
                (SELECT coalesce(array_agg(DISTINCT ${standJaarSql('s')} ORDER BY ${standJaarSql('s')} DESC), '{}')
                   FROM standen s) AS "availableYears"`,
        [jaar],
      )) as { generatedAt: Date; standen: number; availableYears: number[] }[];
      return {
        generatedAt: meta!.generatedAt,
        standen: meta!.standen,
        availableYears: meta!.availableYears,
        matrix: await this.matrix(em, scope, jaar),
        wetten: await this.wetten(em, scope, jaar),
        clusters: await this.clusters(em, scope, jaar),
        terugkerend: await this.terugkerend(em, scope, jaar),
        veroudering: await this.veroudering(em, scope, jaar),
      };
    });
  }

  /** `WITH scoped …, kp …` for the year in `params[0]`; appends the scope's parameters to `params`. */
  private base(scope: KnelpuntScope, params: unknown[]): string {
    return `WITH scoped AS NOT MATERIALIZED (SELECT * FROM knelpunten WHERE ${scopeSql(scope, params)}),
      kp AS NOT MATERIALIZED (
        SELECT k.* FROM scoped k WHERE k.stand_id IN (SELECT s.id FROM standen s WHERE ${standJaarSql('s')} = $1::int))`;
  }

  /** Theme × organisation, with the row and column totals and the grand total (GROUPING SETS). */
  private async matrix(em: EntityManager, scope: KnelpuntScope, jaar: number): Promise<MatrixCellRecord[]> {
    const params: unknown[] = [jaar];
    return (await em.query(
      `${this.base(scope, params)}
       SELECT g.theme, g.organisation, o.name AS label, g.count
         FROM (SELECT kp.theme::text AS theme, kp.organisation_code::text AS organisation, count(*)::int AS count
                 FROM kp GROUP BY GROUPING SETS ((kp.theme, kp.organisation_code), (kp.theme), (kp.organisation_code), ())) g
         LEFT JOIN organisaties o ON o.code = g.organisation
        ORDER BY g.count DESC, g.theme, g.organisation`,
      params,
    )) as MatrixCellRecord[];
  }

  /**
   * The laws most often named: by BWB id (unnest of `bwb_ids`; its label the free text most often written beside
   * it), and for knelpunten without a BWB id the free-text `law`, lower-cased and trimmed.
   */
  private async wetten(em: EntityManager, scope: KnelpuntScope, jaar: number): Promise<StaatAnalyse['wetten']> {
    const bwbParams: unknown[] = [jaar, WETTEN_LIMIT];
    const bwb = (await em.query(
      `${this.base(scope, bwbParams)}
       SELECT b.bwb_id AS key, count(DISTINCT kp.id)::int AS count,
              array_agg(DISTINCT kp.organisation_code::text ORDER BY kp.organisation_code::text) AS organisations,
              mode() WITHIN GROUP (ORDER BY nullif(btrim(kp.law), '')) AS label
         FROM kp CROSS JOIN LATERAL unnest(kp.bwb_ids) AS b(bwb_id)
        GROUP BY b.bwb_id
        ORDER BY count DESC, b.bwb_id
        LIMIT $2`,
      bwbParams,
    )) as WetRecord[];
    const tekstParams: unknown[] = [jaar, WETTEN_LIMIT];
    const tekst = (await em.query(
      `${this.base(scope, tekstParams)}
       SELECT lower(btrim(kp.law)) AS key, count(*)::int AS count,
              array_agg(DISTINCT kp.organisation_code::text ORDER BY kp.organisation_code::text) AS organisations,
              mode() WITHIN GROUP (ORDER BY btrim(kp.law)) AS label
         FROM kp
        WHERE cardinality(kp.bwb_ids) = 0 AND btrim(coalesce(kp.law, '')) <> ''
        GROUP BY lower(btrim(kp.law))
        ORDER BY count DESC, key
        LIMIT $2`,
      tekstParams,
    )) as WetRecord[];
    return { bwb, tekst };
  }

  /** The ACU's clusters with at least one member of the year, each with all its members (within the scope). */
  private async clusters(em: EntityManager, scope: KnelpuntScope, jaar: number): Promise<StaatClusterRecord[]> {
    const params: unknown[] = [jaar, CLUSTERS_LIMIT];
    return (await em.query(
      `${this.base(scope, params)}
       SELECT c.id, c.title,
              count(DISTINCT k.organisation_code)::int AS organisations,
              (count(*) FILTER (WHERE ${standJaarSql('s')} = $1::int))::int AS "membersInJaar",
              json_agg(json_build_object('id', k.id, 'reference', k.reference, 'title', k.title,
                'organisation', k.organisation_code, 'status', k.status, 'jaar', ${standJaarSql('s')})
                ORDER BY k.organisation_code, k.reference) AS members
         FROM acu_clusters c
         JOIN acu_cluster_members m ON m.cluster_id = c.id
         JOIN scoped k ON k.id = m.knelpunt_id
         JOIN standen s ON s.id = k.stand_id
        WHERE c.id IN (SELECT m2.cluster_id FROM acu_cluster_members m2 JOIN kp ON kp.id = m2.knelpunt_id)
        GROUP BY c.id, c.title, c.created_at
        ORDER BY organisations DESC, count(*) DESC, c.created_at DESC, c.id
        LIMIT $2`,
      params,
    )) as StaatClusterRecord[];
  }

  /**
   * Knelpunten of the year whose organisation named a look-alike in the Stand of an earlier year: the title alike
   * (`%`, the trigram index on the title) or the same BWB id and the same theme (`&&`, the GIN index on bwb_ids).
   * Per knelpunt its {@link TERUGKEREND_EARLIER_LIMIT} most similar earlier ones.
   */
  private async terugkerend(em: EntityManager, scope: KnelpuntScope, jaar: number): Promise<StaatAnalyse['terugkerend']> {
    const params: unknown[] = [jaar, TERUGKEREND_EARLIER_LIMIT, TERUGKEREND_LIMIT];
    const rows = (await em.query(
      `${this.base(scope, params)},
       matches AS (
         SELECT kp.id, kp.reference, kp.title, kp.organisation_code, kp.theme, kp.status, e.*
           FROM kp CROSS JOIN LATERAL (
             SELECT o.id AS e_id, o.reference AS e_reference, o.title AS e_title, o.status AS e_status,
                    similarity(o.title, kp.title) AS e_score, o.title % kp.title AS e_title_alike,
                    CASE WHEN o.theme = kp.theme
                      THEN ARRAY(SELECT unnest(o.bwb_ids) INTERSECT SELECT unnest(kp.bwb_ids) ORDER BY 1)
                      ELSE '{}'::text[] END AS e_shared,
                    o.stand_id AS e_stand_id
               FROM scoped o
              WHERE o.organisation_code = kp.organisation_code
                AND (o.title % kp.title OR (o.bwb_ids && kp.bwb_ids AND o.theme = kp.theme))
                AND o.stand_id IN (SELECT s.id FROM standen s WHERE ${standJaarSql('s')} < $1::int)
              ORDER BY similarity(o.title, kp.title) DESC, o.reference
              LIMIT $2) e),
       grouped AS (
         SELECT m.id, m.reference, m.title, m.organisation_code AS organisation, m.theme, m.status,
                json_agg(json_build_object('id', m.e_id, 'reference', m.e_reference, 'title', m.e_title, 'status', m.e_status,
                  'jaar', ${standJaarSql('s')}, 'score', round(m.e_score::numeric, 2), 'titleAlike', m.e_title_alike,
                  'sharedBwbIds', m.e_shared) ORDER BY m.e_score DESC, m.e_reference) AS eerder,
                max(m.e_score) AS best
           FROM matches m JOIN standen s ON s.id = m.e_stand_id
          GROUP BY m.id, m.reference, m.title, m.organisation_code, m.theme, m.status)
       SELECT g.*, count(*) OVER ()::int AS total FROM grouped g
        ORDER BY g.best DESC, g.reference
        LIMIT $3`,
      params,
    )) as (TerugkerendRecord & { total: number; best: number })[];
    return {
      total: rows[0]?.total ?? 0,
      items: rows.map(({ total: _total, best: _best, ...r }) => ({
        ...r,
        eerder: r.eerder.map((e) => ({ ...e, score: Number(e.score) })),
      })),
    };
  }

  /** Open knelpunten of the year per status (and all together): count, median and max age in days, buckets. */
  private async veroudering(em: EntityManager, scope: KnelpuntScope, jaar: number): Promise<VerouderingRecord[]> {
    const params: unknown[] = [jaar];
    const buckets = VEROUDERING_BUCKETS.map(
      (b) => `(count(*) FILTER (WHERE a.days >= ${b.from}${b.to === null ? '' : ` AND a.days < ${b.to}`}))::int`,
    ).join(', ');
    const rows = (await em.query(
      `${this.base(scope, params)}
       SELECT a.status, count(*)::int AS count,
              percentile_cont(0.5) WITHIN GROUP (ORDER BY a.days) AS "medianDays", max(a.days)::int AS "maxDays",
              ARRAY[${buckets}] AS buckets
         FROM (SELECT kp.status::text AS status, floor(extract(epoch FROM (now() - kp.created_at)) / 86400)::int AS days
                 FROM kp WHERE kp.status <> 'afgesloten') a
        GROUP BY GROUPING SETS ((a.status), ())`,
      params,
    )) as VerouderingRecord[];
    return rows.map((r) => ({ ...r, medianDays: r.medianDays === null ? null : Number(r.medianDays) }));
  }
}
