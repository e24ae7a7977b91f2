import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional } from 'class-validator';
import { OPEN_STATUSES, STATUSES, THEMES } from '@kp/domain';

export const MIN_JAAR = 2000;
export const MAX_JAAR = 2100;
const JAREN: number[] = Array.from({ length: MAX_JAAR - MIN_JAAR + 1 }, (_, i) => MIN_JAAR + i);

export class StaatAnalyseQueryDto {
  @ApiPropertyOptional({
    type: 'integer',
    minimum: MIN_JAAR,
    maximum: MAX_JAAR,
    example: 2026,
    description:
      'Het jaar van de Standen (de vier cijfers waarmee hun periode begint, zoals 2026 of 2026-H2); standaard het huidige jaar ' +
      '(Europe/Amsterdam)',
  })
  @IsOptional()
  // Only plain digits become a number: "0x7EA", "2026.0" or " 2026" stay text and are refused as such.
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' && /^[0-9]{1,9}$/.test(value) ? Number(value) : value))
  // One rule, so a bad value gets one reason.
  @IsIn(JAREN, { message: `moet een jaartal van ${MIN_JAAR} tot en met ${MAX_JAAR} zijn, zoals 2026` })
  jaar?: number;
}

export class StaatKeyCountDto {
  @ApiProperty({ example: 'UWV', description: 'De code waarop geteld is (thema, organisatie, status)' }) key: string;
  @ApiPropertyOptional({ nullable: true, type: String, example: 'Uitvoeringsinstituut Werknemersverzekeringen' })
  label: string | null;
  @ApiProperty({ example: 12 }) count: number;
}

export class MatrixCellDto {
  @ApiProperty({ enum: THEMES, example: 'ict' }) theme: string;
  @ApiProperty({ example: 'UWV', description: 'Code van de organisatie' }) organisation: string;
  @ApiProperty({ example: 3, description: 'Aantal knelpunten (alleen cellen met minstens één)' }) count: number;
}

export class StaatMatrixDto {
  @ApiProperty({ type: [String], enum: THEMES, description: "De thema's met knelpunten, meeste eerst (de rijen)" }) themes: string[];
  @ApiProperty({ type: [String], description: 'De organisaties (codes) met knelpunten, meeste eerst (de kolommen)' })
  organisations: string[];
  @ApiProperty({ type: [MatrixCellDto], description: 'Aantal knelpunten per thema en organisatie; cellen met 0 ontbreken' })
  cells: MatrixCellDto[];
  @ApiProperty({ type: [StaatKeyCountDto], description: 'Rijtotalen: per thema' }) themeTotals: StaatKeyCountDto[];
  @ApiProperty({ type: [StaatKeyCountDto], description: 'Kolomtotalen: per organisatie, met de naam als label' })
  organisationTotals: StaatKeyCountDto[];
  @ApiProperty({ example: 42, description: 'Alle knelpunten van de Standen van het jaar' }) total: number;
}

export class BwbWetDto {
  @ApiProperty({ example: 'BWBR0002448', description: 'BWB-id; de regeling staat op https://wetten.overheid.nl/<bwbId>' })
  bwbId: string;
  @ApiPropertyOptional({
    nullable: true,
    type: String,
    example: 'Participatiewet',
    description: 'De naam die de knelpunten met dit BWB-id het vaakst bij de wet schreven (null: geen)',
  })
  label: string | null;
  @ApiProperty({ example: 4, description: 'Aantal knelpunten dat dit BWB-id noemt' }) count: number;
  @ApiProperty({ type: [String], example: ['SVB', 'UWV'], description: 'De organisaties (codes) die het noemen' })
  organisations: string[];
}

export class TekstWetDto {
  @ApiProperty({ example: 'participatiewet', description: 'De wet zoals geschreven, in kleine letters en zonder spaties rondom' })
  key: string;
  @ApiPropertyOptional({ nullable: true, type: String, example: 'Participatiewet', description: 'De meest geschreven schrijfwijze' })
  label: string | null;
  @ApiProperty({ example: 3 }) count: number;
  @ApiProperty({ type: [String], example: ['DUO', 'UWV'] }) organisations: string[];
}

export class StaatWettenDto {
  @ApiProperty({ type: [BwbWetDto], description: 'De vaakst genoemde wetten en regelingen met een BWB-id, meeste eerst' })
  bwb: BwbWetDto[];
  @ApiProperty({
    type: [TekstWetDto],
    description: 'Van de knelpunten zonder BWB-id: het vrije tekstveld wet, gegroepeerd (kleine letters, zonder spaties rondom)',
  })
  vrijeTekst: TekstWetDto[];
  @ApiProperty({ example: 20, description: 'Hoogstens zoveel van elk' }) limit: number;
}

export class StaatKnelpuntRefDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'UWV-00018' }) reference: string;
  @ApiProperty() title: string;
  @ApiProperty({ example: 'UWV' }) organisation: string;
  @ApiProperty({ enum: STATUSES }) status: string;
  @ApiProperty({ example: 2026, description: 'Het jaar van de Stand van het knelpunt' }) jaar: number;
}

export class StaatClusterDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() title: string;
  @ApiProperty({ example: 3, description: 'Aantal organisaties met een knelpunt in het cluster' }) organisations: number;
  @ApiProperty({ example: 2, description: 'Aantal leden uit de Standen van het jaar' }) membersInJaar: number;
  @ApiProperty({ type: [StaatKnelpuntRefDto], description: 'Alle knelpunten van het cluster, ook uit andere jaren' })
  members: StaatKnelpuntRefDto[];
}

export class EerderKnelpuntDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'UWV-00003' }) reference: string;
  @ApiProperty() title: string;
  @ApiProperty({ enum: STATUSES }) status: string;
  @ApiProperty({ example: 2025, description: 'Het jaar van de eerdere Stand' }) jaar: number;
  @ApiProperty({ example: 0.82, description: 'Trigramovereenkomst van de titels (0–1)' }) score: number;
  @ApiProperty({ type: [String], description: 'BWB-ids die beide noemen, bij hetzelfde thema' }) sharedBwbIds: string[];
  @ApiProperty({ example: 'De titel lijkt sterk op die van UWV-00003 uit de Stand van 2025 (overeenkomst 0,82).' }) reason: string;
}

export class TerugkerendKnelpuntDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'UWV-00018' }) reference: string;
  @ApiProperty() title: string;
  @ApiProperty({ example: 'UWV' }) organisation: string;
  @ApiProperty({ enum: THEMES }) theme: string;
  @ApiProperty({ enum: STATUSES }) status: string;
  @ApiProperty({ type: [EerderKnelpuntDto], description: 'De eerdere knelpunten van dezelfde organisatie die erop lijken' })
  eerder: EerderKnelpuntDto[];
}

export class StaatTerugkerendDto {
  @ApiProperty({ example: 0.5, description: 'Vanaf deze trigramovereenkomst van de titels lijken twee knelpunten op elkaar' })
  threshold: number;
  @ApiProperty({ example: 3, description: 'Aantal terugkerende knelpunten' }) total: number;
  @ApiProperty({ example: 200, description: 'Hoogstens zoveel staan onder items' }) limit: number;
  @ApiProperty({ type: [TerugkerendKnelpuntDto], description: 'Meest gelijkend eerst' }) items: TerugkerendKnelpuntDto[];
}

export class VerouderingBucketDto {
  @ApiProperty({ example: '30_tot_90_dagen' }) key: string;
  @ApiProperty({ example: '30 tot 90 dagen' }) label: string;
  @ApiProperty({ example: 2 }) count: number;
}

export class VerouderingStatusDto {
  @ApiProperty({ enum: OPEN_STATUSES, example: 'bij_driehoek' }) key: string;
  @ApiProperty({ example: 5 }) count: number;
  @ApiPropertyOptional({ nullable: true, type: Number, example: 45.5, description: 'Mediane leeftijd in dagen' })
  medianDays: number | null;
  @ApiPropertyOptional({ nullable: true, type: Number, example: 200, description: 'Hoogste leeftijd in dagen' }) maxDays: number | null;
  @ApiProperty({ type: [VerouderingBucketDto] }) buckets: VerouderingBucketDto[];
}

export class StaatVerouderingDto {
  @ApiProperty({ format: 'date-time', description: 'Het moment waarop de leeftijd is gemeten: nu' }) peilmoment: string;
  @ApiProperty({ example: 'Leeftijd in hele dagen sinds de indiening, gemeten op het peilmoment.' }) explanation: string;
  @ApiProperty({ example: 12, description: 'Open knelpunten van het jaar' }) total: number;
  @ApiPropertyOptional({ nullable: true, type: Number }) medianDays: number | null;
  @ApiPropertyOptional({ nullable: true, type: Number }) maxDays: number | null;
  @ApiProperty({ type: [VerouderingBucketDto], description: 'Alle open knelpunten samen per leeftijdsklasse' })
  buckets: VerouderingBucketDto[];
  @ApiProperty({ type: [VerouderingStatusDto], description: 'Per open status, in de volgorde van het proces' })
  byStatus: VerouderingStatusDto[];
}

export class StaatAnalyseDto {
  @ApiProperty({ example: 2026 }) jaar: number;
  @ApiProperty({ format: 'date-time' }) generatedAt: string;
  @ApiProperty({ example: 14, description: 'Aantal Standen van het jaar (van alle organisaties)' }) standen: number;
  @ApiProperty({ type: [Number], example: [2026, 2025], description: 'De jaren waarvan Standen zijn geregistreerd, nieuwste eerst' })
  availableYears: number[];
  @ApiProperty({ type: StaatMatrixDto }) matrix: StaatMatrixDto;
  @ApiProperty({ type: StaatWettenDto }) wetten: StaatWettenDto;
  @ApiProperty({ type: [StaatClusterDto], description: 'Clusters van de ACU met minstens één knelpunt van het jaar' })
  clusters: StaatClusterDto[];
  @ApiProperty({ type: StaatTerugkerendDto }) terugkerend: StaatTerugkerendDto;
  @ApiProperty({ type: StaatVerouderingDto }) veroudering: StaatVerouderingDto;
}
