import { Injectable } from '@nestjs/common';
import { DomainException, InvalidParam } from '@kp/shared/errors';
import { Principal, toActor } from '@kp/toegang/principal';
import { ClusterSuggestieRepository } from '../../repositories/cluster-suggestie.repository';
import type { ClusterSuggestieAfwijzingDto, RejectClusterSuggestieDto } from '../../dtos/cluster-suggestie.dto';

/**
 * Rejects a suggested pair for good: it is never suggested again. Idempotent: rejecting it again answers the first
 * rejection (`created: false`). Both knelpunten must be within the ACU's scope (escalated).
 */
@Injectable()
export class RejectClusterSuggestieUseCase {
  constructor(private readonly suggesties: ClusterSuggestieRepository) {}

  async execute(
    input: RejectClusterSuggestieDto,
    principal: Principal,
  ): Promise<{ created: boolean; rejection: ClusterSuggestieAfwijzingDto }> {
    const ids = input.knelpuntIds.map((id) => id.toLowerCase()) as [string, string];
    const found = new Map((await this.suggesties.candidates(ids)).map((k) => [k.id, k]));
    const invalid: InvalidParam[] = [];
    ids.forEach((id, i) => {
      if (!found.get(id)?.escalated)
        invalid.push({ name: `knelpuntIds[${i}]`, reason: `knelpunt ${id} bestaat niet of is niet naar de ACU geëscaleerd` });
    });
    if (invalid.length > 0) throw DomainException.validation(invalid);
    const { created, rejection } = await this.suggesties.reject(ids, input.reason || null, toActor(principal));
    return {
      created,
      rejection: {
        knelpuntIds: rejection.knelpuntIds,
        reason: rejection.reason,
        rejectedAt: rejection.rejectedAt.toISOString(),
        rejectedBy: rejection.rejectedBy,
      },
    };
  }
}
