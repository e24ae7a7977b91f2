import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '@kp/toegang/decorators';
import { ReferentieRepository } from './repositories/referentie.repository';
import { DriehoekListDto, MinistryListDto, OrganisationListDto } from './dtos/referentie.dto';

/** Reference data is public: who the organisations, ministries and driehoeken are. */
@ApiTags('referentiegegevens')
@Controller()
export class ReferentieController {
  constructor(private readonly repo: ReferentieRepository) {}

  @Get('organisations')
  @Public()
  @ApiOperation({ summary: 'Uitvoeringsorganisaties met hun driehoek' })
  @ApiOkResponse({ type: OrganisationListDto })
  async listOrganisations(): Promise<OrganisationListDto> {
    return { items: await this.repo.organisations() };
  }

  @Get('ministries')
  @Public()
  @ApiOperation({ summary: 'Ministeries' })
  @ApiOkResponse({ type: MinistryListDto })
  async listMinistries(): Promise<MinistryListDto> {
    return { items: await this.repo.ministries() };
  }

  @Get('driehoeken')
  @Public()
  @ApiOperation({ summary: 'Ambtelijke sturingsdriehoeken: eigenaar, opdrachtgever(s) en opdrachtnemer per organisatie' })
  @ApiOkResponse({ type: DriehoekListDto })
  async listDriehoeken(): Promise<DriehoekListDto> {
    return { items: await this.repo.driehoeken() };
  }
}
