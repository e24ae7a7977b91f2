import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Principal } from '@kp/toegang/principal';
import { KnelpuntWorkflowGateway } from '../../workflow/knelpunt-workflow.gateway';
import { GetKnelpuntUseCase, refuseWhenClosed } from '../get-knelpunt/get-knelpunt.use-case';
import { actorRef } from '../decide-knelpunt/decide-knelpunt.use-case';
import { DeadlineActionRequestDto } from '../../dtos/knelpunt.dto';
import { KnelpuntDetailDto } from '../../dtos/knelpunt-response.dto';
import { DomainException } from '@kp/shared/errors';

/** Opschorting, hervatting and verlenging of a running deadline, each with a reason and the actor. */
@Injectable()
export class ChangeDeadlineUseCase {
  constructor(
    private readonly gateway: KnelpuntWorkflowGateway,
    private readonly get: GetKnelpuntUseCase,
  ) {}

  async execute(principal: Principal, id: string, body: DeadlineActionRequestDto, idempotencyKey?: string): Promise<KnelpuntDetailDto> {
    if (body.action === 'verlengen' && !body.extension) {
      throw DomainException.validation([{ name: 'extension', reason: 'is verplicht bij verlengen' }]);
    }
    const current = await this.get.load(principal, id); // scope: 404 / 403 before anything is sent
    refuseWhenClosed(current.status);
    await this.gateway.deadline(current, {
      commandId: idempotencyKey ? `${principal.subject}:${idempotencyKey}` : randomUUID(),
      action: body.action,
      deadline: body.deadline,
      reason: body.reason,
      actor: actorRef(principal),
      ...(body.extension ? { extension: { amount: body.extension.amount, unit: body.extension.unit } } : {}),
    });
    return this.get.execute(principal, id);
  }
}
