import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Policy } from '@kp/toegang/decorators';
import { Principal } from '@kp/toegang/principal';
import { StatistiekenDto, StatistiekenQueryDto } from './dtos/statistieken.dto';
import { GetStatistiekenUseCase } from './use-cases/get-statistieken/get-statistieken.use-case';

@ApiTags('knelpunten')
@Controller({ path: 'statistieken' })
export class StatistiekenController {
  constructor(private readonly statistieken: GetStatistiekenUseCase) {}

  @Get()
  @Policy('programmadirectie', 'acu')
  @ApiOperation({
    summary: 'Dashboard: knelpunten per thema, organisatie en status, verblijfsduur, verlopen termijnen en besluiten per kwartaal',
    description:
      'Alle getallen binnen uw bereik: de programmadirectie telt alle knelpunten, de ACU de knelpunten die naar de ACU zijn geëscaleerd.',
  })
  @ApiOkResponse({ type: StatistiekenDto })
  getStatistieken(@CurrentPrincipal() p: Principal, @Query() query: StatistiekenQueryDto): Promise<StatistiekenDto> {
    return this.statistieken.execute(p, query);
  }
}
