import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Policy } from '@kp/toegang/decorators';
import type { Principal } from '@kp/toegang/principal';
import {
  AcuAgendaDto,
  AcuIdParamDto,
  AcuMeetingDto,
  AcuMeetingPageDto,
  CreateAcuMeetingDto,
  ListAcuMeetingsQueryDto,
} from '../dtos/acu-meeting.dto';
import { ListMeetingsUseCase } from '../use-cases/list-meetings/list-meetings.use-case';
import { CreateMeetingUseCase } from '../use-cases/create-meeting/create-meeting.use-case';
import { GetAgendaUseCase } from '../use-cases/get-agenda/get-agenda.use-case';

@ApiTags('acu')
@Controller('acu/meetings')
export class AcuMeetingController {
  constructor(
    private readonly list: ListMeetingsUseCase,
    private readonly create: CreateMeetingUseCase,
    private readonly getAgenda: GetAgendaUseCase,
  ) {}

  @Get()
  @Policy('acu', 'programmadirectie')
  @ApiOperation({ summary: 'ACU-vergaderingen: eerst de komende, daarna de voorbije' })
  @ApiOkResponse({ type: AcuMeetingPageDto })
  listAcuMeetings(@Query() query: ListAcuMeetingsQueryDto): Promise<AcuMeetingPageDto> {
    return this.list.execute(query);
  }

  @Post()
  @HttpCode(201)
  @Policy('acu')
  @ApiOperation({
    summary: 'Een ACU-vergadering plannen op een werkdag in de toekomst',
    description: 'De agenda sluit 5 werkdagen vóór de vergadering. Er kan één vergadering per dag zijn (anders 409).',
  })
  @ApiCreatedResponse({ type: AcuMeetingDto })
  createAcuMeeting(@Body() body: CreateAcuMeetingDto, @CurrentPrincipal() principal: Principal): Promise<AcuMeetingDto> {
    return this.create.execute(body, principal);
  }

  @Get(':id/agenda')
  @Policy('acu', 'programmadirectie')
  @ApiOperation({ summary: 'De agenda van een ACU-vergadering met de geagendeerde knelpunten' })
  @ApiOkResponse({ type: AcuAgendaDto })
  getAcuAgenda(@Param() params: AcuIdParamDto): Promise<AcuAgendaDto> {
    return this.getAgenda.execute(params.id);
  }
}
