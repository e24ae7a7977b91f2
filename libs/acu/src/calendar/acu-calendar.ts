/**
 * The default ACU meeting calendar. Pure (the working-day calendar is passed in).
 *
 * Choice (DOMAIN.md: "monthly by default"): the ACU meets on the first Thursday of each month that is a werkdag
 * (when the first Thursday is a feestdag, such as Nieuwjaarsdag or Hemelvaartsdag, the second Thursday). The agenda
 * closes 5 werkdagen before the meeting: `agendaClosesOn` is the last day on which a knelpunt can still be placed.
 */
import { formatLocalDate, isoWeekday, LocalDate, parseLocalDate, WerkdagenKalender, addDays } from '@kp/domain';

export const AGENDA_CLOSES_WERKDAGEN_BEFORE = 5;
/** ISO weekday of the default meeting: Thursday. */
export const DEFAULT_MEETING_WEEKDAY = 4;
/** How many months ahead a default meeting is looked for before giving up (guards against a runaway loop). */
export const MAX_MONTHS_AHEAD = 36;

export interface PlannedMeeting {
  meetingDate: LocalDate;
  agendaClosesOn: LocalDate;
}

/** The last day on which the agenda of a meeting on `meetingDate` is open. */
export function agendaClosesOn(meetingDate: LocalDate, kalender: WerkdagenKalender): LocalDate {
  return kalender.addWerkdagen(meetingDate, -AGENDA_CLOSES_WERKDAGEN_BEFORE);
}

/** The default meeting date of a month: its first Thursday that is a werkdag. */
export function defaultMeetingDate(year: number, month: number, kalender: WerkdagenKalender): LocalDate {
  const first = formatLocalDate(year, month, 1);
  let d = addDays(first, (DEFAULT_MEETING_WEEKDAY - isoWeekday(first) + 7) % 7);
  while (!kalender.isWerkdag(d)) d = addDays(d, 7);
  return d;
}

/**
 * The default meetings whose agenda is still open on `today`, in date order, starting in the month of `today`
 * (at most {@link MAX_MONTHS_AHEAD} months).
 */
export function* defaultMeetingsFrom(today: LocalDate, kalender: WerkdagenKalender): Generator<PlannedMeeting> {
  let { year, month } = parseLocalDate(today);
  for (let i = 0; i < MAX_MONTHS_AHEAD; i++) {
    const meetingDate = defaultMeetingDate(year, month, kalender);
    const closes = agendaClosesOn(meetingDate, kalender);
    if (closes >= today) yield { meetingDate, agendaClosesOn: closes };
    month += 1;
    if (month > 12) {
      month = 1;
      year += 1;
    }
  }
}
