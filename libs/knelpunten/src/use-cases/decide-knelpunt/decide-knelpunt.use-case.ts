import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DecisionName, DECISIONS, validateDecisionFields, toLocalDateAmsterdam } from '@kp/domain';
import { DomainException } from '@kp/shared/errors';
import { Principal, toActor } from '@kp/toegang/principal';
import { KnelpuntWorkflowGateway } from '../../workflow/knelpunt-workflow.gateway';
import { KnelpuntRepository } from '../../repositories/knelpunt.repository';
import { ClusterRepository } from '@kp/acu/repositories/cluster.repository';
import { GetKnelpuntUseCase, refuseWhenClosed } from '../get-knelpunt/get-knelpunt.use-case';
import { DecisionRequestDto } from '../../dtos/knelpunt.dto';
import { KnelpuntDetailDto } from '../../dtos/knelpunt-response.dto';
import type { ActorRef } from '../../../../../workflows/knelpunt/knelpunt.contract';

export function actorRef(p: Principal): ActorRef {
  return { ...toActor(p), driehoek: p.driehoek };
}

/**
 * Sends a decision to the knelpunt's workflow as an Update. The workflow's validator is the authority
 * (409 with the allowed decisions); the fields are checked here first so a bad request never reaches it.
 */
@Injectable()
export class DecideKnelpuntUseCase {
  constructor(
    private readonly gateway: KnelpuntWorkflowGateway,
    private readonly get: GetKnelpuntUseCase,
    private readonly knelpunten: KnelpuntRepository,
    private readonly clusters: ClusterRepository,
  ) {}

  /** samenvoegen: the target knelpunt or cluster must exist (and not be the knelpunt itself). */
  private async checkMergeTarget(decision: string, fields: Record<string, unknown>, id: string): Promise<void> {
    if (decision !== 'samenvoegen') return;
    const target = fields['targetKnelpuntId'];
    if (typeof target === 'string') {
      if (target === id)
        throw DomainException.validation([{ name: 'targetKnelpuntId', reason: 'een knelpunt kan niet met zichzelf worden samengevoegd' }]);
      if (!(await this.knelpunten.exists(target)))
        throw DomainException.validation([{ name: 'targetKnelpuntId', reason: 'dit knelpunt bestaat niet' }]);
    }
    const cluster = fields['clusterId'];
    if (typeof cluster === 'string' && (await this.clusters.members(cluster)).length === 0) {
      throw DomainException.validation([{ name: 'clusterId', reason: 'dit cluster bestaat niet' }]);
    }
  }

  async execute(principal: Principal, id: string, body: DecisionRequestDto, idempotencyKey?: string): Promise<KnelpuntDetailDto> {
    const { decision, ...fields } = body;
    if (!(DECISIONS as readonly string[]).includes(decision)) {
      throw DomainException.validation([{ name: 'decision', reason: 'onbekende beslissing' }]);
    }
    const clean = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) as Record<string, unknown>;
    const problems = validateDecisionFields(decision as DecisionName, clean, toLocalDateAmsterdam(new Date()));
    if (problems.length > 0) throw DomainException.validation(problems);
    const current = await this.get.load(principal, id); // scope: 404 / 403 before anything is sent
    refuseWhenClosed(current.status);
    await this.checkMergeTarget(decision, clean, id);
    if (current.status === 'ingediend') await this.gateway.ensureStarted(current);
    await this.gateway.decide(id, {
      decisionId: idempotencyKey ? `${principal.subject}:${idempotencyKey}` : randomUUID(),
      decision: decision as DecisionName,
      actor: actorRef(principal),
      fields: clean,
    });
    return this.get.execute(principal, id);
  }
}
