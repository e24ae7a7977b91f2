import { Injectable } from '@nestjs/common';
import { computeDeadline, DEADLINE_KINDS, DeadlineState } from '@kp/domain';
import { DomainException, InvalidParam } from '@kp/shared/errors';
import { WerkdagenKalenderProvider } from '../../kalender/werkdagen-kalender.provider';

/**
 * Recomputes a running deadline after opschorting or verlenging: due date, explanation and alarms on the
 * current calendar, keeping the alarms already done. Pure apart from reading the calendar.
 */
@Injectable()
export class RecomputeDeadlineUseCase {
  constructor(private readonly kalenders: WerkdagenKalenderProvider) {}

  async execute(input: { deadline: DeadlineState; now: string }): Promise<DeadlineState> {
    validate(input);
    const kalender = await this.kalenders.get();
    return computeDeadline(input.deadline, kalender, input.now);
  }
}

function validate(input: { deadline: DeadlineState; now: string }): void {
  const problems: InvalidParam[] = [];
  const d = input?.deadline;
  if (!d || typeof d !== 'object') throw DomainException.validation([{ name: 'deadline', reason: 'ontbreekt' }]);
  if (!(DEADLINE_KINDS as readonly string[]).includes(d.kind)) problems.push({ name: 'deadline.kind', reason: 'is onbekend' });
  if (!d.policy || !Array.isArray(d.policy.reminderWerkdagen)) problems.push({ name: 'deadline.policy', reason: 'ontbreekt' });
  if (!Array.isArray(d.extensions)) problems.push({ name: 'deadline.extensions', reason: 'moet een lijst zijn' });
  if (!Number.isInteger(d.suspendedDays) || d.suspendedDays < 0) {
    problems.push({ name: 'deadline.suspendedDays', reason: 'moet een niet-negatief geheel getal zijn' });
  }
  if (typeof input.now !== 'string' || Number.isNaN(Date.parse(input.now)))
    problems.push({ name: 'now', reason: 'moet een ISO-tijdstip zijn' });
  if (problems.length > 0) throw DomainException.validation(problems);
}
