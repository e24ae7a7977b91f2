import { Injectable } from '@nestjs/common';
import { DomainException } from '@kp/shared/errors';
import { knelpuntAfgesloten } from '../../exceptions/knelpunt-afgesloten.exception';
import { Principal } from '@kp/toegang/principal';
import { scopeFor } from '@kp/toegang/scope';
import { KnelpuntRepository } from '../../repositories/knelpunt.repository';
import { KnelpuntDetailDto } from '../../dtos/knelpunt-response.dto';
import { toDetail } from '../../mappers/knelpunt.mapper';
import { KnelpuntEntity } from '../../entities/knelpunt.entity';

@Injectable()
export class GetKnelpuntUseCase {
  constructor(private readonly knelpunten: KnelpuntRepository) {}

  /** The knelpunt within the caller's scope: 404 when it does not exist, 403 when it is someone else's. */
  async load(principal: Principal, id: string): Promise<KnelpuntEntity> {
    const k = await this.knelpunten.findById(id, scopeFor(principal));
    if (k) return k;
    if (await this.knelpunten.exists(id)) throw DomainException.forbidden('U heeft geen toegang tot dit knelpunt.');
    throw DomainException.notFound(`Knelpunt ${id} bestaat niet.`);
  }

  async execute(principal: Principal, id: string): Promise<KnelpuntDetailDto> {
    const k = await this.load(principal, id);
    return toDetail(k, await this.knelpunten.timeline(k.id), principal.role);
  }
}

/** Refuses further decisions, voortgang or deadline changes on a closed knelpunt. */
export function refuseWhenClosed(status: string): void {
  if (status === 'afgesloten') throw knelpuntAfgesloten();
}
