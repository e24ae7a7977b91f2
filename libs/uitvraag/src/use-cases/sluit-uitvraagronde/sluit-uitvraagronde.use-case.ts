import { Injectable, Logger } from '@nestjs/common';
import { DomainException, ErrorCode } from '@kp/shared/errors';
import type { Principal } from '@kp/toegang/principal';
import { UitvraagrondeRepository } from '../../repositories/uitvraagronde.repository';
import { UitvraagWorkflowGateway } from '../../gateways/uitvraag-workflow.gateway';

/**
 * Closes a round early. The database is the truth: the round is closed and the organisations without a Stand are
 * marked late in one transaction; then the workflow is told to stop waiting. When Temporal cannot be reached the round
 * stays closed: the workflow's reminder and closing activities do nothing for a closed round.
 */
@Injectable()
export class SluitUitvraagrondeUseCase {
  private readonly logger = new Logger(SluitUitvraagrondeUseCase.name);

  constructor(
    private readonly rondes: UitvraagrondeRepository,
    private readonly gateway: UitvraagWorkflowGateway,
  ) {}

  async execute(id: string, principal: Principal): Promise<void> {
    const ronde = await this.rondes.findForWorkflow(id);
    if (!ronde) throw DomainException.notFound(`Uitvraagronde ${id} bestaat niet.`);
    const { closed } = await this.rondes.close(id, new Date().toISOString());
    if (!closed) throw new DomainException(ErrorCode.CONFLICT, 'Deze uitvraagronde is al gesloten.');
    this.logger.log(`Uitvraagronde ${id} vroegtijdig gesloten door ${principal.subject}`);
    await this.gateway.signalClosed(id).catch((err: unknown) => {
      this.logger.warn(`Workflow van uitvraagronde ${id} niet bereikt (de ronde is gesloten): ${String(err)}`);
    });
  }
}
