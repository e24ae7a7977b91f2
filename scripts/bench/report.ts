/**
 * Goals, their evaluation and the printed/written report of `npm run bench`.
 *
 * A goal is measured per Temporal mode when it depends on the engine (`perMode`), else once (on the first mode). Its
 * target can be relative to the engine's own limits measured in the same run (S_raw, U_raw), then the outcome has a
 * `ratio`. The first mode of the run (`server` by default) decides PASS/FAIL; the other modes are reported beside it.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, freemem, loadavg, totalmem } from 'node:os';
import { dirname } from 'node:path';
import type { TemporalMode } from '../infra/temporal';
import type { VolumeResult } from './volume';
import type { ReadsResult } from './reads';
import type { DecisionsResult } from './decisions';
import type { PlanReport } from './explain';
import type { StallsResult } from './stalls';
import type { RawEngineResult } from './raw-engine';
import type { LoadResult, SustainedIntakeResult } from './engine-load';
import type { HttpStackResult } from './http-stack';
import type { SuggestionQuality } from '../../libs/acu/src/cluster-suggesties/suggestion-quality';
import { round, type LatencySummary } from './stats';

/** What one Temporal mode measured (the engine-sensitive phases). */
export interface ModeResults {
  mode: TemporalMode;
  /** Engine, database, worker and API started in this many ms. */
  startMs: number;
  /** The engine's own limits: S_raw (starts) and U_raw (updates). */
  raw?: RawEngineResult;
  /** Goal 1. */
  intake?: SustainedIntakeResult;
  /** Goal 3 (sequential, no other load). */
  decisions?: DecisionsResult;
  /** Goals 2 and 4 (paced intake and decisions with read-back, at the same time). */
  load?: LoadResult;
  /** GET /health p50 on this mode's API with nothing else running (the HTTP + SELECT 1 floor of a request). */
  healthIdle?: LatencySummary;
  failedRequests: number;
  aborted?: string;
}

export interface BenchResults {
  /** The modes in the order they ran; the first decides PASS/FAIL. */
  modeOrder: TemporalMode[];
  modes: Partial<Record<TemporalMode, ModeResults>>;
  /** The phases selected for this run (`--only`), and the ones that have a runner at all. */
  phases: string[];
  volume?: VolumeResult;
  reads?: ReadsResult;
  plans?: PlanReport[];
  stalls?: StallsResult;
  httpStack?: HttpStackResult;
  /** Precision and recall of the ACU's cluster suggestions on the labelled set (issue 9). */
  clusterSuggesties?: SuggestionQuality & { knelpunten: number; groups: number };
  /** Results of phases registered in bench.ts's EXTRA_PHASES (goals 5–8), by phase name. */
  extra: Record<string, unknown>;
  /** Non-2xx responses and wrong bodies over all phases and modes. */
  failedRequests: number;
  /** Phases that threw (the others ran). */
  phaseErrors: { mode: TemporalMode; phase: string; error: string }[];
  /** The run itself failed (e.g. PostgreSQL or an engine did not start). */
  aborted?: string;
  /** `--quick`: the small sizes, at which some goals cannot be decided (see Goal.fullSizeOnly). */
  quick?: boolean;
  totalMs: number;
}

/** `max`: measured ≤ target; `min`: measured ≥ target; `true`: must hold. */
export type GoalKind = 'max' | 'min' | 'true';

/** A measured value with, for relative goals, the target derived from the engine and the ratio to the engine. */
export interface Measurement {
  value: number | boolean | undefined;
  target?: number;
  ratio?: number;
}

export interface Goal {
  id: string;
  what: string;
  kind: GoalKind;
  /** The fixed target, or NaN when the measurement supplies it (relative to S_raw / U_raw). */
  target: number;
  /** How the target reads in the table, e.g. '≥ 0.6 × S_raw'. */
  targetText: string;
  unit: string;
  /** The phase that measures it (for `--only` and SKIP). */
  phase: string;
  /** Other phases its target depends on (e.g. `raw` for S_raw / U_raw): SKIP when one of them did not run. */
  requires: string[];
  /** Measured once per Temporal mode. */
  perMode: boolean;
  /** undefined = not measured (FAIL when its phase ran). */
  measure(r: BenchResults, m: ModeResults | undefined): Measurement | number | boolean | undefined;
  /** Where the time went: printed when the goal fails. */
  explain?(r: BenchResults, m: ModeResults | undefined): string[];
  why: string;
  /** Why a `--quick` run cannot decide it (reported, not judged: SKIP); undefined when quick sizes decide it too. */
  fullSizeOnly?: string;
}

export interface GoalOptions {
  phase: string;
  requires?: string[];
  perMode?: boolean;
  targetText?: string;
  explain?: Goal['explain'];
  fullSizeOnly?: string;
}

/** One row of the goals table. */
export function goal(
  id: string,
  what: string,
  kind: GoalKind,
  target: number,
  unit: string,
  measure: Goal['measure'],
  why: string,
  opts: GoalOptions,
): Goal {
  const targetText = opts.targetText ?? (kind === 'true' ? 'yes' : `${kind === 'max' ? '≤' : '≥'} ${target} ${unit}`.trim());
  return {
    id,
    what,
    kind,
    target,
    targetText,
    unit,
    measure,
    why,
    phase: opts.phase,
    requires: opts.requires ?? [],
    perMode: opts.perMode ?? false,
    explain: opts.explain,
    fullSizeOnly: opts.fullSizeOnly,
  };
}

export interface ModeOutcome {
  measured: number | boolean | null;
  target: number | boolean | null;
  ratio: number | null;
  /** null: skipped (its phase did not run in this mode, or a quick run cannot decide it). */
  pass: boolean | null;
  /** Why it was measured but not judged (quick sizes). */
  undecided?: string;
}

export interface GoalOutcome extends ModeOutcome {
  id: string;
  what: string;
  why: string;
  unit: string;
  targetText: string;
  phase: string;
  /** The mode that decided `pass` (perMode goals), else the mode it was measured on. */
  mode: TemporalMode | null;
  byMode?: Partial<Record<TemporalMode, ModeOutcome>>;
  /** Where the time went (failed goals). */
  diagnosis?: string[];
}

const finite = (v: number | undefined): v is number => typeof v === 'number' && Number.isFinite(v);

function judge(g: Goal, r: BenchResults, m: ModeResults | undefined, ran: boolean): ModeOutcome {
  if (!ran) return { measured: null, target: null, ratio: null, pass: null };
  let raw: ReturnType<Goal['measure']>;
  try {
    raw = g.measure(r, m);
  } catch {
    raw = undefined;
  }
  const mm: Measurement = typeof raw === 'object' ? raw : { value: raw };
  const target = finite(mm.target) ? mm.target : g.target;
  let pass = false;
  if (typeof mm.value === 'boolean') pass = mm.value;
  else if (finite(mm.value) && finite(target)) pass = g.kind === 'max' ? mm.value <= target : mm.value >= target;
  const measured = typeof mm.value === 'boolean' ? mm.value : finite(mm.value) ? round(mm.value, 2) : null;
  if (r.quick && g.fullSizeOnly) {
    return {
      measured,
      target: g.kind === 'true' ? true : finite(target) ? round(target, 2) : null,
      ratio: null,
      pass: null,
      undecided: g.fullSizeOnly,
    };
  }
  return {
    measured,
    target: g.kind === 'true' ? true : finite(target) ? round(target, 2) : null,
    ratio: finite(mm.ratio) ? round(mm.ratio, 3) : null,
    pass,
  };
}

export function evaluate(goals: readonly Goal[], r: BenchResults): GoalOutcome[] {
  const primary = r.modeOrder[0] ?? null;
  return goals.map((g) => {
    const selected = [g.phase, ...g.requires].every((phase) => r.phases.includes(phase));
    const base = { id: g.id, what: g.what, why: g.why, unit: g.unit, targetText: g.targetText, phase: g.phase };
    if (!g.perMode) {
      const m = primary ? r.modes[primary] : undefined;
      const o = judge(g, r, m, selected);
      const diagnosis = o.pass === false && g.explain ? safeExplain(g, r, m) : undefined;
      return { ...base, ...o, mode: primary, diagnosis };
    }
    const byMode: Partial<Record<TemporalMode, ModeOutcome>> = {};
    for (const mode of r.modeOrder) byMode[mode] = judge(g, r, r.modes[mode], selected && r.modes[mode] !== undefined);
    const first = primary ? byMode[primary] : undefined;
    const o = first ?? { measured: null, target: null, ratio: null, pass: null };
    const m = primary ? r.modes[primary] : undefined;
    const diagnosis = o.pass === false && g.explain ? safeExplain(g, r, m) : undefined;
    return { ...base, ...o, mode: primary, byMode, diagnosis };
  });
}

function safeExplain(g: Goal, r: BenchResults, m: ModeResults | undefined): string[] {
  try {
    return g.explain?.(r, m) ?? [];
  } catch (err) {
    return [`(no breakdown: ${String(err)})`];
  }
}

function table(headers: string[], rows: string[][]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]): string =>
    cells
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  return [line(headers), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

const ms = (v: number | undefined): string => (v === undefined || Number.isNaN(v) ? '-' : v.toFixed(1));
const num = (v: number | undefined, digits = 1): string => (v === undefined || !Number.isFinite(v) ? '-' : String(round(v, digits)));

function fmtValue(v: number | boolean | null, unit: string): string {
  if (v === null) return 'not measured';
  if (typeof v === 'boolean') return v ? 'yes' : 'no';
  return `${round(v, Math.abs(v) >= 100 ? 0 : Math.abs(v) >= 1 ? 1 : 3)} ${unit}`.trim();
}

function cell(o: ModeOutcome | undefined, g: GoalOutcome, withMark: boolean): string {
  if (o?.undecided) return `${fmtValue(o.measured, g.unit)} (not decided: ${o.undecided})`;
  if (!o || o.pass === null) return 'skipped';
  let s = fmtValue(o.measured, g.unit);
  if (o.ratio !== null) s += ` (×${o.ratio})`;
  if (g.targetText.includes('S_raw') || g.targetText.includes('U_raw') || g.targetText.includes('bare')) {
    if (o.target !== null && typeof o.target === 'number') s += ` [target ${fmtValue(o.target, g.unit)}]`;
  }
  if (withMark) s += o.pass ? ' ok' : ' FAIL';
  return s;
}

function modeTable(r: BenchResults): string {
  const modes = r.modeOrder.filter((m) => r.modes[m]);
  const row = (label: string, f: (m: ModeResults) => string): string[] => [label, ...modes.map((mode) => f(r.modes[mode] as ModeResults))];
  const rows = [
    row('engine + API start', (m) => `${round(m.startMs / 1000)} s`),
    row('S_raw: starts/s (c=32)', (m) => num(m.raw?.starts.startsPerSecond)),
    row('S_raw: start p50 / p95 ms', (m) => `${ms(m.raw?.starts.latency.p50)} / ${ms(m.raw?.starts.latency.p95)}`),
    row('starts one at a time p50 / p95 ms', (m) => `${ms(m.raw?.sequentialStarts.p50)} / ${ms(m.raw?.sequentialStarts.p95)}`),
    row('U_raw: update p50 / p95 ms', (m) => `${ms(m.raw?.updates.latency.p50)} / ${ms(m.raw?.updates.latency.p95)}`),
    row('intake: started knelpunten/s', (m) => num(m.intake?.knelpuntenPerSecond)),
    row('intake: posted knelpunten/s', (m) => num(m.intake?.postedPerSecond)),
    row('intake: window / drain s', (m) => (m.intake ? `${round(m.intake.durationMs / 1000)} / ${round(m.intake.drainMs / 1000)}` : '-')),
    row('half load: knelpunten/s', (m) => num(m.load?.intakeRatePerSecond)),
    row('half load: POST p50 / p95 ms', (m) => `${ms(m.load?.postLatency.p50)} / ${ms(m.load?.postLatency.p95)}`),
    row('decision (idle) p50 / p95 ms', (m) => `${ms(m.decisions?.latency.p50)} / ${ms(m.decisions?.latency.p95)}`),
    row('decision (load) p50 / p95 ms', (m) => `${ms(m.load?.decisions.p50)} / ${ms(m.load?.decisions.p95)}`),
    row('fresh after 200 p50 / p95 ms', (m) => `${ms(m.load?.freshness.p50)} / ${ms(m.load?.freshness.p95)}`),
    row('GET /health idle p50 ms', (m) => ms(m.healthIdle?.p50)),
    row('failed requests', (m) => String(m.failedRequests)),
  ];
  return table(['per engine', ...modes], rows);
}

export function renderReport(r: BenchResults, outcomes: GoalOutcome[]): string {
  const out: string[] = [];
  const { volume, reads, plans } = r;
  if (r.modeOrder.some((m) => r.modes[m])) {
    out.push('Engine limits and engine-sensitive phases, per Temporal mode');
    out.push(modeTable(r));
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
    out.push('Reads (sequential, after warm-up requests)');
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
  if (r.httpStack) {
    const h = r.httpStack;
    out.push(
      `HTTP stack: GET /health, concurrency ${h.concurrency}, ${round(h.durationMs / 1000)} s per side over ${h.rounds?.length ?? 1} ` +
        `alternating rounds (pooled below; the goal uses the median round's ratio, ×${round(h.ratio, 3)})`,
    );
    out.push(
      table(
        ['server', 'requests', 'req/s', 'p50 ms', 'p95 ms'],
        [
          ['Nest+Fastify (the app)', h.nest] as const,
          ['bare Fastify, same I/O', h.bare] as const,
          ['bare Fastify, no I/O', h.bareStatic] as const,
        ].map(([name, s]) => [name, String(s.requests), String(s.requestsPerSecond), ms(s.latency.p50), ms(s.latency.p95)]),
      ),
    );
    out.push('');
  }
  for (const e of r.phaseErrors) out.push(`PHASE FAILED [${e.mode}] ${e.phase}: ${e.error}\n`);
  if (r.aborted) out.push(`ABORTED: ${r.aborted}\n`);

  const modes = r.modeOrder;
  out.push(`Goals (PASS/FAIL on ${modes[0] ?? '-'}${modes.length > 1 ? `; ${modes.slice(1).join(', ')} reported beside it` : ''})`);
  out.push(
    table(
      ['', 'id', 'goal', 'target', ...modes],
      outcomes.map((o) => [
        o.pass === null ? 'SKIP' : o.pass ? 'PASS' : 'FAIL',
        o.id,
        o.what,
        o.targetText,
        ...modes.map((mode, i) => (o.byMode ? cell(o.byMode[mode], o, i > 0) : i === 0 ? cell(o, o, false) : '')),
      ]),
    ),
  );
  const diagnosed = outcomes.filter((o) => o.pass === false && o.diagnosis && o.diagnosis.length > 0);
  if (diagnosed.length > 0) {
    out.push('');
    out.push('Where the time went (failed goals)');
    for (const o of diagnosed) {
      out.push(`  ${o.id}:`);
      for (const line of o.diagnosis ?? []) out.push(`    ${line}`);
    }
  }
  const failed = outcomes.filter((o) => o.pass === false).length;
  const skipped = outcomes.filter((o) => o.pass === null).length;
  const judged = outcomes.length - skipped;
  out.push('');
  out.push(
    (failed === 0 ? `All ${judged} goals measured were met` : `${failed} of ${judged} goals measured FAILED`) +
      `${skipped > 0 ? `, ${skipped} skipped` : ''} (${round(r.totalMs / 1000)} s).`,
  );
  return out.join('\n');
}

export function machineInfo(): Record<string, unknown> {
  return {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? null,
    memoryGb: round(totalmem() / 2 ** 30),
    freeMemoryGb: round(freemem() / 2 ** 30),
    loadAverage: loadavg().map((l) => round(l, 2)),
    node: process.version,
  };
}

export function writeJson(
  path: string,
  r: BenchResults,
  outcomes: GoalOutcome[],
  parameters: Record<string, unknown>,
  machine: Record<string, unknown>,
): void {
  mkdirSync(dirname(path), { recursive: true });
  const raw = Object.fromEntries(
    r.modeOrder.map((mode) => {
      const m = r.modes[mode];
      return [
        mode,
        m?.raw
          ? {
              S_raw: { startsPerSecond: m.raw.starts.startsPerSecond, p50: m.raw.starts.latency.p50, p95: m.raw.starts.latency.p95 },
              sequentialStart: { p50: m.raw.sequentialStarts.p50, p95: m.raw.sequentialStarts.p95 },
              U_raw: { p50: m.raw.updates.latency.p50, p95: m.raw.updates.latency.p95 },
            }
          : null,
      ];
    }),
  );
  const doc = {
    finishedAt: new Date().toISOString(),
    machine: { ...machine, loadAverageAtEnd: loadavg().map((l) => round(l, 2)) },
    parameters,
    modes: r.modeOrder,
    goals: outcomes,
    passed: outcomes.every((o) => o.pass !== false),
    raw,
    results: r,
  };
  writeFileSync(path, JSON.stringify(doc, (_k, v: unknown) => (typeof v === 'number' && Number.isNaN(v) ? null : v), 2) + '\n');
}
