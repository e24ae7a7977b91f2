/**
 * The process rules of a knelpunt as tables (DOMAIN.md "The process", "Deadlines and reminders", "Who may do what").
 * The expectations are written out here, not derived from the code under test: a change to a rule must change a row.
 */
import type { DeadlineKind, DeadlineState, DeadlineStateName } from '../termijnen/deadline-state';
import { DEADLINE_KINDS } from '../termijnen/deadline-state';
import { DECISIONS, DecisionName, decisionEffect } from './decisions';
import {
  AANPAK_STATUSES,
  CaseActor,
  CaseView,
  DeadlineEnding,
  KnelpuntDetails,
  MAX_EXTENSION_AMOUNT,
  Recipient,
  Refusal,
  applyDecisionDetails,
  checkDeadlineCommand,
  checkDecision,
  checkScope,
  checkVoortgang,
  deadlineRecipients,
  findOpenDeadline,
  phaseDeadlines,
  phaseExit,
  phaseRecipients,
} from './process-rules';
import { DOORBRAAKTEAMS, OUTCOMES, POLITIEKE_INSTRUMENTEN, STATUSES, Status } from './statuses';

// ---------- fixtures ----------

const TODAY = '2026-12-02';
const YESTERDAY = '2026-12-01';
const SELF = '5d0c1f8e-3b7a-4c2e-9f1d-0a2b3c4d5e6f';
const OTHER = '0b7e4a48-9d9f-4c52-9d0b-2f4c3f4f8d10';
const CLUSTER = '7f3e2d1c-0b9a-4876-8543-210fedcba987';

const ROLES = ['indiener', 'driehoek', 'acu', 'programmadirectie', 'admin'] as const;
type Role = (typeof ROLES)[number];

/** Actors in scope of the case (organisation UWV, driehoek UWV). */
const ACTOR: Record<Role, CaseActor> = {
  indiener: { role: 'indiener', organisation: 'UWV' },
  driehoek: { role: 'driehoek', organisation: null, driehoek: 'UWV' },
  acu: { role: 'acu', organisation: null },
  programmadirectie: { role: 'programmadirectie', organisation: null },
  admin: { role: 'admin', organisation: null },
};

function caseIn(status: Status, deadlines: DeadlineState[] = []): CaseView {
  return { knelpuntId: SELF, organisation: 'UWV', driehoek: 'UWV', status, deadlines };
}

/** A complete, valid set of fields per decision (DOMAIN.md "requires", plus the optional ones). */
const VALID_FIELDS: Record<DecisionName, Record<string, unknown>> = {
  oppakken: { owner: 'Directie Uitvoering', targetDate: '2027-06-30', plan: 'Regeling vereenvoudigen' },
  informatie_opvragen: { question: 'Hoeveel burgers raakt dit?' },
  informatie_aanleveren: { response: 'Ongeveer 12.000 per jaar.' },
  escaleren_acu: { motivation: 'Raakt meerdere organisaties.' },
  naar_politiek: { instrument: 'kamerbrief', motivation: 'Wetswijziging nodig.' },
  afwijzen: { outcome: 'geen_knelpunt', motivation: 'Werkt zoals bedoeld.' },
  samenvoegen: { targetKnelpuntId: OTHER, motivation: 'Zelfde knelpunt.' },
  toewijzen_doorbraakteam: { team: 'gegevensdeling', motivation: 'Past bij het team.' },
  overheidsbreed_oppakken: { lead: 'BZK', targetDate: '2027-12-31', plan: 'Rijksbrede aanpak' },
  terug_naar_driehoek: { motivation: 'Kan binnen de driehoek.' },
  afronden: { outcome: 'opgelost', summary: 'Regeling aangepast.' },
  politieke_uitkomst: { result: 'opgelost', summary: 'Motie aangenomen.' },
  intrekken: { motivation: 'Niet meer actueel.' },
};

/** The required fields per decision, in DOMAIN.md order (samenvoegen needs one of two, see below). */
const REQUIRED: Record<DecisionName, string[]> = {
  oppakken: ['owner', 'targetDate', 'plan'],
  informatie_opvragen: ['question'],
  informatie_aanleveren: ['response'],
  escaleren_acu: ['motivation'],
  naar_politiek: ['instrument', 'motivation'],
  afwijzen: ['outcome', 'motivation'],
  samenvoegen: [],
  toewijzen_doorbraakteam: ['team'],
  overheidsbreed_oppakken: ['lead', 'targetDate'],
  terug_naar_driehoek: ['motivation'],
  afronden: ['outcome', 'summary'],
  politieke_uitkomst: ['result', 'summary'],
  intrekken: ['motivation'],
};

/**
 * THE decision table: per status and role, the decisions that role may take now (in DECISIONS order). This is also
 * the `allowed` list of a 409 for that caller.
 */
const ALLOWED_NOW: Record<Status, Record<Role, DecisionName[]>> = {
  ingediend: { indiener: [], driehoek: [], acu: [], programmadirectie: [], admin: [] },
  bij_driehoek: {
    indiener: ['intrekken'],
    driehoek: ['oppakken', 'informatie_opvragen', 'escaleren_acu', 'naar_politiek', 'afwijzen', 'samenvoegen'],
    acu: [],
    programmadirectie: ['naar_politiek'],
    admin: [],
  },
  wacht_op_informatie: { indiener: ['informatie_aanleveren', 'intrekken'], driehoek: [], acu: [], programmadirectie: [], admin: [] },
  in_aanpak_driehoek: {
    indiener: ['intrekken'],
    driehoek: ['escaleren_acu', 'naar_politiek', 'afronden'],
    acu: [],
    programmadirectie: ['naar_politiek'],
    admin: [],
  },
  bij_acu: {
    indiener: ['intrekken'],
    driehoek: [],
    acu: ['naar_politiek', 'afwijzen', 'samenvoegen', 'toewijzen_doorbraakteam', 'overheidsbreed_oppakken', 'terug_naar_driehoek'],
    programmadirectie: ['naar_politiek'],
    admin: [],
  },
  in_aanpak_acu: {
    indiener: ['intrekken'],
    driehoek: [],
    acu: ['naar_politiek', 'afronden'],
    programmadirectie: ['naar_politiek'],
    admin: [],
  },
  politieke_opvolging: { indiener: ['intrekken'], driehoek: [], acu: [], programmadirectie: ['politieke_uitkomst'], admin: [] },
  afgesloten: { indiener: [], driehoek: [], acu: [], programmadirectie: [], admin: [] },
};

/** The roles that may take a decision in a status, per the table above. */
const rolesAllowed = (decision: DecisionName, status: Status): Role[] => ROLES.filter((r) => ALLOWED_NOW[status][r].includes(decision));

const codeOf = (r: Refusal | null): string => (r ? r.code : 'toegestaan');
const paramsOf = (r: Refusal | null): { name: string; reason: string }[] => (r && r.code === 'VALIDATIE_FOUT' ? r.invalidParams : []);
const allowedOf = (r: Refusal | null): string[] | undefined => (r && r.code === 'BESLISSING_NIET_TOEGESTAAN' ? r.allowed : undefined);

// ---------- who may decide what, in which status ----------

describe('checkDecision: every decision x every status x every role', () => {
  it('the table names exactly the DOMAIN.md statuses for each decision', () => {
    const from = (d: DecisionName): Status[] => STATUSES.filter((s) => rolesAllowed(d, s).length > 0);
    expect(Object.fromEntries(DECISIONS.map((d) => [d, from(d)]))).toEqual({
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
      // "any open status" except 'ingediend', which only lasts until the intake (see the report)
      intrekken: ['bij_driehoek', 'wacht_op_informatie', 'in_aanpak_driehoek', 'bij_acu', 'in_aanpak_acu', 'politieke_opvolging'],
    });
  });

  const rows = DECISIONS.flatMap((decision) =>
    STATUSES.flatMap((status) =>
      ROLES.map((role) => {
        const roles = rolesAllowed(decision, status);
        const expected = roles.includes(role) ? 'toegestaan' : roles.length > 0 ? 'GEEN_TOEGANG' : 'BESLISSING_NIET_TOEGESTAAN';
        return { decision, status, role, expected, roles };
      }),
    ),
  );

  it.each(rows)('$decision in $status by $role: $expected', ({ decision, status, role, expected, roles }) => {
    const refusal = checkDecision(caseIn(status), { decision, actor: ACTOR[role], fields: VALID_FIELDS[decision] }, TODAY);
    expect(codeOf(refusal)).toBe(expected);
    if (expected === 'BESLISSING_NIET_TOEGESTAAN') {
      expect(allowedOf(refusal)).toEqual(ALLOWED_NOW[status][role]);
      expect(refusal?.message).toBe(`Beslissing '${decision}' is niet toegestaan in status '${status}'.`);
    }
    if (expected === 'GEEN_TOEGANG') {
      expect(refusal?.message).toBe(`Beslissing '${decision}' in status '${status}' is voorbehouden aan: ${roles.join(', ')}.`);
    }
  });

  it.each([
    ['an unknown name', 'oplossen'],
    ['a number', 42],
    ['nothing', undefined],
  ])('refuses %s as decision with VALIDATIE_FOUT naming "decision"', (_what, decision) => {
    const refusal = checkDecision(caseIn('bij_driehoek'), { decision, actor: ACTOR.driehoek, fields: {} }, TODAY);
    expect(codeOf(refusal)).toBe('VALIDATIE_FOUT');
    expect(paramsOf(refusal).map((p) => p.name)).toEqual(['decision']);
    expect(paramsOf(refusal)[0]?.reason).toBe(`onbekende beslissing; kies uit: ${DECISIONS.join(', ')}`);
  });
});

// ---------- scope ----------

describe('scope: indieners act for their own organisation, driehoeken for their own driehoek', () => {
  const ORG = 'Dit knelpunt hoort niet bij uw organisatie.';
  const DH = 'Dit knelpunt hoort niet bij uw driehoek.';
  it.each<[string, CaseActor, string | null]>([
    ['indiener of the organisation', { role: 'indiener', organisation: 'UWV' }, null],
    ['indiener of another organisation', { role: 'indiener', organisation: 'SVB' }, ORG],
    ['indiener without organisation', { role: 'indiener', organisation: null }, ORG],
    ['indiener with the right driehoek but another organisation', { role: 'indiener', organisation: 'SVB', driehoek: 'UWV' }, ORG],
    ['driehoek of the case', { role: 'driehoek', organisation: null, driehoek: 'UWV' }, null],
    ['driehoek member of the organisation in another driehoek', { role: 'driehoek', organisation: 'UWV', driehoek: 'SVB' }, DH],
    ['driehoek without driehoek', { role: 'driehoek', organisation: 'UWV' }, DH],
    ['driehoek with driehoek null', { role: 'driehoek', organisation: null, driehoek: null }, DH],
    ['acu of any organisation', { role: 'acu', organisation: 'SVB', driehoek: 'SVB' }, null],
    ['programmadirectie', { role: 'programmadirectie', organisation: null }, null],
    ['admin (no decisions, but not scoped)', { role: 'admin', organisation: 'SVB' }, null],
  ])('checkScope: %s', (_who, actor, message) => {
    const refusal = checkScope(caseIn('bij_driehoek'), actor);
    if (message === null) expect(refusal).toBeNull();
    else expect(refusal).toEqual({ code: 'GEEN_TOEGANG', message });
  });

  it.each<[string, Status, DecisionName, CaseActor, Record<string, unknown>, string, string | undefined]>([
    [
      'other organisation answers',
      'wacht_op_informatie',
      'informatie_aanleveren',
      { role: 'indiener', organisation: 'SVB' },
      VALID_FIELDS.informatie_aanleveren,
      'GEEN_TOEGANG',
      ORG,
    ],
    [
      'other organisation withdraws',
      'in_aanpak_acu',
      'intrekken',
      { role: 'indiener', organisation: 'SVB' },
      VALID_FIELDS.intrekken,
      'GEEN_TOEGANG',
      ORG,
    ],
    [
      'other driehoek takes up',
      'bij_driehoek',
      'oppakken',
      { role: 'driehoek', organisation: null, driehoek: 'SVB' },
      VALID_FIELDS.oppakken,
      'GEEN_TOEGANG',
      DH,
    ],
    [
      'other driehoek finishes',
      'in_aanpak_driehoek',
      'afronden',
      { role: 'driehoek', organisation: null, driehoek: 'SVB' },
      VALID_FIELDS.afronden,
      'GEEN_TOEGANG',
      DH,
    ],
    [
      'scope before fields: other driehoek, no fields',
      'bij_driehoek',
      'oppakken',
      { role: 'driehoek', organisation: null, driehoek: 'SVB' },
      {},
      'GEEN_TOEGANG',
      DH,
    ],
    [
      'status before scope: other organisation, closed case',
      'afgesloten',
      'intrekken',
      { role: 'indiener', organisation: 'SVB' },
      VALID_FIELDS.intrekken,
      'BESLISSING_NIET_TOEGESTAAN',
      "Beslissing 'intrekken' is niet toegestaan in status 'afgesloten'.",
    ],
    [
      'ACU unscoped: any knelpunt',
      'bij_acu',
      'terug_naar_driehoek',
      { role: 'acu', organisation: 'SVB' },
      VALID_FIELDS.terug_naar_driehoek,
      'toegestaan',
      undefined,
    ],
  ])('checkDecision: %s', (_what, status, decision, actor, fields, code, message) => {
    const refusal = checkDecision(caseIn(status), { decision, actor, fields }, TODAY);
    expect(codeOf(refusal)).toBe(code);
    expect(refusal?.message).toBe(message);
  });
});

// ---------- fields ----------

describe('checkDecision: fields (VALIDATIE_FOUT names the field)', () => {
  /** Check a decision by an allowed actor in its first allowed status. */
  const check = (decision: DecisionName, fields: Record<string, unknown> | undefined): Refusal | null => {
    const status = STATUSES.find((s) => rolesAllowed(decision, s).length > 0) as Status;
    const role = rolesAllowed(decision, status)[0] as Role;
    return checkDecision(caseIn(status), { decision, actor: ACTOR[role], fields }, TODAY);
  };
  const MISSING = 'is verplicht bij deze beslissing';
  const without = (o: Record<string, unknown>, k: string): Record<string, unknown> =>
    Object.fromEntries(Object.entries(o).filter(([key]) => key !== k));

  it.each(DECISIONS.map((d) => [d]))('%s: the valid fields are accepted', (decision) => {
    expect(check(decision, VALID_FIELDS[decision])).toBeNull();
  });

  it.each(DECISIONS.map((d) => [d, REQUIRED[d]] as const))('%s without fields: names %j', (decision, required) => {
    const expected = required.map((name) => ({ name, reason: MISSING }));
    if (decision === 'samenvoegen') expected.push({ name: 'targetKnelpuntId', reason: 'geef targetKnelpuntId of clusterId op' });
    expect(paramsOf(check(decision, {}))).toEqual(expected);
    expect(paramsOf(check(decision, undefined))).toEqual(expected);
    expect(check(decision, {})?.message).toBe(expected.map((p) => `${p.name}: ${p.reason}`).join('; '));
  });

  const missingRows = DECISIONS.flatMap((d) =>
    REQUIRED[d].flatMap((field) => [
      { decision: d, field, how: 'left out', fields: without(VALID_FIELDS[d], field) },
      { decision: d, field, how: 'blank', fields: { ...VALID_FIELDS[d], [field]: '   ' } },
      { decision: d, field, how: 'null', fields: { ...VALID_FIELDS[d], [field]: null } },
    ]),
  );
  it.each(missingRows)('$decision with $field $how: only $field is named', ({ decision, field, fields }) => {
    expect(paramsOf(check(decision, fields))).toEqual([{ name: field, reason: MISSING }]);
  });

  it.each<[DecisionName, string]>([
    ['samenvoegen', 'motivation'],
    ['toewijzen_doorbraakteam', 'motivation'],
    ['overheidsbreed_oppakken', 'plan'],
  ])('%s: %s is optional', (decision, field) => {
    expect(check(decision, without(VALID_FIELDS[decision], field))).toBeNull();
  });

  it.each(DECISIONS.map((d) => [d]))('%s: an unknown field is named', (decision) => {
    expect(paramsOf(check(decision, { ...VALID_FIELDS[decision], kleur: 'rood' }))).toEqual([
      { name: 'kleur', reason: `is geen veld van beslissing '${decision}'` },
    ]);
  });

  it('a field of another decision is unknown too (outcome on escaleren_acu)', () => {
    expect(paramsOf(check('escaleren_acu', { ...VALID_FIELDS.escaleren_acu, outcome: 'opgelost' })).map((p) => p.name)).toEqual([
      'outcome',
    ]);
  });

  const ENUMS: [DecisionName, string, readonly string[], string][] = [
    ['naar_politiek', 'instrument', POLITIEKE_INSTRUMENTEN, 'tweet'],
    ['afwijzen', 'outcome', ['niet_oplosbaar', 'geen_knelpunt'], 'opgelost'],
    ['toewijzen_doorbraakteam', 'team', DOORBRAAKTEAMS, 'ict'],
    ['afronden', 'outcome', ['opgelost', 'deels_opgelost'], 'niet_oplosbaar'],
    ['politieke_uitkomst', 'result', ['opgelost', 'terug_naar_driehoek', 'niet_oplosbaar'], 'deels_opgelost'],
  ];
  it.each(ENUMS)('%s: %s outside %j (%s) is named with the values', (decision, field, values, bad) => {
    expect(paramsOf(check(decision, { ...VALID_FIELDS[decision], [field]: bad }))).toEqual([
      { name: field, reason: `moet een van de volgende waarden zijn: ${values.join(', ')}` },
    ]);
  });
  it.each(ENUMS.flatMap(([decision, field, values]) => values.map((value) => [decision, field, value] as const)))(
    '%s: %s = %s is accepted',
    (decision, field, value) => {
      expect(check(decision, { ...VALID_FIELDS[decision], [field]: value })).toBeNull();
    },
  );

  const DATE_ROWS = (['oppakken', 'overheidsbreed_oppakken'] as const).flatMap((decision) => [
    [decision, TODAY, null],
    [decision, '2030-02-28', null],
    [decision, YESTERDAY, 'mag niet in het verleden liggen'],
    [decision, '2020-01-01', 'mag niet in het verleden liggen'],
    [decision, '2027-02-30', 'moet een geldige datum zijn (JJJJ-MM-DD)'],
    [decision, '30-06-2027', 'moet een geldige datum zijn (JJJJ-MM-DD)'],
    [decision, '2027-06-30T12:00:00Z', 'moet een geldige datum zijn (JJJJ-MM-DD)'],
  ]) as [DecisionName, string, string | null][];
  it.each(DATE_ROWS)('%s: targetDate %s → %s', (decision, targetDate, reason) => {
    const refusal = check(decision, { ...VALID_FIELDS[decision], targetDate });
    expect(paramsOf(refusal)).toEqual(reason === null ? [] : [{ name: 'targetDate', reason }]);
    expect(codeOf(refusal)).toBe(reason === null ? 'toegestaan' : 'VALIDATIE_FOUT');
  });

  it.each<[string, Record<string, unknown>, { name: string; reason: string }[]]>([
    [
      'with itself',
      { targetKnelpuntId: SELF },
      [{ name: 'targetKnelpuntId', reason: 'een knelpunt kan niet met zichzelf worden samengevoegd' }],
    ],
    ['with another knelpunt', { targetKnelpuntId: OTHER }, []],
    ['into a cluster', { clusterId: CLUSTER }, []],
    ['with neither', { motivation: 'm' }, [{ name: 'targetKnelpuntId', reason: 'geef targetKnelpuntId of clusterId op' }]],
    ['with a bad knelpunt id', { targetKnelpuntId: 'KP-2026-001' }, [{ name: 'targetKnelpuntId', reason: 'moet een geldige UUID zijn' }]],
    ['with a bad cluster id', { clusterId: '123' }, [{ name: 'clusterId', reason: 'moet een geldige UUID zijn' }]],
  ])('samenvoegen %s', (_what, fields, expected) => {
    expect(paramsOf(check('samenvoegen', fields))).toEqual(expected);
  });

  it.each<[DecisionName, string, unknown, string]>([
    ['informatie_opvragen', 'question', 42, 'moet tekst zijn'],
    ['escaleren_acu', 'motivation', { text: 'm' }, 'moet tekst zijn'],
    ['oppakken', 'targetDate', 20270630, 'moet tekst zijn'],
    ['afronden', 'summary', 'x'.repeat(10001), 'mag maximaal 10000 tekens bevatten'],
  ])('%s: %s = (a %s) is named: %s', (decision, field, value, reason) => {
    expect(paramsOf(check(decision, { ...VALID_FIELDS[decision], [field]: value }))).toEqual([{ name: field, reason }]);
  });

  it('accepts text of exactly 10000 characters', () => {
    expect(check('afronden', { ...VALID_FIELDS.afronden, summary: 'x'.repeat(10000) })).toBeNull();
  });

  it('names every problem at once, unknown fields first', () => {
    expect(paramsOf(check('oppakken', { kleur: 'rood', owner: 'X', targetDate: YESTERDAY }))).toEqual([
      { name: 'kleur', reason: "is geen veld van beslissing 'oppakken'" },
      { name: 'targetDate', reason: 'mag niet in het verleden liggen' },
      { name: 'plan', reason: MISSING },
    ]);
  });
});

// ---------- the next state ----------

describe('decisionEffect: where each decision leads', () => {
  const EFFECTS: [DecisionName, Record<string, unknown>, Status, string | null][] = [
    ['oppakken', VALID_FIELDS.oppakken, 'in_aanpak_driehoek', null],
    ['informatie_opvragen', VALID_FIELDS.informatie_opvragen, 'wacht_op_informatie', null],
    ['informatie_aanleveren', VALID_FIELDS.informatie_aanleveren, 'bij_driehoek', null],
    ['escaleren_acu', VALID_FIELDS.escaleren_acu, 'bij_acu', null],
    ['naar_politiek', VALID_FIELDS.naar_politiek, 'politieke_opvolging', null],
    ['afwijzen', { outcome: 'niet_oplosbaar', motivation: 'm' }, 'afgesloten', 'niet_oplosbaar'],
    ['afwijzen', { outcome: 'geen_knelpunt', motivation: 'm' }, 'afgesloten', 'geen_knelpunt'],
    ['samenvoegen', { targetKnelpuntId: OTHER }, 'afgesloten', 'samengevoegd'],
    ['samenvoegen', { clusterId: CLUSTER }, 'afgesloten', 'samengevoegd'],
    ['toewijzen_doorbraakteam', VALID_FIELDS.toewijzen_doorbraakteam, 'in_aanpak_acu', null],
    ['overheidsbreed_oppakken', VALID_FIELDS.overheidsbreed_oppakken, 'in_aanpak_acu', null],
    ['terug_naar_driehoek', VALID_FIELDS.terug_naar_driehoek, 'bij_driehoek', null],
    ['afronden', { outcome: 'opgelost', summary: 's' }, 'afgesloten', 'opgelost'],
    ['afronden', { outcome: 'deels_opgelost', summary: 's' }, 'afgesloten', 'deels_opgelost'],
    ['politieke_uitkomst', { result: 'opgelost', summary: 's' }, 'afgesloten', 'opgelost'],
    ['politieke_uitkomst', { result: 'terug_naar_driehoek', summary: 's' }, 'bij_driehoek', null],
    ['politieke_uitkomst', { result: 'niet_oplosbaar', summary: 's' }, 'afgesloten', 'niet_oplosbaar'],
    ['intrekken', VALID_FIELDS.intrekken, 'afgesloten', 'ingetrokken'],
  ];
  const rows = EFFECTS.flatMap(([decision, fields, to, outcome]) =>
    STATUSES.filter((s) => rolesAllowed(decision, s).length > 0).map((from) => ({ decision, from, fields, to, outcome })),
  );

  it('covers every decision and every outcome', () => {
    expect(new Set(rows.map((r) => r.decision))).toEqual(new Set(DECISIONS));
    expect(new Set(rows.map((r) => r.outcome).filter((o) => o !== null))).toEqual(new Set(OUTCOMES));
  });

  it.each(rows)('$decision from $from ($fields) → $to, outcome $outcome', ({ decision, from, fields, to, outcome }) => {
    expect(decisionEffect(decision, from, fields)).toEqual({ status: to, outcome });
  });

  it('an outcome only when closed, and closed only with an outcome', () => {
    for (const r of rows) expect(r.to === 'afgesloten').toBe(r.outcome !== null);
  });
});

// ---------- the details a decision records ----------

describe('applyDecisionDetails: what a decision records', () => {
  const BEFORE: KnelpuntDetails = {
    owner: 'Oude eigenaar',
    plan: 'Oud plan',
    targetDate: '2027-01-31',
    question: 'Oude vraag',
    response: 'Oud antwoord',
    motivation: 'Oude motivatie',
    summary: 'Oude samenvatting',
    acuMeetingId: 'm-1',
    flags: ['informatie_onbeantwoord', 'termijn_verlopen'],
  };
  const KEPT_FLAGS = ['termijn_verlopen'];

  it.each<[DecisionName, Record<string, unknown>, Partial<KnelpuntDetails>]>([
    [
      'oppakken',
      { owner: 'Team Y', targetDate: '2027-06-30', plan: 'Nieuw plan' },
      { owner: 'Team Y', targetDate: '2027-06-30', plan: 'Nieuw plan' },
    ],
    ['informatie_opvragen', { question: 'Welke wet?' }, { question: 'Welke wet?', response: undefined }],
    ['informatie_aanleveren', { response: 'De Wet X.' }, { response: 'De Wet X.', flags: KEPT_FLAGS }],
    ['escaleren_acu', { motivation: 'Overkoepelend.' }, { motivation: 'Overkoepelend.' }],
    ['naar_politiek', { instrument: 'trialoog', motivation: 'Dilemma.' }, { instrument: 'trialoog', motivation: 'Dilemma.' }],
    ['afwijzen', { outcome: 'geen_knelpunt', motivation: 'Geen knelpunt.' }, { motivation: 'Geen knelpunt.' }],
    ['samenvoegen', { targetKnelpuntId: OTHER }, { mergedInto: { knelpuntId: OTHER, clusterId: undefined } }],
    [
      'samenvoegen',
      { clusterId: CLUSTER, motivation: 'Cluster.' },
      { mergedInto: { knelpuntId: undefined, clusterId: CLUSTER }, motivation: 'Cluster.' },
    ],
    ['toewijzen_doorbraakteam', { team: 'vereenvoudiging' }, { team: 'vereenvoudiging', targetDate: undefined }],
    ['overheidsbreed_oppakken', { lead: 'BZK', targetDate: '2027-12-31' }, { lead: 'BZK', targetDate: '2027-12-31' }],
    [
      'overheidsbreed_oppakken',
      { lead: 'BZK', targetDate: '2027-12-31', plan: 'Rijksbreed' },
      { lead: 'BZK', targetDate: '2027-12-31', plan: 'Rijksbreed' },
    ],
    ['terug_naar_driehoek', { motivation: 'Terug.' }, { motivation: 'Terug.' }],
    ['afronden', { outcome: 'opgelost', summary: 'Klaar.' }, { summary: 'Klaar.' }],
    [
      'politieke_uitkomst',
      { result: 'terug_naar_driehoek', summary: 'Terug.' },
      { politiekResultaat: 'terug_naar_driehoek', summary: 'Terug.' },
    ],
    ['intrekken', { motivation: 'Ingetrokken.' }, { motivation: 'Ingetrokken.' }],
  ])('%s %j records %j, the rest unchanged', (decision, fields, changed) => {
    const before = structuredClone(BEFORE);
    const after = applyDecisionDetails(before, decision, fields);
    expect(after).toEqual({ ...BEFORE, ...changed });
    expect(before).toEqual(BEFORE); // pure: the input is not changed
    expect(after.flags).not.toBe(before.flags);
  });

  it.each(DECISIONS.filter((d) => d !== 'informatie_aanleveren').map((d) => [d]))(
    '%s keeps the flags (only informatie_aanleveren clears informatie_onbeantwoord)',
    (decision) => {
      expect(applyDecisionDetails(BEFORE, decision, VALID_FIELDS[decision]).flags).toEqual(BEFORE.flags);
    },
  );

  it('informatie_aanleveren without the flag changes no flags', () => {
    expect(applyDecisionDetails({ flags: ['termijn_verlopen'] }, 'informatie_aanleveren', { response: 'r' }).flags).toEqual([
      'termijn_verlopen',
    ]);
  });
});

// ---------- deadlines on leaving and entering a phase ----------

describe('phaseExit: the deadlines that end when a case leaves a phase', () => {
  const end = (kinds: DeadlineKind[], how: DeadlineEnding['how'], reason: string): DeadlineEnding => ({ kinds, how, reason });
  type Row = { from: Status; decision: DecisionName | 'automatisch'; endings: DeadlineEnding[]; closeAcuItem: boolean };
  const byDecision = (from: Status, make: (d: DecisionName) => DeadlineEnding[], closeAcuItem = false): Row[] =>
    DECISIONS.filter((d) => rolesAllowed(d, from).length > 0).map((decision) => ({
      from,
      decision,
      endings: make(decision),
      closeAcuItem,
    }));

  const rows: Row[] = [
    // bij_driehoek: every decision meets the driehoek term, except asking for information (that suspends it on entry);
    // a withdrawal and the automatic escalation let it lapse
    ...byDecision('bij_driehoek', (d) =>
      d === 'informatie_opvragen'
        ? []
        : d === 'intrekken'
          ? [end(['driehoek_besluit'], 'vervallen', 'Ingetrokken door de organisatie.')]
          : [end(['driehoek_besluit'], 'voldaan', `Besluit genomen: ${d}.`)],
    ),
    {
      from: 'bij_driehoek',
      decision: 'automatisch',
      endings: [end(['driehoek_besluit'], 'vervallen', 'Besluit genomen: automatisch.')],
      closeAcuItem: false,
    },
    // wacht_op_informatie: the answer meets the information term; withdrawing ends it and the suspended driehoek term
    {
      from: 'wacht_op_informatie',
      decision: 'informatie_aanleveren',
      endings: [end(['informatie'], 'voldaan', 'Afgesloten door: informatie_aanleveren.')],
      closeAcuItem: false,
    },
    {
      from: 'wacht_op_informatie',
      decision: 'intrekken',
      endings: [
        end(['informatie'], 'vervallen', 'Afgesloten door: intrekken.'),
        end(['driehoek_besluit'], 'vervallen', 'Afgesloten door: intrekken.'),
      ],
      closeAcuItem: false,
    },
    // unanswered: back to the driehoek, whose suspended term is resumed, not ended
    {
      from: 'wacht_op_informatie',
      decision: 'automatisch',
      endings: [end(['informatie'], 'vervallen', 'Afgesloten door: automatisch.')],
      closeAcuItem: false,
    },
    // in aanpak: afronden meets voortgang and streefdatum; any other way out lets them lapse
    ...(['in_aanpak_driehoek', 'in_aanpak_acu'] as const).flatMap((from) =>
      byDecision(from, (d) => [end(['voortgang', 'streefdatum'], d === 'afronden' ? 'voldaan' : 'vervallen', `Aanpak beëindigd: ${d}.`)]),
    ),
    // bij_acu: every ACU decision meets the ACU term and closes the agenda item; a withdrawal lets it lapse (and closes it)
    ...byDecision(
      'bij_acu',
      (d) =>
        d === 'intrekken'
          ? [end(['acu_behandeling'], 'vervallen', 'Ingetrokken door de organisatie.')]
          : [end(['acu_behandeling'], 'voldaan', `ACU-besluit: ${d}.`)],
      true,
    ),
    // politieke_opvolging: the politieke term is met by the outcome; a withdrawal lets it lapse
    ...byDecision('politieke_opvolging', (d) =>
      d === 'intrekken'
        ? [end(['politieke_reactie'], 'vervallen', 'Ingetrokken door de organisatie.')]
        : [end(['politieke_reactie'], 'voldaan', 'Politieke uitkomst vastgelegd.')],
    ),
    { from: 'ingediend', decision: 'automatisch', endings: [], closeAcuItem: false },
    { from: 'afgesloten', decision: 'intrekken', endings: [], closeAcuItem: false },
  ];

  it('covers every decision from every status it is allowed in', () => {
    const covered = new Set(rows.map((r) => `${r.from}:${r.decision}`));
    for (const s of STATUSES) for (const d of DECISIONS) if (rolesAllowed(d, s).length > 0) expect(covered).toContain(`${s}:${d}`);
  });

  it.each(rows)('leaving $from by $decision', ({ from, decision, endings, closeAcuItem }) => {
    expect(phaseExit(from, decision)).toEqual({ endings, closeAcuItem });
  });
});

describe('phaseDeadlines: the deadlines a phase starts on entry', () => {
  it.each<[Status, string | undefined, DeadlineKind[]]>([
    ['ingediend', undefined, []],
    ['bij_driehoek', undefined, ['driehoek_besluit']],
    ['wacht_op_informatie', undefined, ['informatie']],
    ['in_aanpak_driehoek', '2027-06-30', ['voortgang', 'streefdatum']],
    ['in_aanpak_driehoek', undefined, ['voortgang']],
    ['in_aanpak_acu', '2027-06-30', ['voortgang', 'streefdatum']],
    ['in_aanpak_acu', undefined, ['voortgang']],
    ['bij_acu', '2027-06-30', ['acu_behandeling']],
    ['politieke_opvolging', undefined, ['politieke_reactie']],
    ['afgesloten', '2027-06-30', []],
  ])('entering %s (targetDate %s) starts %j', (status, targetDate, kinds) => {
    expect(phaseDeadlines(status, { targetDate })).toEqual(kinds);
  });

  it('starts every kind of deadline in some phase', () => {
    const started = new Set(STATUSES.flatMap((s) => phaseDeadlines(s, { targetDate: '2027-06-30' })));
    expect(started).toEqual(new Set(DEADLINE_KINDS));
  });

  // The details a decision records decide the deadlines of the next phase.
  it.each<[string, Status, DecisionName, Record<string, unknown>, DeadlineKind[]]>([
    ['oppakken: a streefdatum', 'bij_driehoek', 'oppakken', VALID_FIELDS.oppakken, ['voortgang', 'streefdatum']],
    [
      'a doorbraakteam drops the driehoek streefdatum',
      'bij_acu',
      'toewijzen_doorbraakteam',
      VALID_FIELDS.toewijzen_doorbraakteam,
      ['voortgang'],
    ],
    [
      'overheidsbreed: its own streefdatum',
      'bij_acu',
      'overheidsbreed_oppakken',
      VALID_FIELDS.overheidsbreed_oppakken,
      ['voortgang', 'streefdatum'],
    ],
    [
      'terug naar de driehoek: a new besluit term',
      'bij_acu',
      'terug_naar_driehoek',
      VALID_FIELDS.terug_naar_driehoek,
      ['driehoek_besluit'],
    ],
    [
      'politiek terug naar de driehoek',
      'politieke_opvolging',
      'politieke_uitkomst',
      { result: 'terug_naar_driehoek', summary: 's' },
      ['driehoek_besluit'],
    ],
    ['closing starts nothing', 'in_aanpak_acu', 'afronden', VALID_FIELDS.afronden, []],
  ])('%s', (_what, from, decision, fields, kinds) => {
    const details = applyDecisionDetails({ targetDate: '2027-01-31', flags: [] }, decision, fields);
    expect(phaseDeadlines(decisionEffect(decision, from, fields).status, details)).toEqual(kinds);
  });
});

// ---------- who is told ----------

describe('who is told', () => {
  const WHO: Record<string, Recipient> = {
    I: { role: 'indiener', organisation: 'UWV' },
    D: { role: 'driehoek', driehoek: 'UWV-DH' },
    ACU: { role: 'acu' },
    PD: { role: 'programmadirectie' },
  };
  const recipients = (names: string): Recipient[] => (names === '' ? [] : names.split(' ').map((n) => WHO[n] as Recipient));
  const c = (status: Status) => ({ organisation: 'UWV', driehoek: 'UWV-DH', status });

  // kind, status of the case, reminder (overdue=false), lapse (overdue=true)
  const DEADLINE_TABLE: [DeadlineKind, Status, string, string][] = [
    ['driehoek_besluit', 'bij_driehoek', 'D', 'D PD'],
    ['informatie', 'wacht_op_informatie', 'I', 'I D'],
    ['voortgang', 'in_aanpak_driehoek', 'D I', 'D I PD'],
    ['voortgang', 'in_aanpak_acu', 'ACU I', 'ACU I PD'],
    ['streefdatum', 'in_aanpak_driehoek', 'D I', 'D I PD'],
    ['streefdatum', 'in_aanpak_acu', 'ACU I', 'ACU I PD'],
    ['acu_behandeling', 'bij_acu', 'ACU', 'ACU PD'],
    ['politieke_reactie', 'politieke_opvolging', 'PD D', 'PD D'],
  ];
  const rows = DEADLINE_TABLE.flatMap(([kind, status, reminder, lapse]) => [
    { kind, status, overdue: false, who: reminder },
    { kind, status, overdue: true, who: lapse },
  ]);

  it('covers every kind of deadline', () => {
    expect(new Set(DEADLINE_TABLE.map(([k]) => k))).toEqual(new Set(DEADLINE_KINDS));
  });

  it.each(rows)('deadlineRecipients($kind in $status, overdue=$overdue) = $who', ({ kind, status, overdue, who }) => {
    expect(deadlineRecipients(c(status), kind, overdue)).toEqual(recipients(who));
  });

  // Only voortgang and streefdatum have an owner; the other kinds do not depend on the status.
  const NOT_OWNED: [DeadlineKind, string, string][] = DEADLINE_TABLE.filter(([k]) => k !== 'voortgang' && k !== 'streefdatum').map(
    ([k, , reminder, lapse]) => [k, reminder, lapse],
  );
  it.each(NOT_OWNED.flatMap(([kind, reminder, lapse]) => STATUSES.map((status) => ({ kind, status, reminder, lapse }))))(
    '$kind in $status: $reminder / $lapse',
    ({ kind, status, reminder, lapse }) => {
      expect(deadlineRecipients(c(status), kind, false)).toEqual(recipients(reminder));
      expect(deadlineRecipients(c(status), kind, true)).toEqual(recipients(lapse));
    },
  );

  it.each<[Status | 'ontvangen', string]>([
    ['ontvangen', 'I'],
    ['ingediend', ''],
    ['bij_driehoek', ''],
    ['wacht_op_informatie', ''],
    ['in_aanpak_driehoek', ''],
    ['bij_acu', 'ACU D'],
    ['in_aanpak_acu', ''],
    ['politieke_opvolging', ''],
    ['afgesloten', 'I D'],
  ])('phaseRecipients(%s) = [%s]', (status, who) => {
    expect(phaseRecipients(c('bij_driehoek'), status)).toEqual(recipients(who));
  });
});

// ---------- voortgang ----------

describe('checkVoortgang', () => {
  const VOORTGANG_BY: Record<Role, boolean> = { indiener: true, driehoek: true, acu: true, programmadirectie: false, admin: false };
  const rows = STATUSES.flatMap((status) =>
    ROLES.map((role) => {
      const expected = !AANPAK_STATUSES.includes(status)
        ? 'BESLISSING_NIET_TOEGESTAAN'
        : VOORTGANG_BY[role]
          ? 'toegestaan'
          : 'GEEN_TOEGANG';
      return { status, role, expected };
    }),
  );

  it('is reported in aanpak only', () => {
    expect([...AANPAK_STATUSES]).toEqual(['in_aanpak_driehoek', 'in_aanpak_acu']);
  });

  it.each(rows)('voortgang in $status by $role: $expected', ({ status, role, expected }) => {
    const refusal = checkVoortgang(caseIn(status), { actor: ACTOR[role], summary: 'Wetsvoorstel in consultatie.' });
    expect(codeOf(refusal)).toBe(expected);
    if (expected === 'BESLISSING_NIET_TOEGESTAAN') {
      expect(allowedOf(refusal)).toEqual(ALLOWED_NOW[status][role]);
      expect(refusal?.message).toBe(`Voortgang kan alleen worden toegevoegd in aanpak; de status is '${status}'.`);
    }
    if (expected === 'GEEN_TOEGANG') expect(refusal?.message).toBe('Uw rol mag geen voortgang toevoegen.');
  });

  const VOORTGANG_INPUT: [string, CaseActor, unknown, string, string | null][] = [
    ['empty summary', ACTOR.indiener, '', 'VALIDATIE_FOUT', 'summary'],
    ['blank summary', ACTOR.driehoek, ' \n\t ', 'VALIDATIE_FOUT', 'summary'],
    ['no summary', ACTOR.acu, undefined, 'VALIDATIE_FOUT', 'summary'],
    ['a number as summary', ACTOR.indiener, 42, 'VALIDATIE_FOUT', 'summary'],
    ['indiener of another organisation', { role: 'indiener', organisation: 'SVB' }, 'x', 'GEEN_TOEGANG', null],
    ['another driehoek', { role: 'driehoek', organisation: null, driehoek: 'SVB' }, 'x', 'GEEN_TOEGANG', null],
    ['scope before summary', { role: 'indiener', organisation: 'SVB' }, '', 'GEEN_TOEGANG', null],
    ['role before summary', ACTOR.programmadirectie, '', 'GEEN_TOEGANG', null],
  ];
  it.each(VOORTGANG_INPUT.map(([what, actor, summary, code, field]) => ({ what, actor, summary, code, field })))(
    '$what → $code',
    ({ actor, summary, code, field }) => {
      const refusal = checkVoortgang(caseIn('in_aanpak_driehoek'), { actor, summary });
      expect(codeOf(refusal)).toBe(code);
      if (field) expect(paramsOf(refusal)).toEqual([{ name: field, reason: 'is verplicht' }]);
    },
  );
});

// ---------- deadline commands ----------

function deadline(kind: DeadlineKind, state: DeadlineStateName, id = `${kind}-1`): DeadlineState {
  return {
    id,
    kind,
    phase: 'bij_driehoek',
    startedOn: '2026-11-02',
    term: { amount: 8, unit: 'weken' },
    suspendedDays: 0,
    extensions: [],
    dueDate: '2026-12-28',
    dueAt: '2026-12-28T22:59:59.999Z',
    state,
    suspendedSince: state === 'opgeschort' ? '2026-11-20T09:00:00.000Z' : null,
    explanation: [],
    shiftedBy: [],
    policy: {
      reminderWerkdagen: [10, 5, 0],
      overdueRepeatDays: 7,
      acuAfterOverdueWeeks: 4,
      notifyProgrammadirectieWhenOverdue: true,
      reminderHour: 9,
    },
    alarms: [],
    log: [],
  };
}

describe('findOpenDeadline: by id or by kind, open ones only', () => {
  const deadlines = [
    deadline('voortgang', 'voldaan', 'v-old'),
    deadline('voortgang', 'lopend', 'v-new'),
    deadline('driehoek_besluit', 'vervallen', 'dh-1'),
    deadline('streefdatum', 'verlopen', 's-1'),
    deadline('informatie', 'opgeschort', 'i-1'),
  ];
  it.each<[string, string | undefined]>([
    ['v-new', 'v-new'],
    ['voortgang', 'v-new'],
    ['v-old', undefined],
    ['dh-1', undefined],
    ['driehoek_besluit', undefined],
    ['s-1', 's-1'],
    ['streefdatum', 's-1'],
    ['informatie', 'i-1'],
    ['onbekend', undefined],
  ])('%s → %s', (ref, id) => {
    expect(findOpenDeadline(deadlines, ref)?.id).toBe(id);
  });

  it('an id wins over a kind', () => {
    const odd = [deadline('informatie', 'lopend', 'i-1'), deadline('voortgang', 'lopend', 'informatie')];
    expect(findOpenDeadline(odd, 'informatie')?.id).toBe('informatie');
  });
});

describe('checkDeadlineCommand', () => {
  const running = caseIn('bij_driehoek', [deadline('driehoek_besluit', 'lopend', 'dh-1'), deadline('informatie', 'voldaan', 'i-1')]);
  const cmd = (over: Partial<Parameters<typeof checkDeadlineCommand>[1]> = {}): Parameters<typeof checkDeadlineCommand>[1] => ({
    action: 'opschorten',
    deadline: 'driehoek_besluit',
    reason: 'Wachten op advies van de Raad van State.',
    actor: ACTOR.driehoek,
    ...over,
  });

  it.each(ROLES.flatMap((role) => (['opschorten', 'verlengen'] as const).map((action) => ({ role, action }))))(
    '$action by $role',
    ({ role, action }) => {
      const refusal = checkDeadlineCommand(running, cmd({ action, actor: ACTOR[role], extension: { amount: 2, unit: 'weken' } }));
      if (['driehoek', 'acu', 'programmadirectie'].includes(role)) expect(refusal).toBeNull();
      else expect(refusal).toEqual({ code: 'GEEN_TOEGANG', message: 'Uw rol mag termijnen niet opschorten of verlengen.' });
    },
  );

  const COMMANDS: [string, CaseView, Partial<Parameters<typeof checkDeadlineCommand>[1]>, string, string[] | undefined][] = [
    ['another driehoek', running, { actor: { role: 'driehoek', organisation: null, driehoek: 'SVB' } }, 'GEEN_TOEGANG', undefined],
    ['role before anything else', running, { actor: ACTOR.indiener, deadline: 'onbekend', reason: '' }, 'GEEN_TOEGANG', undefined],
    ['by id', running, { deadline: 'dh-1' }, 'toegestaan', undefined],
    ['by kind', running, { deadline: 'driehoek_besluit' }, 'toegestaan', undefined],
    ['no open deadline of that kind (it was met)', running, { deadline: 'informatie' }, 'BESLISSING_NIET_TOEGESTAAN', []],
    ['no open deadline with that id (it was met)', running, { deadline: 'i-1' }, 'BESLISSING_NIET_TOEGESTAAN', []],
    ['no deadline of that kind at all', running, { deadline: 'politieke_reactie' }, 'BESLISSING_NIET_TOEGESTAAN', []],
    ['no deadlines at all', caseIn('afgesloten'), {}, 'BESLISSING_NIET_TOEGESTAAN', []],
    ['no deadline before the reason', running, { deadline: 'onbekend', reason: '' }, 'BESLISSING_NIET_TOEGESTAAN', []],
    [
      'opschorten twice',
      caseIn('wacht_op_informatie', [deadline('driehoek_besluit', 'opgeschort')]),
      {},
      'BESLISSING_NIET_TOEGESTAAN',
      ['hervatten', 'verlengen'],
    ],
    ['hervatten a running one', running, { action: 'hervatten' }, 'BESLISSING_NIET_TOEGESTAAN', ['opschorten', 'verlengen']],
    [
      'hervatten the driehoek term while information is asked (it resumes with the answer)',
      caseIn('wacht_op_informatie', [deadline('driehoek_besluit', 'opgeschort'), deadline('informatie', 'lopend')]),
      { action: 'hervatten' },
      'BESLISSING_NIET_TOEGESTAAN',
      ['verlengen'],
    ],
    [
      'hervatten a driehoek term suspended by hand',
      caseIn('bij_driehoek', [deadline('driehoek_besluit', 'opgeschort')]),
      { action: 'hervatten' },
      'toegestaan',
      undefined,
    ],
    [
      'hervatten an overdue one',
      caseIn('bij_driehoek', [deadline('driehoek_besluit', 'verlopen')]),
      { action: 'hervatten' },
      'BESLISSING_NIET_TOEGESTAAN',
      ['opschorten', 'verlengen'],
    ],
    [
      'hervatten a suspended one',
      caseIn('bij_driehoek', [deadline('driehoek_besluit', 'opgeschort')]),
      { action: 'hervatten' },
      'toegestaan',
      undefined,
    ],
    ['opschorten an overdue one', caseIn('bij_driehoek', [deadline('driehoek_besluit', 'verlopen')]), {}, 'toegestaan', undefined],
    [
      'verlengen a suspended one',
      caseIn('bij_driehoek', [deadline('driehoek_besluit', 'opgeschort')]),
      { action: 'verlengen', extension: { amount: 1, unit: 'maanden' } },
      'toegestaan',
      undefined,
    ],
  ];
  it.each(
    COMMANDS.map(([what, c, over, code, allowed]) => ({
      what,
      c,
      over,
      code,
      allowed,
      shown: allowed ? `(allowed: [${allowed.join(', ')}])` : '',
    })),
  )('$what → $code $shown', ({ c, over, code, allowed }) => {
    const refusal = checkDeadlineCommand(c, cmd(over));
    expect(codeOf(refusal)).toBe(code);
    expect(allowedOf(refusal)).toEqual(allowed);
    if (code === 'BESLISSING_NIET_TOEGESTAAN' && allowed?.length === 0)
      expect(refusal?.message).toBe(`Er loopt geen termijn '${over.deadline ?? 'driehoek_besluit'}'.`);
  });

  it.each<[string, unknown]>([
    ['an empty', ''],
    ['a blank', '   '],
    ['a missing', undefined],
    ['a non-text (number)', 7],
  ])('%s reason → VALIDATIE_FOUT naming "reason"', (_what, reason) => {
    for (const action of ['opschorten', 'verlengen']) {
      expect(paramsOf(checkDeadlineCommand(running, cmd({ action, reason, extension: { amount: 1, unit: 'weken' } })))).toEqual([
        { name: 'reason', reason: 'is verplicht' },
      ]);
    }
  });

  const BAD_EXTENSION = `geef een verlenging op als { amount: geheel getal 1-${MAX_EXTENSION_AMOUNT}, unit: werkdagen|dagen|weken|maanden }`;
  it.each<[string, { amount: unknown; unit: unknown } | undefined, boolean]>([
    ['none', undefined, false],
    ['0 weken', { amount: 0, unit: 'weken' }, false],
    ['-1 dagen', { amount: -1, unit: 'dagen' }, false],
    ['1.5 weken', { amount: 1.5, unit: 'weken' }, false],
    ['367 dagen', { amount: MAX_EXTENSION_AMOUNT + 1, unit: 'dagen' }, false],
    ['"5" weken (a string)', { amount: '5', unit: 'weken' }, false],
    ['NaN weken', { amount: Number.NaN, unit: 'weken' }, false],
    ['Infinity dagen', { amount: Number.POSITIVE_INFINITY, unit: 'dagen' }, false],
    ['2 jaren (unknown unit)', { amount: 2, unit: 'jaren' }, false],
    ['2 Weken (wrong case)', { amount: 2, unit: 'Weken' }, false],
    ['2 (no unit)', { amount: 2, unit: undefined }, false],
    ['1 werkdagen', { amount: 1, unit: 'werkdagen' }, true],
    ['10 dagen', { amount: 10, unit: 'dagen' }, true],
    ['4 weken', { amount: 4, unit: 'weken' }, true],
    ['366 maanden', { amount: MAX_EXTENSION_AMOUNT, unit: 'maanden' }, true],
  ])('verlengen with %s: accepted=%s', (_what, extension, ok) => {
    const refusal = checkDeadlineCommand(running, cmd({ action: 'verlengen', extension }));
    if (ok) expect(refusal).toBeNull();
    else expect(paramsOf(refusal)).toEqual([{ name: 'extension', reason: BAD_EXTENSION }]);
  });

  it('opschorten and hervatten ignore an extension', () => {
    expect(checkDeadlineCommand(running, cmd({ extension: { amount: 0, unit: 'jaren' } }))).toBeNull();
  });
});
