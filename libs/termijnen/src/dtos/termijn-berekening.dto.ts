import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsOptional, Matches, Max, Min, ValidateBy } from 'class-validator';
import { TERM_UNITS, TermUnit } from '@kp/domain';

/** The years the calculator answers for: start and result must both lie within them. */
export const BEREKENING_JAREN = { van: 1900, tot: 2200 } as const;

export class TermijnBerekeningQueryDto {
  @ApiProperty({ format: 'date', example: '2026-04-20', description: 'Datum van de gebeurtenis; de termijn loopt vanaf de dag daarna' })
  @IsISO8601({ strict: true }, { message: 'moet een datum zijn (JJJJ-MM-DD)' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'moet een datum zijn (JJJJ-MM-DD)' })
  @ValidateBy(
    {
      name: 'jaarInBereik',
      validator: {
        validate: (v: unknown) =>
          typeof v === 'string' && Number(v.slice(0, 4)) >= BEREKENING_JAREN.van && Number(v.slice(0, 4)) <= BEREKENING_JAREN.tot,
      },
    },
    { message: `moet een datum in de jaren ${BEREKENING_JAREN.van}–${BEREKENING_JAREN.tot} zijn` },
  )
  start: string;

  @ApiProperty({ minimum: 0, maximum: 366, example: 8 })
  @Type(() => Number)
  @IsInt({ message: 'moet een geheel getal zijn' })
  @Min(0, { message: 'mag niet negatief zijn' })
  @Max(366, { message: 'mag hoogstens $constraint1 zijn' })
  amount: number;

  @ApiProperty({ enum: TERM_UNITS, example: 'weken' })
  @IsIn(TERM_UNITS, { message: `moet een van de volgende eenheden zijn: ${TERM_UNITS.join(', ')}` })
  unit: TermUnit;

  @ApiPropertyOptional({ minimum: 0, maximum: 366, example: 0, description: 'Kalenderdagen opschorting' })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'moet een geheel getal zijn' })
  @Min(0, { message: 'mag niet negatief zijn' })
  @Max(366, { message: 'mag hoogstens $constraint1 zijn' })
  suspendedDays?: number;
}

export class TermijnTermDto {
  @ApiProperty({ example: 8 }) amount: number;
  @ApiProperty({ enum: TERM_UNITS, example: 'weken' }) unit: string;
}

export class SkippedDayDto {
  @ApiProperty({ format: 'date', example: '2026-05-14' }) date: string;
  @ApiProperty({ example: 'Hemelvaartsdag', description: 'Waarom dit geen werkdag is' }) reason: string;
}

/** A computed term with its Dutch explanation (Algemene termijnenwet). */
export class TermijnBerekeningDto {
  @ApiProperty({ format: 'date' }) start: string;
  @ApiProperty({ type: TermijnTermDto }) term: TermijnTermDto;
  @ApiProperty({ format: 'date', description: 'Einde bij gewone telling' }) nominalEnd: string;
  @ApiProperty() suspendedDays: number;
  @ApiProperty({ type: TermijnTermDto, nullable: true }) extension: TermijnTermDto | null;
  @ApiProperty({ type: [TermijnTermDto] }) extensions: TermijnTermDto[];
  @ApiProperty({ format: 'date', description: 'Einde vóór de verschuiving naar een werkdag' }) unshiftedEnd: string;
  @ApiProperty({ format: 'date', description: 'Uiterste datum (altijd een werkdag)' }) dueDate: string;
  @ApiProperty({ type: [SkippedDayDto] }) shiftedBy: SkippedDayDto[];
  @ApiProperty({ type: [String], description: 'Uitleg in zinnen' }) explanation: string[];
}

export class FeestdagenQueryDto {
  @ApiProperty({ example: 2026 })
  @Type(() => Number)
  @IsInt({ message: 'moet een jaartal zijn' })
  @Min(1900, { message: 'moet een jaartal vanaf $constraint1 zijn' })
  @Max(2999, { message: 'moet een jaartal tot en met $constraint1 zijn' })
  year: number;
}

export class FeestdagDto {
  @ApiProperty({ format: 'date', example: '2026-04-27' }) date: string;
  @ApiProperty({ example: 'Koningsdag' }) name: string;
  @ApiProperty({ enum: ['wettelijk', 'gelijkgesteld'] }) kind: string;
}

export class FeestdagenDto {
  @ApiProperty({ example: 2026 }) year: number;
  @ApiProperty({ type: [FeestdagDto] }) items: FeestdagDto[];
}
