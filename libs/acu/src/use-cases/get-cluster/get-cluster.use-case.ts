import { Injectable } from '@nestjs/common';
import { Status, allowedDecisionsForAll } from '@kp/domain';
import { DomainException } from '@kp/shared/errors';
import { ClusterRepository } from '../../repositories/cluster.repository';
import type { AcuClusterDto } from '../../dtos/acu-cluster.dto';

@Injectable()
export class GetClusterUseCase {
  constructor(private readonly clusters: ClusterRepository) {}

  /** `role`: the caller's role, for the decisions it may take now for the whole cluster. */
  async execute(id: string, role: string): Promise<AcuClusterDto> {
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
        doorbraakteam: m.doorbraakteam,
        addedAt: m.addedAt.toISOString(),
      })),
      allowedDecisions: allowedDecisionsForAll(
        members.map((m) => m.status as Status),
        role,
      ),
      createdAt: cluster.createdAt.toISOString(),
      createdBy: cluster.createdBy,
    };
  }
}
