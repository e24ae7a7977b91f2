/**
 * The rules of a knelpunt's process as pure functions: who may decide what (and why not), which details a decision
 * records, which deadlines a phase starts and ends, and who is told. The workflow only orchestrates around them;
 * the tests in process-rules.spec.ts are the table.
 */
import type { DeadlineKind, DeadlineState } from '../termijnen/deadline-state';
import { TERM_UNITS } from '../werkdagen/termijn';
import { ALLOWED_FROM, DECISIONS, DecisionName, allowedDecisionsFor, rolesFor, validateDecisionFields } from './decisions';
import type { Status } from './statuses';

/** Typed refusal codes (the API's ErrorCode values; the gateway maps them exhaustively). */
export const REFUSAL_CODES = ['VALIDATIE_FOUT', 'BESLISSING_NIET_TOEGESTAAN', 'GEEN_TOEGANG'] as const;
export type RefusalCode = (typeof REFUSAL_CODES)[number];

export type Refusal =
  | { code: 'VALIDATIE_FOUT'; message: string; invalidParams: { name: string; reason: string }[] }
  | { code: 'BESLISSING_NIET_TOEGESTAAN'; message: string; allowed: string[] }
  | { code: 'GEEN_TOEGANG'; message: string };

/** The roles that may report voortgang, and that may suspend, resume or extend a deadline (also the routes' policies). */
export const VOORTGANG_ROLES = ['indiener', 'driehoek', 'acu'] as const;
export const DEADLINE_ROLES = ['driehoek', 'acu', 'programmadirectie'] as const;
const mayReport = (role: string): boolean => (VOORTGANG_ROLES as readonly string[]).includes(role);
const mayChangeDeadlines = (role: string): boolean => (DEADLINE_ROLES as readonly string[]).includes(role);
/** The statuses in which voortgang is reported. */
export const AANPAK_STATUSES: readonly Status[] = ['in_aanpak_driehoek', 'in_aanpak_acu'];
export const MAX_EXTENSION_AMOUNT = 366;

export interface KnelpuntDetails {
  owner?: string;
  plan?: string;
  targetDate?: string;
  question?: string;
  response?: string;
  motivation?: string;
  summary?: string;
  team?: string;
  lead?: string;
  instrument?: string;
  politiekResultaat?: string;
  mergedInto?: { knelpuntId?: string; clusterId?: string };
  clusterId?: string;
  acuMeetingId?: string;
  acuMeetingDate?: string;
  acuCarryOvers?: number;
  lastVoortgangAt?: string;
  flags: string[];
}

export interface CaseActor {
  role: string;
  organisation: string | null;
  driehoek?: string | null;
}

/** What the checks need of a case. */
export interface CaseView {
  knelpuntId: string;
  organisation: string;
  driehoek: string;
  status: Status;
  deadlines: readonly DeadlineState[];
}

const refuse = {
  invalid: (invalidParams: { name: string; reason: string }[]): Refusal => ({
    code: 'VALIDATIE_FOUT',
    message: invalidParams.map((p) => `${p.name}: ${p.reason}`).join('; '),
    invalidParams,
  }),
  notAllowed: (message: string, allowed: string[]): Refusal => ({ code: 'BESLISSING_NIET_TOEGESTAAN', message, allowed }),
  forbidden: (message: string): Refusal => ({ code: 'GEEN_TOEGANG', message }),
};

/** Indieners act for their own organisation only, driehoeken for their own driehoek only. */
export function checkScope(c: CaseView, actor: CaseActor): Refusal | null {
  if (actor.role === 'indiener' && actor.organisation !== c.organisation)
    return refuse.forbidden('Dit knelpunt hoort niet bij uw organisatie.');
  if (actor.role === 'driehoek' && actor.driehoek !== c.driehoek) return refuse.forbidden('Dit knelpunt hoort niet bij uw driehoek.');
  return null;
}

export function checkDecision(
  c: CaseView,
  cmd: { decision: unknown; actor: CaseActor; fields?: Record<string, unknown> },
  today: string,
): Refusal | null {
  if (typeof cmd.decision !== 'string' || !(DECISIONS as readonly string[]).includes(cmd.decision)) {
    return refuse.invalid([{ name: 'decision', reason: `onbekende beslissing; kies uit: ${DECISIONS.join(', ')}` }]);
  }
  const decision = cmd.decision as DecisionName;
  if (!ALLOWED_FROM[decision].includes(c.status)) {
    return refuse.notAllowed(
      `Beslissing '${decision}' is niet toegestaan in status '${c.status}'.`,
      allowedDecisionsFor(c.status, cmd.actor.role),
    );
  }
  const roles = rolesFor(decision, c.status);
  if (!(roles as string[]).includes(cmd.actor.role)) {
    return refuse.forbidden(`Beslissing '${decision}' in status '${c.status}' is voorbehouden aan: ${roles.join(', ')}.`);
  }
  const scope = checkScope(c, cmd.actor);
  if (scope) return scope;
  const fields = cmd.fields ?? {};
  const problems = validateDecisionFields(decision, fields, today);
  if (decision === 'samenvoegen' && fields['targetKnelpuntId'] === c.knelpuntId) {
    problems.push({ name: 'targetKnelpuntId', reason: 'een knelpunt kan niet met zichzelf worden samengevoegd' });
  }
  return problems.length > 0 ? refuse.invalid(problems) : null;
}

export function checkVoortgang(c: CaseView, cmd: { actor: CaseActor; summary: unknown }): Refusal | null {
  if (!AANPAK_STATUSES.includes(c.status)) {
    return refuse.notAllowed(
      `Voortgang kan alleen worden toegevoegd in aanpak; de status is '${c.status}'.`,
      allowedDecisionsFor(c.status, cmd.actor.role),
    );
  }
  if (!mayReport(cmd.actor.role)) return refuse.forbidden('Uw rol mag geen voortgang toevoegen.');
  const scope = checkScope(c, cmd.actor);
  if (scope) return scope;
  if (typeof cmd.summary !== 'string' || cmd.summary.trim() === '') return refuse.invalid([{ name: 'summary', reason: 'is verplicht' }]);
  return null;
}

/** The open deadline a command names: by id, or the open one of that kind. */
export function findOpenDeadline(deadlines: readonly DeadlineState[], ref: string): DeadlineState | undefined {
  const open = deadlines.filter((d) => d.state === 'lopend' || d.state === 'verlopen' || d.state === 'opgeschort');
  return open.find((d) => d.id === ref) ?? open.find((d) => d.kind === ref);
}

export function checkDeadlineCommand(
  c: CaseView,
  cmd: { action: unknown; deadline: string; reason: unknown; actor: CaseActor; extension?: { amount: unknown; unit: unknown } },
): Refusal | null {
  if (!mayChangeDeadlines(cmd.actor.role)) return refuse.forbidden('Uw rol mag termijnen niet opschorten of verlengen.');
  const scope = checkScope(c, cmd.actor);
  if (scope) return scope;
  const d = findOpenDeadline(c.deadlines, cmd.deadline);
  if (!d) return refuse.notAllowed(`Er loopt geen termijn '${cmd.deadline}'.`, []);
  if (typeof cmd.reason !== 'string' || cmd.reason.trim() === '') return refuse.invalid([{ name: 'reason', reason: 'is verplicht' }]);
  if (cmd.action === 'opschorten' && d.state === 'opgeschort')
    return refuse.notAllowed('Deze termijn is al opgeschort.', ['hervatten', 'verlengen']);
  if (cmd.action === 'hervatten' && d.state !== 'opgeschort')
    return refuse.notAllowed('Deze termijn is niet opgeschort.', ['opschorten', 'verlengen']);
  // While the organisation is asked for information the driehoek's term stands still; it resumes with the answer (or
  // when the request lapses). Resuming it by hand would run a second term beside the one the answer starts.
  if (cmd.action === 'hervatten' && d.kind === 'driehoek_besluit' && c.status === 'wacht_op_informatie') {
    return refuse.notAllowed('De beslistermijn loopt weer zodra de gevraagde informatie is aangeleverd; hervatten kan nu niet.', [
      'verlengen',
    ]);
  }
  if (cmd.action === 'verlengen') {
    const e = cmd.extension;
    const ok =
      !!e &&
      typeof e.amount === 'number' &&
      Number.isInteger(e.amount) &&
      e.amount >= 1 &&
      e.amount <= MAX_EXTENSION_AMOUNT &&
      (TERM_UNITS as readonly unknown[]).includes(e.unit);
    if (!ok) {
      return refuse.invalid([
        {
          name: 'extension',
          reason: `geef een verlenging op als { amount: geheel getal 1-${MAX_EXTENSION_AMOUNT}, unit: ${TERM_UNITS.join('|')} }`,
        },
      ]);
    }
  }
  return null;
}

/** The details after a decision: what it records, pure (returns a new object). */
export function applyDecisionDetails(details: KnelpuntDetails, decision: DecisionName, fields: Record<string, unknown>): KnelpuntDetails {
  const d: KnelpuntDetails = { ...details, flags: [...details.flags] };
  const text = (k: string): string | undefined => (typeof fields[k] === 'string' ? (fields[k] as string) : undefined);
  switch (decision) {
    case 'oppakken':
      Object.assign(d, { owner: text('owner'), plan: text('plan'), targetDate: text('targetDate') });
      break;
    case 'informatie_opvragen':
      Object.assign(d, { question: text('question'), response: undefined });
      break;
    case 'informatie_aanleveren':
      d.response = text('response');
      d.flags = d.flags.filter((f) => f !== 'informatie_onbeantwoord');
      break;
    case 'toewijzen_doorbraakteam':
      Object.assign(d, { team: text('team'), targetDate: undefined });
      break;
    case 'overheidsbreed_oppakken':
      Object.assign(d, { lead: text('lead'), targetDate: text('targetDate') });
      if (text('plan')) d.plan = text('plan');
      break;
    case 'naar_politiek':
      d.instrument = text('instrument');
      break;
    case 'politieke_uitkomst':
      d.politiekResultaat = text('result');
      break;
    case 'samenvoegen':
      d.mergedInto = { knelpuntId: text('targetKnelpuntId'), clusterId: text('clusterId') };
      break;
    default:
      break;
  }
  if (text('motivation')) d.motivation = text('motivation');
  if (text('summary')) d.summary = text('summary');
  return d;
}

export type DeadlineEnding = { kinds: DeadlineKind[]; how: 'voldaan' | 'vervallen'; reason: string };

/** A withdrawal or the system's own move ends a phase's term as lapsed ('vervallen'), never as met ('voldaan'). */
function metUnless(decision: DecisionName | 'automatisch'): 'voldaan' | 'vervallen' {
  return decision === 'intrekken' || decision === 'automatisch' ? 'vervallen' : 'voldaan';
}

/** Which deadlines end when a case leaves a phase by a decision ('automatisch' for the system's own moves). */
export function phaseExit(from: Status, decision: DecisionName | 'automatisch'): { endings: DeadlineEnding[]; closeAcuItem: boolean } {
  const withdrawn = decision === 'intrekken';
  switch (from) {
    case 'bij_driehoek':
      return {
        endings:
          decision === 'informatie_opvragen'
            ? []
            : [
                {
                  kinds: ['driehoek_besluit'],
                  how: metUnless(decision),
                  reason: withdrawn ? 'Ingetrokken door de organisatie.' : `Besluit genomen: ${decision}.`,
                },
              ],
        closeAcuItem: false,
      };
    case 'wacht_op_informatie': {
      const endings: DeadlineEnding[] = [
        {
          kinds: ['informatie'],
          how: decision === 'informatie_aanleveren' ? 'voldaan' : 'vervallen',
          reason: `Afgesloten door: ${decision}.`,
        },
      ];
      if (decision !== 'informatie_aanleveren' && decision !== 'automatisch') {
        endings.push({ kinds: ['driehoek_besluit'], how: 'vervallen', reason: `Afgesloten door: ${decision}.` });
      }
      return { endings, closeAcuItem: false };
    }
    case 'in_aanpak_driehoek':
    case 'in_aanpak_acu':
      return {
        endings: [
          {
            kinds: ['voortgang', 'streefdatum'],
            how: decision === 'afronden' ? 'voldaan' : 'vervallen',
            reason: `Aanpak beëindigd: ${decision}.`,
          },
        ],
        closeAcuItem: false,
      };
    case 'bij_acu':
      return {
        endings: [
          {
            kinds: ['acu_behandeling'],
            how: metUnless(decision),
            reason: withdrawn ? 'Ingetrokken door de organisatie.' : `ACU-besluit: ${decision}.`,
          },
        ],
        closeAcuItem: true,
      };
    case 'politieke_opvolging':
      return {
        endings: [
          {
            kinds: ['politieke_reactie'],
            how: metUnless(decision),
            reason: withdrawn ? 'Ingetrokken door de organisatie.' : 'Politieke uitkomst vastgelegd.',
          },
        ],
        closeAcuItem: false,
      };
    default:
      return { endings: [], closeAcuItem: false };
  }
}

/** The deadlines a phase starts on entry (besides resuming a suspended driehoek term, see the workflow). */
export function phaseDeadlines(status: Status, details: Pick<KnelpuntDetails, 'targetDate'>): DeadlineKind[] {
  switch (status) {
    case 'bij_driehoek':
      return ['driehoek_besluit'];
    case 'wacht_op_informatie':
      return ['informatie'];
    case 'in_aanpak_driehoek':
    case 'in_aanpak_acu':
      return details.targetDate ? ['voortgang', 'streefdatum'] : ['voortgang'];
    case 'bij_acu':
      return ['acu_behandeling'];
    case 'politieke_opvolging':
      return ['politieke_reactie'];
    default:
      return [];
  }
}

export type Recipient =
  { role: 'indiener'; organisation: string } | { role: 'driehoek'; driehoek: string } | { role: 'acu' } | { role: 'programmadirectie' };

/** Who is told about a deadline's reminder (overdue=false) or its lapse (overdue=true). */
export function deadlineRecipients(
  c: Pick<CaseView, 'organisation' | 'driehoek' | 'status'>,
  kind: DeadlineKind,
  overdue: boolean,
): Recipient[] {
  const indiener: Recipient = { role: 'indiener', organisation: c.organisation };
  const driehoek: Recipient = { role: 'driehoek', driehoek: c.driehoek };
  const acu: Recipient = { role: 'acu' };
  const pd: Recipient = { role: 'programmadirectie' };
  const owner = c.status === 'in_aanpak_acu' ? acu : driehoek;
  switch (kind) {
    case 'driehoek_besluit':
      return overdue ? [driehoek, pd] : [driehoek];
    case 'informatie':
      return overdue ? [indiener, driehoek] : [indiener];
    case 'voortgang':
    case 'streefdatum':
      return overdue ? [owner, indiener, pd] : [owner, indiener];
    case 'acu_behandeling':
      return overdue ? [acu, pd] : [acu];
    case 'politieke_reactie':
      return [pd, driehoek];
  }
}

/** Who is told when a case enters a status by a decision or the system ([] = nobody). */
export function phaseRecipients(c: Pick<CaseView, 'organisation' | 'driehoek'>, status: Status | 'ontvangen'): Recipient[] {
  switch (status) {
    case 'ontvangen':
      return [{ role: 'indiener', organisation: c.organisation }];
    case 'bij_acu':
      return [{ role: 'acu' }, { role: 'driehoek', driehoek: c.driehoek }];
    case 'afgesloten':
      return [
        { role: 'indiener', organisation: c.organisation },
        { role: 'driehoek', driehoek: c.driehoek },
      ];
    default:
      return [];
  }
}

/** The ACU carries an item it did not decide on; from the second carry-over the programmadirectie is told. */
export const CARRY_OVERS_BEFORE_NOTICE = 2;
