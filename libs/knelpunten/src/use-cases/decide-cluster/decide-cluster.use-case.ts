import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { ALLOWED_FROM, DecisionName, Status, allowedDecisionsForAll, toLocalDateAmsterdam, validateDecisionFields } from '@kp/domain';
import { DomainException, ErrorCode } from '@kp/shared/errors';
import { Principal } from '@kp/toegang/principal';
import { ClusterRepository } from '@kp/acu/repositories/cluster.repository';
import { KnelpuntRepository } from '../../repositories/knelpunt.repository';
import { KnelpuntWorkflowGateway } from '../../workflow/knelpunt-workflow.gateway';
import { MergeTargetPolicy } from '../../policies/merge-target.policy';
import { DecisionRequestDto } from '../../dtos/knelpunt.dto';
import { actorRef } from '../decide-knelpunt/decide-knelpunt.use-case';

export interface ClusterDecisionResult {
  clusterId: string;
  decision: string;
  items: { knelpuntId: string; reference: string; status: string; outcome: string | null }[];
}

/**
 * One ACU decision for every member of a cluster. All members are checked first (409 with the decisions
 * allowed for all of them when any refuses); each member's workflow then receives the decision as an Update
 * with a deterministic id, so a retry with the same Idempotency-Key completes an interrupted run without
 * applying anything twice.
 */
@Injectable()
export class DecideClusterUseCase {
  constructor(
    private readonly clusters: ClusterRepository,
    private readonly knelpunten: KnelpuntRepository,
    private readonly gateway: KnelpuntWorkflowGateway,
    private readonly mergeTargets: MergeTargetPolicy,
  ) {}

  async execute(
    principal: Principal,
    clusterId: string,
    body: DecisionRequestDto,
    idempotencyKey?: string,
  ): Promise<ClusterDecisionResult> {
    const { decision, ...rest } = body;
    const fields = Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined)) as Record<string, unknown>;
    const problems = validateDecisionFields(decision as DecisionName, fields, toLocalDateAmsterdam(new Date()));
    if (problems.length > 0) throw DomainException.validation(problems);
    const memberIds = await this.clusters.members(clusterId);
    if (memberIds.length === 0) throw DomainException.notFound(`Cluster ${clusterId} bestaat niet.`);
    if (decision === 'samenvoegen') await this.mergeTargets.check(principal, fields, { knelpuntIds: memberIds, clusterId });
    const members = await Promise.all(memberIds.map((id) => this.knelpunten.findById(id, { escalatedOnly: true })));
    const refused = members.filter((k) => !k || !ALLOWED_FROM[decision as DecisionName].includes(k.status as Status));
    if (refused.length > 0) {
      const allowed = members.some((k) => !k)
        ? []
        : allowedDecisionsForAll(
            members.map((k) => k!.status as Status),
            principal.role,
          );
      throw new DomainException(
        ErrorCode.DECISION_NOT_ALLOWED,
        `Beslissing '${decision}' is niet toegestaan voor ${refused.map((k) => (k ? `${k.reference} (${k.status})` : 'een onbekend knelpunt')).join(', ')}.`,
        [],
        { allowed },
      );
    }
    const runId = idempotencyKey ? `${principal.subject}:${idempotencyKey}` : randomUUID();
    const items: ClusterDecisionResult['items'] = [];
    for (const k of members) {
      if (!k) continue;
      const state = await this.gateway.decide(k, {
        decisionId: `cluster:${clusterId}:${runId}:${k.id}`,
        decision: decision as DecisionName,
        actor: actorRef(principal),
        fields,
      });
      items.push({ knelpuntId: k.id, reference: k.reference, status: state.status, outcome: state.outcome });
    }
    return { clusterId, decision, items };
  }
}
