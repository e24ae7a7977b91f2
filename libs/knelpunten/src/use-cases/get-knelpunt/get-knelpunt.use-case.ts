import { Injectable } from '@nestjs/common';
import { DomainException } from '@kp/shared/errors';
import { knelpuntAfgesloten } from '../../exceptions/knelpunt-afgesloten.exception';
import { Principal } from '@kp/toegang/principal';
import { scopeFor } from '@kp/toegang/scope';
import { KnelpuntKey, KnelpuntRepository } from '../../repositories/knelpunt.repository';
import { KnelpuntDetailDto } from '../../dtos/knelpunt-response.dto';
import { toDetail } from '../../mappers/knelpunt.mapper';
import { KnelpuntEntity } from '../../entities/knelpunt.entity';

@Injectable()
export class GetKnelpuntUseCase {
  constructor(private readonly knelpunten: KnelpuntRepository) {}

  /**
   * The knelpunt within the caller's scope, by id or by reference: 404 when it does not exist, 403 when
   * it is someone else's.
   */
  async load(principal: Principal, key: string | KnelpuntKey): Promise<KnelpuntEntity> {
    const k = typeof key === 'string' ? { id: key } : key;
    const found = await this.knelpunten.find(k, scopeFor(principal));
    if (found) return found;
    if (await this.knelpunten.exists(k)) throw DomainException.forbidden('U heeft geen toegang tot dit knelpunt.');
    throw DomainException.notFound(`Knelpunt ${'id' in k ? k.id : k.reference} bestaat niet.`);
  }

  /**
   * The detail. By id the row (with its scope check) and the timeline are read at once: one round-trip less on every
   * read-back after a decision; a timeline read for a knelpunt the caller may not see is dropped unread (403/404 win).
   */
  async execute(principal: Principal, key: string | KnelpuntKey): Promise<KnelpuntDetailDto> {
    const id = typeof key === 'string' ? key : 'id' in key ? key.id : null;
    if (id === null) {
      const k = await this.load(principal, key);
      return toDetail(k, await this.knelpunten.timeline(k.id), principal.role);
    }
    const [k, timeline] = await Promise.all([this.load(principal, key), this.knelpunten.timeline(id)]);
    return toDetail(k, timeline, principal.role);
  }
}

/** Refuses further decisions, voortgang or deadline changes on a closed knelpunt. */
export function refuseWhenClosed(status: string): void {
  if (status === 'afgesloten') throw knelpuntAfgesloten();
}
