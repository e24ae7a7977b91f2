import { PageQueryDto } from '@kp/shared/http/page-query.dto';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsIn, IsInt, IsObject, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import {
  DECISIONS,
  DEADLINE_KINDS,
  DOORBRAAKTEAMS,
  MAX_EXTENSION_AMOUNT,
  OUTCOMES,
  STATUSES,
  TERM_UNITS,
  THEMES,
  TermUnit,
} from '@kp/domain';
import { VerwijzingFilter } from './verwijzingen.dto';

const toBool = ({ value }: { value: unknown }): unknown => (value === 'true' ? true : value === 'false' ? false : value);

/** Filters shared by the list and the driehoek queue (each narrows the result; all are optional). */
class KnelpuntFilterQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: STATUSES })
  @IsOptional()
  @IsIn(STATUSES, { message: `moet een van de volgende statussen zijn: ${STATUSES.join(', ')}` })
  status?: string;

  @ApiPropertyOptional({ enum: THEMES })
  @IsOptional()
  @IsIn(THEMES, { message: `moet een van de volgende thema's zijn: ${THEMES.join(', ')}` })
  theme?: string;

  @ApiPropertyOptional({ type: Boolean })
  @IsOptional()
  @Transform(toBool)
  @IsIn([true, false], { message: 'moet true of false zijn' })
  overdue?: boolean;

  @ApiPropertyOptional({ description: 'Zoektekst (titel, beschrijving, wet, kenmerk)' })
  @IsOptional()
  @IsString({ message: 'moet tekst zijn' })
  @MaxLength(200, { message: 'mag maximaal $constraint1 tekens bevatten' })
  q?: string;

  @VerwijzingFilter('kamerstukken') kamerstuk?: string;
  @VerwijzingFilter('moties') motie?: string;
  @VerwijzingFilter('toezeggingen') toezegging?: string;
  @VerwijzingFilter('bwbIds') bwb?: string;
}

export class ListKnelpuntenQueryDto extends KnelpuntFilterQueryDto {
  @ApiPropertyOptional({ description: 'Code van de organisatie' })
  @IsOptional()
  @IsString({ message: 'moet tekst zijn' })
  @MaxLength(16, { message: 'mag maximaal $constraint1 tekens bevatten' })
  organisation?: string;

  @ApiPropertyOptional({ description: 'Code van de driehoek' })
  @IsOptional()
  @IsString({ message: 'moet tekst zijn' })
  @MaxLength(16, { message: 'mag maximaal $constraint1 tekens bevatten' })
  driehoek?: string;

  @ApiPropertyOptional({
    enum: [...DOORBRAAKTEAMS, 'geen'],
    description: 'Doorbraakteam waaraan de ACU het knelpunt heeft toegewezen; `geen` voor knelpunten zonder doorbraakteam',
  })
  @IsOptional()
  @IsIn([...DOORBRAAKTEAMS, 'geen'], { message: `moet een van de volgende waarden zijn: ${[...DOORBRAAKTEAMS, 'geen'].join(', ')}` })
  doorbraakteam?: string;
}

/** The queue: open knelpunten only, so `status` narrows among the open statuses. */
export class QueueQueryDto extends KnelpuntFilterQueryDto {}

export class KnelpuntIdParamDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'moet een geldige UUID zijn' })
  id: string;
}

/** A knelpunt's reference as the organisation quotes it: its organisation code and number, e.g. UWV-00018. */
export const KNELPUNT_REFERENCE = /^[A-Z]{2,16}-\d{1,10}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** `:id` of the read route: the UUID or the reference (case-insensitive: uwv-00018 is UWV-00018). */
export class KnelpuntIdOrReferenceParamDto {
  @ApiProperty({
    description: 'Id (UUID) of kenmerk van het knelpunt, zoals UWV-00018',
    example: 'UWV-00018',
    pattern: '^([0-9a-fA-F-]{36}|[A-Za-z]{2,16}-[0-9]{1,10})$',
  })
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' && !UUID.test(value) ? value.toUpperCase() : value))
  @IsString({ message: 'moet tekst zijn' })
  @Matches(new RegExp(`(${UUID.source})|(${KNELPUNT_REFERENCE.source})`, 'i'), {
    message: 'moet een geldige UUID of een kenmerk zoals UWV-00018 zijn',
  })
  id: string;
}

/** Which column a validated id-or-reference names. */
export function knelpuntKey(idOrReference: string): { id: string } | { reference: string } {
  return UUID.test(idOrReference) ? { id: idOrReference } : { reference: idOrReference };
}

const TEXT = { message: 'moet tekst zijn' };
const LONG = { message: 'mag maximaal $constraint1 tekens bevatten' };

/** `{ decision, ...fields }`: every field any decision uses; which are required is checked per decision. */
export class DecisionRequestDto {
  @ApiProperty({ enum: DECISIONS })
  @IsIn(DECISIONS, { message: `moet een van de volgende beslissingen zijn: ${DECISIONS.join(', ')}` })
  decision: string;

  @ApiPropertyOptional() @IsOptional() @IsString(TEXT) @MaxLength(300, LONG) owner?: string;
  @ApiPropertyOptional({ format: 'date' })
  @IsOptional()
  @IsString(TEXT)
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'moet een datum zijn (JJJJ-MM-DD)' })
  targetDate?: string;
  @ApiPropertyOptional() @IsOptional() @IsString(TEXT) @MaxLength(10000, LONG) plan?: string;
  @ApiPropertyOptional() @IsOptional() @IsString(TEXT) @MaxLength(10000, LONG) question?: string;
  @ApiPropertyOptional() @IsOptional() @IsString(TEXT) @MaxLength(10000, LONG) response?: string;
  @ApiPropertyOptional() @IsOptional() @IsString(TEXT) @MaxLength(10000, LONG) motivation?: string;
  @ApiPropertyOptional() @IsOptional() @IsString(TEXT) @MaxLength(64, LONG) instrument?: string;
  @ApiPropertyOptional({ enum: OUTCOMES }) @IsOptional() @IsString(TEXT) @MaxLength(32, LONG) outcome?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsString(TEXT) @MaxLength(64, LONG) targetKnelpuntId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsString(TEXT) @MaxLength(64, LONG) clusterId?: string;
  @ApiPropertyOptional() @IsOptional() @IsString(TEXT) @MaxLength(100, LONG) team?: string;
  @ApiPropertyOptional() @IsOptional() @IsString(TEXT) @MaxLength(300, LONG) lead?: string;
  @ApiPropertyOptional() @IsOptional() @IsString(TEXT) @MaxLength(10000, LONG) summary?: string;
  @ApiPropertyOptional() @IsOptional() @IsString(TEXT) @MaxLength(64, LONG) result?: string;
}

export class VoortgangRequestDto {
  @ApiProperty({ maxLength: 10000 })
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  @IsString(TEXT)
  @Matches(/\S/, { message: 'is verplicht en mag niet leeg zijn' })
  @MaxLength(10000, LONG)
  summary: string;
}

export class ExtensionDto {
  @ApiProperty({ minimum: 1, maximum: MAX_EXTENSION_AMOUNT })
  @IsInt({ message: 'moet een geheel getal zijn' })
  @Min(1, { message: 'moet minstens $constraint1 zijn' })
  @Max(MAX_EXTENSION_AMOUNT, { message: 'mag hoogstens $constraint1 zijn' })
  amount: number;

  @ApiProperty({ enum: TERM_UNITS })
  @IsIn(TERM_UNITS as TermUnit[], { message: `moet een van de volgende waarden zijn: ${TERM_UNITS.join(', ')}` })
  unit: TermUnit;
}

export class DeadlineActionRequestDto {
  @ApiProperty({ enum: ['opschorten', 'hervatten', 'verlengen'] })
  @IsIn(['opschorten', 'hervatten', 'verlengen'], { message: 'moet opschorten, hervatten of verlengen zijn' })
  action: 'opschorten' | 'hervatten' | 'verlengen';

  @ApiProperty({ description: `Id of soort van de termijn (${DEADLINE_KINDS.join(', ')})` })
  @IsString(TEXT)
  @MaxLength(64, LONG)
  deadline: string;

  @ApiProperty()
  @IsString(TEXT)
  @Matches(/\S/, { message: 'is verplicht en mag niet leeg zijn' })
  @MaxLength(2000, LONG)
  reason: string;

  @ApiPropertyOptional({ type: ExtensionDto })
  @IsOptional()
  @IsObject({ message: 'moet een object { amount, unit } zijn' })
  @ValidateNested({ message: 'moet een object { amount, unit } zijn' })
  @Type(() => ExtensionDto)
  extension?: ExtensionDto;
}
