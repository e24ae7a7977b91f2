/** Reference statuses of a knelpunt (DOMAIN.md "The process"). */
export const STATUSES = [
  'ingediend',
  'bij_driehoek',
  'wacht_op_informatie',
  'in_aanpak_driehoek',
  'bij_acu',
  'in_aanpak_acu',
  'politieke_opvolging',
  'afgesloten',
] as const;
export type Status = (typeof STATUSES)[number];

export const OPEN_STATUSES: readonly Status[] = STATUSES.filter((s) => s !== 'afgesloten');

export const OUTCOMES = ['opgelost', 'deels_opgelost', 'niet_oplosbaar', 'geen_knelpunt', 'samengevoegd', 'ingetrokken'] as const;
export type Outcome = (typeof OUTCOMES)[number];

export const THEMES = [
  'vereenvoudiging',
  'schaarste',
  'gegevensdeling',
  'politiek',
  'wetgeving',
  'ict',
  'financiering',
  'maatwerk',
  'overig',
] as const;
export type Theme = (typeof THEMES)[number];

export const DOORBRAAKTEAMS = [
  'vereenvoudiging',
  'beleid_zoekt_uitvoerder_en_grip_op_schaarste',
  'gegevensdeling',
  'met_de_politiek_werken_aan_publieke_dienstverlening',
] as const;
export type Doorbraakteam = (typeof DOORBRAAKTEAMS)[number];

export const POLITIEKE_INSTRUMENTEN = [
  'kamerbrief',
  'kamervragen',
  'technische_briefing',
  'trialoog',
  'commissiedebat',
  'uitvoerbaarheidsquickscan',
] as const;
export type PolitiekInstrument = (typeof POLITIEKE_INSTRUMENTEN)[number];

export const STATUS_LABELS: Record<Status, string> = {
  ingediend: 'Ingediend',
  bij_driehoek: 'Bij de driehoek',
  wacht_op_informatie: 'Wacht op informatie',
  in_aanpak_driehoek: 'In aanpak (driehoek)',
  bij_acu: 'Bij de ACU',
  in_aanpak_acu: 'In aanpak (ACU)',
  politieke_opvolging: 'Politieke opvolging',
  afgesloten: 'Afgesloten',
};
