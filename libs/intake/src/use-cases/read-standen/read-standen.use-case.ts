import { Injectable } from '@nestjs/common';
import { DomainException } from '@kp/shared/errors';
import { StandRepository } from '../../repositories/stand.repository';
import { StandDto } from '../../dtos/stand-response.dto';
import { toStandDto } from '../submit-stand/submit-stand.use-case';

/** Standen are public letters: readable without login, without personal data (no submitter). */
@Injectable()
export class ReadStandenUseCase {
  constructor(private readonly standen: StandRepository) {}

  async list(limit: number, organisation?: string): Promise<{ items: Omit<StandDto, 'knelpunten'>[] }> {
    const rows = await this.standen.listPublic(limit, organisation?.toUpperCase());
    return {
      items: rows.map((s) => {
        const { knelpunten: _k, ...rest } = toStandDto(s, []);
        void _k;
        return rest;
      }),
    };
  }

  async get(id: string): Promise<StandDto> {
    const stand = await this.standen.findById(id);
    if (!stand) throw DomainException.notFound(`Stand ${id} bestaat niet.`);
    return toStandDto(stand, await this.standen.knelpuntenOf(stand.id));
  }
}
