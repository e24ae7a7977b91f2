import { Body, Controller, HttpCode, Param, Post, Put, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Policy } from '@kp/toegang/decorators';
import {
  CreateMinistryDto,
  CreateOrganisationDto,
  MinistryCodeParamDto,
  OrganisationCodeParamDto,
  PutDriehoekDto,
  UpdateMinistryDto,
  UpdateOrganisationDto,
} from './dtos/beheer.dto';
import { DriehoekDto, MinistryDto, OrganisationDto } from './dtos/referentie.dto';
import { CreateOrganisationUseCase } from './use-cases/create-organisation/create-organisation.use-case';
import { UpdateOrganisationUseCase } from './use-cases/update-organisation/update-organisation.use-case';
import { CreateMinistryUseCase } from './use-cases/create-ministry/create-ministry.use-case';
import { UpdateMinistryUseCase } from './use-cases/update-ministry/update-ministry.use-case';
import { PutDriehoekUseCase } from './use-cases/put-driehoek/put-driehoek.use-case';

/** Reference data management (DOMAIN.md: the admin manages organisations, ministries and driehoeken). */
@ApiTags('referentiegegevens')
@Controller()
@Policy('admin')
export class ReferentieBeheerController {
  constructor(
    private readonly createOrg: CreateOrganisationUseCase,
    private readonly updateOrg: UpdateOrganisationUseCase,
    private readonly createMin: CreateMinistryUseCase,
    private readonly updateMin: UpdateMinistryUseCase,
    private readonly putDh: PutDriehoekUseCase,
  ) {}

  @Post('organisations')
  @HttpCode(201)
  @Policy('admin')
  @ApiOperation({ summary: 'Een uitvoeringsorganisatie toevoegen (409 als de code al bestaat)' })
  @ApiCreatedResponse({ type: OrganisationDto })
  createOrganisation(@Body() body: CreateOrganisationDto): Promise<OrganisationDto> {
    return this.createOrg.execute(body);
  }

  @Put('organisations/:code')
  @HttpCode(200)
  @Policy('admin')
  @ApiOperation({ summary: 'Naam, soort en actief van een organisatie vastleggen; een inactieve organisatie kan niet indienen' })
  @ApiOkResponse({ type: OrganisationDto })
  updateOrganisation(@Param() params: OrganisationCodeParamDto, @Body() body: UpdateOrganisationDto): Promise<OrganisationDto> {
    return this.updateOrg.execute(params.code, body);
  }

  @Post('ministries')
  @HttpCode(201)
  @Policy('admin')
  @ApiOperation({ summary: 'Een ministerie toevoegen (409 als de code al bestaat, ongeacht hoofdletters)' })
  @ApiCreatedResponse({ type: MinistryDto })
  createMinistry(@Body() body: CreateMinistryDto): Promise<MinistryDto> {
    return this.createMin.execute(body);
  }

  @Put('ministries/:code')
  @HttpCode(200)
  @Policy('admin')
  @ApiOperation({ summary: 'Naam en actief van een ministerie vastleggen (namen veranderen met kabinetten)' })
  @ApiOkResponse({ type: MinistryDto })
  updateMinistry(@Param() params: MinistryCodeParamDto, @Body() body: UpdateMinistryDto): Promise<MinistryDto> {
    return this.updateMin.execute(params.code, body);
  }

  @Put('driehoeken/:code')
  @Policy('admin')
  @ApiOperation({
    summary: 'De driehoek van een organisatie vastleggen: eigenaar en opdrachtgever(s), bestaande actieve ministeries',
    description: 'De opdrachtnemer is de organisatie zelf; de driehoek heeft haar code. 201 bij een nieuwe driehoek, 200 bij vervangen.',
  })
  @ApiOkResponse({ type: DriehoekDto, description: 'Bestaande driehoek vervangen' })
  @ApiCreatedResponse({ type: DriehoekDto, description: 'Nieuwe driehoek aangemaakt' })
  async putDriehoek(
    @Param() params: OrganisationCodeParamDto,
    @Body() body: PutDriehoekDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<DriehoekDto> {
    const { driehoek, created } = await this.putDh.execute(params.code, body);
    void reply.status(created ? 201 : 200);
    return driehoek;
  }
}
