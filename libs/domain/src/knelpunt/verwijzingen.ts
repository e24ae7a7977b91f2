/**
 * References of a knelpunt to parliament and law (issue 9): Kamerstukken, moties, toezeggingen and laws by BWB id.
 * Pure: the formats, their normalisation and the links, shared by the API's validation, its filters and the tests.
 *
 * Formats (as the sources write them):
 * - Kamerstuk: dossier number (4–6 digits), optionally a part of the dossier (a Roman numeral with an optional letter
 *   as in the begrotingsstukken `36200-VII`, `36200-IXB`; one or two letters as in `36200-A`; or a numeric sub-dossier
 *   of one or two digits as in `21501-20`), then `-` and the ondernummer (1–4 digits, optionally a letter suffix):
 *   `29362-290`, `36200-VII-12`, `21501-20-1234`. officielebekendmakingen.nl names the same document
 *   `kst-<dossier>-<ondernummer>`.
 * - Motie: a Kamerstuk (a motie is published as a Kamerstuk in its dossier), the same format.
 * - Toezegging: the Tweede Kamer's toezegging number `TZ` + 6 digits (year and month) + `-` + 3 digits (`TZ202311-045`).
 * - BWB id: `BWBR` (regeling), `BWBV` (verdrag) or `BWBW` (wetsfamilie) + 7 digits (`BWBR0002448`), as on
 *   wetten.overheid.nl.
 */

export const VERWIJZING_SOORTEN = ['kamerstukken', 'moties', 'toezeggingen', 'bwbIds'] as const;
export type VerwijzingSoort = (typeof VERWIJZING_SOORTEN)[number];

/** All four lists; each normalised, deduplicated, at most {@link MAX_VERWIJZINGEN_PER_SOORT}. */
export type Verwijzingen = Record<VerwijzingSoort, string[]>;

export const MAX_VERWIJZINGEN_PER_SOORT = 20;

/** The longest value any of the formats allows (a Kamerstuk `123456-XXXVIIA-1234A`); longer input is refused early. */
export const MAX_VERWIJZING_LENGTE = 24;

export const KAMERSTUK_PATTERN = /^\d{4,6}(?:-(?:[IVXLC]{1,7}[A-Z]?|[A-Z]{1,2}|\d{1,2}))?-\d{1,4}[A-Z]?$/;
export const TOEZEGGING_PATTERN = /^TZ\d{6}-\d{3}$/;
export const BWB_ID_PATTERN = /^BWB[RVW]\d{7}$/;

export interface VerwijzingFormaat {
  pattern: RegExp;
  /** Dutch: what one value must be, e.g. "een Kamerstuknummer zijn zoals 29362-290". */
  expected: string;
  example: string;
}

export const VERWIJZING_FORMATEN: Record<VerwijzingSoort, VerwijzingFormaat> = {
  kamerstukken: { pattern: KAMERSTUK_PATTERN, expected: 'een Kamerstuknummer zijn zoals 29362-290 of 36200-VII-12', example: '29362-290' },
  moties: { pattern: KAMERSTUK_PATTERN, expected: 'het Kamerstuknummer van een motie zijn zoals 36200-VII-12', example: '36200-VII-12' },
  toezeggingen: { pattern: TOEZEGGING_PATTERN, expected: 'een toezeggingnummer zijn zoals TZ202311-045', example: 'TZ202311-045' },
  bwbIds: { pattern: BWB_ID_PATTERN, expected: 'een BWB-id zijn zoals BWBR0002448', example: 'BWBR0002448' },
};

/** The filter parameter of each kind on the lists (one value each). */
export const VERWIJZING_FILTERS: Record<VerwijzingSoort, string> = {
  kamerstukken: 'kamerstuk',
  moties: 'motie',
  toezeggingen: 'toezegging',
  bwbIds: 'bwb',
};

/** One value as it is stored: trimmed, upper case (all four formats are upper case). */
export function normaliseVerwijzing(value: string): string {
  return value.trim().toUpperCase();
}

export function isVerwijzing(soort: VerwijzingSoort, value: unknown): boolean {
  return typeof value === 'string' && value.length <= MAX_VERWIJZING_LENGTE && VERWIJZING_FORMATEN[soort].pattern.test(value);
}

/** The indexes of the values that do not have the format (after normalisation). */
export function invalidVerwijzingen(soort: VerwijzingSoort, values: readonly unknown[]): number[] {
  const bad: number[] = [];
  values.forEach((v, i) => {
    if (!isVerwijzing(soort, typeof v === 'string' ? normaliseVerwijzing(v) : v)) bad.push(i);
  });
  return bad;
}

/** Normalised and deduplicated, in the order given (the format is checked by the caller first). */
export function normaliseVerwijzingen(values: readonly string[] | null | undefined): string[] {
  return [...new Set((values ?? []).map(normaliseVerwijzing))];
}

/** All four lists normalised and deduplicated; a missing list is empty. */
export function toVerwijzingen(input: Partial<Record<VerwijzingSoort, readonly string[] | null | undefined>>): Verwijzingen {
  return {
    kamerstukken: normaliseVerwijzingen(input.kamerstukken),
    moties: normaliseVerwijzingen(input.moties),
    toezeggingen: normaliseVerwijzingen(input.toezeggingen),
    bwbIds: normaliseVerwijzingen(input.bwbIds),
  };
}

export function hasVerwijzingen(v: Verwijzingen): boolean {
  return VERWIJZING_SOORTEN.some((s) => v[s].length > 0);
}

export function sameVerwijzingen(a: Verwijzingen, b: Verwijzingen): boolean {
  return VERWIJZING_SOORTEN.every((s) => a[s].length === b[s].length && a[s].every((x, i) => x === b[s][i]));
}

/** A Kamerstuk (or motie) on officielebekendmakingen.nl. */
export function kamerstukUrl(kamerstuk: string): string {
  return `https://zoek.officielebekendmakingen.nl/kst-${encodeURIComponent(kamerstuk)}`;
}

/** A law or regeling on wetten.overheid.nl. */
export function bwbUrl(bwbId: string): string {
  return `https://wetten.overheid.nl/${encodeURIComponent(bwbId)}`;
}

/**
 * Who may set the references, each within its read scope (the knelpunt's organisation, its driehoek, the ACU for what
 * was escalated, the programmadirectie for all); admin reads but does not edit. Allowed in every status: a Kamerstuk
 * about a knelpunt may well appear after it was closed.
 */
export const VERWIJZINGEN_ROLES = ['indiener', 'driehoek', 'acu', 'programmadirectie'] as const;

export function mayEditVerwijzingen(role: string | null | undefined): boolean {
  return (VERWIJZINGEN_ROLES as readonly string[]).includes(role ?? '');
}
