import { Injectable } from '@nestjs/common';
import { Page, decodeCursor, encodeCursor } from '@kp/shared/http';
import { Principal } from '@kp/toegang/principal';
import { scopeFor } from '@kp/toegang/scope';
import { KnelpuntRepository } from '../../repositories/knelpunt.repository';
import { ListKnelpuntenQueryDto } from '../../dtos/knelpunt.dto';
import { KnelpuntSummaryDto } from '../../dtos/knelpunt-response.dto';
import { toSummary } from '../../mappers/knelpunt.mapper';

@Injectable()
export class ListKnelpuntenUseCase {
  constructor(private readonly knelpunten: KnelpuntRepository) {}

  async execute(principal: Principal, query: ListKnelpuntenQueryDto): Promise<Page<KnelpuntSummaryDto>> {
    const limit = query.limit ?? 25;
    let after: { createdAt: string; id: string } | undefined;
    if (query.cursor) {
      const [createdAt, id] = decodeCursor(query.cursor, ['timestamp', 'uuid']);
      after = { createdAt, id };
    }
    const rows = await this.knelpunten.list(scopeFor(principal), {
      organisation: query.organisation?.toUpperCase(),
      driehoek: query.driehoek?.toUpperCase(),
      status: query.status,
      theme: query.theme,
      overdue: query.overdue,
      q: query.q,
      verwijzingen: { kamerstukken: query.kamerstuk, moties: query.motie, toezeggingen: query.toezegging, bwbIds: query.bwb },
      doorbraakteam: query.doorbraakteam,
      limit,
      after,
    });
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      items: page.map(toSummary),
      nextCursor: rows.length > limit && last ? encodeCursor([new Date(last.createdAt).toISOString(), last.id]) : null,
    };
  }
}
