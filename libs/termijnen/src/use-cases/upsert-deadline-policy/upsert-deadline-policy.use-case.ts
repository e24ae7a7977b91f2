import { Injectable, Logger } from '@nestjs/common';
import { FIXED_DATE_KINDS } from '@kp/domain';
import { DomainException, InvalidParam } from '@kp/shared/errors';
import { Principal, toActor } from '@kp/toegang/principal';
import { DeadlinePolicyRepository } from '../../repositories/deadline-policy.repository';
import type { UpsertDeadlinePolicyDto } from '../../dtos/upsert-deadline-policy.dto';
import type { DeadlinePolicyDto } from '../../dtos/deadline-policy.dto';
import { toDeadlinePolicyDto } from '../list-deadline-policies/list-deadline-policies.use-case';

export const DEFAULT_REMINDER_HOUR = 9;

/**
 * Creates or replaces one deadline policy. Applies to deadlines planned from now on: a running deadline keeps
 * the snapshot of the policy it was planned with.
 */
@Injectable()
export class UpsertDeadlinePolicyUseCase {
  private readonly logger = new Logger(UpsertDeadlinePolicyUseCase.name);

  constructor(private readonly policies: DeadlinePolicyRepository) {}

  async execute(input: UpsertDeadlinePolicyDto, principal: Principal): Promise<{ policy: DeadlinePolicyDto; created: boolean }> {
    const problems: InvalidParam[] = [];
    if (input.instrument && input.kind !== 'politieke_reactie') {
      problems.push({ name: 'instrument', reason: 'is alleen toegestaan bij termijnsoort politieke_reactie' });
    }
    if (input.acuAfterOverdueWeeks != null && input.kind !== 'driehoek_besluit') {
      problems.push({ name: 'acuAfterOverdueWeeks', reason: 'is alleen toegestaan bij termijnsoort driehoek_besluit' });
    }
    if (!FIXED_DATE_KINDS.includes(input.kind) && input.term.amount < 1) {
      problems.push({ name: 'term.amount', reason: 'moet minstens 1 zijn' });
    }
    let organisation: string | null = null;
    if (input.organisation) {
      organisation = await this.policies.organisationCode(input.organisation);
      if (!organisation) problems.push({ name: 'organisation', reason: `onbekende organisatie '${input.organisation}'` });
    }
    if (problems.length > 0) throw DomainException.validation(problems);

    const { record, created } = await this.policies.upsert({
      organisation,
      kind: input.kind,
      instrument: input.instrument ?? null,
      termAmount: input.term.amount,
      termUnit: input.term.unit,
      reminderWerkdagen: [...input.reminderWerkdagen].sort((a, b) => b - a),
      overdueRepeatDays: input.overdueRepeatDays ?? null,
      acuAfterOverdueWeeks: input.acuAfterOverdueWeeks ?? null,
      notifyProgrammadirectie: input.notifyProgrammadirectieWhenOverdue,
      reminderHour: input.reminderHour ?? DEFAULT_REMINDER_HOUR,
      updatedBy: toActor(principal),
    });
    this.logger.log(
      `Termijnbeleid ${record.kind}${record.instrument ? `/${record.instrument}` : ''} voor ${record.organisation ?? 'alle organisaties'} ` +
        `${created ? 'aangemaakt' : 'gewijzigd'} door ${principal.subject}`,
    );
    return { policy: toDeadlinePolicyDto(record), created };
  }
}
