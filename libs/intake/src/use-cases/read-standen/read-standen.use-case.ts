import { Injectable } from '@nestjs/common';
import { DomainException } from '@kp/shared/errors';
import { StandRepository } from '../../repositories/stand.repository';
import { StandDto, StandPageDto } from '../../dtos/stand-response.dto';
import { ListStandenQueryDto } from '../../dtos/list-standen.dto';
import { decodeCursor, encodeCursor } from '@kp/shared/http';
import { toStandDto } from '../submit-stand/submit-stand.use-case';

/** Standen are public letters: readable without login, without personal data (no submitter). */
@Injectable()
export class ReadStandenUseCase {
  constructor(private readonly standen: StandRepository) {}

  async list(query: ListStandenQueryDto): Promise<StandPageDto> {
    const limit = query.limit ?? 25;
    let after: { createdAt: string; id: string } | undefined;
    if (query.cursor) {
      const [createdAt, id] = decodeCursor(query.cursor, ['timestamp', 'uuid']);
      after = { createdAt, id };
    }
    const rows = await this.standen.listPublic(limit + 1, query.organisation?.toUpperCase(), after);
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      items: page.map(({ stand }) => {
        const { knelpunten: _k, ...rest } = toStandDto(stand, []);
        void _k;
        return rest;
      }),
      nextCursor: rows.length > limit && last ? encodeCursor([last.cursorAt, last.stand.id]) : null,
    };
  }

  async get(id: string): Promise<StandDto> {
    const stand = await this.standen.findById(id);
    if (!stand) throw DomainException.notFound(`Stand ${id} bestaat niet.`);
    return toStandDto(stand, await this.standen.knelpuntenOf(stand.id));
  }
}
