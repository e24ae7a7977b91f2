/**
 * Dutch labels for the codes the API uses. Presentation only: which decisions are allowed, which
 * fields they need and who may take them comes from the API and the shared domain data.
 */
export { STATUS_LABELS } from '@kp/domain/knelpunt/statuses';
import type { Rol } from './api/types';

export const ROL_LABELS: Record<Rol, string> = {
  indiener: 'Indiener (uitvoeringsorganisatie)',
  driehoek: 'Driehoek',
  acu: 'ACU',
  programmadirectie: 'Programmadirectie Werk aan Uitvoering',
  admin: 'Beheerder',
};

export const THEMA_LABELS: Record<string, string> = {
  vereenvoudiging: 'Vereenvoudiging',
  schaarste: 'Schaarste',
  gegevensdeling: 'Gegevensdeling',
  politiek: 'Politiek',
  wetgeving: 'Wetgeving',
  ict: 'ICT',
  financiering: 'Financiering',
  maatwerk: 'Maatwerk',
  overig: 'Overig',
};

export const UITKOMST_LABELS: Record<string, string> = {
  opgelost: 'Opgelost',
  deels_opgelost: 'Deels opgelost',
  niet_oplosbaar: 'Niet oplosbaar',
  geen_knelpunt: 'Geen knelpunt',
  samengevoegd: 'Samengevoegd',
  ingetrokken: 'Ingetrokken',
  terug_naar_driehoek: 'Terug naar de driehoek',
};

export const BESLISSING_LABELS: Record<string, string> = {
  oppakken: 'Oppakken',
  informatie_opvragen: 'Informatie opvragen',
  informatie_aanleveren: 'Informatie aanleveren',
  escaleren_acu: 'Escaleren naar de ACU',
  naar_politiek: 'Naar politieke opvolging',
  afwijzen: 'Afwijzen',
  samenvoegen: 'Samenvoegen',
  toewijzen_doorbraakteam: 'Toewijzen aan doorbraakteam',
  overheidsbreed_oppakken: 'Overheidsbreed oppakken',
  terug_naar_driehoek: 'Terug naar de driehoek',
  afronden: 'Afronden',
  politieke_uitkomst: 'Politieke uitkomst vastleggen',
  intrekken: 'Intrekken',
};

export const VELD_LABELS: Record<string, string> = {
  owner: 'Eigenaar van de aanpak',
  targetDate: 'Streefdatum',
  plan: 'Plan van aanpak',
  question: 'Vraag',
  response: 'Antwoord',
  motivation: 'Motivering',
  instrument: 'Instrument',
  outcome: 'Uitkomst',
  targetKnelpuntId: 'Samenvoegen met knelpunt (id)',
  clusterId: 'Samenvoegen met cluster (id)',
  team: 'Doorbraakteam',
  lead: 'Trekker (ministerie of organisatie)',
  result: 'Resultaat',
  summary: 'Samenvatting',
  reason: 'Reden',
  deadline: 'Termijn',
  action: 'Actie',
};

export const DOORBRAAKTEAM_LABELS: Record<string, string> = {
  vereenvoudiging: 'Vereenvoudiging',
  beleid_zoekt_uitvoerder_en_grip_op_schaarste: 'Beleid zoekt uitvoerder en grip op schaarste',
  gegevensdeling: 'Gegevensdeling',
  met_de_politiek_werken_aan_publieke_dienstverlening: 'Met de politiek werken aan publieke dienstverlening',
};

export const INSTRUMENT_LABELS: Record<string, string> = {
  kamerbrief: 'Kamerbrief',
  kamervragen: 'Kamervragen',
  technische_briefing: 'Technische briefing',
  trialoog: 'Trialoog',
  commissiedebat: 'Commissiedebat',
  uitvoerbaarheidsquickscan: 'Uitvoerbaarheidsquickscan',
};

export const TERMIJN_STATUS_LABELS: Record<string, string> = {
  lopend: 'Lopend',
  opgeschort: 'Opgeschort',
  verlopen: 'Verlopen',
  voldaan: 'Voldaan',
  vervallen: 'Vervallen',
};

/** A label for any code, falling back to the code with underscores as spaces. */
export function label(map: Record<string, string>, code: string | null | undefined): string {
  if (!code) return '';
  return map[code] ?? code.replace(/_/g, ' ');
}
