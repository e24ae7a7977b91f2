import { Injectable } from '@nestjs/common';
import type { Principal } from '@kp/toegang/principal';
import { ClusterSuggestieRepository } from '../../repositories/cluster-suggestie.repository';
import type { AcuClusterDto } from '../../dtos/acu-cluster.dto';
import type { CreateClusterFromSuggestieDto } from '../../dtos/cluster-suggestie.dto';
import { CreateClusterUseCase } from '../create-cluster/create-cluster.use-case';

/**
 * Accepts a suggestion: one step from a suggested pair (or small group) to a cluster, through the same use case and
 * rules as `POST /acu/clusters`. Without a title the cluster takes the title of the first knelpunt.
 */
@Injectable()
export class CreateClusterFromSuggestieUseCase {
  constructor(
    private readonly suggesties: ClusterSuggestieRepository,
    private readonly createCluster: CreateClusterUseCase,
  ) {}

  async execute(input: CreateClusterFromSuggestieDto, principal: Principal): Promise<AcuClusterDto> {
    let title = input.title;
    if (!title) {
      const first = input.knelpuntIds[0]!.toLowerCase();
      const found = await this.suggesties.candidates([first]);
      // An unknown first knelpunt is named by the cluster rules below; the title then does not matter.
      title = found[0]?.title ?? 'Overkoepelend knelpunt';
    }
    return this.createCluster.execute({ title, description: input.description, knelpuntIds: input.knelpuntIds }, principal);
  }
}
