import { Body, Controller, Get, HttpCode, Post, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentPrincipal, Policy } from '@kp/toegang/decorators';
import type { Principal } from '@kp/toegang/principal';
import { AcuClusterDto } from '../dtos/acu-cluster.dto';
import {
  ClusterSuggestieAfwijzingDto,
  ClusterSuggestieListDto,
  CreateClusterFromSuggestieDto,
  ListClusterSuggestiesQueryDto,
  RejectClusterSuggestieDto,
} from '../dtos/cluster-suggestie.dto';
import { ListClusterSuggestiesUseCase } from '../use-cases/cluster-suggesties/list-cluster-suggesties.use-case';
import { CreateClusterFromSuggestieUseCase } from '../use-cases/cluster-suggesties/create-cluster-from-suggestie.use-case';
import { RejectClusterSuggestieUseCase } from '../use-cases/cluster-suggesties/reject-cluster-suggestie.use-case';

@ApiTags('acu')
@Controller('acu/cluster-suggesties')
export class AcuClusterSuggestieController {
  constructor(
    private readonly list: ListClusterSuggestiesUseCase,
    private readonly accept: CreateClusterFromSuggestieUseCase,
    private readonly reject: RejectClusterSuggestieUseCase,
  ) {}

  @Get()
  @Policy('acu', 'programmadirectie')
  @ApiOperation({
    summary: 'Suggesties voor clusters: open, geëscaleerde knelpunten van verschillende organisaties die op elkaar lijken',
    description:
      'Paren met een score (0 tot 1) en de reden in woorden: overeenkomst van titels en omschrijvingen (trigrammen), zelfde thema, ' +
      'zelfde wet of regeling. Knelpunten die al in een cluster zitten en afgewezen paren komen niet voor. Hoogste score eerst.',
  })
  @ApiOkResponse({ type: ClusterSuggestieListDto })
  listClusterSuggesties(@Query() query: ListClusterSuggestiesQueryDto): Promise<ClusterSuggestieListDto> {
    return this.list.execute(query);
  }

  @Post('clusters')
  @HttpCode(201)
  @Policy('acu')
  @ApiOperation({
    summary: 'Een suggestie in één stap tot cluster maken',
    description: 'Dezelfde regels als POST /acu/clusters; zonder titel krijgt het cluster de titel van het eerste knelpunt.',
  })
  @ApiCreatedResponse({ type: AcuClusterDto })
  createClusterFromSuggestie(
    @Body() body: CreateClusterFromSuggestieDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<AcuClusterDto> {
    return this.accept.execute(body, principal);
  }

  @Post('afwijzingen')
  @Policy('acu')
  @ApiOperation({
    summary: 'Een gesuggereerd paar afwijzen: het wordt nooit meer voorgesteld',
    description: 'Idempotent: 201 bij de eerste afwijzing, 200 met de eerste afwijzing bij een herhaling.',
  })
  @ApiCreatedResponse({ type: ClusterSuggestieAfwijzingDto, description: 'Afgewezen' })
  @ApiOkResponse({ type: ClusterSuggestieAfwijzingDto, description: 'Was al afgewezen' })
  async rejectClusterSuggestie(
    @Body() body: RejectClusterSuggestieDto,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ClusterSuggestieAfwijzingDto> {
    const { created, rejection } = await this.reject.execute(body, principal);
    reply.status(created ? 201 : 200);
    return rejection;
  }
}
