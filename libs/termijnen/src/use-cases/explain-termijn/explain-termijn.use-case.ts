import { Injectable } from '@nestjs/common';
import { berekenTermijn, Feestdag, TermijnBerekening, TermUnit } from '@kp/domain';
import { DomainException } from '@kp/shared/errors';
import { BEREKENING_JAREN } from '../../dtos/termijn-berekening.dto';
import { WerkdagenKalenderProvider } from '../../kalender/werkdagen-kalender.provider';

/** Explains the calendar: a term computed from a start date, and the feestdagen of a year. Reads only. */
@Injectable()
export class ExplainTermijnUseCase {
  constructor(private readonly kalenders: WerkdagenKalenderProvider) {}

  async berekening(input: { start: string; amount: number; unit: TermUnit; suspendedDays?: number }): Promise<TermijnBerekening> {
    const kalender = await this.kalenders.get();
    const result = berekenTermijn(
      { start: input.start, term: { amount: input.amount, unit: input.unit }, suspendedDays: input.suspendedDays ?? 0 },
      kalender,
    );
    // The start year is checked by the DTO; a term may still run past the last year the calendar answers for.
    if (Number(result.dueDate.slice(0, 4)) > BEREKENING_JAREN.tot) {
      throw DomainException.validation([
        { name: 'amount', reason: `de termijn eindigt na ${BEREKENING_JAREN.tot}; kies een eerdere start of een kortere termijn` },
      ]);
    }
    return result;
  }

  async feestdagen(year: number): Promise<Feestdag[]> {
    return (await this.kalenders.get()).feestdagen(year);
  }
}
