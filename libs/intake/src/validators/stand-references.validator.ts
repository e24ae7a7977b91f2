import { Injectable } from '@nestjs/common';
import { DomainException } from '@kp/shared/errors';
import { Principal } from '@kp/toegang/principal';
import { ReferenceLookupRepository } from '../repositories/reference-lookup.repository';

export interface StandOrganisation {
  code: string;
  driehoek: string;
}

export interface MinistryCheck {
  /** The canonical ministry code per knelpunt (null: none given or unknown). */
  canonical: (string | null)[];
  /** Unknown ministries, by the knelpunt's index. */
  problems: { index: number; reason: string }[];
}

/**
 * The intake's checks against the reference data, shared by submitting a Stand (JSON or CSV) and the
 * CSV preview, so both refuse exactly the same things with the same words.
 */
@Injectable()
export class StandReferencesValidator {
  constructor(private readonly lookup: ReferenceLookupRepository) {}

  /** The Stand's organisation: known, with a driehoek, and for an indiener its own (else 400 / 403). */
  async organisation(principal: Principal, code: string): Promise<StandOrganisation> {
    const org = await this.lookup.organisation(code);
    if (!org) {
      throw DomainException.validation([{ name: 'organisation', reason: `onbekende organisatie '${code}'` }]);
    }
    if (!org.driehoek) {
      throw DomainException.validation([{ name: 'organisation', reason: `organisatie '${org.code}' heeft geen driehoek` }]);
    }
    if (principal.role === 'indiener' && principal.organisation !== org.code) {
      throw DomainException.forbidden(`U mag alleen Standen indienen voor uw eigen organisatie (${principal.organisation ?? 'geen'}).`);
    }
    return { code: org.code, driehoek: org.driehoek };
  }

  /** Each knelpunt's ministry, if given, must be an active ministry (any case); returns the canonical codes. */
  async ministries(knelpunten: readonly { ministry?: string }[]): Promise<MinistryCheck> {
    const ministries = await this.lookup.ministries();
    const problems: MinistryCheck['problems'] = [];
    const canonical = knelpunten.map((k, index) => {
      // null (sent as JSON null; the DTO lets an optional field be null) is no ministry, like an empty cell.
      if (k.ministry === undefined || k.ministry === null || k.ministry === '') return null;
      const found = ministries.get(k.ministry.toUpperCase());
      if (!found) problems.push({ index, reason: `onbekend ministerie '${k.ministry}'` });
      return found ?? null;
    });
    return { canonical, problems };
  }
}
