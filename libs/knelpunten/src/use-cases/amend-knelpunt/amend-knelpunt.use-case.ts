import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DomainException, ErrorCode } from '@kp/shared/errors';
import { Principal, toActor } from '@kp/toegang/principal';
import { KnelpuntRepository } from '../../repositories/knelpunt.repository';
import { GetKnelpuntUseCase } from '../get-knelpunt/get-knelpunt.use-case';
import { AmendKnelpuntDto } from '../../dtos/amend-knelpunt.dto';
import { KnelpuntDetailDto } from '../../dtos/knelpunt-response.dto';

const afgesloten = (): DomainException =>
  new DomainException(ErrorCode.CONFLICT, 'Een afgesloten knelpunt kan niet meer worden gewijzigd.', [], { allowed: [] });

const AMENDABLE = ['title', 'description', 'theme', 'law', 'impact', 'proposedSolution', 'externalRef'] as const;

/**
 * The organisation amends the content of its own knelpunt (not its status: that is the workflow's).
 * The change and the previous values go into the append-only timeline, in the same transaction.
 */
@Injectable()
export class AmendKnelpuntUseCase {
  constructor(
    private readonly knelpunten: KnelpuntRepository,
    private readonly get: GetKnelpuntUseCase,
  ) {}

  async execute(principal: Principal, id: string, body: AmendKnelpuntDto): Promise<KnelpuntDetailDto> {
    const current = await this.get.load(principal, id);
    if (principal.role === 'indiener' && principal.organisation !== current.organisationCode) {
      throw DomainException.forbidden('U mag alleen knelpunten van uw eigen organisatie wijzigen.');
    }
    const changes: Record<string, { van: unknown; naar: unknown }> = {};
    for (const field of AMENDABLE) {
      const next = body[field];
      if (next === undefined) continue;
      const prev = current[field];
      if (prev !== next) changes[field] = { van: prev, naar: next };
    }
    if (AMENDABLE.every((f) => body[f] === undefined)) {
      throw DomainException.validation([{ name: 'body', reason: `geef minstens één van de velden ${AMENDABLE.join(', ')}` }]);
    }
    if (current.status === 'afgesloten') throw afgesloten();
    if (Object.keys(changes).length > 0) {
      // Closed between the read above and the write (a close racing this amendment): the same 409.
      const outcome = await this.knelpunten.amend(id, current.organisationCode, changes, {
        id: randomUUID(),
        knelpuntId: id,
        at: new Date(),
        type: 'gewijzigd',
        actor: { ...toActor(principal) },
        data: { wijzigingen: changes },
      });
      if (outcome === 'afgesloten') throw afgesloten();
    }
    return this.get.execute(principal, id);
  }
}
