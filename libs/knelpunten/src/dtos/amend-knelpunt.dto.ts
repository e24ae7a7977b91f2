import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsNotEmpty, IsOptional, IsString, MaxLength, ValidateIf } from 'class-validator';
import { THEMES, Theme } from '@kp/domain';

const trim = ({ value }: { value: unknown }): unknown => (typeof value === 'string' ? value.trim() : value);
const TEXT = { message: 'moet tekst zijn' };
const LONG = { message: 'mag maximaal $constraint1 tekens bevatten' };
/** A required field may be left out of a PATCH, but not sent as null (it cannot be emptied). */
const IF_SENT = ValidateIf((_o: unknown, value: unknown) => value !== undefined);

/** The organisation's own content of a knelpunt; only the fields sent change. */
export class AmendKnelpuntDto {
  @ApiPropertyOptional({ maxLength: 300 })
  @IF_SENT
  @Transform(trim)
  @IsString(TEXT)
  @IsNotEmpty({ message: 'mag niet leeg zijn' })
  @MaxLength(300, LONG)
  title?: string;

  @ApiPropertyOptional({ maxLength: 20000 })
  @IF_SENT
  @Transform(trim)
  @IsString(TEXT)
  @IsNotEmpty({ message: 'mag niet leeg zijn' })
  @MaxLength(20000, LONG)
  description?: string;

  @ApiPropertyOptional({ enum: THEMES })
  @IF_SENT
  @IsIn(THEMES, { message: `moet een van de volgende thema's zijn: ${THEMES.join(', ')}` })
  theme?: Theme;

  @ApiPropertyOptional({ maxLength: 300 }) @IsOptional() @Transform(trim) @IsString(TEXT) @MaxLength(300, LONG) law?: string;
  @ApiPropertyOptional({ maxLength: 10000 }) @IsOptional() @Transform(trim) @IsString(TEXT) @MaxLength(10000, LONG) impact?: string;
  @ApiPropertyOptional({ maxLength: 10000 })
  @IsOptional()
  @Transform(trim)
  @IsString(TEXT)
  @MaxLength(10000, LONG)
  proposedSolution?: string;
  @ApiPropertyOptional({ maxLength: 200 }) @IsOptional() @Transform(trim) @IsString(TEXT) @MaxLength(200, LONG) externalRef?: string;
}
