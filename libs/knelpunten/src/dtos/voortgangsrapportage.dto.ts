import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches } from 'class-validator';
import { DEADLINE_KINDS, STATUSES } from '@kp/domain';
import { KeyCountDto } from './statistieken.dto';

/** A quarter as `2026-Q4` (years 2000–2999). */
export const KWARTAAL_PATTERN = /^2\d{3}-Q[1-4]$/;

/** The formats of the quarterly report; `json` is the default. */
export const RAPPORTAGE_FORMATS = ['json', 'csv', 'xlsx', 'pdf'] as const;
export type RapportageFormat = (typeof RAPPORTAGE_FORMATS)[number];

export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const PDF_CONTENT_TYPE = 'application/pdf';

/** At most this many knelpunten are listed under `moved.items`; `moved.total` counts them all. */
export const MOVED_LIMIT = 200;

export class VoortgangsrapportageQueryDto {
  @ApiPropertyOptional({
    example: '2026-Q4',
    pattern: KWARTAAL_PATTERN.source,
    description: 'Kwartaal als JJJJ-Qn (Q1 tot en met Q4); standaard het huidige kwartaal (Europe/Amsterdam)',
  })
  @IsOptional()
  @IsString({ message: 'moet tekst zijn' })
  @Matches(KWARTAAL_PATTERN, { message: 'moet een kwartaal zijn zoals 2026-Q4 (jaar, dan Q1 tot en met Q4)' })
  kwartaal?: string;

  @ApiPropertyOptional({
    enum: RAPPORTAGE_FORMATS,
    default: 'json',
    description:
      'json (standaard), csv (RFC 4180, UTF-8, één sectie per tabel), xlsx (één werkblad per tabel) of pdf (A4-document met ' +
      'grafieken en tabellen); csv, xlsx en pdf komen als bijlage',
  })
  @IsOptional()
  @IsIn(RAPPORTAGE_FORMATS, { message: `moet een van de volgende formaten zijn: ${RAPPORTAGE_FORMATS.join(', ')}` })
  format?: RapportageFormat;
}

export class RapportageTellingenDto {
  @ApiProperty({ example: 42, description: 'Aantal knelpunten in dit deel' }) total: number;
  @ApiProperty({ type: [KeyCountDto], description: 'Per status (op het peilmoment), meeste eerst' }) byStatus: KeyCountDto[];
  @ApiProperty({ type: [KeyCountDto], description: 'Per thema, meeste eerst' }) byTheme: KeyCountDto[];
  @ApiProperty({ type: [KeyCountDto], description: 'Per organisatie (code), meeste eerst' }) byOrganisation: KeyCountDto[];
  @ApiProperty({
    type: [KeyCountDto],
    description: 'Per doorbraakteam waaraan de ACU het knelpunt heeft toegewezen (op het peilmoment); `geen` voor knelpunten zonder',
  })
  byDoorbraakteam: KeyCountDto[];
}

export class RapportageStromenDto {
  @ApiProperty({ example: 12, description: 'Knelpunten ingediend in het kwartaal' }) new: number;
  @ApiProperty({
    example: 8,
    description:
      'Knelpunten waarover een driehoek in het kwartaal een beslissing over de aanpak nam (oppakken, escaleren, naar de politiek, ' +
      'afwijzen, samenvoegen, afronden); informatieverzoeken tellen niet mee',
  })
  decidedByDriehoek: number;
  @ApiProperty({ example: 3, description: 'Knelpunten die in het kwartaal naar de ACU zijn geëscaleerd (ook automatisch)' })
  escalatedToAcu: number;
  @ApiProperty({ example: 1, description: 'Knelpunten die in het kwartaal naar de politiek zijn gegaan' }) toPolitics: number;
  @ApiProperty({ example: 2, description: 'Knelpunten die in het kwartaal zijn afgesloten als opgelost of deels opgelost' })
  solved: number;
  @ApiProperty({ example: 1, description: 'Knelpunten die in het kwartaal zijn afgesloten als niet oplosbaar' }) notSolvable: number;
  @ApiProperty({ example: 1, description: 'Knelpunten die in het kwartaal zijn ingetrokken' }) withdrawn: number;
}

export const OVERDUE_BASES = ['huidige_stand', 'termijnlogboek'] as const;
export type OverdueBasis = (typeof OVERDUE_BASES)[number];

export class RapportageOverdueKindDto {
  @ApiProperty({ enum: DEADLINE_KINDS, example: 'driehoek_besluit', description: 'Termijnsoort' }) key: string;
  @ApiProperty({ example: 2 }) count: number;
}

export class RapportageOverdueDto {
  @ApiProperty({
    enum: OVERDUE_BASES,
    description:
      'huidige_stand: het kwartaal loopt nog, de getallen zijn de stand van nu (de termijnen in de staat verlopen); ' +
      'termijnlogboek: een afgelopen kwartaal, per termijn afgeleid uit het logboek van die termijn (de laatste gebeurtenis vóór het ' +
      'einde van het kwartaal was het verlopen)',
  })
  basis: OverdueBasis;
  @ApiProperty({ example: 'De stand van nu: het kwartaal loopt nog.', description: 'Toelichting op de basis, in woorden' })
  explanation: string;
  @ApiProperty({ example: 3, description: 'Knelpunten met ten minste één verlopen termijn op het peilmoment' }) knelpunten: number;
  @ApiProperty({ type: [RapportageOverdueKindDto], description: 'Verlopen termijnen van open knelpunten per termijnsoort' })
  byDeadlineKind: RapportageOverdueKindDto[];
}

export class RapportageDoorlooptijdDto {
  @ApiProperty({
    type: Number,
    nullable: true,
    example: 23.5,
    description:
      'Mediaan in dagen (één decimaal) van de indiening tot het eerste besluit van de driehoek, over de knelpunten waarvan dat eerste ' +
      'besluit in het kwartaal viel; null als er geen was',
  })
  medianDays: number | null;
  @ApiProperty({ example: 8, description: 'Aantal knelpunten waarover de mediaan is genomen' }) basedOn: number;
}

export class RapportageMovedItemDto {
  @ApiProperty({ example: 'UWV-00018' }) reference: string;
  @ApiProperty({ example: 'Complexe regels WIA' }) title: string;
  @ApiProperty({ example: 'UWV', description: 'Code van de organisatie' }) organisation: string;
  @ApiProperty({ enum: STATUSES, description: 'Status vóór de eerste statuswijziging in het kwartaal' }) from: string;
  @ApiProperty({ enum: STATUSES, description: 'Status na de laatste statuswijziging in het kwartaal' }) to: string;
  @ApiProperty({ format: 'date-time', description: 'Moment van de laatste statuswijziging in het kwartaal' }) lastMovedAt: string;
}

export class RapportageMovedDto {
  @ApiProperty({ example: 37, description: 'Alle knelpunten waarvan de status in het kwartaal veranderde' }) total: number;
  @ApiProperty({ example: MOVED_LIMIT, description: 'Hoeveel er hoogstens in items staan' }) limit: number;
  @ApiProperty({ type: [RapportageMovedItemDto], description: 'De knelpunten, laatst verplaatst eerst (hoogstens limit)' })
  items: RapportageMovedItemDto[];
}

/**
 * The quarterly progress report (Werkagenda: "per kwartaal eenvoudig gepresenteerd"): every number counted by
 * PostgreSQL over the read model and the timeline, within the caller's scope, in one snapshot.
 */
export class VoortgangsrapportageDto {
  @ApiProperty({ example: '2026-Q4' }) kwartaal: string;
  @ApiProperty({ format: 'date', example: '2026-10-01', description: 'Eerste dag van het kwartaal' }) periodStart: string;
  @ApiProperty({ format: 'date', example: '2026-12-31', description: 'Laatste dag van het kwartaal' }) periodEnd: string;
  @ApiProperty({
    format: 'date-time',
    description: 'Het moment waarop de standen gelden: het einde van het kwartaal, of nu als het kwartaal nog loopt',
  })
  peilmoment: string;
  @ApiProperty({ description: 'Het kwartaal loopt nog (de getallen kunnen nog veranderen)' }) lopend: boolean;
  @ApiProperty({ format: 'date-time', description: 'Moment van samenstellen' }) generatedAt: string;
  @ApiProperty({ type: RapportageTellingenDto, description: 'Knelpunten ingediend in het kwartaal, met hun stand op het peilmoment' })
  quarter: RapportageTellingenDto;
  @ApiProperty({
    type: RapportageTellingenDto,
    description: 'Alle knelpunten ingediend tot het einde van het kwartaal, met hun stand op het peilmoment',
  })
  cumulative: RapportageTellingenDto;
  @ApiProperty({ type: RapportageStromenDto, description: 'Wat er in het kwartaal gebeurde' }) flows: RapportageStromenDto;
  @ApiProperty({ type: RapportageOverdueDto, description: 'Verlopen termijnen op het peilmoment' }) overdue: RapportageOverdueDto;
  @ApiProperty({ type: RapportageDoorlooptijdDto, description: 'Doorlooptijd tot het eerste besluit van de driehoek' })
  driehoekDecision: RapportageDoorlooptijdDto;
  @ApiProperty({ type: RapportageMovedDto, description: 'Knelpunten waarvan de status in het kwartaal veranderde' })
  moved: RapportageMovedDto;
}
