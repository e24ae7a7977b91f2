import { Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { QueryFailedError } from 'typeorm';
import { DomainException, ErrorCode, InvalidParam } from '@kp/shared/errors';
import { Principal, toActor } from '@kp/toegang/principal';
import { ClusterCandidate, ClusterRepository } from '../../repositories/cluster.repository';
import type { AcuClusterDto, CreateAcuClusterDto } from '../../dtos/acu-cluster.dto';
import { GetClusterUseCase } from '../get-cluster/get-cluster.use-case';

/**
 * The rules for cluster members, pure: every id must be an existing knelpunt that was escalated to the ACU, is
 * not afgesloten and is not in another cluster yet. Returns the problems (empty = fine) per index of `ids`.
 */
export function clusterMemberProblems(
  ids: readonly string[],
  found: readonly ClusterCandidate[],
): { invalid: InvalidParam[]; taken: InvalidParam[] } {
  const byId = new Map(found.map((k) => [k.id.toLowerCase(), k]));
  const invalid: InvalidParam[] = [];
  const taken: InvalidParam[] = [];
  ids.forEach((id, i) => {
    const name = `knelpuntIds[${i}]`;
    const k = byId.get(id.toLowerCase());
    if (!k) invalid.push({ name, reason: `knelpunt ${id} bestaat niet` });
    else if (!k.escalated) invalid.push({ name, reason: `knelpunt ${k.reference} is niet naar de ACU geëscaleerd` });
    else if (k.status === 'afgesloten') invalid.push({ name, reason: `knelpunt ${k.reference} is al afgesloten` });
    else if (k.clusterId) taken.push({ name, reason: `knelpunt ${k.reference} zit al in cluster ${k.clusterId}` });
  });
  return { invalid, taken };
}

/** Groups escalated knelpunten (of one or more organisations) into one overkoepelend knelpunt. */
@Injectable()
export class CreateClusterUseCase {
  private readonly logger = new Logger(CreateClusterUseCase.name);

  constructor(
    private readonly clusters: ClusterRepository,
    private readonly getCluster: GetClusterUseCase,
  ) {}

  async execute(input: CreateAcuClusterDto, principal: Principal): Promise<AcuClusterDto> {
    const ids = input.knelpuntIds.map((id) => id.toLowerCase());
    const id = randomUUID();
    try {
      await this.clusters.transaction(async (em) => {
        const { invalid, taken } = clusterMemberProblems(ids, await this.clusters.candidates(em, ids));
        if (invalid.length > 0) throw DomainException.validation(invalid);
        if (taken.length > 0) throw alreadyClustered(taken);
        await this.clusters.insert(
          em,
          { id, title: input.title, description: input.description ?? null, createdBy: toActor(principal) },
          ids,
        );
      });
    } catch (err) {
      // A concurrent cluster took one of the knelpunten between the check and the insert.
      if (err instanceof QueryFailedError && (err as QueryFailedError & { code?: string }).code === '23505') {
        throw alreadyClustered([{ name: 'knelpuntIds', reason: 'een van de knelpunten is zojuist aan een ander cluster toegevoegd' }]);
      }
      throw err;
    }
    this.logger.log(`ACU-cluster ${id} met ${ids.length} knelpunten aangemaakt door ${principal.subject}`);
    return this.getCluster.execute(id, principal.role);
  }
}

function alreadyClustered(params: InvalidParam[]): DomainException {
  return new DomainException(ErrorCode.CONFLICT, 'Een knelpunt kan maar in één cluster zitten.', params);
}
