import { Injectable } from '@nestjs/common';
import { DomainException } from '@kp/shared/errors';
import { OrganisationRow, ReferentieRepository } from '../../repositories/referentie.repository';
import { UpdateOrganisationDto } from '../../dtos/beheer.dto';

/** Renames, re-types or (de)activates an organisation; an inactive one cannot submit Standen. */
@Injectable()
export class UpdateOrganisationUseCase {
  constructor(private readonly repo: ReferentieRepository) {}

  async execute(code: string, input: UpdateOrganisationDto): Promise<OrganisationRow> {
    const updated = await this.repo.updateOrganisation(code, { name: input.name, kind: input.kind, active: input.active });
    if (!updated) throw DomainException.notFound(`Organisatie ${code} bestaat niet.`);
    return updated;
  }
}
