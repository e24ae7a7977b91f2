import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsISO8601,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { THEMES, Theme } from '@kp/domain';
import { VerwijzingenField } from '@kp/knelpunten/dtos/verwijzingen.dto';

export const MAX_KNELPUNTEN_PER_STAND = 250;

const trim = ({ value }: { value: unknown }): unknown => (typeof value === 'string' ? value.trim() : value);

export class KnelpuntInputDto {
  @ApiProperty({ maxLength: 300, example: 'Complexe regels in de Participatiewet' })
  @Transform(trim)
  @IsString({ message: 'moet tekst zijn' })
  @IsNotEmpty({ message: 'is verplicht en mag niet leeg zijn' })
  @MaxLength(300, { message: 'mag maximaal $constraint1 tekens bevatten' })
  title: string;

  @ApiProperty({ maxLength: 20000 })
  @Transform(trim)
  @IsString({ message: 'moet tekst zijn' })
  @IsNotEmpty({ message: 'is verplicht en mag niet leeg zijn' })
  @MaxLength(20000, { message: 'mag maximaal $constraint1 tekens bevatten' })
  description: string;

  @ApiProperty({ enum: THEMES })
  @IsIn(THEMES, { message: `moet een van de volgende thema's zijn: ${THEMES.join(', ')}` })
  theme: Theme;

  @ApiPropertyOptional({ maxLength: 300, description: 'De wet of regeling waar het knelpunt over gaat' })
  @IsOptional()
  @Transform(trim)
  @IsString({ message: 'moet tekst zijn' })
  @MaxLength(300, { message: 'mag maximaal $constraint1 tekens bevatten' })
  law?: string;

  @ApiPropertyOptional({ description: 'Code van het verantwoordelijke ministerie, bijvoorbeeld SZW' })
  @IsOptional()
  @Transform(trim)
  @IsString({ message: 'moet tekst zijn' })
  @MaxLength(16, { message: 'mag maximaal $constraint1 tekens bevatten' })
  ministry?: string;

  @ApiPropertyOptional({ maxLength: 10000 })
  @IsOptional()
  @Transform(trim)
  @IsString({ message: 'moet tekst zijn' })
  @MaxLength(10000, { message: 'mag maximaal $constraint1 tekens bevatten' })
  impact?: string;

  @ApiPropertyOptional({ maxLength: 10000 })
  @IsOptional()
  @Transform(trim)
  @IsString({ message: 'moet tekst zijn' })
  @MaxLength(10000, { message: 'mag maximaal $constraint1 tekens bevatten' })
  proposedSolution?: string;

  @ApiPropertyOptional({ maxLength: 200, description: 'Eigen kenmerk van de organisatie' })
  @IsOptional()
  @Transform(trim)
  @IsString({ message: 'moet tekst zijn' })
  @MaxLength(200, { message: 'mag maximaal $constraint1 tekens bevatten' })
  externalRef?: string;

  @VerwijzingenField('kamerstukken', { required: false }) kamerstukken?: string[];
  @VerwijzingenField('moties', { required: false }) moties?: string[];
  @VerwijzingenField('toezeggingen', { required: false }) toezeggingen?: string[];
  @VerwijzingenField('bwbIds', { required: false }) bwbIds?: string[];
}

export class StandMetadataDto {
  @ApiProperty({ example: 'UWV', description: 'Code van de uitvoeringsorganisatie' })
  @Transform(trim)
  @IsString({ message: 'moet tekst zijn' })
  @IsNotEmpty({ message: 'is verplicht' })
  @MaxLength(16, { message: 'mag maximaal $constraint1 tekens bevatten' })
  organisation: string;

  @ApiProperty({ example: '2025', description: 'Periode van de Stand, bijvoorbeeld 2025 of 2025-H2' })
  @Transform(trim)
  @IsString({ message: 'moet tekst zijn' })
  @IsNotEmpty({ message: 'is verplicht' })
  @Matches(/^[0-9A-Za-z][0-9A-Za-z\- ]{0,31}$/, { message: 'moet een periode zijn zoals 2025 of 2025-H2 (maximaal 32 tekens)' })
  period: string;

  @ApiProperty({ maxLength: 300, example: 'Stand van de uitvoering 2025' })
  @Transform(trim)
  @IsString({ message: 'moet tekst zijn' })
  @IsNotEmpty({ message: 'is verplicht en mag niet leeg zijn' })
  @MaxLength(300, { message: 'mag maximaal $constraint1 tekens bevatten' })
  title: string;

  @ApiPropertyOptional({ format: 'date', example: '2025-06-30' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'moet een datum zijn (JJJJ-MM-DD)' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'moet een datum zijn (JJJJ-MM-DD)' })
  publishedOn?: string;

  @ApiPropertyOptional({ format: 'uri' })
  @IsOptional()
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true }, { message: 'moet een geldige http(s)-URL zijn' })
  @MaxLength(2000, { message: 'mag maximaal $constraint1 tekens bevatten' })
  sourceUrl?: string;
}

export class SubmitStandDto extends StandMetadataDto {
  @ApiProperty({ type: [KnelpuntInputDto], minItems: 1, maxItems: MAX_KNELPUNTEN_PER_STAND })
  @IsArray({ message: 'moet een lijst van knelpunten zijn' })
  @ArrayMinSize(1, { message: 'moet minstens één knelpunt bevatten' })
  @ArrayMaxSize(MAX_KNELPUNTEN_PER_STAND, { message: 'mag maximaal $constraint1 knelpunten bevatten' })
  @IsObject({ each: true, message: 'moet een lijst van knelpunten (objecten) zijn' })
  @ValidateNested({ each: true })
  @Type(() => KnelpuntInputDto)
  knelpunten: KnelpuntInputDto[];
}

/** Query parameters of the CSV import. */
export class ImportStandQueryDto extends StandMetadataDto {}
