/**
 * Expected dates and instants, computed in the tests with the same pure calendar the system uses
 * (libs/domain/src/werkdagen), never with hard-coded dates: the time-skipping clock starts at the real "now".
 */
import {
  amsterdamInstant,
  amsterdamOffsetMinutes,
  addDays,
  berekenTermijn,
  LocalDate,
  startOfDayAmsterdam,
  Term,
  toLocalDateAmsterdam,
  WerkdagenKalender,
} from '../../../libs/domain/src';

/** The default calendar: the statutory feestdagen plus the equated days the migration seeds. */
export const kalender = new WerkdagenKalender();

export const REMINDER_HOUR = 9;

export function localDate(instant: string | number | Date): LocalDate {
  return toLocalDateAmsterdam(new Date(instant));
}

/** Europe/Amsterdam wall-clock minute of an instant: 'YYYY-MM-DDTHH:mm'. */
export function amsterdamMinute(instant: string | number | Date): string {
  const ms = new Date(instant).getTime();
  return new Date(ms + amsterdamOffsetMinutes(new Date(ms)) * 60_000).toISOString().slice(0, 16);
}

/** The due date of a term started on `start` (event day not counted, then the Algemene termijnenwet shift). */
export function dueDateOf(start: LocalDate, term: Term, suspendedDays = 0, extensions: Term[] = []): LocalDate {
  return berekenTermijn({ start, term, suspendedDays, extensions }, kalender).dueDate;
}

/** A fixed date moved onto a werkdag (streefdatum, meeting date). */
export function onWerkdag(d: LocalDate): LocalDate {
  return kalender.nextWerkdagOnOrAfter(d).date;
}

/** The reminder instant `werkdagen` werkdagen before `due`, at 09:00 Europe/Amsterdam. */
export function reminderAt(due: LocalDate, werkdagen: number): string {
  return amsterdamInstant(kalender.addWerkdagen(due, -werkdagen), REMINDER_HOUR).toISOString();
}

/** Start of the day after the due date: the moment a deadline is overdue. */
export function overdueAt(due: LocalDate): string {
  return startOfDayAmsterdam(addDays(due, 1)).toISOString();
}

export function noonOf(d: LocalDate): number {
  return amsterdamInstant(d, 12).getTime();
}

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;
