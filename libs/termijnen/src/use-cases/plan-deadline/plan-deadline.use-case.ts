import { Injectable } from '@nestjs/common';
import { DeadlineState, planFromPolicies, planRequestProblems } from '@kp/domain';
import { DomainException } from '@kp/shared/errors';
import type { PlanDeadlineRequest } from '../../../../../workflows/knelpunt/knelpunt.activities-contract';
import { DeadlinePolicyRepository, toPolicyCandidate } from '../../repositories/deadline-policy.repository';
import { WerkdagenKalenderProvider } from '../../kalender/werkdagen-kalender.provider';
import { DeadlinePolicyMissingException } from '../../exceptions/deadline-policy-missing.exception';

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
    if (!req || typeof req !== 'object') throw DomainException.validation([{ name: 'request', reason: 'ontbreekt' }]);
    // Temporal payloads are untyped: the request checks itself.
    const problems = planRequestProblems(req);
    if (problems.length > 0) throw DomainException.validation(problems);
    const candidates = (await this.policies.candidates(req.kind, req.organisation)).map(toPolicyCandidate);
    const planned = planFromPolicies(req, candidates, await this.kalenders.get());
    if (!planned) {
      throw new DeadlinePolicyMissingException(
        req.kind,
        req.organisation,
        req.kind === 'politieke_reactie' ? (req.instrument ?? null) : null,
      );
    }
    return planned;
  }
}
