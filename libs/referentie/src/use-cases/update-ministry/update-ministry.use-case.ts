import { Injectable } from '@nestjs/common';
import { DomainException } from '@kp/shared/errors';
import { MinistryRow, ReferentieRepository } from '../../repositories/referentie.repository';
import { UpdateMinistryDto } from '../../dtos/beheer.dto';

/** Renames or (de)activates a ministry; an inactive one can no longer be chosen for knelpunten or driehoeken. */
@Injectable()
export class UpdateMinistryUseCase {
  constructor(private readonly repo: ReferentieRepository) {}

  async execute(code: string, input: UpdateMinistryDto): Promise<MinistryRow> {
    const updated = await this.repo.updateMinistry(code, { name: input.name, active: input.active });
    if (!updated) throw DomainException.notFound(`Ministerie ${code} bestaat niet.`);
    return updated;
  }
}
