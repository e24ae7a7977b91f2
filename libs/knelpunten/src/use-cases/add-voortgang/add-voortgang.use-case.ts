import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Principal } from '@kp/toegang/principal';
import { KnelpuntWorkflowGateway } from '../../workflow/knelpunt-workflow.gateway';
import { GetKnelpuntUseCase, refuseWhenClosed } from '../get-knelpunt/get-knelpunt.use-case';
import { actorRef } from '../decide-knelpunt/decide-knelpunt.use-case';
import { KnelpuntDetailDto } from '../../dtos/knelpunt-response.dto';

@Injectable()
export class AddVoortgangUseCase {
  constructor(
    private readonly gateway: KnelpuntWorkflowGateway,
    private readonly get: GetKnelpuntUseCase,
  ) {}

  async execute(principal: Principal, id: string, summary: string, idempotencyKey?: string): Promise<KnelpuntDetailDto> {
    const current = await this.get.load(principal, id); // scope: 404 / 403 before anything is sent
    refuseWhenClosed(current.status);
    await this.gateway.voortgang(current, {
      voortgangId: idempotencyKey ? `${principal.subject}:${idempotencyKey}` : randomUUID(),
      actor: actorRef(principal),
      summary,
    });
    return this.get.execute(principal, id);
  }
}
