import { ApiProperty, ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { OUTCOMES, STATUSES, THEMES } from '@kp/domain';
import { PageQueryDto } from '@kp/shared/http/page-query.dto';
import { KNELPUNT_REFERENCE } from '../../dtos/knelpunt.dto';
import { PUBLIC_KNELPUNT_FIELDS, PublicFieldSpec, PublicKnelpunt } from '../public-fields';

const upper = ({ value }: { value: unknown }): unknown => (typeof value === 'string' ? value.toUpperCase() : value);
const trim = ({ value }: { value: unknown }): unknown => (typeof value === 'string' ? value.trim() : value);

/** The filters of the public register (list and export); each narrows the result, all optional. */
export class OpenbaarFilterQueryDto {
  @ApiPropertyOptional({ description: 'Code van de organisatie', example: 'UWV' })
  @IsOptional()
  @IsString({ message: 'moet tekst zijn' })
  @Matches(/^[A-Za-z]{2,16}$/, { message: 'moet een organisatiecode zijn, zoals UWV' })
  @Transform(upper)
  organisation?: string;

  @ApiPropertyOptional({ enum: THEMES })
  @IsOptional()
  @IsIn(THEMES, { message: `moet een van de volgende thema's zijn: ${THEMES.join(', ')}` })
  theme?: string;

  @ApiPropertyOptional({ enum: STATUSES })
  @IsOptional()
  @IsIn(STATUSES, { message: `moet een van de volgende statussen zijn: ${STATUSES.join(', ')}` })
  status?: string;

  @ApiPropertyOptional({ enum: OUTCOMES, description: 'Uitkomst van afgesloten knelpunten' })
  @IsOptional()
  @IsIn(OUTCOMES, { message: `moet een van de volgende uitkomsten zijn: ${OUTCOMES.join(', ')}` })
  outcome?: string;

  @ApiPropertyOptional({ description: 'Zoektekst in de titel', maxLength: 200 })
  @IsOptional()
  @Transform(trim)
  @IsString({ message: 'moet tekst zijn' })
  @MaxLength(200, { message: 'mag maximaal $constraint1 tekens bevatten' })
  q?: string;
}

/** GET /openbaar/knelpunten: the filters plus `limit` and `cursor`. */
export class ListOpenbareKnelpuntenQueryDto extends IntersectionType(OpenbaarFilterQueryDto, PageQueryDto) {}

export const EXPORT_FORMATS = ['csv', 'json'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** GET /openbaar/knelpunten/export: the filters and the format; everything that matches, no paging. */
export class ExportOpenbareKnelpuntenQueryDto extends OpenbaarFilterQueryDto {
  @ApiPropertyOptional({ enum: EXPORT_FORMATS, default: 'json', description: 'csv (RFC 4180, UTF-8, komma) of json' })
  @IsOptional()
  @IsIn(EXPORT_FORMATS, { message: `moet een van de volgende formaten zijn: ${EXPORT_FORMATS.join(', ')}` })
  format?: ExportFormat;
}

export class OpenbaarReferenceParamDto {
  @ApiProperty({ description: 'Kenmerk van het knelpunt', example: 'UWV-00018', pattern: '^[A-Za-z]{2,16}-[0-9]{1,10}$' })
  @Transform(upper)
  @IsString({ message: 'moet tekst zijn' })
  @Matches(KNELPUNT_REFERENCE, { message: 'moet een kenmerk zijn, zoals UWV-00018' })
  reference: string;
}

/**
 * The OpenAPI schema of a public knelpunt, generated from the allow-list (public-fields.ts) so the document can
 * never promise more or less than the mapper copies. The TypeScript shape is {@link PublicKnelpunt}.
 */
export class PublicKnelpuntDto {}
for (const [name, spec] of Object.entries<PublicFieldSpec>(PUBLIC_KNELPUNT_FIELDS)) {
  ApiProperty({
    type: String,
    required: true,
    description: spec.description,
    ...(spec.enum ? { enum: [...spec.enum] } : {}),
    ...(spec.format ? { format: spec.format } : {}),
    ...(spec.example ? { example: spec.example } : {}),
    ...(spec.nullable ? { nullable: true } : {}),
  })(PublicKnelpuntDto.prototype, name);
}

export class PublicKnelpuntPageDto {
  @ApiProperty({ type: [PublicKnelpuntDto] }) items: PublicKnelpunt[];
  @ApiPropertyOptional({ nullable: true, type: String, description: 'Cursor van de volgende pagina; null op de laatste' })
  nextCursor: string | null;
}
