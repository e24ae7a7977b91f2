import { DEADLINE_KINDS, DEADLINE_LABELS, type DeadlineKind } from '@kp/domain/termijnen/deadline-state';
import { OUTCOMES, type Outcome } from '@kp/domain/knelpunt/statuses';

/** The outcomes of a closed knelpunt as people read them (the one place for these words in notifications). */
export const OUTCOME_LABELS: Record<Outcome, string> = {
  opgelost: 'opgelost',
  deels_opgelost: 'deels opgelost',
  niet_oplosbaar: 'niet oplosbaar',
  geen_knelpunt: 'geen knelpunt',
  samengevoegd: 'samengevoegd met een ander knelpunt',
  ingetrokken: 'ingetrokken',
};

export function outcomeLabel(outcome: string): string | null {
  return (OUTCOMES as readonly string[]).includes(outcome) ? OUTCOME_LABELS[outcome as Outcome] : null;
}

/** The deadline kinds as people read them (libs/domain's labels). */
export function deadlineLabel(kind: string): string | null {
  return (DEADLINE_KINDS as readonly string[]).includes(kind) ? DEADLINE_LABELS[kind as DeadlineKind] : null;
}

const MONTHS = ['januari', 'februari', 'maart', 'april', 'mei', 'juni', 'juli', 'augustus', 'september', 'oktober', 'november', 'december'];

/**
 * A date in Dutch words: '2027-01-27' → '27 januari 2027'. An instant ('2027-01-27T08:00:00Z') is read as the date
 * in Europe/Amsterdam. Null when the value is no valid date.
 */
export function dutchDate(value: string): string | null {
  let y: number;
  let m: number;
  let d: number;
  const plain = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (plain) {
    [y, m, d] = [Number(plain[1]), Number(plain[2]), Number(plain[3])];
    const check = new Date(Date.UTC(y, m - 1, d));
    if (check.getUTCFullYear() !== y || check.getUTCMonth() !== m - 1 || check.getUTCDate() !== d) return null;
  } else {
    if (!/^\d{4}-\d{2}-\d{2}T/.test(value)) return null;
    const instant = new Date(value);
    if (Number.isNaN(instant.getTime())) return null;
    const parts = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam', year: 'numeric', month: '2-digit', day: '2-digit' })
      .formatToParts(instant)
      .reduce<Record<string, string>>((acc, p) => ({ ...acc, [p.type]: p.value }), {});
    [y, m, d] = [Number(parts.year), Number(parts.month), Number(parts.day)];
  }
  return `${d} ${MONTHS[m - 1]} ${y}`;
}
