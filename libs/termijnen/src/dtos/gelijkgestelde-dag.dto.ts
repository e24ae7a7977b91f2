import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsInt, IsISO8601, IsNotEmpty, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';

const trim = ({ value }: { value: unknown }): unknown => (typeof value === 'string' ? value.trim() : value);

export class GelijkgesteldeDagDto {
  @ApiProperty({ format: 'date', example: '2026-05-15' }) date: string;
  @ApiProperty({ example: 'Gelijkgestelde dag (besluit)' }) name: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class GelijkgesteldeDagListDto {
  @ApiProperty({ type: [GelijkgesteldeDagDto] }) items: GelijkgesteldeDagDto[];
}

export class AddGelijkgesteldeDagDto {
  @ApiProperty({ format: 'date', example: '2029-05-11', description: 'De dag die bij besluit met een feestdag is gelijkgesteld' })
  @IsISO8601({ strict: true }, { message: 'moet een datum zijn (JJJJ-MM-DD)' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'moet een datum zijn (JJJJ-MM-DD)' })
  date: string;

  @ApiPropertyOptional({ maxLength: 200, example: 'Vrijdag na Hemelvaartsdag (besluit 2029)' })
  @IsOptional()
  @Transform(trim)
  @IsString({ message: 'moet tekst zijn' })
  @IsNotEmpty({ message: 'mag niet leeg zijn' })
  @MaxLength(200, { message: 'mag maximaal $constraint1 tekens bevatten' })
  name?: string;
}

export class ListGelijkgesteldeDagenQueryDto {
  @ApiPropertyOptional({ example: 2026, description: 'Alleen de dagen van dit jaar' })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'moet een jaartal zijn' })
  @Min(1900, { message: 'moet een jaartal vanaf $constraint1 zijn' })
  @Max(2999, { message: 'moet een jaartal tot en met $constraint1 zijn' })
  year?: number;
}
