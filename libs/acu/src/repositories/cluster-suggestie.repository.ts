import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, QueryRunner } from 'typeorm';
import type { ActorSnapshot } from '../entities/acu-meeting.entity';

/** One side of a suggested pair. */
export interface SuggestedKnelpunt {
  id: string;
  reference: string;
  title: string;
  organisation: string;
  theme: string;
  status: string;
  law: string | null;
}

/** A pair of look-alike knelpunten of two organisations, with the numbers behind its score (all from SQL). */
export interface SuggestionRecord {
  a: SuggestedKnelpunt;
  b: SuggestedKnelpunt;
  score: number;
  titleSimilarity: number;
  descriptionSimilarity: number;
  sameTheme: boolean;
  sameLaw: boolean;
}

export interface RejectionRecord {
  knelpuntIds: [string, string];
  reason: string | null;
  rejectedAt: Date;
  rejectedBy: ActorSnapshot;
}

/** A knelpunt as the suggestion routes need to check it (within the ACU's scope: escalated). */
export interface SuggestionCandidate {
  id: string;
  title: string;
  escalated: boolean;
}

/**
 * How the suggestions are found and scored. A pair is a candidate only when the trigram index says its titles or
 * its descriptions are alike (`%` at {@link SIMILARITY_FLOOR}); among those each knelpunt keeps its
 * {@link NEIGHBOURS} nearest. The score: 0.55 · title similarity + 0.45 · description similarity, plus
 * {@link THEME_BOOST} for the same theme and {@link LAW_BOOST} for the same law, at most 1.
 */
export const SIMILARITY_FLOOR = 0.2;
export const NEIGHBOURS = 5;
export const THEME_BOOST = 0.1;
export const LAW_BOOST = 0.15;
/** Suggestions below this score are not shown. */
export const MIN_SCORE = 0.3;
/** The most recent open knelpunten whose neighbours are looked up (bounds the work of one request). */
export const MAX_SOURCES = 2000;

interface SuggestionRow {
  score: string;
  title_sim: string;
  description_sim: string;
  same_theme: boolean;
  same_law: boolean;
  a_id: string;
  a_reference: string;
  a_title: string;
  a_organisation: string;
  a_theme: string;
  a_status: string;
  a_law: string | null;
  b_id: string;
  b_reference: string;
  b_title: string;
  b_organisation: string;
  b_theme: string;
  b_status: string;
  b_law: string | null;
}

/** An open knelpunt the ACU can still cluster: escalated, not afgesloten, in no cluster yet. */
const clusterable = (k: string): string => `${k}.escalated AND ${k}.status <> 'afgesloten'
  AND NOT EXISTS (SELECT 1 FROM acu_cluster_members m WHERE m.knelpunt_id = ${k}.id)`;

/**
 * The suggestion query ($1 sources, $2 neighbours, $3 theme boost, $4 law boost, $5 minimum score, $6 limit); run it
 * with `pg_trgm.similarity_threshold` set to {@link SIMILARITY_FLOOR}. Exported for EXPLAIN in tests and the bench.
 */
export const SUGGESTION_QUERY = `WITH sources AS (
     SELECT k.id, k.organisation_code, k.title, k.description, k.theme, k.law
       FROM knelpunten k
      WHERE ${clusterable('k')}
      ORDER BY k.created_at DESC, k.id DESC
      LIMIT $1),
   pairs AS (
     SELECT least(a.id, n.id) AS k1, greatest(a.id, n.id) AS k2, n.title_sim, n.description_sim,
            a.theme = n.theme AS same_theme,
            (a.law IS NOT NULL AND n.law IS NOT NULL AND btrim(a.law) <> ''
              AND lower(btrim(a.law)) = lower(btrim(n.law))) AS same_law
       FROM sources a
       CROSS JOIN LATERAL (
         SELECT b.id, b.theme, b.law,
                similarity(b.title, a.title) AS title_sim,
                similarity(b.description, a.description) AS description_sim
           FROM knelpunten b
          WHERE (b.title % a.title OR b.description % a.description)
            AND b.id <> a.id
            AND b.organisation_code <> a.organisation_code
            -- The same as clusterable(b), written so that no partial index on escalated or status can serve it:
            -- the neighbours must come from the trigram indexes.
            AND CASE WHEN b.escalated THEN b.status <> 'afgesloten' ELSE false END
            AND NOT EXISTS (SELECT 1 FROM acu_cluster_members m WHERE m.knelpunt_id = b.id)
            AND NOT EXISTS (SELECT 1 FROM acu_cluster_suggestie_afwijzingen r
                             WHERE r.knelpunt_a = least(a.id, b.id) AND r.knelpunt_b = greatest(a.id, b.id))
          ORDER BY 0.55 * similarity(b.title, a.title) + 0.45 * similarity(b.description, a.description) DESC, b.id
          LIMIT $2) n),
   scored AS (
     SELECT DISTINCT ON (k1, k2) k1, k2, title_sim, description_sim, same_theme, same_law,
            least(1.0, 0.55 * title_sim + 0.45 * description_sim
              + CASE WHEN same_theme THEN $3::numeric ELSE 0 END
              + CASE WHEN same_law THEN $4::numeric ELSE 0 END) AS score
       FROM pairs
      ORDER BY k1, k2)
   SELECT round(s.score::numeric, 2)::text AS score,
          round(s.title_sim::numeric, 2)::text AS title_sim,
          round(s.description_sim::numeric, 2)::text AS description_sim,
          s.same_theme, s.same_law,
          ka.id AS a_id, ka.reference AS a_reference, ka.title AS a_title, ka.organisation_code AS a_organisation,
          ka.theme AS a_theme, ka.status AS a_status, ka.law AS a_law,
          kb.id AS b_id, kb.reference AS b_reference, kb.title AS b_title, kb.organisation_code AS b_organisation,
          kb.theme AS b_theme, kb.status AS b_status, kb.law AS b_law
     FROM scored s
     JOIN knelpunten ka ON ka.id = s.k1
     JOIN knelpunten kb ON kb.id = s.k2
    WHERE s.score >= $5
    ORDER BY s.score DESC, ka.reference, kb.reference
    LIMIT $6`;

/**
 * The settings the suggestion query runs with, for the current transaction only: the threshold of `%`, and no
 * sequential scans, so every knelpunt's neighbours come from the trigram indexes (the planner's estimate for
 * `similarity()` on long descriptions is far too cheap, and a scan computes it for every row, for every knelpunt).
 */
export async function prepareSuggestionQuery(em: EntityManager | QueryRunner): Promise<void> {
  await em.query(
    `SELECT set_config('pg_trgm.similarity_threshold', $1, true), set_config('enable_seqscan', 'off', true),
            set_config('enable_indexscan', 'off', true)`,
    [String(SIMILARITY_FLOOR)],
  );
}

export const suggestionQueryParams = (limit: number): (number | string)[] => [
  MAX_SOURCES,
  NEIGHBOURS,
  THEME_BOOST,
  LAW_BOOST,
  MIN_SCORE,
  limit,
];

@Injectable()
export class ClusterSuggestieRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /**
   * The best `limit` suggestions, highest score first: pairs of clusterable knelpunten of different organisations,
   * never a rejected pair. For each of the most recent clusterable knelpunten a LATERAL lookup through the trigram
   * indexes finds its nearest neighbours; the pair (a, b) and (b, a) count once.
   */
  async suggestions(limit: number): Promise<SuggestionRecord[]> {
    return this.ds.transaction('READ COMMITTED', async (em) => {
      await prepareSuggestionQuery(em);
      const rows: SuggestionRow[] = await em.query(SUGGESTION_QUERY, suggestionQueryParams(limit));
      return rows.map((r) => ({
        a: side(r, 'a'),
        b: side(r, 'b'),
        score: Number(r.score),
        titleSimilarity: Number(r.title_sim),
        descriptionSimilarity: Number(r.description_sim),
        sameTheme: r.same_theme,
        sameLaw: r.same_law,
      }));
    });
  }

  /** The given knelpunten as far as they exist. */
  async candidates(ids: string[]): Promise<SuggestionCandidate[]> {
    return this.ds.query(`SELECT id, title, escalated FROM knelpunten WHERE id = ANY($1::uuid[])`, [ids]);
  }

  /** Records the rejection of the pair once; `created` is false when it was already rejected (the first stays). */
  async reject(
    pair: [string, string],
    reason: string | null,
    by: ActorSnapshot,
  ): Promise<{ created: boolean; rejection: RejectionRecord }> {
    const inserted: unknown[] = await this.ds.query(
      `INSERT INTO acu_cluster_suggestie_afwijzingen (knelpunt_a, knelpunt_b, reason, rejected_by)
       VALUES (least($1::uuid, $2::uuid), greatest($1::uuid, $2::uuid), $3, $4::jsonb)
       ON CONFLICT (knelpunt_a, knelpunt_b) DO NOTHING
       RETURNING knelpunt_a`,
      [pair[0], pair[1], reason, JSON.stringify(by)],
    );
    const [row]: { knelpunt_a: string; knelpunt_b: string; reason: string | null; rejected_at: Date; rejected_by: ActorSnapshot }[] =
      await this.ds.query(
        `SELECT knelpunt_a, knelpunt_b, reason, rejected_at, rejected_by FROM acu_cluster_suggestie_afwijzingen
          WHERE knelpunt_a = least($1::uuid, $2::uuid) AND knelpunt_b = greatest($1::uuid, $2::uuid)`,
        [pair[0], pair[1]],
      );
    return {
      created: inserted.length > 0,
      rejection: {
        knelpuntIds: [row!.knelpunt_a, row!.knelpunt_b],
        reason: row!.reason,
        rejectedAt: row!.rejected_at,
        rejectedBy: row!.rejected_by,
      },
    };
  }
}

function side(r: SuggestionRow, p: 'a' | 'b'): SuggestedKnelpunt {
  return {
    id: r[`${p}_id`],
    reference: r[`${p}_reference`],
    title: r[`${p}_title`],
    organisation: r[`${p}_organisation`],
    theme: r[`${p}_theme`],
    status: r[`${p}_status`],
    law: r[`${p}_law`],
  };
}
