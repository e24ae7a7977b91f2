/**
 * Decisions over HTTP: informatie_opvragen (driehoek) and informatie_aanleveren (indiener) alternating on a set
 * of knelpunten, one at a time. Each round-trip is a Temporal Update that applies the decision, plans or ends
 * a deadline, notifies, projects the knelpunt to PostgreSQL and then reads it back for the response.
 * With `beside`, one bare Update of the engine (U_raw) runs before each decision: the two are measured in turns, on the
 * same engine at the same moment, so that their ratio does not depend on when each was measured.
 */
import type { Pool } from 'pg';
import type { DirectDecision } from './direct-decisions';
import { BenchHttp, Recorder } from './http';
import { summarize, type LatencySummary } from './stats';

export interface DecisionsResult {
  knelpunten: number;
  roundTrips: number;
  latency: LatencySummary;
  opvragen: LatencySummary;
  aanleveren: LatencySummary;
  /** U_raw measured in turns with the decisions (when `beside` was given). */
  pairedUpdates?: LatencySummary;
  /** The same decisions sent straight to the workflow as an Update, in turns, on other knelpunten (when `direct` was given). */
  direct?: LatencySummary;
  failures: string[];
}

export async function runDecisions(
  http: BenchHttp,
  sql: Pool,
  tokens: { driehoek: string; indiener: string },
  opts: { organisation: string; knelpunten: number; roundTrips: number; stopAt: number },
  beside?: () => Promise<number | null>,
  direct?: DirectDecision,
): Promise<DecisionsResult> {
  const { rows } = await sql.query<{ id: string }>(
    `SELECT k.id FROM knelpunten k JOIN workflow_starts w ON w.knelpunt_id = k.id
      WHERE k.organisation_code = $1 AND k.status = 'bij_driehoek' AND w.started_at IS NOT NULL
      ORDER BY k.created_at LIMIT $2`,
    [opts.organisation, direct ? 2 * opts.knelpunten : opts.knelpunten],
  );
  // With `direct`: the first half over HTTP, the second half straight to the workflow.
  const found = rows.map((r) => r.id);
  const half = direct ? Math.ceil(found.length / 2) : found.length;
  const ids = found.slice(0, half);
  const directIds = found.slice(half);
  const directMs: number[] = [];
  let directErrors = 0;
  const all = new Recorder('decisions');
  const opvragen = new Recorder('informatie_opvragen');
  const aanleveren = new Recorder('informatie_aanleveren');
  const paired: number[] = [];
  let pairedErrors = 0;
  if (ids.length === 0) all.fail(`no ${opts.organisation} knelpunten bij_driehoek with a running workflow`);
  // Round r takes decision r % 2 on every knelpunt in turn: no knelpunt is hit twice in a row.
  for (let i = 0; i < opts.roundTrips && ids.length > 0; i++) {
    if (Date.now() > opts.stopAt) {
      all.fail(`time budget exhausted after ${i} of ${opts.roundTrips} decisions`);
      break;
    }
    if (beside) {
      const ms = await beside();
      if (ms === null) pairedErrors += 1;
      else paired.push(ms);
    }
    const id = ids[i % ids.length] as string;
    const ask = Math.floor(i / ids.length) % 2 === 0;
    const res = await http.request('POST', `/knelpunten/${id}/decisions`, {
      token: ask ? tokens.driehoek : tokens.indiener,
      body: ask
        ? { decision: 'informatie_opvragen', question: `Hoeveel huishoudens raakt dit? (vraag ${i})` }
        : { decision: 'informatie_aanleveren', response: `Ongeveer 12.000 huishoudens per jaar (antwoord ${i}).` },
    });
    const expected = ask ? 'wacht_op_informatie' : 'bij_driehoek';
    if (all.add(res, 200, `${ask ? 'opvragen' : 'aanleveren'} ${id}`)) {
      (ask ? opvragen : aanleveren).samples.push(res.ms);
      const status = (res.body as { status?: string }).status;
      if (status !== expected) all.fail(`${id}: response shows status ${String(status)}, expected ${expected}`);
    }
    if (direct && directIds.length > 0) {
      const ms = await direct(directIds[i % directIds.length] as string, Math.floor(i / directIds.length) % 2 === 0, i);
      if (ms === null) directErrors += 1;
      else directMs.push(ms);
    }
  }
  return {
    knelpunten: ids.length,
    roundTrips: all.samples.length,
    latency: all.summary(),
    opvragen: opvragen.summary(),
    aanleveren: aanleveren.summary(),
    ...(beside ? { pairedUpdates: summarize(paired, pairedErrors) } : {}),
    ...(direct ? { direct: summarize(directMs, directErrors) } : {}),
    failures: all.failures.slice(0, 5),
  };
}
