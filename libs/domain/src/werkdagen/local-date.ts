/**
 * Pure calendar-date primitives on ISO `YYYY-MM-DD` strings.
 *
 * Everything here is deterministic and free of I/O, `Date.now()`, `Intl` and Node built-ins, so it
 * can be imported from Temporal workflow code (which runs in a deterministic sandbox).
 * Calendar arithmetic is done on integer day numbers (days since 1970-01-01, proleptic Gregorian
 * calendar) using Howard Hinnant's civil-date algorithms; no `Date` object is involved.
 */

/** A calendar date without time zone, formatted `YYYY-MM-DD`. */
export type LocalDate = string;

/** ISO weekday: 1 = Monday ... 7 = Sunday. */
export type IsoWeekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

const LOCAL_DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Number of days in the given month (month 1-12). */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** True when `value` is a syntactically and calendrically valid `YYYY-MM-DD` date. */
export function isLocalDate(value: unknown): value is LocalDate {
  if (typeof value !== 'string') return false;
  const m = LOCAL_DATE_RE.exec(value);
  if (!m) return false;
  const month = Number(m[2]);
  const day = Number(m[3]);
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(Number(m[1]), month);
}

/** Asserts that `value` is a valid LocalDate and returns it (throws RangeError otherwise). */
export function assertLocalDate(value: unknown, what = 'date'): LocalDate {
  if (!isLocalDate(value)) {
    throw new RangeError(`Invalid ${what}: expected YYYY-MM-DD, got ${JSON.stringify(value)}`);
  }
  return value;
}

export function parseLocalDate(d: LocalDate): { year: number; month: number; day: number } {
  assertLocalDate(d);
  return { year: Number(d.slice(0, 4)), month: Number(d.slice(5, 7)), day: Number(d.slice(8, 10)) };
}

export function formatLocalDate(year: number, month: number, day: number): LocalDate {
  if (year < 0 || year > 9999) throw new RangeError(`Year out of range: ${year}`);
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Days since 1970-01-01 for a civil date (Hinnant, days_from_civil). */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** Civil date for a number of days since 1970-01-01 (Hinnant, civil_from_days). */
export function civilFromDays(days: number): { year: number; month: number; day: number } {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return { year, month, day };
}

/** Day number (days since 1970-01-01) of a LocalDate. */
export function toEpochDay(d: LocalDate): number {
  const { year, month, day } = parseLocalDate(d);
  return daysFromCivil(year, month, day);
}

/** LocalDate of a day number (days since 1970-01-01). */
export function fromEpochDay(epochDay: number): LocalDate {
  const { year, month, day } = civilFromDays(epochDay);
  return formatLocalDate(year, month, day);
}

function assertInteger(n: number, what: string): void {
  if (!Number.isInteger(n)) throw new RangeError(`${what} must be an integer, got ${n}`);
}

/** `d` plus `n` calendar days (`n` may be negative). */
export function addDays(d: LocalDate, n: number): LocalDate {
  assertInteger(n, 'Number of days');
  return fromEpochDay(toEpochDay(d) + n);
}

/** `d` plus `n` weeks: the same weekday `n` weeks later (`n` may be negative). */
export function addWeeks(d: LocalDate, n: number): LocalDate {
  assertInteger(n, 'Number of weeks');
  return addDays(d, n * 7);
}

/**
 * `d` plus `n` calendar months (`n` may be negative). When the target month is shorter, the day is
 * clamped to the last day of that month (2026-01-31 + 1 month = 2026-02-28).
 */
export function addMonths(d: LocalDate, n: number): LocalDate {
  assertInteger(n, 'Number of months');
  const { year, month, day } = parseLocalDate(d);
  const total = year * 12 + (month - 1) + n;
  const y = Math.floor(total / 12);
  const m = total - y * 12 + 1;
  return formatLocalDate(y, m, Math.min(day, daysInMonth(y, m)));
}

/** Calendar days from `a` to `b` (positive when `b` is after `a`). */
export function daysBetween(a: LocalDate, b: LocalDate): number {
  return toEpochDay(b) - toEpochDay(a);
}

/** ISO weekday of `d`: 1 = Monday ... 7 = Sunday. */
export function isoWeekday(d: LocalDate): IsoWeekday {
  // 1970-01-01 was a Thursday (ISO 4).
  const e = toEpochDay(d);
  return (((((e + 3) % 7) + 7) % 7) + 1) as IsoWeekday;
}

/** Compares two LocalDates: negative, 0 or positive. ISO strings sort lexicographically. */
export function compareLocalDate(a: LocalDate, b: LocalDate): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

const WEEKDAY_NL = ['maandag', 'dinsdag', 'woensdag', 'donderdag', 'vrijdag', 'zaterdag', 'zondag'] as const;
const MONTH_NL = [
  'januari',
  'februari',
  'maart',
  'april',
  'mei',
  'juni',
  'juli',
  'augustus',
  'september',
  'oktober',
  'november',
  'december',
] as const;

/** Dutch weekday name, lower case ('maandag' ... 'zondag'). */
export function weekdagNaam(d: LocalDate): string {
  return WEEKDAY_NL[isoWeekday(d) - 1]!;
}

/** Dutch long date, e.g. 'vrijdag 15 mei 2026'. */
export function formatDatumNl(d: LocalDate): string {
  const { year, month, day } = parseLocalDate(d);
  return `${weekdagNaam(d)} ${day} ${MONTH_NL[month - 1]!} ${year}`;
}
