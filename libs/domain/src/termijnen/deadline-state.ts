/** Deadline state as carried by the workflow and projected to the database. Pure types. */
import type { LocalDate } from '../werkdagen/local-date';
import type { Term } from '../werkdagen/termijn';

export const DEADLINE_KINDS = [
  'driehoek_besluit',
  'informatie',
  'voortgang',
  'streefdatum',
  'acu_behandeling',
  'politieke_reactie',
] as const;
export type DeadlineKind = (typeof DEADLINE_KINDS)[number];

export const DEADLINE_LABELS: Record<DeadlineKind, string> = {
  driehoek_besluit: 'Besluit van de driehoek',
  informatie: 'Antwoord op informatieverzoek',
  voortgang: 'Voortgangsrapportage',
  streefdatum: 'Streefdatum aanpak',
  acu_behandeling: 'Behandeling in de ACU',
  politieke_reactie: 'Politieke opvolging',
};

export type DeadlineStateName = 'lopend' | 'opgeschort' | 'verlopen' | 'voldaan' | 'vervallen';

export type AlarmType =
  /** reminder before (or on) the due date */
  | 'herinnering'
  /** the term has passed */
  | 'verlopen'
  /** repeated reminder while overdue */
  | 'herhaalherinnering'
  /** overdue long enough to go on the ACU agenda */
  | 'acu_agenda';

export interface Alarm {
  key: string;
  at: string;
  type: AlarmType;
  label: string;
  done: boolean;
  /** Planned in the past (e.g. after a late start): not sent. */
  skipped?: boolean;
}

export interface DeadlinePolicySnapshot {
  /** werkdagen before the due date on which to remind (0 = on the day itself) */
  reminderWerkdagen: number[];
  /** repeat a reminder every N days while overdue; null = not */
  overdueRepeatDays: number | null;
  /** place on the ACU agenda after N weeks overdue; null = off */
  acuAfterOverdueWeeks: number | null;
  /** tell the programmadirectie when overdue */
  notifyProgrammadirectieWhenOverdue: boolean;
  /** local hour at which reminders go out */
  reminderHour: number;
}

export interface DeadlineLogEntry {
  at: string;
  type: 'gestart' | 'opgeschort' | 'hervat' | 'verlengd' | 'verlopen' | 'voldaan' | 'vervallen' | 'herberekend';
  actor: { subject: string; name: string; role: string; organisation: string | null };
  reason: string;
  data?: Record<string, unknown>;
}

export interface DeadlineState {
  id: string;
  kind: DeadlineKind;
  /** the status in which this deadline runs */
  phase: string;
  startedOn: LocalDate;
  term: Term;
  suspendedDays: number;
  extensions: Term[];
  dueDate: LocalDate;
  /** end of the due date, Europe/Amsterdam, as ISO instant */
  dueAt: string;
  state: DeadlineStateName;
  suspendedSince: string | null;
  explanation: string[];
  shiftedBy: { date: LocalDate; reason: string }[];
  policy: DeadlinePolicySnapshot;
  alarms: Alarm[];
  log: DeadlineLogEntry[];
  /** a fixed due date (streefdatum, ACU meeting) instead of a counted term */
  fixedDueDate?: LocalDate;
}

/** The running deadlines whose alarms should still fire. */
export function isActive(d: DeadlineState): boolean {
  return d.state === 'lopend' || d.state === 'verlopen';
}

/** Earliest pending alarm over all active deadlines, as epoch ms, or null. */
export function nextAlarmAt(deadlines: readonly DeadlineState[]): number | null {
  let next: number | null = null;
  for (const d of deadlines) {
    if (!isActive(d)) continue;
    for (const a of d.alarms) {
      if (a.done) continue;
      const t = Date.parse(a.at);
      if (next === null || t < next) next = t;
    }
  }
  return next;
}

/** The nearest due instant of the running deadlines (for queues and search attributes). */
export function nextDueAt(deadlines: readonly DeadlineState[]): string | null {
  const running = deadlines.filter((d) => d.state === 'lopend' || d.state === 'verlopen' || d.state === 'opgeschort');
  if (running.length === 0) return null;
  return running.map((d) => d.dueAt).sort()[0] ?? null;
}
