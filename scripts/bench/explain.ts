/**
 * Query plans of the main reads: the repository itself builds the SQL (so the plans are of exactly what the
 * API runs, never a copy that drifts), but its DataSource is a stand-in that runs each statement under
 * EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) with the same parameters.
 */
import type { Pool } from 'pg';
import type { DataSource } from 'typeorm';
import { KnelpuntRepository } from '../../libs/knelpunten/src/repositories/knelpunt.repository';
import { round } from './stats';

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  'Actual Rows'?: number;
  'Actual Loops'?: number;
  'Rows Removed by Filter'?: number;
  'Rows Removed by Index Recheck'?: number;
  Plans?: PlanNode[];
}

export interface PlanReport {
  name: string;
  description: string;
  /** Scans of the knelpunten table, e.g. "Index Scan knelpunten_org_created_idx". */
  knelpuntenScans: string[];
  seqScanOnKnelpunten: boolean;
  /** Node types from the root down, e.g. "Limit > Sort > Bitmap Heap Scan > Bitmap Index Scan". */
  shape: string;
  executionMs: number;
  planningMs: number;
  sharedBuffersHit: number;
  sharedBuffersRead: number;
  rowsReturned: number;
  /** Rows of knelpunten the plan visited (heap rows, before filters): O(page) or O(matching rows)? */
  rowsExamined: number;
}

/** Visits the nodes that ran: a part of a plan that was "never executed" (Actual Loops 0) is skipped. */
function walk(node: PlanNode, visit: (n: PlanNode) => void): void {
  if (node['Actual Loops'] === 0) return;
  visit(node);
  for (const child of node.Plans ?? []) walk(child, visit);
}

function shapeOf(node: PlanNode): string {
  const parts: string[] = [];
  walk(node, (n) => parts.push(n['Index Name'] ? `${n['Node Type']}(${n['Index Name']})` : n['Node Type']));
  return parts.join(' > ');
}

export async function explainMainQueries(sql: Pool, sample: { id: string }): Promise<PlanReport[]> {
  const explained: { plan: unknown }[] = [];
  const explaining = {
    query: async (text: string, params: unknown[] = []): Promise<unknown[]> => {
      const res = await sql.query<{ 'QUERY PLAN': unknown }>(`EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${text}`, params);
      explained.push({ plan: res.rows[0]?.['QUERY PLAN'] });
      return [];
    },
  } as unknown as DataSource;
  const repo = new KnelpuntRepository(explaining);

  // A cursor in the middle of the default list (page 2 and beyond).
  const { rows: mid } = await sql.query<{ created_at: Date; id: string }>(
    `SELECT created_at, id FROM knelpunten ORDER BY created_at DESC, id DESC OFFSET 25 LIMIT 1`,
  );
  const after = mid[0] ? { createdAt: mid[0].created_at.toISOString(), id: mid[0].id } : undefined;
  // The 25th item of the UWV queue (its cursor), in the queue's order.
  const { rows: q25 } = await sql.query<{ urgency: number; next_due_at: Date | null; id: string }>(
    `SELECT (CASE WHEN overdue THEN 0 WHEN next_due_at IS NOT NULL THEN 1 ELSE 2 END) AS urgency, next_due_at, id
       FROM knelpunten WHERE driehoek_code = 'UWV' AND status <> 'afgesloten'
      ORDER BY 1, coalesce(next_due_at, 'infinity'::timestamptz), id OFFSET 24 LIMIT 1`,
  );
  const queueAfter = q25[0]
    ? { urgency: q25[0].urgency, nextDueAt: q25[0].next_due_at ? q25[0].next_due_at.toISOString() : null, id: q25[0].id }
    : undefined;

  const cases: { name: string; description: string; run: () => Promise<unknown> }[] = [
    { name: 'list', description: 'list, everything (programmadirectie)', run: () => repo.list({ all: true }, { limit: 25 }) },
    {
      name: 'list_scoped',
      description: 'list, organisation scope (indiener UWV)',
      run: () => repo.list({ organisation: 'UWV' }, { limit: 25 }),
    },
    {
      name: 'list_organisation',
      description: 'list, organisation filter CAK (programmadirectie)',
      run: () => repo.list({ all: true }, { organisation: 'CAK', limit: 25 }),
    },
    {
      name: 'list_driehoek_scoped',
      description: 'list, driehoek scope (driehoek UWV)',
      run: () => repo.list({ driehoek: 'UWV' }, { limit: 25 }),
    },
    {
      name: 'list_search',
      description: "list, text search q='kinderopvangtoeslag'",
      run: () => repo.list({ all: true }, { q: 'kinderopvangtoeslag', limit: 25 }),
    },
    {
      name: 'list_search_scoped',
      description: "list, text search q='ICT-systemen' in the organisation scope (indiener UWV)",
      run: () => repo.list({ organisation: 'UWV' }, { q: 'ICT-systemen', limit: 25 }),
    },
    { name: 'list_page2', description: 'list, page 2 (keyset cursor)', run: () => repo.list({ all: true }, { limit: 25, after }) },
    { name: 'queue', description: 'driehoek queue UWV', run: () => repo.queue({ driehoek: 'UWV', limit: 25 }) },
    {
      name: 'queue_page2',
      description: 'driehoek queue UWV, page 2 (keyset cursor)',
      run: () => repo.queue({ driehoek: 'UWV', limit: 25, after: queueAfter }),
    },
    { name: 'detail', description: 'knelpunt by id (indiener scope)', run: () => repo.findById(sample.id, { organisation: 'UWV' }) },
  ];

  const reports: PlanReport[] = [];
  for (const c of cases) {
    explained.length = 0;
    await c.run();
    const doc = (explained[0]?.plan as { Plan: PlanNode; 'Execution Time': number; 'Planning Time': number }[] | undefined)?.[0];
    if (!doc) throw new Error(`no plan for ${c.name}`);
    const scans: string[] = [];
    let examined = 0;
    walk(doc.Plan, (n) => {
      if (n['Relation Name'] === 'knelpunten' || (n['Index Name'] ?? '').startsWith('knelpunten')) {
        scans.push(n['Index Name'] ? `${n['Node Type']} ${n['Index Name']}` : n['Node Type']);
      }
      if (n['Relation Name'] === 'knelpunten') {
        const rows = (n['Actual Rows'] ?? 0) + (n['Rows Removed by Filter'] ?? 0) + (n['Rows Removed by Index Recheck'] ?? 0);
        examined += rows * (n['Actual Loops'] ?? 1);
      }
    });
    const root = doc.Plan as PlanNode & { 'Shared Hit Blocks'?: number; 'Shared Read Blocks'?: number };
    reports.push({
      name: c.name,
      description: c.description,
      knelpuntenScans: scans,
      seqScanOnKnelpunten: scans.some((s) => s.startsWith('Seq Scan')),
      shape: shapeOf(doc.Plan),
      executionMs: round(doc['Execution Time'], 2),
      planningMs: round(doc['Planning Time'], 2),
      sharedBuffersHit: root['Shared Hit Blocks'] ?? 0,
      sharedBuffersRead: root['Shared Read Blocks'] ?? 0,
      rowsReturned: root['Actual Rows'] ?? 0,
      rowsExamined: examined,
    });
  }
  return reports;
}
