/**
 * Goal 8, the read model at scale: with many knelpunten bulk-loaded (SQL generate_series in batches, the same
 * distribution over organisations, themes and statuses as scripts/bench/volume.ts, plus the two timeline entries an
 * intake writes; VACUUM ANALYZE after, as autovacuum would), the list, queue and search pages are timed
 * - in the database: EXPLAIN (ANALYZE) execution time of exactly the SQL the API runs (the repository builds it, its
 *   DataSource is a stand-in that captures statement and parameters, as in scripts/bench/explain.ts), p95 over
 *   samples with varying organisations, driehoeken and search terms;
 * - over HTTP: the same pages through the API, p95;
 * - page 10,000 of the list (a keyset cursor built from the row just before it) against page 1;
 * - whether text search uses an index (not a Seq Scan on knelpunten).
 */
import { performance } from 'node:perf_hooks';
import type { DataSource } from 'typeorm';
import { encodeCursor } from '../../libs/shared/src/http/cursor';
import { KnelpuntRepository } from '../../libs/knelpunten/src/repositories/knelpunt.repository';
import { submitOpenKnelpunten, type PhaseContext } from './phase-context';
import { percentile, round } from './stats';

export interface ScaleOptions {
  /** Knelpunten in the table after the load. */
  knelpunten: number;
  /** Rows per INSERT batch (one transaction each). */
  batch: number;
  /** The load stops this long before the budget ends, leaving time for VACUUM ANALYZE and the measurements. */
  reserveMs: number;
  /** Samples per query (database and HTTP). */
  samples: number;
  pageSize: number;
  /** The deep page compared with page 1. */
  deepPage: number;
  maxDbP95Ms: number;
  maxHttpP95Ms: number;
  maxDeepPageRatio: number;
  /**
   * Experiment (off by default): the statistics target of knelpunten.search before ANALYZE, so that the planner knows
   * how common each lexeme is and can choose the full-text index for rare terms (a migration would set it).
   */
  searchStatisticsTarget?: number;
}

export const SCALE_DEFAULTS: ScaleOptions = {
  knelpunten: 1_000_000,
  batch: 50_000,
  reserveMs: 240_000,
  samples: 40,
  pageSize: 25,
  deepPage: 10_000,
  maxDbP95Ms: 10,
  maxHttpP95Ms: 30,
  maxDeepPageRatio: 2,
};
export const SCALE_QUICK: Partial<ScaleOptions> = { knelpunten: 50_000, batch: 25_000, samples: 20, deepPage: 500 };

export interface LoadResult {
  inserted: number;
  total: number;
  batches: number;
  ms: number;
  rowsPerSecond: number;
  vacuumAnalyzeMs: number;
  /** Stopped by the budget before the target. */
  truncated: boolean;
  tableMiB: number;
  indexesMiB: number;
}

export interface QueryTiming {
  name: string;
  description: string;
  samples: number;
  dbP50Ms: number;
  dbP95Ms: number;
  dbMaxMs: number;
  httpP50Ms: number | null;
  httpP95Ms: number | null;
  /** Scans of knelpunten in the plans of all samples, e.g. "Index Scan knelpunten_created_idx". */
  scans: string[];
  seqScan: boolean;
  /** Slowest database time per varying value (search term, organisation, driehoek), when the samples vary. */
  dbMaxMsBy?: Record<string, number>;
}

export interface ScaleResult {
  load: LoadResult;
  queries: QueryTiming[];
  /** Worst p95 over the page queries. */
  dbP95Ms: number;
  httpP95Ms: number;
  page1: { dbP95Ms: number; httpP95Ms: number | null };
  deepPage: { page: number; dbP95Ms: number; httpP95Ms: number | null; ratioDb: number; ratioHttp: number | null };
  searchUsesIndex: boolean;
  searchScans: string[];
  dbPass: boolean;
  httpPass: boolean;
  deepPagePass: boolean;
  pass: boolean;
}

const pct = (xs: readonly number[], p: number): number =>
  percentile(
    [...xs].sort((a, b) => a - b),
    p,
  );

const ACTOR = JSON.stringify({ subject: 'bench', name: 'Benchmark (scale)', role: 'admin', organisation: null });

/**
 * Inserts knelpunten g = from..to (and their two intake timeline entries) in one statement. The creation day is a
 * function of g mod 1400, and so is the organisation of most rows (a Stand arrives on one day). The problem text also
 * varies with g / 1400, so one day's knelpunten name different problems, as a real Stand does. Before, it was
 * (g * 11) % 7, a function of the day too: every knelpunt of a day named the same problem.
 * The topic and whether an open knelpunt is overdue are drawn from hashes of g of their own (`hashtextextended` with a
 * seed per attribute), independent of each other and of the rest, as in a real Stand. Before, both were residues of g
 * (topic (g / 3) % 12, overdue g % 9 = 0), which tied them together: no overdue knelpunt ever had four of the twelve
 * topics (schuldhulpverlening among them), and every overdue one had the theme vereenvoudiging.
 */
/** A non-negative draw from a signed 64-bit hash. */
const HASH_MASK = '9223372036854775807';
const INSERT_BATCH = `
WITH template AS (
  SELECT deadlines, details FROM knelpunten WHERE status = 'bij_driehoek' AND deadlines <> '[]'::jsonb LIMIT 1
), orgs AS (
  SELECT array_agg(code ORDER BY code) AS codes FROM organisaties o WHERE EXISTS (SELECT 1 FROM driehoeken d WHERE d.code = o.code)
), ministries AS (
  SELECT array_agg(code ORDER BY code) AS codes FROM ministeries
), gen AS (
  SELECT g,
    CASE WHEN g % 100 < 15 THEN 'UWV' WHEN g % 100 < 25 THEN 'BD' WHEN g % 100 < 32 THEN 'SVB' WHEN g % 100 < 38 THEN 'DUO'
         WHEN g % 100 < 43 THEN 'DT' ELSE orgs.codes[1 + (g * 7) % cardinality(orgs.codes)] END AS org,
    (ARRAY['bij_driehoek','bij_driehoek','bij_driehoek','wacht_op_informatie','in_aanpak_driehoek','in_aanpak_driehoek',
           'bij_acu','in_aanpak_acu','politieke_opvolging','afgesloten','afgesloten','afgesloten'])[1 + (g * 5) % 12] AS status,
    (2022 + g % 4)::text AS period,
    now() - make_interval(days => 1 + (g * 13) % 1400, mins => (g * 37) % 1440, secs => (g % 60)) AS created_at,
    (ARRAY['vereenvoudiging','schaarste','gegevensdeling','politiek','wetgeving','ict','financiering','maatwerk','overig'])[1 + g % 9] AS theme,
    (ARRAY['kinderopvangtoeslag','bijstand','studiefinanciering','zorgtoeslag','WW-uitkering','AOW','huurtoeslag','inburgering',
           'kentekenregistratie','vergunningverlening','schuldhulpverlening','Wajong'])[1 + (hashtextextended(g::text, 1) & ${HASH_MASK}) % 12] AS topic,
    (hashtextextended(g::text, 2) & ${HASH_MASK}) % 9 = 0 AS late,
    (ARRAY['samenloop van regelingen','terugvordering na wijziging','gegevens niet tijdig beschikbaar','capaciteitstekort',
           'tegenstrijdige wetgeving','verouderde ICT-systemen','onduidelijke definities'])[1 + (g * 11 + g / 1400) % 7] AS problem,
    (ARRAY['Participatiewet','Wet kinderopvang','Awir','Wet studiefinanciering 2000','Zorgverzekeringswet','Wet inburgering 2021',
           'Wegenverkeerswet 1994','Vreemdelingenwet 2000'])[1 + g % 8] AS law,
    ministries.codes[1 + g % cardinality(ministries.codes)] AS ministry
  FROM generate_series($1::int, $2::int) AS g, orgs, ministries
), ins AS (
  INSERT INTO knelpunten (id, reference, stand_id, organisation_code, driehoek_code, position, title, description, theme, law,
    ministry_code, impact, proposed_solution, external_ref, status, outcome, escalated, overdue, next_due_at, deadlines, details,
    projection_version, created_at, updated_at)
  SELECT gen_random_uuid(), n.org || '-S' || lpad(nextval('knelpunt_reference_seq')::text, 7, '0'), s.id, n.org, n.org, n.g,
    initcap(n.problem) || ' bij ' || n.topic,
    'Bij ' || n.topic || ' leidt ' || n.problem || ' tot problemen voor burgers en bedrijven. De uitvoering kan de ' ||
      'regels niet goed toepassen zonder maatwerk; er ontstaan bezwaren, terugvorderingen en extra handwerk.',
    n.theme, n.law, n.ministry, 'Veel burgers ondervinden hinder', 'Wetgeving vereenvoudigen en gegevens eerder delen',
    'SCALE-' || n.g, n.status,
    CASE WHEN n.status = 'afgesloten' THEN (ARRAY['opgelost','deels_opgelost','niet_oplosbaar','geen_knelpunt'])[1 + n.g % 4] END,
    n.status IN ('bij_acu', 'in_aanpak_acu') OR n.g % 17 = 0,
    n.status <> 'afgesloten' AND n.late,
    CASE WHEN n.status = 'afgesloten' THEN NULL
         WHEN n.late THEN now() - make_interval(days => 1 + n.g % 30)
         ELSE now() + make_interval(days => 1 + (n.g * 7) % 120, mins => n.g % 1440) END,
    CASE WHEN n.status = 'afgesloten' THEN '[]'::jsonb ELSE coalesce(t.deadlines, '[]'::jsonb) END,
    coalesce(t.details, '{}'::jsonb),
    1 + n.g % 5, n.created_at, n.created_at + make_interval(days => n.g % 60)
  FROM gen n
  JOIN standen s ON s.organisation_code = n.org AND s.period = n.period AND s.title LIKE '%(scale)'
  LEFT JOIN template t ON TRUE
  RETURNING id, created_at
)
INSERT INTO knelpunt_timeline (id, knelpunt_id, at, type, actor, data)
SELECT gen_random_uuid(), ins.id, ins.created_at + make_interval(secs => e.offs), e.type, $3::jsonb, e.data
  FROM ins CROSS JOIN (VALUES (0, 'ingediend', '{"bron":"json"}'::jsonb),
                              (1, 'bij_driehoek', '{"van":"ingediend","naar":"bij_driehoek"}'::jsonb)) AS e(offs, type, data)`;

export async function bulkLoad(
  ctx: PhaseContext,
  opts: Pick<ScaleOptions, 'knelpunten' | 'batch' | 'reserveMs' | 'searchStatisticsTarget'>,
): Promise<LoadResult> {
  const sql = ctx.system.sql;
  const started = performance.now();
  const { rows: countRows } = await sql.query<{ n: number; maxg: number | null }>(
    `SELECT count(*)::int AS n, max(substring(external_ref FROM 7)::int) FILTER (WHERE external_ref LIKE 'SCALE-%') AS maxg FROM knelpunten`,
  );
  const missing = Math.max(0, opts.knelpunten - (countRows[0]?.n ?? 0));
  const firstG = (countRows[0]?.maxg ?? 0) + 1;
  await sql.query(
    `INSERT INTO standen (id, organisation_code, period, title, published_on, source_url, content_hash, created_by, created_at)
     SELECT gen_random_uuid(), o.code, p.period, 'Stand van de uitvoering ' || p.period || ' (scale)', make_date(p.period::int, 6, 30),
            'https://' || lower(o.code) || '.example/scale-' || p.period,
            encode(sha256(convert_to('scale' || o.code || p.period, 'UTF8')), 'hex'), $1::jsonb, make_date(p.period::int, 7, 1)
       FROM organisaties o CROSS JOIN (VALUES ('2022'), ('2023'), ('2024'), ('2025')) AS p(period)
       JOIN driehoeken d ON d.code = o.code
      WHERE NOT EXISTS (SELECT 1 FROM standen s WHERE s.organisation_code = o.code AND s.period = p.period AND s.title LIKE '%(scale)')`,
    [ACTOR],
  );
  let inserted = 0;
  let batches = 0;
  let truncated = false;
  while (inserted < missing) {
    if (Date.now() > ctx.stopAt - opts.reserveMs) {
      truncated = true;
      ctx.log(`scale: budget exhausted after ${inserted} of ${missing} rows`);
      break;
    }
    const n = Math.min(opts.batch, missing - inserted);
    const from = firstG + inserted;
    await sql.query(INSERT_BATCH, [from, from + n - 1, ACTOR]);
    inserted += n;
    batches += 1;
    const s = (performance.now() - started) / 1000;
    ctx.log(`scale: ${inserted} of ${missing} knelpunten loaded (${Math.round(inserted / s)} rows/s)`);
  }
  const loadMs = performance.now() - started;
  if (opts.searchStatisticsTarget) {
    await sql.query(`ALTER TABLE knelpunten ALTER COLUMN search SET STATISTICS ${Math.round(opts.searchStatisticsTarget)}`);
  }
  const v0 = performance.now();
  // What autovacuum would do after such a load: planner statistics and the visibility map (index-only scans).
  await sql.query('VACUUM (ANALYZE) knelpunten');
  await sql.query('VACUUM (ANALYZE) knelpunt_timeline');
  await sql.query('ANALYZE standen');
  const vacuumAnalyzeMs = performance.now() - v0;
  const { rows: size } = await sql.query<{ n: number; table_bytes: string; index_bytes: string }>(
    `SELECT (SELECT count(*)::int FROM knelpunten) AS n, pg_table_size('knelpunten')::text AS table_bytes,
            pg_indexes_size('knelpunten')::text AS index_bytes`,
  );
  return {
    inserted,
    total: size[0]?.n ?? 0,
    batches,
    ms: round(loadMs),
    rowsPerSecond: round((inserted / loadMs) * 1000),
    vacuumAnalyzeMs: round(vacuumAnalyzeMs),
    truncated,
    tableMiB: round(Number(size[0]?.table_bytes ?? 0) / 1024 ** 2, 1),
    indexesMiB: round(Number(size[0]?.index_bytes ?? 0) / 1024 ** 2, 1),
  };
}

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  'Actual Loops'?: number;
  Plans?: PlanNode[];
}

/**
 * The scans of knelpunten that ran. A plan can hold a part that did not run (a text search reads either the first
 * rows of its scope or the full-text index, decided while it runs: the other part shows "never executed"); only
 * what ran is counted, so a planned but skipped scan is neither credited nor blamed.
 */
function knelpuntenScans(node: PlanNode, out: string[] = []): string[] {
  if (node['Actual Loops'] === 0) return out;
  if (node['Relation Name'] === 'knelpunten' || (node['Index Name'] ?? '').startsWith('knelpunten')) {
    out.push(node['Index Name'] ? `${node['Node Type']} ${node['Index Name']}` : node['Node Type']);
  }
  for (const c of node.Plans ?? []) knelpuntenScans(c, out);
  return out;
}

interface Case {
  name: string;
  description: string;
  /** Runs the repository call for sample i (its statements are captured). */
  repo: (repo: KnelpuntRepository, i: number) => Promise<unknown>;
  /** The same page over HTTP for sample i: path and token. */
  http?: (i: number) => { path: string; token: string };
  /** What varies between samples (search term, organisation), to report the slowest per value. */
  label?: (i: number) => string;
}

const SEARCH_TERMS = [
  'kinderopvangtoeslag',
  'terugvordering',
  'capaciteitstekort',
  'Participatiewet',
  'schuldhulpverlening',
  'ICT-systemen',
];
const QUEUE_DRIEHOEKEN = ['UWV', 'BD', 'SVB', 'DUO', 'DT'];
/**
 * Rare terms in a scope, the other end of the cost of a scoped search (a term matching few rows must not cost a walk
 * over the whole scope): a word in no knelpunt, and per organisation the reference of its oldest knelpunt (one match,
 * at the far end of the scope's page order; `UWV-S0000001` is a compound of words that each match every row of UWV).
 */
const RARE_WORD = 'zonnepanelen';

export async function runScale(ctx: PhaseContext, options: Partial<ScaleOptions> = {}): Promise<ScaleResult> {
  const opts = { ...SCALE_DEFAULTS, ...options };
  const sql = ctx.system.sql;

  // One knelpunt through the real intake first, so the bulk rows copy its real deadlines and details (row width).
  const { rows: tpl } = await sql.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM knelpunten WHERE status = 'bij_driehoek' AND deadlines <> '[]'::jsonb`,
  );
  if ((tpl[0]?.n ?? 0) === 0)
    await submitOpenKnelpunten(ctx, { count: 1, tag: 'scale-template', stopAt: Math.min(ctx.stopAt, Date.now() + 60_000) });

  const load = await bulkLoad(ctx, opts);
  ctx.log(
    `scale: ${load.total} knelpunten (${load.tableMiB} MiB table, ${load.indexesMiB} MiB indexes) in ${load.ms} ms; VACUUM ANALYZE ${load.vacuumAnalyzeMs} ms`,
  );

  const captured: { text: string; params: unknown[] }[] = [];
  const capturing = {
    query: async (text: string, params: unknown[] = []): Promise<unknown[]> => {
      captured.push({ text, params });
      return [];
    },
  } as unknown as DataSource;
  const repo = new KnelpuntRepository(capturing);

  const pd = await ctx.system.token({ role: 'programmadirectie' });
  const driehoekTokens = new Map<string, string>();
  for (const d of QUEUE_DRIEHOEKEN) driehoekTokens.set(d, await ctx.system.token({ role: 'driehoek', driehoek: d }));
  const orgs = (await sql.query<{ code: string }>(`SELECT DISTINCT organisation_code AS code FROM knelpunten ORDER BY 1`)).rows.map(
    (r) => r.code,
  );
  const pick = <T>(xs: readonly T[], i: number): T => xs[i % xs.length] as T;

  // Cursors: page 2 and the deep page of the default list, page 2 of each queue (the row just before the page).
  const listCursorAt = async (offset: number): Promise<{ createdAt: string; id: string } | undefined> => {
    const { rows } = await sql.query<{ created_at: Date; id: string }>(
      `SELECT created_at, id FROM knelpunten ORDER BY created_at DESC, id DESC OFFSET $1 LIMIT 1`,
      [offset],
    );
    return rows[0] ? { createdAt: rows[0].created_at.toISOString(), id: rows[0].id } : undefined;
  };
  const page2 = await listCursorAt(opts.pageSize - 1);
  const deepOffset = Math.min((opts.deepPage - 1) * opts.pageSize, Math.max(0, load.total - opts.pageSize)) - 1;
  const deepPage = Math.floor((deepOffset + 1) / opts.pageSize) + 1;
  const deep = await listCursorAt(deepOffset);
  const queueCursors = new Map<string, { urgency: number; nextDueAt: string | null; id: string }>();
  for (const d of QUEUE_DRIEHOEKEN) {
    const { rows } = await sql.query<{ urgency: number; next_due_at: Date | null; id: string }>(
      `SELECT (CASE WHEN overdue THEN 0 WHEN next_due_at IS NOT NULL THEN 1 ELSE 2 END) AS urgency, next_due_at, id
         FROM knelpunten WHERE driehoek_code = $1 AND status <> 'afgesloten'
        ORDER BY 1, coalesce(next_due_at, 'infinity'::timestamptz), id OFFSET $2 LIMIT 1`,
      [d, opts.pageSize - 1],
    );
    const r = rows[0];
    if (r) queueCursors.set(d, { urgency: r.urgency, nextDueAt: r.next_due_at ? r.next_due_at.toISOString() : null, id: r.id });
  }
  const oldestReference = new Map<string, string>();
  for (const d of QUEUE_DRIEHOEKEN) {
    const { rows } = await sql.query<{ reference: string }>(
      `SELECT reference FROM knelpunten WHERE organisation_code = $1 AND status <> 'afgesloten' ORDER BY created_at, id LIMIT 1`,
      [d],
    );
    if (rows[0]) oldestReference.set(d, rows[0].reference);
  }
  /** Sample i of the rare-term cases: organisation/driehoek and term. */
  const rare = (i: number): { scope: string; term: string } => {
    const scope = pick(QUEUE_DRIEHOEKEN, Math.floor(i / 2));
    return { scope, term: i % 2 === 0 ? RARE_WORD : (oldestReference.get(scope) ?? RARE_WORD) };
  };
  const indienerTokens = new Map<string, string>();
  for (const d of QUEUE_DRIEHOEKEN) indienerTokens.set(d, await ctx.system.token({ role: 'indiener', organisation: d }));
  const listCursor = (c: { createdAt: string; id: string } | undefined): string =>
    c ? `&cursor=${encodeCursor([c.createdAt, c.id])}` : '';
  const limit = opts.pageSize;

  const cases: Case[] = [
    {
      name: 'list_page1',
      description: 'list, everything, page 1 (programmadirectie)',
      repo: (r) => r.list({ all: true }, { limit }),
      http: () => ({ path: `/knelpunten?limit=${limit}`, token: pd }),
    },
    {
      name: 'list_page2',
      description: 'list, everything, page 2 (keyset cursor)',
      repo: (r) => r.list({ all: true }, { limit, after: page2 }),
      http: () => ({ path: `/knelpunten?limit=${limit}${listCursor(page2)}`, token: pd }),
    },
    {
      name: 'list_deep_page',
      description: `list, everything, page ${deepPage} (keyset cursor)`,
      repo: (r) => r.list({ all: true }, { limit, after: deep }),
      http: () => ({ path: `/knelpunten?limit=${limit}${listCursor(deep)}`, token: pd }),
    },
    {
      name: 'list_organisation',
      description: 'list, organisation filter (varying organisations)',
      repo: (r, i) => r.list({ all: true }, { organisation: pick(orgs, i), limit }),
      http: (i) => ({ path: `/knelpunten?limit=${limit}&organisation=${pick(orgs, i)}`, token: pd }),
    },
    {
      name: 'list_status',
      description: 'list, status filter wacht_op_informatie',
      repo: (r) => r.list({ all: true }, { status: 'wacht_op_informatie', limit }),
      http: () => ({ path: `/knelpunten?limit=${limit}&status=wacht_op_informatie`, token: pd }),
    },
    {
      name: 'list_search',
      description: `list, text search q= (${SEARCH_TERMS.join(', ')})`,
      repo: (r, i) => r.list({ all: true }, { q: pick(SEARCH_TERMS, i), limit }),
      label: (i) => pick(SEARCH_TERMS, i),
      http: (i) => ({ path: `/knelpunten?limit=${limit}&q=${encodeURIComponent(pick(SEARCH_TERMS, i))}`, token: pd }),
    },
    {
      name: 'list_search_scoped',
      description: 'list, text search within an organisation filter',
      repo: (r, i) => r.list({ all: true }, { organisation: pick(QUEUE_DRIEHOEKEN, i), q: pick(SEARCH_TERMS, i + 1), limit }),
      label: (i) => `${pick(QUEUE_DRIEHOEKEN, i)} ${pick(SEARCH_TERMS, i + 1)}`,
      http: (i) => ({
        path: `/knelpunten?limit=${limit}&organisation=${pick(QUEUE_DRIEHOEKEN, i)}&q=${encodeURIComponent(pick(SEARCH_TERMS, i + 1))}`,
        token: pd,
      }),
    },
    {
      name: 'list_search_indiener',
      description: 'list, text search in the indiener scope (own organisation)',
      repo: (r, i) => r.list({ organisation: pick(QUEUE_DRIEHOEKEN, i) }, { q: pick(SEARCH_TERMS, i + 2), limit }),
      label: (i) => `${pick(QUEUE_DRIEHOEKEN, i)} ${pick(SEARCH_TERMS, i + 2)}`,
      http: (i) => ({
        path: `/knelpunten?limit=${limit}&q=${encodeURIComponent(pick(SEARCH_TERMS, i + 2))}`,
        token: indienerTokens.get(pick(QUEUE_DRIEHOEKEN, i)) as string,
      }),
    },
    {
      name: 'list_search_scoped_rare',
      description: `list, rare term within an organisation filter (${RARE_WORD}, the organisation's oldest reference)`,
      repo: (r, i) => r.list({ all: true }, { organisation: rare(i).scope, q: rare(i).term, limit }),
      label: (i) => `${rare(i).scope} ${rare(i).term}`,
      http: (i) => ({
        path: `/knelpunten?limit=${limit}&organisation=${rare(i).scope}&q=${encodeURIComponent(rare(i).term)}`,
        token: pd,
      }),
    },
    {
      name: 'queue_page1',
      description: 'driehoek queue, page 1 (varying driehoeken)',
      repo: (r, i) => r.queue({ driehoek: pick(QUEUE_DRIEHOEKEN, i), limit }),
      http: (i) => ({
        path: `/driehoeken/${pick(QUEUE_DRIEHOEKEN, i)}/queue?limit=${limit}`,
        token: driehoekTokens.get(pick(QUEUE_DRIEHOEKEN, i)) as string,
      }),
    },
    {
      name: 'queue_page2',
      description: 'driehoek queue, page 2 (keyset cursor)',
      repo: (r, i) => r.queue({ driehoek: pick(QUEUE_DRIEHOEKEN, i), limit, after: queueCursors.get(pick(QUEUE_DRIEHOEKEN, i)) }),
      http: (i) => {
        const d = pick(QUEUE_DRIEHOEKEN, i);
        const c = queueCursors.get(d);
        return {
          path: `/driehoeken/${d}/queue?limit=${limit}${c ? `&cursor=${encodeCursor([c.urgency, c.nextDueAt, c.id])}` : ''}`,
          token: driehoekTokens.get(d) as string,
        };
      },
    },
    {
      name: 'queue_search',
      description: 'driehoek queue, text search',
      repo: (r, i) => r.queue({ driehoek: pick(QUEUE_DRIEHOEKEN, i), q: pick(SEARCH_TERMS, i), limit }),
      label: (i) => `${pick(QUEUE_DRIEHOEKEN, i)} ${pick(SEARCH_TERMS, i)}`,
      http: (i) => ({
        path: `/driehoeken/${pick(QUEUE_DRIEHOEKEN, i)}/queue?limit=${limit}&q=${encodeURIComponent(pick(SEARCH_TERMS, i))}`,
        token: driehoekTokens.get(pick(QUEUE_DRIEHOEKEN, i)) as string,
      }),
    },
    {
      name: 'queue_search_rare',
      description: `driehoek queue, rare term (${RARE_WORD}, the organisation's oldest open reference)`,
      repo: (r, i) => r.queue({ driehoek: rare(i).scope, q: rare(i).term, limit }),
      label: (i) => `${rare(i).scope} ${rare(i).term}`,
      http: (i) => ({
        path: `/driehoeken/${rare(i).scope}/queue?limit=${limit}&q=${encodeURIComponent(rare(i).term)}`,
        token: driehoekTokens.get(rare(i).scope) as string,
      }),
    },
  ];

  const queries: QueryTiming[] = [];
  for (const c of cases) {
    const db: number[] = [];
    const by: Record<string, number> = {};
    const scans: string[] = [];
    for (let i = 0; i < opts.samples; i++) {
      captured.length = 0;
      await c.repo(repo, i);
      let ms = 0;
      for (const st of captured) {
        const res = await sql.query<{ 'QUERY PLAN': { Plan: PlanNode; 'Execution Time': number }[] }>(
          `EXPLAIN (ANALYZE, FORMAT JSON) ${st.text}`,
          st.params,
        );
        const doc = res.rows[0]?.['QUERY PLAN'][0];
        if (!doc) continue;
        ms += doc['Execution Time'];
        scans.push(...knelpuntenScans(doc.Plan));
      }
      db.push(ms);
      if (c.label) by[c.label(i)] = round(Math.max(by[c.label(i)] ?? 0, ms), 2);
    }
    const httpMs: number[] = [];
    if (c.http) {
      // One warm-up (connection, JIT), then the samples.
      const warm = c.http(0);
      await ctx.http.request('GET', warm.path, { token: warm.token });
      for (let i = 0; i < opts.samples; i++) {
        const { path, token } = c.http(i);
        const res = await ctx.http.request('GET', path, { token });
        if (res.status !== 200) throw new Error(`GET ${path}: HTTP ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`);
        httpMs.push(res.ms);
      }
    }
    const t: QueryTiming = {
      name: c.name,
      description: c.description,
      samples: opts.samples,
      dbP50Ms: round(pct(db, 50), 2),
      dbP95Ms: round(pct(db, 95), 2),
      dbMaxMs: round(Math.max(...db), 2),
      httpP50Ms: httpMs.length ? round(pct(httpMs, 50), 2) : null,
      httpP95Ms: httpMs.length ? round(pct(httpMs, 95), 2) : null,
      scans: [...new Set(scans)],
      seqScan: scans.some((s) => s.startsWith('Seq Scan')),
      ...(c.label ? { dbMaxMsBy: by } : {}),
    };
    ctx.log(`scale: ${c.name}: db p95 ${t.dbP95Ms} ms, http p95 ${t.httpP95Ms ?? '-'} ms, ${t.scans.join(', ')}`);
    queries.push(t);
  }

  const byName = (n: string): QueryTiming => queries.find((q) => q.name === n) as QueryTiming;
  const p1 = byName('list_page1');
  const pd2 = byName('list_deep_page');
  const searches = queries.filter((q) => q.name.includes('search'));
  const searchScans = [...new Set(searches.flatMap((q) => q.scans))];
  const dbP95Ms = Math.max(...queries.map((q) => q.dbP95Ms));
  const httpP95Ms = Math.max(...queries.map((q) => q.httpP95Ms ?? 0));
  const ratioDb = round(pd2.dbP95Ms / Math.max(p1.dbP95Ms, 0.01), 2);
  const ratioHttp = p1.httpP95Ms && pd2.httpP95Ms ? round(pd2.httpP95Ms / p1.httpP95Ms, 2) : null;
  // A search "uses an index" when no search plan scans knelpunten sequentially and one reads the full-text index.
  const searchUsesIndex = searches.every((q) => !q.seqScan) && searchScans.some((s) => s.includes('search_idx'));
  const dbPass = dbP95Ms <= opts.maxDbP95Ms;
  const httpPass = httpP95Ms <= opts.maxHttpP95Ms;
  const deepPagePass = ratioDb <= opts.maxDeepPageRatio && (ratioHttp === null || ratioHttp <= opts.maxDeepPageRatio);
  return {
    load,
    queries,
    dbP95Ms,
    httpP95Ms,
    page1: { dbP95Ms: p1.dbP95Ms, httpP95Ms: p1.httpP95Ms },
    deepPage: { page: deepPage, dbP95Ms: pd2.dbP95Ms, httpP95Ms: pd2.httpP95Ms, ratioDb, ratioHttp },
    searchUsesIndex,
    searchScans,
    dbPass,
    httpPass,
    deepPagePass,
    pass: dbPass && httpPass && deepPagePass && searchUsesIndex && !load.truncated,
  };
}
