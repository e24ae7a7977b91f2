import { Injectable } from '@nestjs/common';
import { berekenTermijn, Feestdag, TermijnBerekening, TermUnit } from '@kp/domain';
import { WerkdagenKalenderProvider } from '../../kalender/werkdagen-kalender.provider';

/** Explains the calendar: a term computed from a start date, and the feestdagen of a year. Reads only. */
@Injectable()
export class ExplainTermijnUseCase {
  constructor(private readonly kalenders: WerkdagenKalenderProvider) {}

  async berekening(input: { start: string; amount: number; unit: TermUnit; suspendedDays?: number }): Promise<TermijnBerekening> {
    const kalender = await this.kalenders.get();
    return berekenTermijn(
      { start: input.start, term: { amount: input.amount, unit: input.unit }, suspendedDays: input.suspendedDays ?? 0 },
      kalender,
    );
  }

  async feestdagen(year: number): Promise<Feestdag[]> {
    return (await this.kalenders.get()).feestdagen(year);
  }
}
