import { Injectable } from '@nestjs/common';
import { Principal } from '@kp/toegang/principal';
import type { VoortgangsrapportageDto } from '../../dtos/voortgangsrapportage.dto';
import type { OpenbareRapportageDto, RapportagePublicatieDto } from '../../dtos/rapportage-publicatie.dto';
import { RapportagePublicatieRepository, RapportagePublicatieRow } from '../../repositories/rapportage-publicatie.repository';
import { GetVoortgangsrapportageUseCase } from '../get-voortgangsrapportage/get-voortgangsrapportage.use-case';

/** Where the public reads one version. */
export function publicatieUrl(kwartaal: string, versie: number): string {
  return `/api/v1/openbaar/rapportages/${kwartaal}/versies/${versie}`;
}

export function toPublicatieDto(row: RapportagePublicatieRow): RapportagePublicatieDto {
  return { kwartaal: row.kwartaal, versie: row.versie, publishedOn: row.publishedOn, url: publicatieUrl(row.kwartaal, row.versie) };
}

/**
 * The report as it may be published: the counts as they are, and of each knelpunt under `moved` only its public
 * fields (reference, title, organisation: see openbaar/public-fields.ts) and the two statuses (a closed list). Keys are
 * copied explicitly, so whatever is added to the internal report later does not end up in public by accident.
 */
export function publicSnapshot(r: VoortgangsrapportageDto): OpenbareRapportageDto {
  return {
    kwartaal: r.kwartaal,
    periodStart: r.periodStart,
    periodEnd: r.periodEnd,
    peilmoment: r.peilmoment,
    lopend: r.lopend,
    generatedAt: r.generatedAt,
    quarter: r.quarter,
    cumulative: r.cumulative,
    flows: r.flows,
    overdue: r.overdue,
    driehoekDecision: r.driehoekDecision,
    moved: {
      total: r.moved.total,
      limit: r.moved.limit,
      items: r.moved.items.map((m) => ({ reference: m.reference, title: m.title, organisation: m.organisation, from: m.from, to: m.to })),
    },
  };
}

/**
 * Publishes the quarterly report (programmadirectie only, so with its full scope): computed now and stored as the
 * next version of the quarter. A running quarter may be published too; its snapshot says `lopend: true` and its
 * numbers are those of the moment of publication.
 */
@Injectable()
export class PubliceerVoortgangsrapportageUseCase {
  constructor(
    private readonly rapportage: GetVoortgangsrapportageUseCase,
    private readonly publicaties: RapportagePublicatieRepository,
  ) {}

  async execute(principal: Principal, kwartaal: string): Promise<RapportagePublicatieDto> {
    const report = await this.rapportage.execute(principal, kwartaal);
    const row = await this.publicaties.publish(kwartaal, { subject: principal.subject, name: principal.name }, publicSnapshot(report));
    return toPublicatieDto(row);
  }
}
