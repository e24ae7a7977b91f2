import { Injectable } from '@nestjs/common';
import { OPEN_STATUSES, toLocalDateAmsterdam } from '@kp/domain';
import { Principal } from '@kp/toegang/principal';
import { scopeFor } from '@kp/toegang/scope';
import {
  StaatAnalyseRepository,
  TERUGKEREND_LIMIT,
  TERUGKEREND_TITLE_THRESHOLD,
  VEROUDERING_BUCKETS,
  VerouderingRecord,
  WETTEN_LIMIT,
} from '../../repositories/staat-analyse.repository';
import type { StaatAnalyseDto, StaatKeyCountDto, VerouderingBucketDto } from '../../dtos/staat-analyse.dto';
import { terugkerendReason } from '../../mappers/terugkerend-reason';

const buckets = (counts: number[]): VerouderingBucketDto[] =>
  VEROUDERING_BUCKETS.map((b, i) => ({ key: b.key, label: b.label, count: counts[i] ?? 0 }));

const openOrder = (status: string): number => (OPEN_STATUSES as readonly string[]).indexOf(status);

/**
 * The Staat van de Uitvoering of one year (issue 9): across the Standen of that year, within the caller's scope
 * (programmadirectie: everything; ACU: what was escalated to it). Every number is the database's.
 */
@Injectable()
export class GetStaatAnalyseUseCase {
  constructor(private readonly analyses: StaatAnalyseRepository) {}

  async execute(principal: Principal, jaar: number | undefined, now = new Date()): Promise<StaatAnalyseDto> {
    const year = jaar ?? Number(toLocalDateAmsterdam(now).slice(0, 4));
    const a = await this.analyses.compute(scopeFor(principal), year);

    const cells = a.matrix.filter((c) => c.theme !== null && c.organisation !== null);
    const themeTotals: StaatKeyCountDto[] = a.matrix
      .filter((c) => c.theme !== null && c.organisation === null)
      .map((c) => ({ key: c.theme!, label: null, count: c.count }));
    const organisationTotals: StaatKeyCountDto[] = a.matrix
      .filter((c) => c.theme === null && c.organisation !== null)
      .map((c) => ({ key: c.organisation!, label: c.label, count: c.count }));

    const all: VerouderingRecord | undefined = a.veroudering.find((r) => r.status === null);
    const byStatus = a.veroudering
      .filter((r) => r.status !== null)
      .sort((x, y) => openOrder(x.status!) - openOrder(y.status!))
      .map((r) => ({ key: r.status!, count: r.count, medianDays: r.medianDays, maxDays: r.maxDays, buckets: buckets(r.buckets) }));

    return {
      jaar: year,
      generatedAt: new Date(a.generatedAt).toISOString(),
      standen: a.standen,
      availableYears: a.availableYears,
      matrix: {
        themes: themeTotals.map((t) => t.key),
        organisations: organisationTotals.map((o) => o.key),
        cells: cells.map((c) => ({ theme: c.theme!, organisation: c.organisation!, count: c.count })),
        themeTotals,
        organisationTotals,
        total: a.matrix.find((c) => c.theme === null && c.organisation === null)?.count ?? 0,
      },
      wetten: {
        bwb: a.wetten.bwb.map((w) => ({ bwbId: w.key, label: w.label, count: w.count, organisations: w.organisations })),
        vrijeTekst: a.wetten.tekst.map((w) => ({ key: w.key, label: w.label, count: w.count, organisations: w.organisations })),
        limit: WETTEN_LIMIT,
      },
      clusters: a.clusters,
      terugkerend: {
        threshold: TERUGKEREND_TITLE_THRESHOLD,
        total: a.terugkerend.total,
        limit: TERUGKEREND_LIMIT,
        items: a.terugkerend.items.map((k) => ({
          ...k,
          eerder: k.eerder.map(({ titleAlike, ...e }) => ({ ...e, reason: terugkerendReason({ ...e, titleAlike }) })),
        })),
      },
      veroudering: {
        peilmoment: new Date(a.generatedAt).toISOString(),
        explanation:
          'Leeftijd in hele dagen sinds de indiening, gemeten nu (ook voor een eerder jaar: hoe lang de knelpunten van die Standen ' +
          'die nog open zijn al wachten); open is elke status behalve afgesloten, de status van nu.',
        total: all?.count ?? 0,
        medianDays: all?.medianDays ?? null,
        maxDays: all?.maxDays ?? null,
        buckets: buckets(all?.buckets ?? []),
        byStatus,
      },
    };
  }
}
