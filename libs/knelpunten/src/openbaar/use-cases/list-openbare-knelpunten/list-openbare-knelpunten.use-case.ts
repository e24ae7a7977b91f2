import { Injectable } from '@nestjs/common';
import { Page, decodeCursor, encodeCursor } from '@kp/shared/http';
import { ListOpenbareKnelpuntenQueryDto } from '../../dtos/openbaar-knelpunten.dto';
import { toPublicKnelpunt } from '../../mappers/public-knelpunt.mapper';
import type { PublicKnelpunt } from '../../public-fields';
import { OpenbaarKnelpuntRepository } from '../../repositories/openbaar-knelpunt.repository';

/** The public register, newest first, one keyset page at a time (the cursor codec of every list). */
@Injectable()
export class ListOpenbareKnelpuntenUseCase {
  constructor(private readonly knelpunten: OpenbaarKnelpuntRepository) {}

  async execute(query: ListOpenbareKnelpuntenQueryDto): Promise<Page<PublicKnelpunt>> {
    const limit = query.limit ?? 25;
    let after: { createdAt: string; id: string } | undefined;
    if (query.cursor) {
      const [createdAt, id] = decodeCursor(query.cursor, ['timestamp', 'uuid']);
      after = { createdAt, id };
    }
    const rows = await this.knelpunten.list({
      organisation: query.organisation,
      theme: query.theme,
      status: query.status,
      outcome: query.outcome,
      q: query.q || undefined,
      limit,
      after,
    });
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      items: page.map(toPublicKnelpunt),
      nextCursor: rows.length > limit && last ? encodeCursor([last.cursorAt, last.id]) : null,
    };
  }
}
