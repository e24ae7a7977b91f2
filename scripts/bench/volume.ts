/**
 * Volume for the read measurements: older knelpunten inserted in bulk with SQL (intake over HTTP would take
 * too long), spread over all organisations and statuses roughly as a few years of Standen would be.
 * They are projections only (no workflows); their deadlines and details are copied from a real projected
 * knelpunt so that rows are as wide as real ones. Each gets the timeline entries an intake would write.
 */
import type { Pool } from 'pg';

export interface VolumeResult {
  inserted: number;
  total: number;
  perOrganisation: Record<string, number>;
  perStatus: Record<string, number>;
  ms: number;
}

const ACTOR = JSON.stringify({ subject: 'bench', name: 'Benchmark (bulk)', role: 'admin', organisation: null });

export async function insertVolume(sql: Pool, targetTotal: number): Promise<VolumeResult> {
  const started = Date.now();
  const client = await sql.connect();
  try {
    const { rows: countRows } = await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM knelpunten`);
    const missing = Math.max(0, targetTotal - (countRows[0]?.n ?? 0));
    await client.query('BEGIN');
    // Four Standen per organisation (2022..2025), all knelpunten of a Stand belong to its organisation.
    await client.query(
      `INSERT INTO standen (id, organisation_code, period, title, published_on, source_url, content_hash, created_by, created_at)
       SELECT gen_random_uuid(), o.code, p.period, 'Stand van de uitvoering ' || p.period || ' (bench)', make_date(p.period::int, 6, 30),
              'https://' || lower(o.code) || '.example/stand-' || p.period,
              encode(sha256(convert_to(o.code || p.period, 'UTF8')), 'hex'), $1::jsonb, make_date(p.period::int, 7, 1)
         FROM organisaties o CROSS JOIN (VALUES ('2022'), ('2023'), ('2024'), ('2025')) AS p(period)
         JOIN driehoeken d ON d.code = o.code`,
      [ACTOR],
    );
    // g -> organisation (weighted: the big organisations get most), status (weighted), texts, dates.
    await client.query(
      `WITH template AS (
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
           now() - make_interval(days => 1 + (g * 13) % 1400, mins => (g * 37) % 1440) AS created_at,
           (ARRAY['vereenvoudiging','schaarste','gegevensdeling','politiek','wetgeving','ict','financiering','maatwerk','overig'])[1 + g % 9] AS theme,
           (ARRAY['kinderopvangtoeslag','bijstand','studiefinanciering','zorgtoeslag','WW-uitkering','AOW','huurtoeslag','inburgering',
                  'kentekenregistratie','vergunningverlening','schuldhulpverlening','Wajong'])[1 + (g / 3) % 12] AS topic,
           (ARRAY['samenloop van regelingen','terugvordering na wijziging','gegevens niet tijdig beschikbaar','capaciteitstekort',
                  'tegenstrijdige wetgeving','verouderde ICT-systemen','onduidelijke definities'])[1 + (g * 11) % 7] AS problem,
           (ARRAY['Participatiewet','Wet kinderopvang','Awir','Wet studiefinanciering 2000','Zorgverzekeringswet','Wet inburgering 2021',
                  'Wegenverkeerswet 1994','Vreemdelingenwet 2000'])[1 + g % 8] AS law,
           ministries.codes[1 + g % cardinality(ministries.codes)] AS ministry
         FROM generate_series(1, $1::int) AS g, orgs, ministries
       ), numbered AS (
         SELECT gen.*, row_number() OVER (PARTITION BY org, period ORDER BY g) AS position FROM gen
       )
       INSERT INTO knelpunten (id, reference, stand_id, organisation_code, driehoek_code, position, title, description, theme, law,
         ministry_code, impact, proposed_solution, external_ref, status, outcome, escalated, overdue, next_due_at, deadlines, details,
         projection_version, created_at, updated_at)
       SELECT gen_random_uuid(), n.org || '-' || lpad(nextval('knelpunt_reference_seq')::text, 5, '0'), s.id, n.org, n.org, n.position,
         initcap(n.problem) || ' bij ' || n.topic,
         'Bij ' || n.topic || ' leidt ' || n.problem || ' tot problemen voor burgers en bedrijven. De uitvoering kan de ' ||
           'regels niet goed toepassen zonder maatwerk; er ontstaan bezwaren, terugvorderingen en extra handwerk.',
         n.theme, n.law, n.ministry, 'Veel burgers ondervinden hinder', 'Wetgeving vereenvoudigen en gegevens eerder delen',
         'BULK-' || n.g,
         n.status,
         CASE WHEN n.status = 'afgesloten' THEN (ARRAY['opgelost','deels_opgelost','niet_oplosbaar','geen_knelpunt'])[1 + n.g % 4] END,
         n.status IN ('bij_acu', 'in_aanpak_acu') OR n.g % 17 = 0,
         n.status <> 'afgesloten' AND n.g % 9 = 0,
         CASE WHEN n.status = 'afgesloten' THEN NULL
              WHEN n.g % 9 = 0 THEN now() - make_interval(days => 1 + n.g % 30)
              ELSE now() + make_interval(days => 1 + (n.g * 7) % 120) END,
         CASE WHEN n.status = 'afgesloten' THEN '[]'::jsonb ELSE coalesce(t.deadlines, '[]'::jsonb) END,
         coalesce(t.details, '{}'::jsonb),
         1 + n.g % 5, n.created_at, n.created_at + make_interval(days => n.g % 60)
       FROM numbered n
       JOIN standen s ON s.organisation_code = n.org AND s.period = n.period AND s.title LIKE '%(bench)'
       LEFT JOIN template t ON TRUE`,
      [missing],
    );
    await client.query(
      `INSERT INTO knelpunt_timeline (id, knelpunt_id, at, type, actor, data)
       SELECT gen_random_uuid(), k.id, k.created_at + make_interval(secs => e.offs), e.type, $1::jsonb, e.data
         FROM knelpunten k
         CROSS JOIN (VALUES (0, 'ingediend', '{"bron":"json"}'::jsonb),
                            (1, 'bij_driehoek', '{"van":"ingediend","naar":"bij_driehoek"}'::jsonb)) AS e(offs, type, data)
        WHERE k.external_ref LIKE 'BULK-%'`,
      [ACTOR],
    );
    await client.query('COMMIT');
    // What autovacuum would do shortly after such a load; without it the planner works from empty-table estimates.
    await client.query('ANALYZE knelpunten');
    await client.query('ANALYZE knelpunt_timeline');
    await client.query('ANALYZE standen');

    const { rows: orgRows } = await client.query<{ k: string; n: number }>(
      `SELECT organisation_code AS k, count(*)::int AS n FROM knelpunten GROUP BY 1 ORDER BY 2 DESC`,
    );
    const { rows: statusRows } = await client.query<{ k: string; n: number }>(
      `SELECT status AS k, count(*)::int AS n FROM knelpunten GROUP BY 1 ORDER BY 2 DESC`,
    );
    const total = orgRows.reduce((s, r) => s + r.n, 0);
    return {
      inserted: missing,
      total,
      perOrganisation: Object.fromEntries(orgRows.map((r) => [r.k, r.n])),
      perStatus: Object.fromEntries(statusRows.map((r) => [r.k, r.n])),
      ms: Date.now() - started,
    };
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}
