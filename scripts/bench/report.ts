/** Goals, their evaluation and the printed/written report of `npm run bench`. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { dirname } from 'node:path';
import type { IntakeResult } from './intake';
import type { VolumeResult } from './volume';
import type { ReadsResult } from './reads';
import type { DecisionsResult } from './decisions';
import type { PlanReport } from './explain';
import type { StallsResult } from './stalls';
import type { SuggestionQuality } from '../../libs/acu/src/cluster-suggesties/suggestion-quality';
import { round } from './stats';

export interface BenchResults {
  intake?: IntakeResult;
  volume?: VolumeResult;
  reads?: ReadsResult;
  decisions?: DecisionsResult;
  plans?: PlanReport[];
  stalls?: StallsResult;
  /** Precision and recall of the ACU's cluster suggestions on the labelled set (issue 9). */
  clusterSuggesties?: SuggestionQuality & { knelpunten: number; groups: number };
  /** Non-2xx responses and wrong bodies over all phases. */
  failedRequests: number;
  /** A phase that threw (the later phases did not run). */
  aborted?: string;
  totalMs: number;
}

/** `max`: measured must be below the target; `min`: at least the target; `true`: must hold. */
export type GoalKind = 'max' | 'min' | 'true';

export interface Goal {
  id: string;
  what: string;
  kind: GoalKind;
  target: number;
  unit: string;
  /** undefined = not measured (counts as FAIL). */
  measure(r: BenchResults): number | boolean | undefined;
  why: string;
}

/** One row of the goals table. */
export function goal(id: string, what: string, kind: GoalKind, target: number, unit: string, measure: Goal['measure'], why: string): Goal {
  return { id, what, kind, target, unit, measure, why };
}

export interface GoalOutcome {
  id: string;
  what: string;
  why: string;
  target: string;
  measured: string;
  pass: boolean;
}

function fmt(value: number | boolean | undefined, unit: string): string {
  if (value === undefined || (typeof value === 'number' && Number.isNaN(value))) return 'not measured';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  return `${round(value, value >= 100 ? 0 : 1)} ${unit}`.trim();
}

export function evaluate(goals: readonly Goal[], r: BenchResults): GoalOutcome[] {
  return goals.map((g) => {
    let value: number | boolean | undefined;
    try {
      value = g.measure(r);
    } catch {
      value = undefined;
    }
    let pass = false;
    if (typeof value === 'boolean') pass = value;
    else if (typeof value === 'number' && !Number.isNaN(value)) pass = g.kind === 'max' ? value < g.target : value >= g.target;
    const target = g.kind === 'true' ? 'yes' : `${g.kind === 'max' ? '<' : '≥'} ${g.target} ${g.unit}`.trim();
    return { id: g.id, what: g.what, why: g.why, target, measured: fmt(value, g.unit), pass };
  });
}

function table(headers: string[], rows: string[][]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]): string => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ');
  return [line(headers), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

const ms = (v: number): string => (Number.isNaN(v) ? '-' : v.toFixed(1));

export function renderReport(r: BenchResults, outcomes: GoalOutcome[]): string {
  const out: string[] = [];
  const { intake, volume, reads, decisions, plans } = r;
  if (intake) {
    out.push('Intake (POST /api/v1/standen, 10 knelpunten per Stand)');
    out.push(
      table(
        ['run', 'standen', 'knelpunten', 'standen/s', 'knelpunten/s', 'p50 ms', 'p95 ms', 'max ms', 'errors'],
        [intake.sequential, intake.concurrent].map((run) => [
          `concurrency ${run.concurrency}`,
          String(run.standen),
          String(run.knelpunten),
          String(run.standenPerSecond),
          String(run.knelpuntenPerSecond),
          ms(run.latency.p50),
          ms(run.latency.p95),
          ms(run.latency.max),
          String(run.failures.length),
        ]),
      ),
    );
    const w = intake.workflows;
    out.push(
      `Workflows: ${w.reachedBijDriehoek}/${w.knelpunten} knelpunten bij_driehoek ${round(w.endToEndMs / 1000)} s after the first Stand ` +
        `(${round(w.drainAfterIntakeMs / 1000)} s after the last); ${w.bijDriehoekPerSecond} knelpunten/s end to end, ` +
        `${w.workflowStartsPerSecond} workflow starts/s (outbox)${w.timedOut ? ' — TIMED OUT' : ''}`,
    );
    out.push('');
  }
  if (volume) {
    out.push(
      `Volume: ${volume.total} knelpunten (${volume.inserted} bulk-inserted in ${volume.ms} ms); UWV ${volume.perOrganisation['UWV'] ?? 0}, ` +
        `statuses ${Object.entries(volume.perStatus)
          .map(([k, n]) => `${k} ${n}`)
          .join(', ')}`,
    );
    out.push('');
  }
  if (reads) {
    out.push('Reads (sequential, after 10 warm-up requests each)');
    out.push(
      table(
        ['endpoint', 'n', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms', 'errors', ''],
        Object.entries(reads.perEndpoint).map(([name, s]) => [
          name,
          String(s.count),
          ms(s.p50),
          ms(s.p95),
          ms(s.p99),
          ms(s.max),
          String(s.errors),
          s.description,
        ]),
      ),
    );
    const m = reads.mixed;
    out.push(
      `Mixed reads, concurrency ${m.concurrency}: ${m.requests} requests, ${m.requestsPerSecond} req/s, ` +
        `p50 ${ms(m.latency.p50)} ms, p95 ${ms(m.latency.p95)} ms, p99 ${ms(m.latency.p99)} ms, errors ${m.latency.errors}`,
    );
    out.push('');
  }
  if (decisions) {
    const d = decisions;
    out.push(
      `Decisions (POST /knelpunten/{id}/decisions, sequential, ${d.knelpunten} knelpunten): ${d.roundTrips} round-trips, ` +
        `p50 ${ms(d.latency.p50)} ms, p95 ${ms(d.latency.p95)} ms, p99 ${ms(d.latency.p99)} ms, max ${ms(d.latency.max)} ms ` +
        `(opvragen p50 ${ms(d.opvragen.p50)}, aanleveren p50 ${ms(d.aanleveren.p50)}), errors ${d.latency.errors}`,
    );
    out.push('');
  }
  if (plans) {
    out.push('Query plans (EXPLAIN ANALYZE of the repository SQL)');
    out.push(
      table(
        ['query', 'exec ms', 'rows', 'examined', 'buffers', 'scans of knelpunten'],
        plans.map((p) => [
          p.name,
          p.executionMs.toFixed(2),
          String(p.rowsReturned),
          String(p.rowsExamined),
          String(p.sharedBuffersHit + p.sharedBuffersRead),
          p.knelpuntenScans.join(', ') + (/\bSort\b/.test(p.shape) ? ' + Sort' : ''),
        ]),
      ),
    );
    out.push('');
  }
  if (r.stalls) {
    const st = r.stalls;
    out.push(`Stalls (issue 11), concurrency ${st.concurrency}, ${round(st.wallMs / 1000)} s; GET /health probed meanwhile`);
    out.push(
      table(
        ['request', 'n', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms', 'errors'],
        [['GET /health, before', st.healthBefore] as const, ['GET /health, during', st.health] as const, ...Object.entries(st.attacks)].map(
          ([name, s]) => [name, String(s.count), ms(s.p50), ms(s.p95), ms(s.p99), ms(s.max), String(s.errors)],
        ),
      ),
    );
    out.push('');
  }
  if (r.aborted) out.push(`ABORTED: ${r.aborted}\n`);
  out.push('Goals');
  out.push(
    table(
      ['', 'goal', 'target', 'measured'],
      outcomes.map((o) => [o.pass ? 'PASS' : 'FAIL', o.what, o.target, o.measured]),
    ),
  );
  const failed = outcomes.filter((o) => !o.pass).length;
  out.push('');
  out.push(
    failed === 0
      ? `All ${outcomes.length} goals met (${round(r.totalMs / 1000)} s).`
      : `${failed} of ${outcomes.length} goals FAILED (${round(r.totalMs / 1000)} s).`,
  );
  return out.join('\n');
}

export function writeJson(path: string, r: BenchResults, outcomes: GoalOutcome[], parameters: Record<string, unknown>): void {
  mkdirSync(dirname(path), { recursive: true });
  const doc = {
    finishedAt: new Date().toISOString(),
    machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model ?? null, memoryGb: round(totalmem() / 2 ** 30), node: process.version },
    parameters,
    goals: outcomes,
    passed: outcomes.every((o) => o.pass),
    results: r,
  };
  writeFileSync(path, JSON.stringify(doc, (_k, v: unknown) => (typeof v === 'number' && Number.isNaN(v) ? null : v), 2) + '\n');
}
