/**
 * A pure model of one knelpunt for the model-based drill: state + command → expected answer and next state.
 *
 * What comes from libs/domain and what the model adds:
 * - decisions: ALLOWED_FROM, rolesFor, validateDecisionFields and decisionEffect decide accepted/refused and the next
 *   status and outcome (the decision table is the authority; the model adds only the scope rule and the self-merge
 *   refusal of the workflow contract);
 * - voortgang and deadline actions: the rules of the README ("Voortgang … accepted while in_aanpak_*", opschorten /
 *   hervatten / verlengen of a running deadline by driehoek, ACU or programmadirectie);
 * - deadlines: which deadline runs in which phase (README "Deadlines and the deadline policy"); the two whose alarms
 *   move the status — `informatie` (unanswered → back to bij_driehoek) and `driehoek_besluit` (4 weeks overdue →
 *   automatically bij_acu) — are planned and recomputed with libs/domain/src/termijnen (planDeadline, computeDeadline)
 *   on the default calendar and the default policy from the database, so the model knows to the day when a skip of the
 *   clock moves the status. The other deadlines (voortgang, streefdatum, acu_behandeling, politieke_reactie) never move
 *   the status: the model tracks only that they run and whether they are suspended.
 */
import {
  ALLOWED_FROM,
  DECISIONS,
  DecisionName,
  DeadlineKind,
  DeadlinePolicySnapshot,
  DeadlineState,
  Outcome,
  Status,
  Term,
  WerkdagenKalender,
  computeDeadline,
  daysBetween,
  decisionEffect,
  planDeadline,
  rolesFor,
  toLocalDateAmsterdam,
  validateDecisionFields,
} from '../../../libs/domain/src';

export type Role = 'indiener' | 'driehoek' | 'acu' | 'programmadirectie';
export const ROLES: readonly Role[] = ['indiener', 'driehoek', 'acu', 'programmadirectie'];

/** The failure types of the workflow contract (the API's error codes). */
export type FailureType = 'VALIDATIE_FOUT' | 'BESLISSING_NIET_TOEGESTAAN' | 'GEEN_TOEGANG';

export type Expected = { accepted: true } | { accepted: false; failure: FailureType; why: string };

export type DeadlineActionName = 'opschorten' | 'hervatten' | 'verlengen';
export type Extension = { amount: number; unit: string };

/** A command as the drill sends it; `ownScope: false` = an indiener or driehoek of another organisation (SVB). */
export type ModelCommand =
  | { type: 'beslissing'; id: string; decision: string; role: Role; ownScope: boolean; fields: Record<string, unknown>; fault: string }
  | { type: 'voortgang'; id: string; role: Role; ownScope: boolean; summary: string; fault: string }
  | {
      type: 'termijn';
      id: string;
      action: DeadlineActionName;
      deadline: DeadlineKind;
      role: Role;
      ownScope: boolean;
      reason: string;
      extension?: Extension;
      fault: string;
    };

/** The deadlines whose alarms change the status: planned exactly with libs/domain. */
export const TIMED_KINDS = ['driehoek_besluit', 'informatie'] as const;
export type TimedKind = (typeof TIMED_KINDS)[number];

export interface TimedPolicy {
  term: Term;
  policy: DeadlinePolicySnapshot;
}

export interface ModelContext {
  kalender: WerkdagenKalender;
  policies: Record<TimedKind, TimedPolicy>;
}

export type OpenState = 'lopend' | 'verlopen' | 'opgeschort';

export interface ModelDeadline {
  kind: DeadlineKind;
  state: OpenState;
  /** ISO instant of the suspension (opschorten or the information request). */
  suspendedSince: string | null;
  /** driehoek_besluit and informatie: the full planned deadline (due date, alarms) as libs/domain computes it. */
  timed: DeadlineState | null;
}

export interface KnelpuntModel {
  knelpuntId: string;
  status: Status;
  outcome: Outcome | null;
  escalated: boolean;
  /** details.targetDate: a streefdatum runs in aanpak when it is set. */
  targetDate: string | undefined;
  /** The open deadlines (lopend, verlopen, opgeschort), in the order they were started. */
  deadlines: ModelDeadline[];
  /** The model's clock (epoch ms). */
  now: number;
  /** Automatic transitions the model predicted (for the report). */
  automatic: string[];
  /** Set when the model enters a corner where it knowingly mirrors a questionable workflow rule. */
  notes: string[];
}

const DEADLINE_ROLES: readonly Role[] = ['driehoek', 'acu', 'programmadirectie'];
const VOORTGANG_ROLES: readonly Role[] = ['indiener', 'driehoek', 'acu'];
const EXTENSION_UNITS = ['werkdagen', 'dagen', 'weken', 'maanden'];

const isTimed = (kind: DeadlineKind): kind is TimedKind => (TIMED_KINDS as readonly string[]).includes(kind);
const iso = (ms: number): string => new Date(ms).toISOString();
export const localDate = (ms: number): string => toLocalDateAmsterdam(new Date(ms));

let planned = 0;

function start(m: KnelpuntModel, ctx: ModelContext, kind: DeadlineKind): void {
  if (!isTimed(kind)) {
    m.deadlines.push({ kind, state: 'lopend', suspendedSince: null, timed: null });
    return;
  }
  planned += 1;
  const p = ctx.policies[kind];
  const timed = planDeadline(
    { id: `model-${planned}`, kind, phase: m.status, startedOn: localDate(m.now), term: p.term, policy: p.policy, now: iso(m.now) },
    ctx.kalender,
  );
  m.deadlines.push({ kind, state: 'lopend', suspendedSince: null, timed });
}

function close(m: KnelpuntModel, kinds: readonly DeadlineKind[] | 'all'): void {
  m.deadlines = m.deadlines.filter((d) => kinds !== 'all' && !kinds.includes(d.kind));
}

function setState(d: ModelDeadline, state: OpenState): void {
  d.state = state;
  if (d.timed) d.timed = { ...d.timed, state };
}

function suspend(m: KnelpuntModel, d: ModelDeadline): void {
  setState(d, 'opgeschort');
  d.suspendedSince = iso(m.now);
  if (d.timed) d.timed = { ...d.timed, suspendedSince: d.suspendedSince };
}

function resume(m: KnelpuntModel, ctx: ModelContext, d: ModelDeadline): void {
  const since = d.suspendedSince ? localDate(Date.parse(d.suspendedSince)) : localDate(m.now);
  const days = Math.max(0, daysBetween(since, localDate(m.now)));
  d.suspendedSince = null;
  d.state = 'lopend';
  if (d.timed) {
    d.timed = computeDeadline(
      { ...d.timed, suspendedDays: d.timed.suspendedDays + days, suspendedSince: null, state: 'lopend' },
      ctx.kalender,
      iso(m.now),
    );
  }
}

/** Entering a phase starts its deadlines (README "Deadlines"). */
function enter(m: KnelpuntModel, ctx: ModelContext, status: Status): void {
  m.status = status;
  switch (status) {
    case 'bij_driehoek': {
      // Back from an information request: the suspended driehoek term resumes with the suspended days added.
      const suspended = m.deadlines.find((d) => d.kind === 'driehoek_besluit' && d.state === 'opgeschort');
      if (suspended) resume(m, ctx, suspended);
      else start(m, ctx, 'driehoek_besluit');
      if (m.deadlines.filter((d) => d.kind === 'driehoek_besluit').length > 1) {
        m.notes.push('two driehoek_besluit deadlines run at once (the first was resumed by hand during wacht_op_informatie)');
      }
      break;
    }
    case 'wacht_op_informatie': {
      const running = m.deadlines.find((d) => d.kind === 'driehoek_besluit' && d.state !== 'opgeschort');
      if (running) suspend(m, running);
      start(m, ctx, 'informatie');
      break;
    }
    case 'in_aanpak_driehoek':
    case 'in_aanpak_acu':
      start(m, ctx, 'voortgang');
      if (m.targetDate) start(m, ctx, 'streefdatum');
      break;
    case 'bij_acu':
      m.escalated = true;
      start(m, ctx, 'acu_behandeling');
      break;
    case 'politieke_opvolging':
      start(m, ctx, 'politieke_reactie');
      break;
    default:
      break;
  }
}

/** Leaving a phase ends its deadlines. */
function leave(m: KnelpuntModel, from: Status, decision: DecisionName | 'automatisch'): void {
  switch (from) {
    case 'bij_driehoek':
      if (decision !== 'informatie_opvragen') close(m, ['driehoek_besluit']);
      break;
    case 'wacht_op_informatie':
      close(m, ['informatie']);
      if (decision !== 'informatie_aanleveren' && decision !== 'automatisch') close(m, ['driehoek_besluit']);
      break;
    case 'in_aanpak_driehoek':
    case 'in_aanpak_acu':
      close(m, ['voortgang', 'streefdatum']);
      break;
    case 'bij_acu':
      close(m, ['acu_behandeling']);
      break;
    case 'politieke_opvolging':
      close(m, ['politieke_reactie']);
      break;
    default:
      break;
  }
}

export function initialModel(knelpuntId: string, startedAt: number, ctx: ModelContext): KnelpuntModel {
  const m: KnelpuntModel = {
    knelpuntId,
    status: 'ingediend',
    outcome: null,
    escalated: false,
    targetDate: undefined,
    deadlines: [],
    now: startedAt,
    automatic: [],
    notes: [],
  };
  enter(m, ctx, 'bij_driehoek');
  return m;
}

function refuse(failure: FailureType, why: string): Expected {
  return { accepted: false, failure, why };
}

function outOfScope(role: Role, ownScope: boolean): boolean {
  return (role === 'indiener' || role === 'driehoek') && !ownScope;
}

/** What the workflow must answer to `cmd` now; the model applies it when accepted. */
export function apply(m: KnelpuntModel, ctx: ModelContext, cmd: ModelCommand): Expected {
  const expected = check(m, ctx, cmd);
  if (expected.accepted) {
    if (cmd.type === 'beslissing') applyDecision(m, ctx, cmd.decision as DecisionName, cmd.fields);
    else if (cmd.type === 'voortgang') {
      close(m, ['voortgang']);
      start(m, ctx, 'voortgang');
    } else applyDeadlineAction(m, ctx, cmd);
    // An alarm already due (e.g. an extension that still ends in the past) fires at once.
    advanceTo(m, ctx, m.now);
  }
  return expected;
}

export function check(m: KnelpuntModel, ctx: ModelContext, cmd: ModelCommand): Expected {
  const today = localDate(m.now);
  switch (cmd.type) {
    case 'beslissing': {
      if (!(DECISIONS as readonly string[]).includes(cmd.decision)) return refuse('VALIDATIE_FOUT', 'onbekende beslissing');
      const decision = cmd.decision as DecisionName;
      if (!ALLOWED_FROM[decision].includes(m.status)) return refuse('BESLISSING_NIET_TOEGESTAAN', `${decision} niet vanuit ${m.status}`);
      if (!(rolesFor(decision, m.status) as string[]).includes(cmd.role)) return refuse('GEEN_TOEGANG', `rol ${cmd.role}`);
      if (outOfScope(cmd.role, cmd.ownScope)) return refuse('GEEN_TOEGANG', 'andere organisatie');
      const problems = validateDecisionFields(decision, cmd.fields, today);
      if (decision === 'samenvoegen' && cmd.fields['targetKnelpuntId'] === m.knelpuntId)
        problems.push({ name: 'targetKnelpuntId', reason: 'zichzelf' });
      if (problems.length > 0) return refuse('VALIDATIE_FOUT', problems.map((p) => p.name).join(','));
      return { accepted: true };
    }
    case 'voortgang':
      if (m.status !== 'in_aanpak_driehoek' && m.status !== 'in_aanpak_acu')
        return refuse('BESLISSING_NIET_TOEGESTAAN', `voortgang in ${m.status}`);
      if (!VOORTGANG_ROLES.includes(cmd.role)) return refuse('GEEN_TOEGANG', `rol ${cmd.role}`);
      if (outOfScope(cmd.role, cmd.ownScope)) return refuse('GEEN_TOEGANG', 'andere organisatie');
      if (cmd.summary.trim() === '') return refuse('VALIDATIE_FOUT', 'summary');
      return { accepted: true };
    case 'termijn': {
      if (!DEADLINE_ROLES.includes(cmd.role)) return refuse('GEEN_TOEGANG', `rol ${cmd.role}`);
      if (outOfScope(cmd.role, cmd.ownScope)) return refuse('GEEN_TOEGANG', 'andere organisatie');
      const d = m.deadlines.find((x) => x.kind === cmd.deadline);
      if (!d) return refuse('BESLISSING_NIET_TOEGESTAAN', `geen lopende termijn ${cmd.deadline}`);
      if (cmd.reason.trim() === '') return refuse('VALIDATIE_FOUT', 'reason');
      if (cmd.action === 'opschorten' && d.state === 'opgeschort') return refuse('BESLISSING_NIET_TOEGESTAAN', 'al opgeschort');
      if (cmd.action === 'hervatten' && d.state !== 'opgeschort') return refuse('BESLISSING_NIET_TOEGESTAAN', 'niet opgeschort');
      if (cmd.action === 'hervatten' && d.kind === 'driehoek_besluit' && m.status === 'wacht_op_informatie')
        return refuse('BESLISSING_NIET_TOEGESTAAN', 'beslistermijn staat stil tijdens informatieverzoek');
      if (cmd.action === 'verlengen') {
        const e = cmd.extension;
        if (!e || !Number.isInteger(e.amount) || e.amount < 1 || e.amount > 366 || !EXTENSION_UNITS.includes(e.unit)) {
          return refuse('VALIDATIE_FOUT', 'extension');
        }
      }
      return { accepted: true };
    }
  }
}

function applyDecision(m: KnelpuntModel, ctx: ModelContext, decision: DecisionName, fields: Record<string, unknown>): void {
  const from = m.status;
  const effect = decisionEffect(decision, from, fields);
  if (decision === 'oppakken' || decision === 'overheidsbreed_oppakken') m.targetDate = fields['targetDate'] as string;
  if (decision === 'toewijzen_doorbraakteam') m.targetDate = undefined;
  m.outcome = effect.outcome;
  leave(m, from, decision);
  if (effect.status === 'afgesloten') close(m, 'all');
  enter(m, ctx, effect.status);
}

function applyDeadlineAction(m: KnelpuntModel, ctx: ModelContext, cmd: Extract<ModelCommand, { type: 'termijn' }>): void {
  const d = m.deadlines.find((x) => x.kind === cmd.deadline)!;
  if (cmd.action === 'opschorten') suspend(m, d);
  else if (cmd.action === 'hervatten') resume(m, ctx, d);
  else {
    const state: OpenState = d.state === 'verlopen' ? 'lopend' : d.state;
    d.state = state;
    if (d.timed) {
      d.timed = computeDeadline(
        { ...d.timed, extensions: [...d.timed.extensions, cmd.extension as Term], state },
        ctx.kalender,
        iso(m.now),
      );
    }
  }
}

/**
 * Moves the model's clock to `to`, firing the status-changing alarms of the timed deadlines in time order, each at
 * its own instant (an alarm already past fires at the current instant), as the time-skipping server fires timers.
 */
export function advanceTo(m: KnelpuntModel, ctx: ModelContext, to: number): void {
  for (;;) {
    let next: { d: ModelDeadline; index: number; at: number } | null = null;
    for (const d of m.deadlines) {
      if (!d.timed || d.state === 'opgeschort') continue;
      d.timed.alarms.forEach((a, index) => {
        if (a.done) return;
        const at = Date.parse(a.at);
        if (at <= to && (next === null || at < next.at)) next = { d, index, at };
      });
    }
    if (next === null) break;
    const { d, index, at } = next as { d: ModelDeadline; index: number; at: number };
    m.now = Math.max(m.now, at);
    const alarm = d.timed!.alarms[index]!;
    d.timed = { ...d.timed!, alarms: d.timed!.alarms.map((a, i) => (i === index ? { ...a, done: true } : a)) };
    if (alarm.type === 'verlopen') {
      setState(d, 'verlopen');
      if (d.kind === 'informatie' && m.status === 'wacht_op_informatie') {
        // Unanswered: back in the driehoek queue, the driehoek term resumed.
        m.deadlines = m.deadlines.filter((x) => x !== d);
        m.automatic.push(`${localDate(m.now)} informatie onbeantwoord → bij_driehoek`);
        enter(m, ctx, 'bij_driehoek');
      }
    } else if (alarm.type === 'acu_agenda' && d.kind === 'driehoek_besluit' && m.status === 'bij_driehoek') {
      m.automatic.push(`${localDate(m.now)} driehoek ${d.timed!.policy.acuAfterOverdueWeeks} weken over de termijn → bij_acu`);
      close(m, ['driehoek_besluit']);
      leave(m, 'bij_driehoek', 'automatisch');
      enter(m, ctx, 'bij_acu');
    }
  }
  m.now = Math.max(m.now, to);
}

// ---------- comparing with the workflow ----------

export interface ObservedDeadline {
  kind: string;
  state: string;
  dueDate: string;
}

export interface Observed {
  status: string;
  outcome: string | null;
  escalated: boolean;
  deadlines: ObservedDeadline[];
}

const OPEN = new Set(['lopend', 'verlopen', 'opgeschort']);
const runs = (state: string): string => (state === 'opgeschort' ? 'opgeschort' : 'loopt');

/** The differences between the model and the workflow's state (empty when they agree). */
export function differences(m: KnelpuntModel, s: Observed): string[] {
  const diffs: string[] = [];
  if (s.status !== m.status) diffs.push(`status: workflow ${s.status}, model ${m.status}`);
  if (s.outcome !== m.outcome) diffs.push(`outcome: workflow ${String(s.outcome)}, model ${String(m.outcome)}`);
  if (s.escalated !== m.escalated) diffs.push(`escalated: workflow ${s.escalated}, model ${m.escalated}`);
  const open = s.deadlines.filter((d) => OPEN.has(d.state));
  const seen = open.map((d) => `${d.kind}:${runs(d.state)}`).sort();
  const want = m.deadlines.map((d) => `${d.kind}:${runs(d.state)}`).sort();
  if (seen.join(' ') !== want.join(' ')) diffs.push(`open deadlines: workflow [${seen.join(' ')}], model [${want.join(' ')}]`);
  for (const kind of TIMED_KINDS) {
    const w = open.filter((d) => d.kind === kind);
    const md = m.deadlines.filter((d) => d.kind === kind);
    md.forEach((d, i) => {
      const o = w[i];
      if (!o || !d.timed) return;
      if (o.dueDate !== d.timed.dueDate) diffs.push(`${kind} dueDate: workflow ${o.dueDate}, model ${d.timed.dueDate}`);
      if (o.state !== d.state) diffs.push(`${kind} state: workflow ${o.state}, model ${d.state}`);
    });
  }
  return diffs;
}

export function describeModel(m: KnelpuntModel): string {
  const ds = m.deadlines.map((d) => `${d.kind}:${d.state}${d.timed ? `@${d.timed.dueDate}` : ''}`).join(' ');
  return `${m.status}${m.outcome ? `/${m.outcome}` : ''} [${ds}]`;
}
