import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { DEADLINE_KINDS, DeadlineKind, POLITIEKE_INSTRUMENTEN, TERM_UNITS, TermUnit } from '@kp/domain';

const trim = ({ value }: { value: unknown }): unknown => (typeof value === 'string' ? value.trim() : value);

export class TermInputDto {
  @ApiProperty({ minimum: 0, maximum: 366, example: 8 })
  @IsInt({ message: 'moet een geheel getal zijn' })
  @Min(0, { message: 'mag niet negatief zijn' })
  @Max(366, { message: 'mag hoogstens $constraint1 zijn' })
  amount: number;

  @ApiProperty({ enum: TERM_UNITS, example: 'weken' })
  @IsIn(TERM_UNITS, { message: `moet een van de volgende eenheden zijn: ${TERM_UNITS.join(', ')}` })
  unit: TermUnit;
}

/** One deadline policy, created or replaced (identified by organisation, kind and instrument). */
export class UpsertDeadlinePolicyDto {
  @ApiPropertyOptional({ example: 'UWV', description: 'Organisatiecode; weglaten voor het standaardbeleid van alle organisaties' })
  @IsOptional()
  @Transform(trim)
  @IsString({ message: 'moet tekst zijn' })
  @IsNotEmpty({ message: 'mag niet leeg zijn; laat het veld weg voor het standaardbeleid' })
  @MaxLength(16, { message: 'mag maximaal $constraint1 tekens bevatten' })
  organisation?: string;

  @ApiProperty({ enum: DEADLINE_KINDS, example: 'driehoek_besluit' })
  @IsIn(DEADLINE_KINDS, { message: `moet een van de volgende termijnsoorten zijn: ${DEADLINE_KINDS.join(', ')}` })
  kind: DeadlineKind;

  @ApiPropertyOptional({
    enum: POLITIEKE_INSTRUMENTEN,
    description: 'Alleen bij politieke_reactie: het instrument waarvoor dit beleid geldt',
  })
  @IsOptional()
  @IsIn(POLITIEKE_INSTRUMENTEN, { message: `moet een van de volgende instrumenten zijn: ${POLITIEKE_INSTRUMENTEN.join(', ')}` })
  instrument?: string;

  @ApiProperty({ type: TermInputDto })
  @IsObject({ message: 'moet een object { amount, unit } zijn' })
  @ValidateNested({ message: 'moet een object { amount, unit } zijn' })
  @Type(() => TermInputDto)
  term: TermInputDto;

  @ApiProperty({ type: [Number], example: [10, 5, 0], description: 'Werkdagen vóór de uiterste datum (0 = op de dag zelf)' })
  @IsArray({ message: 'moet een lijst van gehele getallen zijn' })
  @ArrayMaxSize(10, { message: 'mag maximaal $constraint1 herinneringen bevatten' })
  @ArrayUnique({ message: 'mag geen dubbele waarden bevatten' })
  @IsInt({ each: true, message: 'moet alleen gehele getallen bevatten' })
  @Min(0, { each: true, message: 'mag geen negatieve getallen bevatten' })
  @Max(60, { each: true, message: 'mag geen getallen groter dan $constraint1 bevatten' })
  reminderWerkdagen: number[];

  @ApiPropertyOptional({
    nullable: true,
    type: Number,
    minimum: 1,
    maximum: 365,
    example: 7,
    description: 'Weglaten of null = geen herhaling',
  })
  @IsOptional()
  @IsInt({ message: 'moet een geheel getal zijn (of null)' })
  @Min(1, { message: 'moet minstens $constraint1 zijn' })
  @Max(365, { message: 'mag hoogstens $constraint1 zijn' })
  overdueRepeatDays?: number | null;

  @ApiPropertyOptional({
    nullable: true,
    type: Number,
    minimum: 1,
    maximum: 52,
    example: 4,
    description: 'Alleen bij driehoek_besluit; weglaten of null = niet automatisch naar de ACU',
  })
  @IsOptional()
  @IsInt({ message: 'moet een geheel getal zijn (of null)' })
  @Min(1, { message: 'moet minstens $constraint1 zijn' })
  @Max(52, { message: 'mag hoogstens $constraint1 zijn' })
  acuAfterOverdueWeeks?: number | null;

  @ApiProperty({ example: true })
  @IsBoolean({ message: 'moet true of false zijn' })
  notifyProgrammadirectieWhenOverdue: boolean;

  @ApiPropertyOptional({ minimum: 0, maximum: 23, default: 9 })
  @IsOptional()
  @IsInt({ message: 'moet een geheel getal zijn' })
  @Min(0, { message: 'moet tussen 0 en 23 liggen' })
  @Max(23, { message: 'moet tussen 0 en 23 liggen' })
  reminderHour?: number;
}

export class ListDeadlinePoliciesQueryDto {
  @ApiPropertyOptional({ example: 'UWV', description: 'Alleen het beleid dat voor deze organisatie kan gelden (eigen en standaard)' })
  @IsOptional()
  @Transform(trim)
  @IsString({ message: 'moet tekst zijn' })
  @MaxLength(16, { message: 'mag maximaal $constraint1 tekens bevatten' })
  organisation?: string;

  @ApiPropertyOptional({ enum: DEADLINE_KINDS })
  @IsOptional()
  @IsIn(DEADLINE_KINDS, { message: `moet een van de volgende termijnsoorten zijn: ${DEADLINE_KINDS.join(', ')}` })
  kind?: DeadlineKind;
}
