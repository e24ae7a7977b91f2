/**
 * Algemeen erkende feestdagen in the sense of the Algemene termijnenwet (art. 3), plus the days that
 * are equated to them by besluit (gelijkgestelde dagen). Pure and deterministic.
 */
import { addDays, assertLocalDate, formatLocalDate, isoWeekday, LocalDate } from './local-date';

export type FeestdagKind = 'wettelijk' | 'gelijkgesteld';

export interface Feestdag {
  date: LocalDate;
  /** Dutch name, e.g. 'Tweede Paasdag'. */
  name: string;
  /** 'wettelijk': named in art. 3 Algemene termijnenwet; 'gelijkgesteld': equated by besluit. */
  kind: FeestdagKind;
}

/** A day equated to an algemeen erkende feestdag by besluit (art. 3 lid 2 Algemene termijnenwet). */
export interface EquatedDay {
  date: LocalDate;
  name: string;
}

export const GELIJKGESTELDE_DAG_NAAM = 'Gelijkgestelde dag (besluit)';

/**
 * Days equated to algemeen erkende feestdagen by besluit, as known at the time of writing. The
 * application stores this list (in the database) and may extend it; pass the stored list to
 * `algemeenErkendeFeestdagen` / `WerkdagenKalender`.
 */
export const DEFAULT_EQUATED_DAYS: readonly EquatedDay[] = Object.freeze([
  { date: '2026-01-02', name: GELIJKGESTELDE_DAG_NAAM },
  { date: '2026-05-15', name: GELIJKGESTELDE_DAG_NAAM },
  { date: '2027-05-07', name: GELIJKGESTELDE_DAG_NAAM },
  { date: '2028-04-28', name: GELIJKGESTELDE_DAG_NAAM },
  { date: '2028-05-26', name: GELIJKGESTELDE_DAG_NAAM },
]);

/** Date of (Western, Gregorian) Easter Sunday; Anonymous Gregorian algorithm (Meeus/Jones/Butcher). */
export function pasen(year: number): LocalDate {
  if (!Number.isInteger(year) || year < 1583 || year > 9999) {
    throw new RangeError(`Year out of range for the Gregorian Easter computation: ${year}`);
  }
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return formatLocalDate(year, month, day);
}

/** English alias of `pasen`. */
export const easterSunday = pasen;

/**
 * Koningsdag: 27 April, or 26 April when the 27th is a Sunday (since 2014). For earlier years
 * Koninginnedag is returned: 30 April, or 29 April when the 30th is a Sunday (rule since 1980).
 */
export function koningsdag(year: number): Feestdag {
  if (year >= 2014) {
    const d = formatLocalDate(year, 4, 27);
    return { date: isoWeekday(d) === 7 ? formatLocalDate(year, 4, 26) : d, name: 'Koningsdag', kind: 'wettelijk' };
  }
  const d = formatLocalDate(year, 4, 30);
  return { date: isoWeekday(d) === 7 ? formatLocalDate(year, 4, 29) : d, name: 'Koninginnedag', kind: 'wettelijk' };
}

/**
 * All algemeen erkende feestdagen of `year` (art. 3 Algemene termijnenwet) plus the equated days in
 * `extraEquatedDays` that fall in that year, sorted by date. Eerste Paasdag and Eerste Pinksterdag
 * (always Sundays) are listed too for completeness of explanations.
 *
 * An equated day on a date that already is a statutory feestdag is omitted. Two statutory feestdagen
 * on the same date (e.g. Hemelvaartsdag on 5 May) are both listed.
 */
export function algemeenErkendeFeestdagen(year: number, extraEquatedDays: readonly EquatedDay[] = DEFAULT_EQUATED_DAYS): Feestdag[] {
  const easter = pasen(year);
  const wettelijk = (date: LocalDate, name: string): Feestdag => ({ date, name, kind: 'wettelijk' });
  const result: Feestdag[] = [
    wettelijk(formatLocalDate(year, 1, 1), 'Nieuwjaarsdag'),
    wettelijk(addDays(easter, -2), 'Goede Vrijdag'),
    wettelijk(easter, 'Eerste Paasdag'),
    wettelijk(addDays(easter, 1), 'Tweede Paasdag'),
    koningsdag(year),
    wettelijk(formatLocalDate(year, 5, 5), 'Bevrijdingsdag'),
    wettelijk(addDays(easter, 39), 'Hemelvaartsdag'),
    wettelijk(addDays(easter, 49), 'Eerste Pinksterdag'),
    wettelijk(addDays(easter, 50), 'Tweede Pinksterdag'),
    wettelijk(formatLocalDate(year, 12, 25), 'Eerste Kerstdag'),
    wettelijk(formatLocalDate(year, 12, 26), 'Tweede Kerstdag'),
  ];
  const statutoryDates = new Set(result.map((f) => f.date));
  const seenEquated = new Set<LocalDate>();
  const prefix = `${String(year).padStart(4, '0')}-`;
  for (const eq of extraEquatedDays) {
    const date = assertLocalDate(eq.date, 'equated day date');
    if (!date.startsWith(prefix) || statutoryDates.has(date) || seenEquated.has(date)) continue;
    seenEquated.add(date);
    const name = typeof eq.name === 'string' && eq.name.trim() !== '' ? eq.name : GELIJKGESTELDE_DAG_NAAM;
    result.push({ date, name, kind: 'gelijkgesteld' });
  }
  // Stable sort keeps the statutory order for feestdagen on the same date.
  return result.sort((x, y) => (x.date < y.date ? -1 : x.date > y.date ? 1 : 0));
}
