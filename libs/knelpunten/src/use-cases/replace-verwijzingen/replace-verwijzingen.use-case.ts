import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { mayEditVerwijzingen, toVerwijzingen } from '@kp/domain';
import { DomainException } from '@kp/shared/errors';
import { Principal, toActor } from '@kp/toegang/principal';
import { scopeFor } from '@kp/toegang/scope';
import { KnelpuntRepository } from '../../repositories/knelpunt.repository';
import { GetKnelpuntUseCase } from '../get-knelpunt/get-knelpunt.use-case';
import { VerwijzingenRequestDto } from '../../dtos/verwijzingen.dto';
import { KnelpuntDetailDto } from '../../dtos/knelpunt-response.dto';

/**
 * Replaces a knelpunt's references to parliament and law (Kamerstukken, moties, toezeggingen, BWB ids). Metadata, not
 * process: written directly in PostgreSQL (never through the workflow, whose projection leaves these columns alone),
 * within the caller's read scope, with a `verwijzingen_gewijzigd` timeline entry holding before and after, in one
 * transaction. Sending the same lists again changes nothing and records nothing (PUT is idempotent by itself).
 */
@Injectable()
export class ReplaceVerwijzingenUseCase {
  constructor(
    private readonly knelpunten: KnelpuntRepository,
    private readonly get: GetKnelpuntUseCase,
  ) {}

  async execute(principal: Principal, id: string, body: VerwijzingenRequestDto): Promise<KnelpuntDetailDto> {
    if (!mayEditVerwijzingen(principal.role)) throw DomainException.forbidden('U mag de verwijzingen van dit knelpunt niet wijzigen.');
    // 404 for an unknown knelpunt, 403 for one outside the caller's scope.
    await this.get.load(principal, id);
    const naar = toVerwijzingen(body);
    const { outcome } = await this.knelpunten.replaceVerwijzingen(id, scopeFor(principal), naar, (van) => ({
      id: randomUUID(),
      knelpuntId: id,
      at: new Date(),
      type: 'verwijzingen_gewijzigd',
      actor: { ...toActor(principal) },
      data: { van, naar },
    }));
    // Left the scope between the read and the write (escalation is never undone; a move of driehoek is not possible).
    if (outcome === 'niet_gevonden') throw DomainException.forbidden('U heeft geen toegang tot dit knelpunt.');
    return this.get.execute(principal, id);
  }
}
