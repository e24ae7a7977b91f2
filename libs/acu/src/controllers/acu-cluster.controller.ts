import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Policy } from '@kp/toegang/decorators';
import type { Principal } from '@kp/toegang/principal';
import { AcuClusterDto, AcuClusterPageDto, CreateAcuClusterDto, ListAcuClustersQueryDto } from '../dtos/acu-cluster.dto';
import { AcuIdParamDto } from '../dtos/acu-meeting.dto';
import { CreateClusterUseCase } from '../use-cases/create-cluster/create-cluster.use-case';
import { GetClusterUseCase } from '../use-cases/get-cluster/get-cluster.use-case';
import { ListClustersUseCase } from '../use-cases/list-clusters/list-clusters.use-case';

@ApiTags('acu')
@Controller('acu/clusters')
export class AcuClusterController {
  constructor(
    private readonly create: CreateClusterUseCase,
    private readonly get: GetClusterUseCase,
    private readonly list: ListClustersUseCase,
  ) {}

  @Post()
  @HttpCode(201)
  @Policy('acu')
  @ApiOperation({
    summary: 'Geëscaleerde knelpunten van één of meer organisaties bundelen tot één overkoepelend knelpunt (cluster)',
    description: 'Minstens twee knelpunten, alle naar de ACU geëscaleerd en niet afgesloten; een knelpunt zit in hoogstens één cluster.',
  })
  @ApiCreatedResponse({ type: AcuClusterDto })
  createAcuCluster(@Body() body: CreateAcuClusterDto, @CurrentPrincipal() principal: Principal): Promise<AcuClusterDto> {
    return this.create.execute(body, principal);
  }

  @Get()
  @Policy('acu', 'programmadirectie')
  @ApiOperation({ summary: 'De clusters van de ACU, nieuwste eerst' })
  @ApiOkResponse({ type: AcuClusterPageDto })
  listAcuClusters(@Query() query: ListAcuClustersQueryDto): Promise<AcuClusterPageDto> {
    return this.list.execute(query);
  }

  @Get(':id')
  @Policy('acu', 'programmadirectie')
  @ApiOperation({ summary: 'Een cluster met zijn knelpunten' })
  @ApiOkResponse({ type: AcuClusterDto })
  getAcuCluster(@Param() params: AcuIdParamDto, @CurrentPrincipal() principal: Principal): Promise<AcuClusterDto> {
    return this.get.execute(params.id, principal.role);
  }
}
