import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Policy } from '@kp/toegang/decorators';
import { Principal } from '@kp/toegang/principal';
import { StaatAnalyseDto, StaatAnalyseQueryDto } from '../dtos/staat-analyse.dto';
import { GetStaatAnalyseUseCase } from '../use-cases/get-staat-analyse/get-staat-analyse.use-case';

@ApiTags('analyse')
@Controller({ path: 'analyse' })
export class AnalyseStaatController {
  constructor(private readonly staat: GetStaatAnalyseUseCase) {}

  @Get('staat')
  @Policy('programmadirectie', 'acu')
  @ApiOperation({
    summary: 'Staat van de Uitvoering: de analyse over de Standen van één jaar',
    description:
      'Over de knelpunten van de Standen van het jaar, binnen uw bereik (de programmadirectie alle, de ACU de knelpunten die naar ' +
      'de ACU zijn geëscaleerd), berekend door de database: `matrix` thema × organisatie met rij- en kolomtotalen; `wetten` de ' +
      'vaakst genoemde wetten en regelingen op BWB-id en, voor knelpunten zonder BWB-id, op het vrije tekstveld; `clusters` de ' +
      'overkoepelende knelpunten van de ACU met een lid uit dat jaar; `terugkerend` knelpunten waarvan dezelfde organisatie in ' +
      'een Stand van een eerder jaar een gelijkend knelpunt had (titel met trigramovereenkomst vanaf `threshold`, of hetzelfde ' +
      'BWB-id bij hetzelfde thema), met de reden in woorden; `veroudering` de leeftijd van de open knelpunten per status.',
  })
  @ApiOkResponse({ type: StaatAnalyseDto })
  getStaatAnalyse(@CurrentPrincipal() p: Principal, @Query() query: StaatAnalyseQueryDto): Promise<StaatAnalyseDto> {
    return this.staat.execute(p, query.jaar);
  }
}
