import { Injectable } from '@nestjs/common';
import {
  DEADLINE_KINDS,
  DeadlineKind,
  DeadlinePolicySnapshot,
  DeadlineState,
  isLocalDate,
  planDeadline,
  Term,
  toLocalDateAmsterdam,
} from '@kp/domain';
import { DomainException, InvalidParam } from '@kp/shared/errors';
import type { PlanDeadlineRequest } from '../../../../../workflows/knelpunt/knelpunt.activities-contract';
import { DeadlinePolicyRepository, DeadlinePolicyRecord } from '../../repositories/deadline-policy.repository';
import { WerkdagenKalenderProvider } from '../../kalender/werkdagen-kalender.provider';
import { DeadlinePolicyMissingException } from '../../exceptions/deadline-policy-missing.exception';
import { resolveDeadlinePolicy } from './resolve-deadline-policy';

/** Kinds that run to a fixed date (targetDate, meeting date) instead of a counted term. */
export const FIXED_DATE_KINDS: readonly DeadlineKind[] = ['streefdatum', 'acu_behandeling'];

export function toPolicySnapshot(p: DeadlinePolicyRecord): DeadlinePolicySnapshot {
  return {
    reminderWerkdagen: [...p.reminderWerkdagen],
    overdueRepeatDays: p.overdueRepeatDays,
    acuAfterOverdueWeeks: p.acuAfterOverdueWeeks,
    notifyProgrammadirectieWhenOverdue: p.notifyProgrammadirectie,
    reminderHour: p.reminderHour,
  };
}

/**
 * Plans a new deadline: the applicable policy (organisation over default; per instrument for politieke_reactie),
 * the calendar with the stored equated days, then the pure planner. Reads only: a retry gives the same result
 * unless the policy or the calendar changed in between.
 */
@Injectable()
export class PlanDeadlineUseCase {
  constructor(
    private readonly policies: DeadlinePolicyRepository,
    private readonly kalenders: WerkdagenKalenderProvider,
  ) {}

  async execute(req: PlanDeadlineRequest): Promise<DeadlineState> {
    validate(req);
    const instrument = req.kind === 'politieke_reactie' ? (req.instrument ?? null) : null;
    const candidates = await this.policies.candidates(req.kind, req.organisation);
    const policy = resolveDeadlinePolicy(candidates, { organisation: req.organisation, kind: req.kind, instrument });
    if (!policy) throw new DeadlinePolicyMissingException(req.kind, req.organisation, instrument);
    const kalender = await this.kalenders.get();
    const term: Term = { amount: policy.termAmount, unit: policy.termUnit };
    return planDeadline(
      {
        id: req.deadlineId,
        kind: req.kind,
        phase: req.phase,
        startedOn: req.startedOn ?? toLocalDateAmsterdam(new Date(req.now)),
        term,
        policy: toPolicySnapshot(policy),
        now: req.now,
        ...(req.fixedDueDate ? { fixedDueDate: req.fixedDueDate } : {}),
      },
      kalender,
    );
  }
}

/** Temporal payloads are untyped: the request checks itself. */
function validate(req: PlanDeadlineRequest): void {
  const problems: InvalidParam[] = [];
  if (!req || typeof req !== 'object') throw DomainException.validation([{ name: 'request', reason: 'ontbreekt' }]);
  if (typeof req.deadlineId !== 'string' || req.deadlineId === '') problems.push({ name: 'deadlineId', reason: 'is verplicht' });
  if (typeof req.organisation !== 'string' || req.organisation === '') problems.push({ name: 'organisation', reason: 'is verplicht' });
  if (!(DEADLINE_KINDS as readonly string[]).includes(req.kind)) {
    problems.push({ name: 'kind', reason: `moet een van ${DEADLINE_KINDS.join(', ')} zijn` });
  }
  if (typeof req.now !== 'string' || Number.isNaN(Date.parse(req.now)))
    problems.push({ name: 'now', reason: 'moet een ISO-tijdstip zijn' });
  if (req.startedOn !== undefined && !isLocalDate(req.startedOn))
    problems.push({ name: 'startedOn', reason: 'moet een datum zijn (JJJJ-MM-DD)' });
  if (req.fixedDueDate !== undefined && !isLocalDate(req.fixedDueDate)) {
    problems.push({ name: 'fixedDueDate', reason: 'moet een datum zijn (JJJJ-MM-DD)' });
  }
  if (FIXED_DATE_KINDS.includes(req.kind) && req.fixedDueDate === undefined) {
    problems.push({ name: 'fixedDueDate', reason: `is verplicht voor een termijn van soort '${req.kind}'` });
  }
  if (problems.length > 0) throw DomainException.validation(problems);
}
