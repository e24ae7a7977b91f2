/**
 * Planning of an intake round (uitvraag): the reminders before its closing date and the moment it closes.
 * Pure and deterministic, on the same werkdagen calendar and reminder rule as the knelpunt deadlines
 * (`reminderDates`: N werkdagen before the due date; `amsterdamInstant` at the reminder hour).
 */
import { reminderDates } from '../werkdagen/termijn';
import { WerkdagenKalender } from '../werkdagen/werkdagen-kalender';
import { addDays, formatDatumNl, LocalDate } from '../werkdagen/local-date';
import { amsterdamInstant, startOfDayAmsterdam } from '../werkdagen/amsterdam-tijd';

/** The reminders of a round, by how many werkdagen before the closing date they go out. */
export const UITVRAAG_HERINNERINGEN = [
  { kind: '10_werkdagen', werkdagenBefore: 10 },
  { kind: '5_werkdagen', werkdagenBefore: 5 },
  { kind: 'sluitingsdag', werkdagenBefore: 0 },
] as const;

export type UitvraagHerinneringKind = (typeof UITVRAAG_HERINNERINGEN)[number]['kind'];

export const UITVRAAG_HERINNERING_KINDS: readonly UitvraagHerinneringKind[] = UITVRAAG_HERINNERINGEN.map((h) => h.kind);

/** The hour (Europe/Amsterdam) reminders go out: the default `reminderHour` of the deadline policies. */
export const UITVRAAG_HERINNERING_UUR = 9;

export interface UitvraagHerinneringPlan {
  kind: UitvraagHerinneringKind;
  werkdagenBefore: number;
  date: LocalDate;
  /** ISO instant: 09:00 Europe/Amsterdam on `date` */
  at: string;
  /** the moment had already passed when the round was planned: never sent (no burst of late reminders) */
  skipped: boolean;
}

export interface UitvraagPlan {
  closingDate: LocalDate;
  /** ISO instant the round closes: the start of the day after the closing date (like an overdue deadline) */
  closesAt: string;
  reminders: UitvraagHerinneringPlan[];
}

export function planUitvraag(
  closingDate: LocalDate,
  now: string,
  kalender: WerkdagenKalender,
  hour = UITVRAAG_HERINNERING_UUR,
): UitvraagPlan {
  const nowMs = Date.parse(now);
  if (Number.isNaN(nowMs)) throw new RangeError(`now is not an instant: ${now}`);
  const dates = reminderDates(
    closingDate,
    UITVRAAG_HERINNERINGEN.map((h) => h.werkdagenBefore),
    kalender,
  );
  const reminders = UITVRAAG_HERINNERINGEN.map((h, i) => {
    const at = amsterdamInstant(dates[i]!.date, hour).toISOString();
    return { kind: h.kind, werkdagenBefore: h.werkdagenBefore, date: dates[i]!.date, at, skipped: Date.parse(at) < nowMs };
  });
  return { closingDate, closesAt: startOfDayAmsterdam(addDays(closingDate, 1)).toISOString(), reminders };
}

/** Why a closing date cannot be used, in Dutch, or null: it must be a werkdag after `today`. */
export function sluitingsdatumProbleem(closingDate: LocalDate, today: LocalDate, kalender: WerkdagenKalender): string | null {
  if (closingDate <= today) return 'moet in de toekomst liggen';
  const reason = kalender.reasonNotWerkdag(closingDate);
  if (reason === null) return null;
  const weekend = reason === 'zaterdag' || reason === 'zondag';
  return `moet een werkdag zijn: ${formatDatumNl(closingDate)} ${weekend ? 'valt in het weekend' : `is ${reason}`}`;
}
