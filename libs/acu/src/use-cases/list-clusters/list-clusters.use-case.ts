import { Injectable } from '@nestjs/common';
import { decodeCursor, encodeCursor, Page } from '@kp/shared/http';
import { ClusterRepository } from '../../repositories/cluster.repository';
import type { AcuClusterSummaryDto } from '../../dtos/acu-cluster.dto';

/** The clusters, newest first, one keyset page at a time. */
@Injectable()
export class ListClustersUseCase {
  constructor(private readonly clusters: ClusterRepository) {}

  async execute(query: { limit?: number; cursor?: string }): Promise<Page<AcuClusterSummaryDto>> {
    const limit = query.limit ?? 20;
    let after: { createdAt: string; id: string } | undefined;
    if (query.cursor) {
      const [createdAt, id] = decodeCursor(query.cursor, ['timestamp', 'uuid']);
      after = { createdAt, id };
    }
    const rows = await this.clusters.page(limit + 1, after);
    const items = rows.slice(0, limit);
    const last = items[items.length - 1];
    return {
      items: items.map((c) => ({
        id: c.id,
        title: c.title,
        description: c.description,
        createdAt: c.createdAt.toISOString(),
        createdBy: c.createdBy,
      })),
      nextCursor: rows.length > limit && last ? encodeCursor([last.cursorAt, last.id]) : null,
    };
  }
}
