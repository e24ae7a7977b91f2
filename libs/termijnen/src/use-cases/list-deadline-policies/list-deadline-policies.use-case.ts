import { Injectable } from '@nestjs/common';
import type { DeadlineKind } from '@kp/domain';
import { DeadlinePolicyRepository, DeadlinePolicyRecord } from '../../repositories/deadline-policy.repository';
import type { DeadlinePolicyDto } from '../../dtos/deadline-policy.dto';

export function toDeadlinePolicyDto(p: DeadlinePolicyRecord): DeadlinePolicyDto {
  return {
    id: p.id,
    organisation: p.organisation,
    kind: p.kind,
    instrument: p.instrument,
    term: { amount: p.termAmount, unit: p.termUnit },
    reminderWerkdagen: p.reminderWerkdagen,
    overdueRepeatDays: p.overdueRepeatDays,
    acuAfterOverdueWeeks: p.acuAfterOverdueWeeks,
    notifyProgrammadirectieWhenOverdue: p.notifyProgrammadirectie,
    reminderHour: p.reminderHour,
    updatedAt: p.updatedAt.toISOString(),
    updatedBy: p.updatedBy,
  };
}

/** The deadline policies (the defaults and the organisation-specific ones), optionally narrowed. */
@Injectable()
export class ListDeadlinePoliciesUseCase {
  constructor(private readonly policies: DeadlinePolicyRepository) {}

  async execute(filter: { organisation?: string; kind?: DeadlineKind }): Promise<DeadlinePolicyDto[]> {
    const organisation = filter.organisation
      ? ((await this.policies.organisationCode(filter.organisation)) ?? filter.organisation)
      : undefined;
    const rows = await this.policies.list({ organisation, kind: filter.kind });
    return rows.map(toDeadlinePolicyDto);
  }
}
