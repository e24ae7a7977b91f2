/**
 * Pure planning of a deadline and its alarms (reminders, overdue, repeat, ACU agenda).
 * Called by an activity with the calendar and policy from the database; the workflow only carries
 * the result and fires the alarms at their time.
 */
import { berekenTermijn, reminderDates, Term, formatTermNl } from '../werkdagen/termijn';
import { WerkdagenKalender } from '../werkdagen/werkdagen-kalender';
import { LocalDate, addDays, addWeeks } from '../werkdagen/local-date';
import { amsterdamInstant, endOfDayAmsterdam, startOfDayAmsterdam } from '../werkdagen/amsterdam-tijd';
import { Alarm, DeadlineKind, DeadlinePolicySnapshot, DeadlineState, DEADLINE_LABELS } from './deadline-state';

export interface PlanDeadlineInput {
  id: string;
  kind: DeadlineKind;
  phase: string;
  startedOn: LocalDate;
  term: Term;
  policy: DeadlinePolicySnapshot;
  /** planning moment (ISO); alarms before it are marked skipped */
  now: string;
  /** a fixed due date (streefdatum, ACU meeting) instead of a counted term */
  fixedDueDate?: LocalDate;
}

function reminderLabel(kind: DeadlineKind, werkdagenBefore: number): string {
  const what = DEADLINE_LABELS[kind];
  if (werkdagenBefore === 0) return `${what}: de termijn verloopt vandaag`;
  return `${what}: nog ${werkdagenBefore} werkdag${werkdagenBefore === 1 ? '' : 'en'}`;
}

/** (Re)computes due date, explanation and alarms of a deadline; keeps alarms already done. */
export function computeDeadline(
  base: Omit<DeadlineState, 'dueDate' | 'dueAt' | 'explanation' | 'shiftedBy' | 'alarms'> & { alarms?: Alarm[]; fixedDueDate?: LocalDate },
  kalender: WerkdagenKalender,
  now: string,
): DeadlineState {
  let dueDate: LocalDate;
  let explanation: string[];
  let shiftedBy: { date: LocalDate; reason: string }[];
  if (base.fixedDueDate) {
    const shifted = kalender.nextWerkdagOnOrAfter(addDays(base.fixedDueDate, base.suspendedDays));
    const extended = base.extensions.reduce<LocalDate>((d, t) => berekenTermijn({ start: d, term: t }, kalender).dueDate, shifted.date);
    dueDate = extended;
    shiftedBy = shifted.skipped.map((s) => ({ date: s.date, reason: s.reason }));
    explanation = [
      `Vaste datum: ${base.fixedDueDate}.`,
      ...(base.suspendedDays > 0 ? [`Opgeschort: ${base.suspendedDays} kalenderdag(en) erbij.`] : []),
      ...base.extensions.map((t) => `Verlengd met ${formatTermNl(t)}.`),
      ...shifted.skipped.map((s) => `${s.date} is geen werkdag (${s.reason}); de datum schuift op.`),
      `Uiterste datum: ${dueDate}.`,
    ];
  } else {
    const calc = berekenTermijn(
      { start: base.startedOn, term: base.term, suspendedDays: base.suspendedDays, extensions: base.extensions },
      kalender,
    );
    dueDate = calc.dueDate;
    explanation = calc.explanation;
    shiftedBy = calc.shiftedBy.map((s) => ({ date: s.date, reason: s.reason }));
  }
  const dueAt = endOfDayAmsterdam(dueDate).toISOString();
  const nowMs = Date.parse(now);
  const previous = new Map((base.alarms ?? []).map((a) => [a.key, a]));
  const alarms: Alarm[] = [];
  const push = (a: Omit<Alarm, 'done'>): void => {
    const old = previous.get(a.key);
    if (old) {
      alarms.push(old);
      return;
    }
    const past = Date.parse(a.at) < nowMs;
    alarms.push({ ...a, done: past, ...(past ? { skipped: true } : {}) });
  };
  for (const r of reminderDates(dueDate, base.policy.reminderWerkdagen, kalender)) {
    push({
      key: `${base.id}:herinnering:${r.werkdagenBefore}:${dueDate}`,
      at: amsterdamInstant(r.date, base.policy.reminderHour).toISOString(),
      type: 'herinnering',
      label: reminderLabel(base.kind, r.werkdagenBefore),
    });
  }
  const overdueAt = startOfDayAmsterdam(addDays(dueDate, 1)).toISOString();
  // The overdue alarm is never skipped: a deadline planned after its end is overdue at once.
  const oldOverdue = previous.get(`${base.id}:verlopen:${dueDate}`);
  alarms.push(
    oldOverdue ?? {
      key: `${base.id}:verlopen:${dueDate}`,
      at: overdueAt,
      type: 'verlopen',
      label: `${DEADLINE_LABELS[base.kind]}: termijn verstreken`,
      done: false,
    },
  );
  if (base.policy.acuAfterOverdueWeeks !== null) {
    const acuDate = addWeeks(dueDate, base.policy.acuAfterOverdueWeeks);
    push({
      key: `${base.id}:acu_agenda:${dueDate}`,
      at: startOfDayAmsterdam(addDays(acuDate, 1)).toISOString(),
      type: 'acu_agenda',
      label: `${DEADLINE_LABELS[base.kind]}: ${base.policy.acuAfterOverdueWeeks} weken over de termijn; naar de ACU-agenda`,
    });
  }
  // Alarms of an earlier due date that were already sent stay in the history.
  for (const a of base.alarms ?? []) if (a.done && !alarms.some((x) => x.key === a.key)) alarms.push(a);
  alarms.sort((a, b) => a.at.localeCompare(b.at));
  const { fixedDueDate: _fixed, ...rest } = base;
  void _fixed;
  return {
    ...rest,
    ...(base.fixedDueDate ? { fixedDueDate: base.fixedDueDate } : {}),
    dueDate,
    dueAt,
    explanation,
    shiftedBy,
    alarms,
  } as DeadlineState;
}

export function planDeadline(input: PlanDeadlineInput, kalender: WerkdagenKalender): DeadlineState {
  return computeDeadline(
    {
      id: input.id,
      kind: input.kind,
      phase: input.phase,
      startedOn: input.startedOn,
      term: input.term,
      suspendedDays: 0,
      extensions: [],
      state: 'lopend',
      suspendedSince: null,
      policy: input.policy,
      log: [],
      ...(input.fixedDueDate ? { fixedDueDate: input.fixedDueDate } : {}),
    },
    kalender,
    input.now,
  );
}

/** The next repeat reminder while overdue, or null when the policy has none. */
export function nextRepeatAlarm(d: DeadlineState, after: string): Alarm | null {
  if (d.policy.overdueRepeatDays === null) return null;
  const at = new Date(Date.parse(after) + d.policy.overdueRepeatDays * 24 * 3600 * 1000);
  return {
    key: `${d.id}:herhaal:${at.toISOString()}`,
    at: at.toISOString(),
    type: 'herhaalherinnering',
    label: `${DEADLINE_LABELS[d.kind]}: termijn verstreken (herhaalde herinnering)`,
    done: false,
  };
}
