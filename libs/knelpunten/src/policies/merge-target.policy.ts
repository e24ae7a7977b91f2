import { Injectable } from '@nestjs/common';
import { DomainException } from '@kp/shared/errors';
import type { Principal } from '@kp/toegang/principal';
import { scopeFor } from '@kp/toegang/scope';
import { ClusterRepository } from '@kp/acu/repositories/cluster.repository';
import { KnelpuntRepository } from '../repositories/knelpunt.repository';

/**
 * Where a knelpunt may be merged into (`samenvoegen`), for a single decision and for a cluster decision alike: the
 * target knelpunt must be one the caller may read (looked up within the caller's scope: a driehoek merges only into
 * a knelpunt of its own driehoek, the ACU only into an escalated one) and not one of the knelpunten being merged; a
 * cluster is the ACU's, so `clusterId` is for the ACU only, must exist and must not be the cluster being decided.
 * Whether a target outside the scope exists is not revealed: the answer is that of an unknown knelpunt.
 */
@Injectable()
export class MergeTargetPolicy {
  constructor(
    private readonly knelpunten: KnelpuntRepository,
    private readonly clusters: ClusterRepository,
  ) {}

  async check(
    principal: Principal,
    fields: Record<string, unknown>,
    merging: { knelpuntIds: readonly string[]; clusterId?: string },
  ): Promise<void> {
    const target = fields['targetKnelpuntId'];
    if (typeof target === 'string') {
      if (merging.knelpuntIds.includes(target))
        throw DomainException.validation([{ name: 'targetKnelpuntId', reason: 'een knelpunt kan niet met zichzelf worden samengevoegd' }]);
      if (!(await this.knelpunten.findById(target, scopeFor(principal))))
        throw DomainException.validation([{ name: 'targetKnelpuntId', reason: 'dit knelpunt bestaat niet of valt buiten uw bereik' }]);
    }
    const cluster = fields['clusterId'];
    if (typeof cluster === 'string') {
      if (principal.role !== 'acu')
        throw DomainException.validation([{ name: 'clusterId', reason: 'alleen de ACU kan een knelpunt in een cluster samenvoegen' }]);
      if (cluster === merging.clusterId)
        throw DomainException.validation([{ name: 'clusterId', reason: 'een cluster kan niet met zichzelf worden samengevoegd' }]);
      if ((await this.clusters.members(cluster)).length === 0)
        throw DomainException.validation([{ name: 'clusterId', reason: 'dit cluster bestaat niet' }]);
    }
  }
}
