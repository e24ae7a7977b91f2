import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DecisionName, DECISIONS, validateDecisionFields, toLocalDateAmsterdam } from '@kp/domain';
import { DomainException } from '@kp/shared/errors';
import { Principal, toActor } from '@kp/toegang/principal';
import { KnelpuntWorkflowGateway } from '../../workflow/knelpunt-workflow.gateway';
import { MergeTargetPolicy } from '../../policies/merge-target.policy';
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
    private readonly mergeTargets: MergeTargetPolicy,
  ) {}

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
    if (decision === 'samenvoegen') await this.mergeTargets.check(principal, clean, { knelpuntIds: [id, current.id] });
    if (current.status === 'ingediend') await this.gateway.ensureStarted(current);
    await this.gateway.decide(current, {
      decisionId: idempotencyKey ? `${principal.subject}:${idempotencyKey}` : randomUUID(),
      decision: decision as DecisionName,
      actor: actorRef(principal),
      fields: clean,
    });
    return this.get.execute(principal, id);
  }
}
