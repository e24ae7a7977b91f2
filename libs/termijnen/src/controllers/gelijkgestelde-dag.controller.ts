import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Policy, Public } from '@kp/toegang/decorators';
import type { Principal } from '@kp/toegang/principal';
import {
  AddGelijkgesteldeDagDto,
  GelijkgesteldeDagDto,
  GelijkgesteldeDagListDto,
  ListGelijkgesteldeDagenQueryDto,
} from '../dtos/gelijkgestelde-dag.dto';
import { ListGelijkgesteldeDagenUseCase } from '../use-cases/list-gelijkgestelde-dagen/list-gelijkgestelde-dagen.use-case';
import { AddGelijkgesteldeDagUseCase } from '../use-cases/add-gelijkgestelde-dag/add-gelijkgestelde-dag.use-case';

@ApiTags('termijnen')
@Controller('gelijkgestelde-dagen')
export class GelijkgesteldeDagController {
  constructor(
    private readonly list: ListGelijkgesteldeDagenUseCase,
    private readonly add: AddGelijkgesteldeDagUseCase,
  ) {}

  @Get()
  @Public()
  @ApiOperation({ summary: 'Dagen die bij besluit met een algemeen erkende feestdag zijn gelijkgesteld (geen werkdag)' })
  @ApiOkResponse({ type: GelijkgesteldeDagListDto })
  async listGelijkgesteldeDagen(@Query() query: ListGelijkgesteldeDagenQueryDto): Promise<GelijkgesteldeDagListDto> {
    return { items: await this.list.execute(query.year) };
  }

  @Post()
  @HttpCode(201)
  @Policy('admin', 'programmadirectie')
  @ApiOperation({ summary: 'Een gelijkgestelde dag toevoegen; telt vanaf nu niet meer als werkdag' })
  @ApiCreatedResponse({ type: GelijkgesteldeDagDto })
  addGelijkgesteldeDag(@Body() body: AddGelijkgesteldeDagDto, @CurrentPrincipal() principal: Principal): Promise<GelijkgesteldeDagDto> {
    return this.add.execute(body, principal);
  }
}
