import type { Outcome, Status } from '@kp/domain';
import { PUBLIC_KNELPUNT_FIELD_NAMES, PublicKnelpunt, PublicKnelpuntField } from '../public-fields';
import type { PublicKnelpuntRow } from '../repositories/openbaar-knelpunt.repository';

const DOORBRAAKTEAM_NAMES: Record<string, string> = {
  vereenvoudiging: 'Vereenvoudiging',
  beleid_zoekt_uitvoerder_en_grip_op_schaarste: 'Beleid zoekt uitvoerder en grip op schaarste',
  gegevensdeling: 'Gegevensdeling',
  met_de_politiek_werken_aan_publieke_dienstverlening: 'Met de politiek werken aan publieke dienstverlening',
};

const INSTRUMENT_NAMES: Record<string, string> = {
  kamerbrief: 'kamerbrief',
  kamervragen: 'kamervragen',
  technische_briefing: 'technische briefing',
  trialoog: 'trialoog',
  commissiedebat: 'commissiedebat',
  uitvoerbaarheidsquickscan: 'uitvoerbaarheidsquickscan',
};

const CLOSED: Record<Outcome, string> = {
  opgelost: 'Afgesloten: het knelpunt is opgelost.',
  deels_opgelost: 'Afgesloten: het knelpunt is deels opgelost.',
  niet_oplosbaar: 'Afgesloten: het knelpunt is niet oplosbaar; dat is een aanvaard dilemma.',
  geen_knelpunt: 'Afgesloten: na beoordeling is dit geen knelpunt.',
  samengevoegd: 'Afgesloten: samengevoegd met een ander knelpunt, dat verder wordt behandeld.',
  ingetrokken: 'Afgesloten: ingetrokken door de organisatie.',
};

/**
 * The public state of affairs in one Dutch sentence, made only from closed lists (status, outcome, doorbraakteam,
 * political instrument): a value outside those lists is left out, never echoed.
 */
export function progressSummary(row: Pick<PublicKnelpuntRow, 'status' | 'outcome' | 'team' | 'instrument'>): string {
  const team = row.team ? DOORBRAAKTEAM_NAMES[row.team] : undefined;
  const instrument = row.instrument ? INSTRUMENT_NAMES[row.instrument] : undefined;
  const byStatus: Record<Status, string> = {
    ingediend: 'Ingediend; de behandeling door de ambtelijke sturingsdriehoek begint.',
    bij_driehoek: 'In behandeling bij de ambtelijke sturingsdriehoek van de organisatie.',
    wacht_op_informatie: 'In behandeling bij de ambtelijke sturingsdriehoek, die aanvullende informatie heeft gevraagd.',
    in_aanpak_driehoek: 'De ambtelijke sturingsdriehoek pakt het knelpunt aan.',
    bij_acu: 'Voorgelegd aan de Ambtelijke Commissie Uitvoering (ACU).',
    in_aanpak_acu: `Wordt overheidsbreed aangepakt via de ACU${team ? ` (doorbraakteam ${team})` : ''}.`,
    politieke_opvolging: `In politieke opvolging${instrument ? ` (${instrument})` : ''}.`,
    afgesloten: row.outcome ? (CLOSED[row.outcome] ?? 'Afgesloten.') : 'Afgesloten.',
  };
  return byStatus[row.status] ?? 'In behandeling.';
}

/** How each allow-listed field is read from a row: exhaustive, and an object literal admits no other key. */
const VALUE_OF: { [F in PublicKnelpuntField]: (row: PublicKnelpuntRow) => string | null } = {
  reference: (r) => r.reference,
  title: (r) => r.title,
  organisation: (r) => r.organisation,
  organisationName: (r) => r.organisationName,
  theme: (r) => r.theme,
  status: (r) => r.status,
  outcome: (r) => r.outcome,
  doorbraakteam: (r) => (r.team && r.team in DOORBRAAKTEAM_NAMES ? r.team : null),
  standId: (r) => r.standId,
  standTitle: (r) => r.standTitle,
  standPeriod: (r) => r.standPeriod,
  submittedOn: (r) => r.submittedOn,
  lastChangedOn: (r) => r.lastChangedOn,
  closedOn: (r) => r.closedOn,
  lastProgressOn: (r) => r.lastProgressOn,
  progressSummary: (r) => progressSummary(r),
};

/** A row as the public sees it: the allow-listed fields, in their order, and nothing else. */
export function toPublicKnelpunt(row: PublicKnelpuntRow): PublicKnelpunt {
  const out: Partial<PublicKnelpunt> = {};
  for (const field of PUBLIC_KNELPUNT_FIELD_NAMES) out[field] = VALUE_OF[field](row) ?? null;
  return out as PublicKnelpunt;
}
