import { Injectable, Logger } from '@nestjs/common';
import { AcuAgendaRepository } from '../../repositories/acu-agenda.repository';
import { assertInstant, assertText, assertUuid } from '../validate-input';

/** The ACU decided: the open item of the knelpunt becomes 'besloten'. A no-op when there is none (idempotent). */
@Injectable()
export class CloseAgendaItemUseCase {
  private readonly logger = new Logger(CloseAgendaItemUseCase.name);

  constructor(private readonly agenda: AcuAgendaRepository) {}

  async execute(input: { knelpuntId: string; decision: string; now: string }): Promise<void> {
    assertUuid('knelpuntId', input?.knelpuntId);
    assertText('decision', input.decision, 64);
    assertInstant('now', input.now);
    const closed = await this.agenda.closeOpen(input.knelpuntId, input.decision, input.now);
    if (closed) this.logger.log(`ACU-agendapunt van knelpunt ${input.knelpuntId} besloten: ${input.decision}`);
  }
}
