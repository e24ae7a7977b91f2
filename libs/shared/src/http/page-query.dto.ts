import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

/** `limit` and `cursor` of every keyset-paginated list (`{ items, nextCursor }`). */
export class PageQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 100, description: 'Aantal resultaten per pagina' })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'moet een geheel getal zijn' })
  @Min(1, { message: 'moet minstens $constraint1 zijn' })
  @Max(100, { message: 'mag hoogstens $constraint1 zijn' })
  limit?: number;

  @ApiPropertyOptional({ description: 'De nextCursor van de vorige pagina' })
  @IsOptional()
  @IsString({ message: 'moet tekst zijn' })
  @MaxLength(500, { message: 'is geen geldige cursor' })
  cursor?: string;
}
