import { Injectable } from '@nestjs/common';
import { DomainException, ErrorCode } from '@kp/shared/errors';
import { OrganisationRow, ReferentieRepository } from '../../repositories/referentie.repository';
import { CreateOrganisationDto } from '../../dtos/beheer.dto';

/** Adds an uitvoeringsorganisatie (its driehoek follows with PUT /driehoeken/{code}). */
@Injectable()
export class CreateOrganisationUseCase {
  constructor(private readonly repo: ReferentieRepository) {}

  async execute(input: CreateOrganisationDto): Promise<OrganisationRow> {
    const created = await this.repo.createOrganisation(input.code, { name: input.name, kind: input.kind, active: input.active });
    if (!created) throw new DomainException(ErrorCode.CONFLICT, `Organisatie ${input.code} bestaat al; wijzig haar met PUT.`);
    return created;
  }
}
