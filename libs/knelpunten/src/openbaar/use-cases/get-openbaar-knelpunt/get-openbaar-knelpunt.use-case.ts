import { Injectable } from '@nestjs/common';
import { DomainException } from '@kp/shared/errors';
import { toPublicKnelpunt } from '../../mappers/public-knelpunt.mapper';
import type { PublicKnelpunt } from '../../public-fields';
import { OpenbaarKnelpuntRepository } from '../../repositories/openbaar-knelpunt.repository';

/** One knelpunt of the public register, by its reference. */
@Injectable()
export class GetOpenbaarKnelpuntUseCase {
  constructor(private readonly knelpunten: OpenbaarKnelpuntRepository) {}

  async execute(reference: string): Promise<PublicKnelpunt> {
    const row = await this.knelpunten.findByReference(reference);
    if (!row) throw DomainException.notFound(`Er is geen openbaar knelpunt met kenmerk ${reference}.`);
    return toPublicKnelpunt(row);
  }
}
