import { Injectable } from '@nestjs/common';
import { Page, decodeCursor, encodeCursor, nullable } from '@kp/shared/http';
import { DomainException } from '@kp/shared/errors';
import { Principal } from '@kp/toegang/principal';
import { KnelpuntRepository } from '../../repositories/knelpunt.repository';
import { QueueQueryDto } from '../../dtos/knelpunt.dto';
import { KnelpuntSummaryDto } from '../../dtos/knelpunt-response.dto';
import { toSummary } from '../../mappers/knelpunt.mapper';

/** A driehoek's open knelpunten, most urgent first (overdue, then the nearest due date). */
@Injectable()
export class GetDriehoekQueueUseCase {
  constructor(private readonly knelpunten: KnelpuntRepository) {}

  async execute(principal: Principal, code: string, query: QueueQueryDto): Promise<Page<KnelpuntSummaryDto>> {
    const driehoek = code.toUpperCase();
    if (principal.role === 'driehoek' && principal.driehoek !== driehoek) {
      throw DomainException.forbidden('U mag alleen de werkvoorraad van uw eigen driehoek zien.');
    }
    const limit = query.limit ?? 25;
    let after: { urgency: number; nextDueAt: string | null; id: string } | undefined;
    if (query.cursor) {
      const [urgency, nextDueAt, id] = decodeCursor(query.cursor, ['integer', nullable('timestamp'), 'uuid']);
      after = { urgency, nextDueAt, id };
    }
    const rows = await this.knelpunten.queue({
      driehoek,
      status: query.status,
      theme: query.theme,
      overdue: query.overdue,
      q: query.q,
      verwijzingen: { kamerstukken: query.kamerstuk, moties: query.motie, toezeggingen: query.toezegging, bwbIds: query.bwb },
      limit,
      after,
    });
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      items: page.map(toSummary),
      nextCursor:
        rows.length > limit && last
          ? encodeCursor([Number(last.urgency), last.nextDueAt ? new Date(last.nextDueAt).toISOString() : null, last.id])
          : null,
    };
  }
}
