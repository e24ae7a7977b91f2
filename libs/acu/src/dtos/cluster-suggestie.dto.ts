import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { STATUSES, THEMES } from '@kp/domain';
import { ActorDto } from './acu-meeting.dto';

const trim = ({ value }: { value: unknown }): unknown => (typeof value === 'string' ? value.trim() : value);

/** Most knelpunten one suggestion can turn into a cluster in one step. */
export const MAX_SUGGESTED_MEMBERS = 10;

export class ListClusterSuggestiesQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 20, description: 'Hoeveel suggesties (de hoogste score eerst)' })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'moet een geheel getal zijn' })
  @Min(1, { message: 'moet minstens $constraint1 zijn' })
  @Max(100, { message: 'mag hoogstens $constraint1 zijn' })
  limit?: number;
}

export class ClusterSuggestieKnelpuntDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'UWV-00001' }) reference: string;
  @ApiProperty() title: string;
  @ApiProperty({ example: 'UWV' }) organisation: string;
  @ApiProperty({ enum: THEMES }) theme: string;
  @ApiProperty({ enum: STATUSES }) status: string;
  @ApiProperty({ nullable: true, type: String, description: 'De wet of regeling die het knelpunt noemt' }) law: string | null;
}

export class ClusterSuggestieDto {
  @ApiProperty({
    type: [ClusterSuggestieKnelpuntDto],
    minItems: 2,
    maxItems: 2,
    description: 'Twee knelpunten van verschillende organisaties',
  })
  knelpunten: ClusterSuggestieKnelpuntDto[];
  @ApiProperty({ minimum: 0, maximum: 1, example: 0.72, description: 'Hoe sterk de knelpunten op elkaar lijken (0 tot 1)' })
  score: number;
  @ApiProperty({ example: 'Titels lijken sterk op elkaar (overeenkomst 0,72); zelfde thema: gegevensdeling' })
  reason: string;
  @ApiProperty({ minimum: 0, maximum: 1, description: 'Trigram-overeenkomst van de titels' }) titleSimilarity: number;
  @ApiProperty({ minimum: 0, maximum: 1, description: 'Trigram-overeenkomst van de omschrijvingen' }) descriptionSimilarity: number;
  @ApiProperty() sameTheme: boolean;
  @ApiProperty({ description: 'Beide noemen dezelfde wet of regeling' }) sameLaw: boolean;
}

export class ClusterSuggestieListDto {
  @ApiProperty({ type: [ClusterSuggestieDto] }) items: ClusterSuggestieDto[];
  @ApiProperty({ description: 'Het gevraagde maximum' }) limit: number;
}

export class CreateClusterFromSuggestieDto {
  @ApiProperty({
    type: [String],
    format: 'uuid',
    minItems: 2,
    maxItems: MAX_SUGGESTED_MEMBERS,
    description: 'De knelpunten van de suggestie (naar de ACU geëscaleerd, niet afgesloten, in geen cluster)',
  })
  @IsArray({ message: 'moet een lijst van knelpunt-id’s zijn' })
  @ArrayMinSize(2, { message: 'moet minstens twee knelpunten bevatten' })
  @ArrayMaxSize(MAX_SUGGESTED_MEMBERS, { message: 'mag maximaal $constraint1 knelpunten bevatten' })
  @ArrayUnique({ message: 'mag geen knelpunt twee keer bevatten' })
  @IsUUID('all', { each: true, message: 'moet alleen geldige UUID’s bevatten' })
  knelpuntIds: string[];

  @ApiPropertyOptional({ maxLength: 300, description: 'De titel van het cluster; zonder: de titel van het eerste knelpunt' })
  @IsOptional()
  @Transform(trim)
  @IsString({ message: 'moet tekst zijn' })
  @IsNotEmpty({ message: 'mag niet leeg zijn' })
  @MaxLength(300, { message: 'mag maximaal $constraint1 tekens bevatten' })
  title?: string;

  @ApiPropertyOptional({ maxLength: 20000 })
  @IsOptional()
  @Transform(trim)
  @IsString({ message: 'moet tekst zijn' })
  @MaxLength(20000, { message: 'mag maximaal $constraint1 tekens bevatten' })
  description?: string;
}

export class RejectClusterSuggestieDto {
  @ApiProperty({ type: [String], format: 'uuid', minItems: 2, maxItems: 2, description: 'Het paar knelpunten dat niet samenhoort' })
  @IsArray({ message: 'moet een lijst van twee knelpunt-id’s zijn' })
  @ArrayMinSize(2, { message: 'moet precies twee knelpunten bevatten' })
  @ArrayMaxSize(2, { message: 'moet precies twee knelpunten bevatten' })
  @ArrayUnique({ message: 'mag geen knelpunt twee keer bevatten' })
  @IsUUID('all', { each: true, message: 'moet alleen geldige UUID’s bevatten' })
  knelpuntIds: string[];

  @ApiPropertyOptional({ maxLength: 2000, description: 'Waarom de knelpunten niet samenhoren' })
  @IsOptional()
  @Transform(trim)
  @IsString({ message: 'moet tekst zijn' })
  @MaxLength(2000, { message: 'mag maximaal $constraint1 tekens bevatten' })
  reason?: string;
}

export class ClusterSuggestieAfwijzingDto {
  @ApiProperty({ type: [String], format: 'uuid', description: 'Het afgewezen paar (geordend)' }) knelpuntIds: string[];
  @ApiProperty({ nullable: true, type: String }) reason: string | null;
  @ApiProperty({ format: 'date-time' }) rejectedAt: string;
  @ApiProperty({ type: ActorDto }) rejectedBy: ActorDto;
}
