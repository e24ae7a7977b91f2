/**
 * Random commands for the model-based drill. Each command is either valid or carries exactly one fault (wrong
 * status, wrong role, another organisation, a bad field), so the expected failure type does not depend on the order
 * in which the workflow checks.
 */
import {
  ALLOWED_FROM,
  DEADLINE_KINDS,
  DECISIONS,
  DECISION_FIELDS,
  DOORBRAAKTEAMS,
  DecisionName,
  POLITIEKE_INSTRUMENTEN,
  addDays,
  rolesFor,
} from '../../../libs/domain/src';
import { Prng } from './prng';
import { DeadlineActionName, KnelpuntModel, ModelCommand, ROLES, Role, localDate } from './knelpunt-model';

/** Decisions that close the knelpunt: picked less often, so sequences live long enough to visit more states. */
const CLOSING = new Set<DecisionName>(['afwijzen', 'samenvoegen', 'afronden', 'intrekken']);

function validFields(decision: DecisionName, m: KnelpuntModel, rng: Prng): Record<string, unknown> {
  const today = localDate(m.now);
  switch (decision) {
    case 'oppakken':
      return { owner: 'Directie Uitvoeringsbeleid', targetDate: addDays(today, rng.int(3, 200)), plan: 'Peildata gelijktrekken' };
    case 'informatie_opvragen':
      return { question: 'Om hoeveel huishoudens gaat het?' };
    case 'informatie_aanleveren':
      return { response: 'Ongeveer 12.000 huishoudens per jaar.' };
    case 'escaleren_acu':
      return { motivation: 'Raakt meerdere organisaties.' };
    case 'naar_politiek':
      return { instrument: rng.pick(POLITIEKE_INSTRUMENTEN), motivation: 'Vraagt een politieke keuze.' };
    case 'afwijzen':
      return { outcome: rng.pick(['niet_oplosbaar', 'geen_knelpunt']), motivation: 'Een aanvaard dilemma.' };
    case 'samenvoegen':
      return { targetKnelpuntId: rng.uuid(), motivation: 'Hetzelfde knelpunt.' };
    case 'toewijzen_doorbraakteam':
      return { team: rng.pick(DOORBRAAKTEAMS) };
    case 'overheidsbreed_oppakken':
      return rng.chance(0.5)
        ? { lead: 'BZK', targetDate: addDays(today, rng.int(3, 200)) }
        : { lead: 'BZK', targetDate: addDays(today, rng.int(3, 200)), plan: 'Rijksbrede aanpak' };
    case 'terug_naar_driehoek':
      return { motivation: 'Niet overkoepelend.' };
    case 'afronden':
      return { outcome: rng.pick(['opgelost', 'deels_opgelost']), summary: 'Regeling aangepast.' };
    case 'politieke_uitkomst':
      return { result: rng.pick(['opgelost', 'terug_naar_driehoek', 'niet_oplosbaar']), summary: 'Kamerbrief besproken.' };
    case 'intrekken':
      return { motivation: 'Opgelost door een eerdere wetswijziging.' };
  }
}

/** One field fault: the label says which (the model decides what the workflow must answer). */
function breakFields(
  decision: DecisionName,
  fields: Record<string, unknown>,
  m: KnelpuntModel,
  rng: Prng,
): [Record<string, unknown>, string] {
  const rules = DECISION_FIELDS[decision];
  const options: string[] = ['onbekend_veld'];
  if (rules.some((r) => !r.optional)) options.push('ontbrekend', 'leeg');
  if (rules.some((r) => r.kind === 'enum' || r.kind === 'uuid' || r.kind === 'date')) options.push('ongeldige_waarde');
  if (rules.some((r) => r.kind === 'date')) options.push('verleden');
  if (decision === 'samenvoegen') options.push('zichzelf');
  const fault = rng.pick(options);
  const f = { ...fields };
  switch (fault) {
    case 'onbekend_veld':
      f['onbekend'] = 'x';
      break;
    case 'ontbrekend':
      delete f[rng.pick(rules.filter((r) => !r.optional)).name];
      break;
    case 'leeg':
      f[rng.pick(rules.filter((r) => !r.optional)).name] = '   ';
      break;
    case 'ongeldige_waarde': {
      const rule = rng.pick(rules.filter((r) => r.kind === 'enum' || r.kind === 'uuid' || r.kind === 'date'));
      f[rule.name] = rule.kind === 'date' ? '2030-02-30' : rule.kind === 'uuid' ? 'geen-uuid' : 'iets_anders';
      break;
    }
    case 'verleden':
      f[rules.find((r) => r.kind === 'date')!.name] = addDays(localDate(m.now), -rng.int(1, 30));
      break;
    case 'zichzelf':
      f['targetKnelpuntId'] = m.knelpuntId;
      break;
  }
  return [f, `veld:${fault}`];
}

function decisionCommand(m: KnelpuntModel, rng: Prng, id: string): ModelCommand {
  const allowed = DECISIONS.filter((d) => ALLOWED_FROM[d].includes(m.status));
  const r = rng.next();
  if (r < 0.02) {
    return { type: 'beslissing', id, decision: 'goedkeuren', role: 'driehoek', ownScope: true, fields: {}, fault: 'onbekende_beslissing' };
  }
  if (r < 0.15 || allowed.length === 0) {
    const decision = rng.pick(DECISIONS.filter((d) => !ALLOWED_FROM[d].includes(m.status)));
    const role = rng.pick(rolesFor(decision, m.status)) as Role;
    return { type: 'beslissing', id, decision, role, ownScope: true, fields: validFields(decision, m, rng), fault: 'status' };
  }
  const decision = rng.weighted(allowed.map((d) => [d, CLOSING.has(d) ? 0.35 : 1] as const));
  const roles = rolesFor(decision, m.status) as Role[];
  const fields = validFields(decision, m, rng);
  const f = rng.next();
  if (f < 0.08) {
    const others = ROLES.filter((x) => !roles.includes(x));
    if (others.length > 0) return { type: 'beslissing', id, decision, role: rng.pick(others), ownScope: true, fields, fault: 'rol' };
  } else if (f < 0.15) {
    const scoped = roles.filter((x) => x === 'indiener' || x === 'driehoek');
    if (scoped.length > 0) return { type: 'beslissing', id, decision, role: rng.pick(scoped), ownScope: false, fields, fault: 'scope' };
  } else if (f < 0.27) {
    const [broken, fault] = breakFields(decision, fields, m, rng);
    return { type: 'beslissing', id, decision, role: rng.pick(roles), ownScope: true, fields: broken, fault };
  }
  return { type: 'beslissing', id, decision, role: rng.pick(roles), ownScope: true, fields, fault: 'geen' };
}

function voortgangCommand(m: KnelpuntModel, rng: Prng, id: string): ModelCommand {
  const inAanpak = m.status === 'in_aanpak_driehoek' || m.status === 'in_aanpak_acu';
  const role = rng.pick<Role>(['indiener', 'driehoek', 'acu']);
  const base = {
    type: 'voortgang' as const,
    id,
    role,
    ownScope: true,
    summary: 'Wetsvoorstel in consultatie.',
    fault: inAanpak ? 'geen' : 'status',
  };
  if (!inAanpak) return base;
  const f = rng.next();
  if (f < 0.08) return { ...base, role: 'programmadirectie', fault: 'rol' };
  if (f < 0.14 && role !== 'acu') return { ...base, ownScope: false, fault: 'scope' };
  if (f < 0.2) return { ...base, summary: ' ', fault: 'veld:summary' };
  return base;
}

function deadlineCommand(m: KnelpuntModel, rng: Prng, id: string): ModelCommand {
  const openKinds = [...new Set(m.deadlines.map((d) => d.kind))];
  const runningKind = openKinds.length > 0 && rng.chance(0.85);
  const deadline = runningKind ? rng.pick(openKinds) : rng.pick(DEADLINE_KINDS.filter((k) => !openKinds.includes(k)));
  const d = m.deadlines.find((x) => x.kind === deadline);
  const action: DeadlineActionName =
    d?.state === 'opgeschort'
      ? rng.weighted<DeadlineActionName>([
          ['hervatten', 6],
          ['verlengen', 3],
          ['opschorten', 1],
        ])
      : rng.weighted<DeadlineActionName>([
          ['opschorten', 4.5],
          ['verlengen', 4],
          ['hervatten', 1.5],
        ]);
  const role = rng.weighted<Role>([
    ['driehoek', 5],
    ['acu', 2],
    ['programmadirectie', 2],
  ]);
  const unit = rng.pick(['werkdagen', 'dagen', 'weken', 'maanden']);
  const amount = unit === 'maanden' ? rng.int(1, 3) : unit === 'weken' ? rng.int(1, 8) : rng.int(1, 20);
  const base = {
    type: 'termijn' as const,
    id,
    action,
    deadline,
    role,
    ownScope: true,
    reason: 'Wachten op een advies van de Raad van State.',
    ...(action === 'verlengen' ? { extension: { amount, unit } } : {}),
    fault: d
      ? (action === 'hervatten' && d.state !== 'opgeschort') || (action === 'opschorten' && d.state === 'opgeschort')
        ? 'status'
        : 'geen'
      : 'geen_termijn',
  };
  if (base.fault !== 'geen') return base;
  const f = rng.next();
  if (f < 0.06) return { ...base, role: 'indiener', fault: 'rol' };
  if (f < 0.1) return { ...base, role: 'driehoek', ownScope: false, fault: 'scope' };
  if (f < 0.15) return { ...base, reason: '', fault: 'veld:reason' };
  if (f < 0.2 && action === 'verlengen') {
    const extension = rng.pick([
      { amount: 0, unit: 'weken' },
      { amount: 2, unit: 'jaren' },
      { amount: 1.5, unit: 'dagen' },
      { amount: 400, unit: 'dagen' },
    ]);
    return { ...base, extension, fault: 'veld:extension' };
  }
  return base;
}

/** The next command for a knelpunt in model state `m`. */
export function nextCommand(m: KnelpuntModel, rng: Prng): ModelCommand {
  const id = rng.uuid();
  const kind = rng.weighted<'beslissing' | 'voortgang' | 'termijn'>([
    ['beslissing', 6],
    ['voortgang', 1.5],
    ['termijn', 2.5],
  ]);
  if (kind === 'voortgang') return voortgangCommand(m, rng, id);
  if (kind === 'termijn') return deadlineCommand(m, rng, id);
  return decisionCommand(m, rng, id);
}

export function describeCommand(c: ModelCommand): string {
  const who = `${c.role}${c.ownScope ? '' : '(SVB)'}`;
  switch (c.type) {
    case 'beslissing':
      return `beslissing ${c.decision} door ${who} ${JSON.stringify(c.fields)} [${c.fault}]`;
    case 'voortgang':
      return `voortgang door ${who} ${JSON.stringify(c.summary)} [${c.fault}]`;
    case 'termijn':
      return `termijn ${c.action} ${c.deadline} door ${who}${c.extension ? ` ${JSON.stringify(c.extension)}` : ''}${c.reason ? '' : ' zonder reden'} [${c.fault}]`;
  }
}
