import { Injectable } from '@nestjs/common';
import { Page, decodeCursor, encodeCursor } from '@kp/shared/http';
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
      const [urgency, nextDueAt, id] = decodeCursor(
        query.cursor,
        3,
        ([u, d, i]) =>
          typeof u === 'number' && (d === null || typeof d === 'string') && typeof i === 'string' && /^[0-9a-f-]{36}$/i.test(i),
      );
      after = { urgency: urgency as number, nextDueAt: (nextDueAt as string | null) ?? null, id: id as string };
    }
    const rows = await this.knelpunten.queue({
      driehoek,
      status: query.status,
      theme: query.theme,
      overdue: query.overdue,
      q: query.q,
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
