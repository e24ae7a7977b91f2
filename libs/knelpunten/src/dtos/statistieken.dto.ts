import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { DEADLINE_KINDS, OPEN_STATUSES } from '@kp/domain';

/** How long open knelpunten have been in their current status, in weeks (lower bound inclusive). */
export const AGEING_BUCKETS = ['minder_dan_4_weken', '4_tot_8_weken', '8_tot_13_weken', '13_weken_of_meer'] as const;
export type AgeingBucket = (typeof AGEING_BUCKETS)[number];

export const DEFAULT_QUARTERS = 8;
export const MAX_QUARTERS = 20;

export class StatistiekenQueryDto {
  @ApiPropertyOptional({
    minimum: 1,
    maximum: MAX_QUARTERS,
    default: DEFAULT_QUARTERS,
    description: 'Aantal kwartalen (tot en met het huidige) in perQuarter',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'moet een geheel getal zijn' })
  @Min(1, { message: 'moet minstens $constraint1 zijn' })
  @Max(MAX_QUARTERS, { message: 'mag hoogstens $constraint1 zijn' })
  quarters?: number;
}

export class KeyCountDto {
  @ApiProperty({ example: 'vereenvoudiging', description: 'De code waarop geteld is (thema, organisatie, status, termijnsoort)' })
  key: string;
  @ApiProperty({ example: 12 }) count: number;
}

export class AgeingCountDto {
  @ApiProperty({ enum: OPEN_STATUSES, example: 'bij_driehoek' }) status: string;
  @ApiProperty({ enum: AGEING_BUCKETS, description: 'Hoe lang al in deze status: minder dan 4 weken, 4 tot 8, 8 tot 13, 13 of meer' })
  bucket: AgeingBucket;
  @ApiProperty({ example: 3 }) count: number;
}

export class OverdueCountDto {
  @ApiProperty({ enum: DEADLINE_KINDS, example: 'driehoek_besluit', description: 'Termijnsoort' }) key: string;
  @ApiProperty({ example: 2 }) count: number;
}

export class QuarterCountDto {
  @ApiProperty({ example: '2026-Q4', description: 'Kwartaal (Europe/Amsterdam)' }) quarter: string;
  @ApiProperty({
    example: 5,
    description:
      'Knelpunten waarover in dit kwartaal een beslissing over de aanpak is genomen (oppakken, escaleren, naar de politiek, ' +
      'afwijzen, samenvoegen, doorbraakteam, overheidsbreed oppakken, terug naar de driehoek, afronden, politieke uitkomst); ' +
      'informatieverzoeken, intrekkingen en automatische escalaties tellen niet mee',
  })
  decided: number;
  @ApiProperty({ example: 2, description: 'Knelpunten die in dit kwartaal zijn afgesloten met uitkomst opgelost' }) solved: number;
  @ApiProperty({ example: 1, description: 'Knelpunten die in dit kwartaal zijn afgesloten met uitkomst deels opgelost' })
  partlySolved: number;
}

/**
 * The programmadirectie's dashboard: every number counted by PostgreSQL over the read model and the timeline,
 * within the caller's scope (the ACU sees the knelpunten that were escalated to it).
 */
export class StatistiekenDto {
  @ApiProperty({ format: 'date-time', description: 'Peilmoment van alle getallen' }) generatedAt: string;
  @ApiProperty({ example: 120, description: 'Alle knelpunten binnen uw bereik' }) total: number;
  @ApiProperty({ example: 85, description: 'Knelpunten die nog niet zijn afgesloten' }) open: number;
  @ApiProperty({ type: [KeyCountDto], description: 'Alle knelpunten per thema, meeste eerst' }) byTheme: KeyCountDto[];
  @ApiProperty({ type: [KeyCountDto], description: 'Alle knelpunten per organisatie (code), meeste eerst' })
  byOrganisation: KeyCountDto[];
  @ApiProperty({ type: [KeyCountDto], description: 'Alle knelpunten per status' }) byStatus: KeyCountDto[];
  @ApiProperty({ type: [AgeingCountDto], description: 'Open knelpunten per status en verblijfsduur in die status' })
  ageing: AgeingCountDto[];
  @ApiProperty({ type: [OverdueCountDto], description: 'Verlopen termijnen van open knelpunten per termijnsoort' })
  overdueByDeadlineKind: OverdueCountDto[];
  @ApiProperty({ type: [QuarterCountDto], description: 'Besloten en opgeloste knelpunten per kwartaal, oudste eerst' })
  perQuarter: QuarterCountDto[];
}
