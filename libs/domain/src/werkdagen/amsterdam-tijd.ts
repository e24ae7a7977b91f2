/**
 * Europe/Amsterdam wall-clock conversions without `Intl` or a time-zone database.
 *
 * The Netherlands uses CET (UTC+1) and, under the EU summer-time directive (2000/84/EC, the same rule
 * applies since 1996), CEST (UTC+2) from the last Sunday of March 01:00 UTC until the last Sunday of
 * October 01:00 UTC. Results for instants before 1996 are therefore not historically exact.
 *
 * Pure and deterministic: only `Date` construction from explicit milliseconds is used.
 */
import { civilFromDays, daysFromCivil, formatLocalDate, LocalDate, parseLocalDate } from './local-date';

const MS_PER_MINUTE = 60_000;
const MS_PER_HOUR = 3_600_000;
const MS_PER_DAY = 86_400_000;

/** Day number (days since 1970-01-01) of the last Sunday of the given month. */
function lastSundayOf(year: number, month: number): number {
  const nextMonthFirst = month === 12 ? daysFromCivil(year + 1, 1, 1) : daysFromCivil(year, month + 1, 1);
  const lastDay = nextMonthFirst - 1;
  const isoWeekday = ((((lastDay + 3) % 7) + 7) % 7) + 1; // 1 = Monday ... 7 = Sunday
  return lastDay - (isoWeekday % 7);
}

/** UTC epoch milliseconds at which summer time starts (CEST) in the given year. */
export function zomertijdStartUtc(year: number): number {
  return lastSundayOf(year, 3) * MS_PER_DAY + MS_PER_HOUR;
}

/** UTC epoch milliseconds at which summer time ends (back to CET) in the given year. */
export function zomertijdEindeUtc(year: number): number {
  return lastSundayOf(year, 10) * MS_PER_DAY + MS_PER_HOUR;
}

/** Offset of Europe/Amsterdam from UTC in hours (1 or 2) at the given UTC epoch milliseconds. */
function offsetHoursAtUtcMs(ms: number): 1 | 2 {
  const year = civilFromDays(Math.floor(ms / MS_PER_DAY)).year;
  return ms >= zomertijdStartUtc(year) && ms < zomertijdEindeUtc(year) ? 2 : 1;
}

function assertValidInstant(instant: Date): number {
  const ms = instant.getTime();
  if (!Number.isFinite(ms)) throw new RangeError('Invalid instant');
  return ms;
}

/** Offset of Europe/Amsterdam from UTC in minutes (60 or 120) at the given instant. */
export function amsterdamOffsetMinutes(instant: Date): 60 | 120 {
  return offsetHoursAtUtcMs(assertValidInstant(instant)) === 2 ? 120 : 60;
}

/** The calendar date in Europe/Amsterdam at the given instant. */
export function toLocalDateAmsterdam(instant: Date): LocalDate {
  const ms = assertValidInstant(instant);
  const local = ms + offsetHoursAtUtcMs(ms) * MS_PER_HOUR;
  const { year, month, day } = civilFromDays(Math.floor(local / MS_PER_DAY));
  return formatLocalDate(year, month, day);
}

/**
 * The UTC instant of the Europe/Amsterdam wall-clock time `hour:minute` on date `d`.
 *
 * Transitions are resolved like Temporal's 'compatible' disambiguation: a time that occurs twice
 * (the autumn 02:00-03:00 hour) resolves to the earlier (CEST) instant; a time that does not exist
 * (the spring 02:00-03:00 gap) is moved forward by one hour (02:30 becomes 03:30 CEST).
 */
export function amsterdamInstant(d: LocalDate, hour: number, minute = 0): Date {
  if (!Number.isInteger(hour) || hour < 0 || hour > 23) throw new RangeError(`Invalid hour: ${hour}`);
  if (!Number.isInteger(minute) || minute < 0 || minute > 59) throw new RangeError(`Invalid minute: ${minute}`);
  const { year, month, day } = parseLocalDate(d);
  const wallAsUtc = daysFromCivil(year, month, day) * MS_PER_DAY + hour * MS_PER_HOUR + minute * MS_PER_MINUTE;
  const asCest = wallAsUtc - 2 * MS_PER_HOUR;
  if (offsetHoursAtUtcMs(asCest) === 2) return new Date(asCest);
  // Either a regular CET time or a non-existent time in the spring gap; in both cases UTC+1
  // arithmetic yields the intended (for the gap: one hour later) instant.
  return new Date(wallAsUtc - MS_PER_HOUR);
}

/** The first instant of date `d` in Europe/Amsterdam (00:00 local time). */
export function startOfDayAmsterdam(d: LocalDate): Date {
  return amsterdamInstant(d, 0, 0);
}

/** The last millisecond of date `d` in Europe/Amsterdam (23:59:59.999 local time). */
export function endOfDayAmsterdam(d: LocalDate): Date {
  const { year, month, day } = parseLocalDate(d);
  const next = civilFromDays(daysFromCivil(year, month, day) + 1);
  return new Date(amsterdamInstant(formatLocalDate(next.year, next.month, next.day), 0, 0).getTime() - 1);
}
