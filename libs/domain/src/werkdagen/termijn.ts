/**
 * Deadline (termijn) computation with a Dutch explanation. Pure and deterministic.
 *
 * Counting rule (explicit choice):
 * - `start` is the date of the triggering event (e.g. the intake date). The event day itself is not
 *   counted; the term runs from the day after.
 * - N dagen     -> start + N calendar days.
 * - N weken     -> start + N weeks: the same weekday N weeks later.
 * - N maanden   -> start + N months, the same day of the month, clamped to the end of a shorter month.
 * - N werkdagen -> the N-th werkdag after start.
 * Then, in this order: the suspended calendar days (opschorting) are added; each extension
 * (verlenging) is applied in order to the end found so far, using the same unit rules; finally
 * art. 1 Algemene termijnenwet: an end on a Saturday, Sunday or algemeen erkende feestdag (or a day
 * equated to one) runs on to the next day that is none of these.
 */
import { addDays, addMonths, addWeeks, assertLocalDate, daysBetween, formatDatumNl, LocalDate } from './local-date';
import { SkippedDay, WerkdagenKalender } from './werkdagen-kalender';

export type TermUnit = 'werkdagen' | 'dagen' | 'weken' | 'maanden';

export const TERM_UNITS: readonly TermUnit[] = Object.freeze(['werkdagen', 'dagen', 'weken', 'maanden']);

export interface Term {
  amount: number;
  unit: TermUnit;
}

export interface TermijnBerekening {
  /** Date of the triggering event; the term runs from the day after. */
  start: LocalDate;
  term: Term;
  /** End by plain counting of `term` from `start`. */
  nominalEnd: LocalDate;
  /** Calendar days added for opschorting. */
  suspendedDays: number;
  /**
   * Total verlenging, or null when there is none. Several extensions in the same unit are summed;
   * extensions in mixed units are expressed as the resulting number of calendar days ('dagen').
   */
  extension: Term | null;
  /** The individual extensions, in the order applied. */
  extensions: Term[];
  /** End after suspension and extensions, before the Algemene termijnenwet shift. */
  unshiftedEnd: LocalDate;
  /** Final due date after the art. 1 Algemene termijnenwet shift; always a werkdag. */
  dueDate: LocalDate;
  /** The weekend days / feestdagen that moved the end (empty when it was not moved). */
  shiftedBy: SkippedDay[];
  /** Dutch sentences: start, term, suspension, extensions, which days moved it, due date. */
  explanation: string[];
}

export interface TermijnInput {
  start: LocalDate;
  term: Term;
  suspendedDays?: number;
  extensions?: readonly Term[];
}

function assertTerm(term: Term, what: string): void {
  if (!term || !TERM_UNITS.includes(term.unit)) {
    throw new RangeError(`${what}: unknown unit ${JSON.stringify(term?.unit)}`);
  }
  if (!Number.isInteger(term.amount) || term.amount < 0) {
    throw new RangeError(`${what}: amount must be a non-negative integer, got ${term.amount}`);
  }
}

/** `from` plus `term` according to the counting rule above (no Algemene termijnenwet shift). */
export function addTerm(from: LocalDate, term: Term, kalender: WerkdagenKalender): LocalDate {
  assertTerm(term, 'Term');
  switch (term.unit) {
    case 'dagen':
      return addDays(from, term.amount);
    case 'weken':
      return addWeeks(from, term.amount);
    case 'maanden':
      return addMonths(from, term.amount);
    case 'werkdagen':
      return kalender.addWerkdagen(from, term.amount);
  }
}

const UNIT_NL: Record<TermUnit, [singular: string, plural: string]> = {
  werkdagen: ['werkdag', 'werkdagen'],
  dagen: ['dag', 'dagen'],
  weken: ['week', 'weken'],
  maanden: ['maand', 'maanden'],
};

/** Dutch rendering of a term, e.g. '8 weken', '1 werkdag'. */
export function formatTermNl(term: Term): string {
  const [singular, plural] = UNIT_NL[term.unit];
  return `${term.amount} ${term.amount === 1 ? singular : plural}`;
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function combineExtensions(extensions: readonly Term[], before: LocalDate, after: LocalDate): Term | null {
  if (extensions.length === 0) return null;
  const unit = extensions[0]!.unit;
  if (extensions.every((e) => e.unit === unit)) {
    return { amount: extensions.reduce((sum, e) => sum + e.amount, 0), unit };
  }
  return { amount: daysBetween(before, after), unit: 'dagen' };
}

/** Dutch sentence for one day skipped under art. 1 Algemene termijnenwet. */
function skippedSentence(s: SkippedDay): string {
  const datum = capitalize(formatDatumNl(s.date));
  return s.reason === 'zaterdag' || s.reason === 'zondag' ? `${datum} valt in het weekend.` : `${datum} is geen werkdag: ${s.reason}.`;
}

/** Computes a deadline and explains it (see the counting rule at the top of this file). */
export function berekenTermijn(input: TermijnInput, kalender: WerkdagenKalender): TermijnBerekening {
  const start = assertLocalDate(input.start, 'start date');
  assertTerm(input.term, 'Term');
  const suspendedDays = input.suspendedDays ?? 0;
  if (!Number.isInteger(suspendedDays) || suspendedDays < 0) {
    throw new RangeError(`suspendedDays must be a non-negative integer, got ${suspendedDays}`);
  }
  const extensions = (input.extensions ?? []).map((e, i) => {
    assertTerm(e, `Extension ${i + 1}`);
    return { amount: e.amount, unit: e.unit };
  });
  const term: Term = { amount: input.term.amount, unit: input.term.unit };

  const explanation: string[] = [];
  explanation.push(`Startdatum: ${formatDatumNl(start)} (de dag van de gebeurtenis); de termijn loopt vanaf de dag daarna.`);

  const nominalEnd = addTerm(start, term, kalender);
  explanation.push(
    term.unit === 'werkdagen'
      ? `Termijn van ${formatTermNl(term)} (zaterdagen, zondagen en feestdagen tellen niet mee): bij gewone telling eindigt de termijn op ${formatDatumNl(nominalEnd)}.`
      : `Termijn van ${formatTermNl(term)}: bij gewone telling eindigt de termijn op ${formatDatumNl(nominalEnd)}.`,
  );

  let end = nominalEnd;
  if (suspendedDays > 0) {
    end = addDays(end, suspendedDays);
    explanation.push(
      `De termijn is ${suspendedDays} ${suspendedDays === 1 ? 'kalenderdag' : 'kalenderdagen'} opgeschort; de einddatum schuift op naar ${formatDatumNl(end)}.`,
    );
  }

  const beforeExtensions = end;
  for (const ext of extensions) {
    end = addTerm(end, ext, kalender);
    explanation.push(`De termijn is verlengd met ${formatTermNl(ext)}; de einddatum schuift op naar ${formatDatumNl(end)}.`);
  }
  const unshiftedEnd = end;

  const { date: dueDate, skipped } = kalender.nextWerkdagOnOrAfter(unshiftedEnd);
  if (skipped.length === 0) {
    explanation.push(`${capitalize(formatDatumNl(unshiftedEnd))} is een werkdag; de einddatum verschuift niet.`);
  } else {
    for (const s of skipped) explanation.push(skippedSentence(s));
    explanation.push(`Op grond van artikel 1 van de Algemene termijnenwet loopt de termijn door tot en met ${formatDatumNl(dueDate)}.`);
  }
  explanation.push(`Uiterste datum: ${formatDatumNl(dueDate)}.`);

  return {
    start,
    term,
    nominalEnd,
    suspendedDays,
    extension: combineExtensions(extensions, beforeExtensions, unshiftedEnd),
    extensions,
    unshiftedEnd,
    dueDate,
    shiftedBy: skipped,
    explanation,
  };
}

export interface ReminderDate {
  werkdagenBefore: number;
  date: LocalDate;
}

/**
 * Reminder dates relative to a due date, in the order given: for each n, the n-th werkdag before
 * `dueDate` (n = 0: the due date itself; a negative n gives the |n|-th werkdag after it, e.g. for
 * overdue reminders). Example: [10, 5, 0] -> 10 and 5 werkdagen before, and on the day.
 */
export function reminderDates(dueDate: LocalDate, werkdagenBefore: readonly number[], kalender: WerkdagenKalender): ReminderDate[] {
  assertLocalDate(dueDate, 'due date');
  return werkdagenBefore.map((n) => {
    if (!Number.isInteger(n)) throw new RangeError(`werkdagenBefore must be integers, got ${n}`);
    return { werkdagenBefore: n, date: kalender.addWerkdagen(dueDate, -n) };
  });
}
