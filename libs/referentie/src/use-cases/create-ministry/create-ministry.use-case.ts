import { Injectable } from '@nestjs/common';
import { DomainException, ErrorCode } from '@kp/shared/errors';
import { MinistryRow, ReferentieRepository } from '../../repositories/referentie.repository';
import { CreateMinistryDto } from '../../dtos/beheer.dto';

/** Adds a ministry (names and portfolios change with cabinets). */
@Injectable()
export class CreateMinistryUseCase {
  constructor(private readonly repo: ReferentieRepository) {}

  async execute(input: CreateMinistryDto): Promise<MinistryRow> {
    const created = await this.repo.createMinistry(input.code, { name: input.name, active: input.active });
    if (!created) throw new DomainException(ErrorCode.CONFLICT, `Ministerie ${input.code} bestaat al; wijzig het met PUT.`);
    return created;
  }
}
