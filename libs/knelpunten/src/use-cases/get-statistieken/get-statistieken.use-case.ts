import { Injectable } from '@nestjs/common';
import { Principal } from '@kp/toegang/principal';
import { scopeFor } from '@kp/toegang/scope';
import { StatistiekenRepository } from '../../repositories/statistieken.repository';
import { DEFAULT_QUARTERS, StatistiekenDto, StatistiekenQueryDto } from '../../dtos/statistieken.dto';

/** The dashboard's numbers within the caller's scope (programmadirectie: everything; ACU: what was escalated). */
@Injectable()
export class GetStatistiekenUseCase {
  constructor(private readonly statistieken: StatistiekenRepository) {}

  async execute(principal: Principal, query: StatistiekenQueryDto): Promise<StatistiekenDto> {
    const s = await this.statistieken.compute(scopeFor(principal), query.quarters ?? DEFAULT_QUARTERS);
    return { ...s, generatedAt: new Date(s.generatedAt).toISOString() };
  }
}
