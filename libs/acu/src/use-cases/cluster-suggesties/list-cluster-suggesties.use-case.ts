import { Injectable } from '@nestjs/common';
import { ClusterSuggestieRepository } from '../../repositories/cluster-suggestie.repository';
import { suggestionReason } from '../../cluster-suggesties/suggestion-reason';
import type { ClusterSuggestieListDto, ListClusterSuggestiesQueryDto } from '../../dtos/cluster-suggestie.dto';

export const DEFAULT_SUGGESTION_LIMIT = 20;

/** Look-alike open knelpunten of different organisations that the ACU could bundle, best first. */
@Injectable()
export class ListClusterSuggestiesUseCase {
  constructor(private readonly suggesties: ClusterSuggestieRepository) {}

  async execute(query: ListClusterSuggestiesQueryDto): Promise<ClusterSuggestieListDto> {
    const limit = query.limit ?? DEFAULT_SUGGESTION_LIMIT;
    const rows = await this.suggesties.suggestions(limit);
    return {
      limit,
      items: rows.map((s) => ({
        knelpunten: [s.a, s.b],
        score: s.score,
        reason: suggestionReason({
          titleSimilarity: s.titleSimilarity,
          descriptionSimilarity: s.descriptionSimilarity,
          theme: s.sameTheme ? s.a.theme : null,
          law: s.sameLaw ? s.a.law : null,
        }),
        titleSimilarity: s.titleSimilarity,
        descriptionSimilarity: s.descriptionSimilarity,
        sameTheme: s.sameTheme,
        sameLaw: s.sameLaw,
      })),
    };
  }
}
