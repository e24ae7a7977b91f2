/**
 * The decision table of DOMAIN.md as pure data and functions. Used by the API (400 before anything is
 * sent) and by the workflow's Update validator (the authority: 409 with the allowed decisions).
 */
import { DOORBRAAKTEAMS, OPEN_STATUSES, POLITIEKE_INSTRUMENTEN, Outcome, Status } from './statuses';

export const DECISIONS = [
  'oppakken',
  'informatie_opvragen',
  'informatie_aanleveren',
  'escaleren_acu',
  'naar_politiek',
  'afwijzen',
  'samenvoegen',
  'toewijzen_doorbraakteam',
  'overheidsbreed_oppakken',
  'terug_naar_driehoek',
  'afronden',
  'politieke_uitkomst',
  'intrekken',
] as const;
export type DecisionName = (typeof DECISIONS)[number];

export type DecisionRole = 'indiener' | 'driehoek' | 'acu' | 'programmadirectie';

const DRIEHOEK_STATUSES: Status[] = ['bij_driehoek', 'in_aanpak_driehoek'];
const ACU_STATUSES: Status[] = ['bij_acu', 'in_aanpak_acu'];

export const ALLOWED_FROM: Record<DecisionName, readonly Status[]> = {
  oppakken: ['bij_driehoek'],
  informatie_opvragen: ['bij_driehoek'],
  informatie_aanleveren: ['wacht_op_informatie'],
  escaleren_acu: ['bij_driehoek', 'in_aanpak_driehoek'],
  naar_politiek: ['bij_driehoek', 'in_aanpak_driehoek', 'bij_acu', 'in_aanpak_acu'],
  afwijzen: ['bij_driehoek', 'bij_acu'],
  samenvoegen: ['bij_driehoek', 'bij_acu'],
  toewijzen_doorbraakteam: ['bij_acu'],
  overheidsbreed_oppakken: ['bij_acu'],
  terug_naar_driehoek: ['bij_acu'],
  afronden: ['in_aanpak_driehoek', 'in_aanpak_acu'],
  politieke_uitkomst: ['politieke_opvolging'],
  intrekken: OPEN_STATUSES.filter((s) => s !== 'ingediend'),
};

/** Which role may take a decision in a given status (driehoek decisions by the driehoek, ACU ones by the ACU). */
export function rolesFor(decision: DecisionName, status: Status): DecisionRole[] {
  switch (decision) {
    case 'informatie_aanleveren':
    case 'intrekken':
      return ['indiener'];
    case 'politieke_uitkomst':
      return ['programmadirectie'];
    case 'naar_politiek':
      return DRIEHOEK_STATUSES.includes(status) ? ['driehoek', 'programmadirectie'] : ['acu', 'programmadirectie'];
    case 'afwijzen':
    case 'samenvoegen':
    case 'afronden':
      return ACU_STATUSES.includes(status) ? ['acu'] : ['driehoek'];
    case 'toewijzen_doorbraakteam':
    case 'overheidsbreed_oppakken':
    case 'terug_naar_driehoek':
      return ['acu'];
    default:
      return ['driehoek'];
  }
}

export function allowedDecisions(status: Status): DecisionName[] {
  return DECISIONS.filter((d) => ALLOWED_FROM[d].includes(status));
}

/** Decisions allowed now for this role (what the 409 lists for the caller). */
export function allowedDecisionsFor(status: Status, role: string): DecisionName[] {
  return allowedDecisions(status).filter((d) => (rolesFor(d, status) as string[]).includes(role));
}

/** Decisions this role may take now for each of several knelpunten at once (one ACU cluster decision); none for none. */
export function allowedDecisionsForAll(statuses: readonly Status[], role: string): DecisionName[] {
  if (statuses.length === 0) return [];
  return statuses.map((s) => allowedDecisionsFor(s, role)).reduce((acc, list) => acc.filter((d) => list.includes(d)));
}

export interface FieldProblem {
  name: string;
  reason: string;
}

type FieldRule = { name: string; kind: 'text' | 'date' | 'enum' | 'uuid'; values?: readonly string[]; optional?: boolean };

export const DECISION_FIELDS: Record<DecisionName, FieldRule[]> = {
  oppakken: [
    { name: 'owner', kind: 'text' },
    { name: 'targetDate', kind: 'date' },
    { name: 'plan', kind: 'text' },
  ],
  informatie_opvragen: [{ name: 'question', kind: 'text' }],
  informatie_aanleveren: [{ name: 'response', kind: 'text' }],
  escaleren_acu: [{ name: 'motivation', kind: 'text' }],
  naar_politiek: [
    { name: 'instrument', kind: 'enum', values: POLITIEKE_INSTRUMENTEN },
    { name: 'motivation', kind: 'text' },
  ],
  afwijzen: [
    { name: 'outcome', kind: 'enum', values: ['niet_oplosbaar', 'geen_knelpunt'] },
    { name: 'motivation', kind: 'text' },
  ],
  samenvoegen: [
    { name: 'targetKnelpuntId', kind: 'uuid', optional: true },
    { name: 'clusterId', kind: 'uuid', optional: true },
    { name: 'motivation', kind: 'text', optional: true },
  ],
  toewijzen_doorbraakteam: [
    { name: 'team', kind: 'enum', values: DOORBRAAKTEAMS },
    { name: 'motivation', kind: 'text', optional: true },
  ],
  overheidsbreed_oppakken: [
    { name: 'lead', kind: 'text' },
    { name: 'targetDate', kind: 'date' },
    { name: 'plan', kind: 'text', optional: true },
  ],
  terug_naar_driehoek: [{ name: 'motivation', kind: 'text' }],
  afronden: [
    { name: 'outcome', kind: 'enum', values: ['opgelost', 'deels_opgelost'] },
    { name: 'summary', kind: 'text' },
  ],
  politieke_uitkomst: [
    { name: 'result', kind: 'enum', values: ['opgelost', 'terug_naar_driehoek', 'niet_oplosbaar'] },
    { name: 'summary', kind: 'text' },
  ],
  intrekken: [{ name: 'motivation', kind: 'text' }],
};

export const MAX_DECISION_TEXT = 10000;
const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;
const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

function isValidDate(v: string): boolean {
  if (!DATE_RE.test(v)) return false;
  const [y, m, d] = v.split('-').map(Number) as [number, number, number];
  const dt = new Date(Date.UTC(y, m - 1, d));
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === m - 1 && dt.getUTCDate() === d;
}

/** Validates the fields of a decision; unknown fields are refused too. `today` bounds target dates. */
export function validateDecisionFields(decision: DecisionName, fields: Record<string, unknown>, today?: string): FieldProblem[] {
  const rules = DECISION_FIELDS[decision];
  const problems: FieldProblem[] = [];
  for (const key of Object.keys(fields)) {
    if (!rules.some((r) => r.name === key)) problems.push({ name: key, reason: `is geen veld van beslissing '${decision}'` });
  }
  for (const rule of rules) {
    const v = fields[rule.name];
    if (v === undefined || v === null || (typeof v === 'string' && v.trim() === '')) {
      if (!rule.optional) problems.push({ name: rule.name, reason: 'is verplicht bij deze beslissing' });
      continue;
    }
    if (typeof v !== 'string') {
      problems.push({ name: rule.name, reason: 'moet tekst zijn' });
      continue;
    }
    if (v.length > MAX_DECISION_TEXT) problems.push({ name: rule.name, reason: `mag maximaal ${MAX_DECISION_TEXT} tekens bevatten` });
    if (rule.kind === 'date') {
      if (!isValidDate(v)) problems.push({ name: rule.name, reason: 'moet een geldige datum zijn (JJJJ-MM-DD)' });
      else if (today && v < today) problems.push({ name: rule.name, reason: 'mag niet in het verleden liggen' });
    }
    if (rule.kind === 'enum' && !(rule.values ?? []).includes(v)) {
      problems.push({ name: rule.name, reason: `moet een van de volgende waarden zijn: ${(rule.values ?? []).join(', ')}` });
    }
    if (rule.kind === 'uuid' && !UUID_RE.test(v)) problems.push({ name: rule.name, reason: 'moet een geldige UUID zijn' });
  }
  if (decision === 'samenvoegen' && !fields['targetKnelpuntId'] && !fields['clusterId']) {
    problems.push({ name: 'targetKnelpuntId', reason: 'geef targetKnelpuntId of clusterId op' });
  }
  return problems;
}

export interface DecisionEffect {
  status: Status;
  outcome: Outcome | null;
}

/** Where a decision leads (deadlines are the workflow's business). */
export function decisionEffect(decision: DecisionName, status: Status, fields: Record<string, unknown>): DecisionEffect {
  switch (decision) {
    case 'oppakken':
      return { status: 'in_aanpak_driehoek', outcome: null };
    case 'informatie_opvragen':
      return { status: 'wacht_op_informatie', outcome: null };
    case 'informatie_aanleveren':
    case 'terug_naar_driehoek':
      return { status: 'bij_driehoek', outcome: null };
    case 'escaleren_acu':
      return { status: 'bij_acu', outcome: null };
    case 'naar_politiek':
      return { status: 'politieke_opvolging', outcome: null };
    case 'afwijzen':
      return { status: 'afgesloten', outcome: fields['outcome'] as Outcome };
    case 'samenvoegen':
      return { status: 'afgesloten', outcome: 'samengevoegd' };
    case 'toewijzen_doorbraakteam':
    case 'overheidsbreed_oppakken':
      return { status: 'in_aanpak_acu', outcome: null };
    case 'afronden':
      return { status: 'afgesloten', outcome: fields['outcome'] as Outcome };
    case 'politieke_uitkomst': {
      const result = fields['result'];
      if (result === 'terug_naar_driehoek') return { status: 'bij_driehoek', outcome: null };
      return { status: 'afgesloten', outcome: result === 'opgelost' ? 'opgelost' : 'niet_oplosbaar' };
    }
    case 'intrekken':
      return { status: 'afgesloten', outcome: 'ingetrokken' };
  }
  // Exhaustive: unreachable for a known decision.
  return { status, outcome: null };
}
