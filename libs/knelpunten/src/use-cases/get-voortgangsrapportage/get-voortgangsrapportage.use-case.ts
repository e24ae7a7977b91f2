import { Injectable } from '@nestjs/common';
import { toLocalDateAmsterdam } from '@kp/domain';
import { DomainException } from '@kp/shared/errors';
import { Principal } from '@kp/toegang/principal';
import { scopeFor } from '@kp/toegang/scope';
import { VoortgangsrapportageRepository } from '../../repositories/voortgangsrapportage.repository';
import { MOVED_LIMIT, VoortgangsrapportageDto } from '../../dtos/voortgangsrapportage.dto';

/** The quarter of an instant in Europe/Amsterdam, as 2026-Q4. */
export function kwartaalOf(instant: Date): string {
  const [year, month] = toLocalDateAmsterdam(instant).split('-').map(Number) as [number, number];
  return `${year}-Q${Math.ceil(month / 3)}`;
}

/** First and last local day of a quarter (a validated 2026-Q4). */
export function kwartaalDays(kwartaal: string): { first: string; last: string } {
  const year = Number(kwartaal.slice(0, 4));
  const q = Number(kwartaal.slice(6));
  const firstMonth = 3 * q - 2;
  const lastMonth = 3 * q;
  const lastDay = new Date(Date.UTC(year, lastMonth, 0)).getUTCDate();
  const pad = (n: number): string => String(n).padStart(2, '0');
  return { first: `${year}-${pad(firstMonth)}-01`, last: `${year}-${pad(lastMonth)}-${pad(lastDay)}` };
}

const EXPLANATION = {
  huidige_stand: 'De stand van nu: het kwartaal loopt nog, dus telt elke termijn die nu verlopen is.',
  termijnlogboek:
    'Afgeleid uit het logboek van elke termijn: een termijn telt als verlopen wanneer de laatste gebeurtenis vóór het einde van ' +
    'het kwartaal het verlopen was (niet daarna verlengd, voldaan of vervallen).',
} as const;

/** The quarterly progress report within the caller's scope (programmadirectie: everything; ACU: what was escalated). */
@Injectable()
export class GetVoortgangsrapportageUseCase {
  constructor(private readonly rapportages: VoortgangsrapportageRepository) {}

  async execute(principal: Principal, kwartaal: string | undefined, now = new Date()): Promise<VoortgangsrapportageDto> {
    const current = kwartaalOf(now);
    const wanted = kwartaal ?? current;
    // Same length and shape, so the strings order as the quarters do.
    if (wanted > current)
      throw DomainException.validation([{ name: 'kwartaal', reason: `mag niet na het huidige kwartaal (${current}) liggen` }]);
    const days = kwartaalDays(wanted);
    const r = await this.rapportages.compute(scopeFor(principal), days.first, MOVED_LIMIT);
    return {
      kwartaal: wanted,
      periodStart: days.first,
      periodEnd: days.last,
      peilmoment: new Date(r.peilmoment).toISOString(),
      lopend: r.lopend,
      generatedAt: new Date(r.generatedAt).toISOString(),
      quarter: r.quarter,
      cumulative: r.cumulative,
      flows: r.flows,
      overdue: { ...r.overdue, explanation: EXPLANATION[r.overdue.basis] },
      driehoekDecision: r.driehoekDecision,
      moved: {
        total: r.moved.total,
        limit: MOVED_LIMIT,
        items: r.moved.items.map((m) => ({ ...m, lastMovedAt: new Date(m.lastMovedAt).toISOString() })),
      },
    };
  }
}
