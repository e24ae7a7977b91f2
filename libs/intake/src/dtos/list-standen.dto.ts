import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';
import { PageQueryDto } from '@kp/shared/http/page-query.dto';

/** GET /standen: the published Standen, newest first, one keyset page at a time. */
export class ListStandenQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Code van de organisatie', example: 'UWV' })
  @IsOptional()
  @Matches(/^[A-Za-z]{2,16}$/, { message: 'moet een organisatiecode zijn, zoals UWV' })
  organisation?: string;
}
