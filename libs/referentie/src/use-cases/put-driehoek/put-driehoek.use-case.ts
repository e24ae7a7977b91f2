import { Injectable } from '@nestjs/common';
import { DomainException, InvalidParam } from '@kp/shared/errors';
import { DriehoekRow, MinistryRow, ReferentieRepository } from '../../repositories/referentie.repository';
import { PutDriehoekDto } from '../../dtos/beheer.dto';

export interface PutDriehoekResult {
  driehoek: DriehoekRow;
  created: boolean;
}

/**
 * Sets the ambtelijke sturingsdriehoek of an organisation: eigenaar and opdrachtgever(s) must be existing, active
 * ministries (any case in, canonical code stored); the opdrachtnemer is the organisation itself.
 */
@Injectable()
export class PutDriehoekUseCase {
  constructor(private readonly repo: ReferentieRepository) {}

  async execute(code: string, input: PutDriehoekDto): Promise<PutDriehoekResult> {
    const organisation = await this.repo.organisation(code);
    if (!organisation) throw DomainException.notFound(`Organisatie ${code} bestaat niet; maak haar eerst aan met POST /organisations.`);

    const known = await this.repo.ministriesByCode([input.eigenaar, ...input.opdrachtgevers]);
    const problems: InvalidParam[] = [];
    const resolve = (value: string, name: string): string => {
      const m: MinistryRow | undefined = known.get(value.toUpperCase());
      if (!m) problems.push({ name, reason: `onbekend ministerie '${value}'` });
      else if (!m.active) problems.push({ name, reason: `ministerie '${m.code}' is niet meer actief` });
      return m?.code ?? value;
    };
    const eigenaar = resolve(input.eigenaar, 'eigenaar');
    const opdrachtgevers = input.opdrachtgevers.map((c, i) => resolve(c, `opdrachtgevers[${i}]`));
    if (problems.length > 0) throw DomainException.validation(problems);

    return this.repo.upsertDriehoek(organisation.code, eigenaar, opdrachtgevers);
  }
}
