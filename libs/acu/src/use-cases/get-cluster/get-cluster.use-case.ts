import { Injectable } from '@nestjs/common';
import { DomainException } from '@kp/shared/errors';
import { ClusterRepository } from '../../repositories/cluster.repository';
import type { AcuClusterDto } from '../../dtos/acu-cluster.dto';

@Injectable()
export class GetClusterUseCase {
  constructor(private readonly clusters: ClusterRepository) {}

  async execute(id: string): Promise<AcuClusterDto> {
    const cluster = await this.clusters.findById(id);
    if (!cluster) throw DomainException.notFound(`Cluster ${id} bestaat niet.`);
    const members = await this.clusters.memberDetails(id);
    return {
      id: cluster.id,
      title: cluster.title,
      description: cluster.description,
      organisations: [...new Set(members.map((m) => m.organisation))].sort(),
      members: members.map((m) => ({
        knelpuntId: m.knelpuntId,
        reference: m.reference,
        title: m.title,
        organisation: m.organisation,
        status: m.status,
        addedAt: m.addedAt.toISOString(),
      })),
      createdAt: cluster.createdAt.toISOString(),
      createdBy: cluster.createdBy,
    };
  }
}
