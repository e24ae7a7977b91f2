import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Public } from '@kp/toegang/decorators';
import { ReferentieRepository } from './repositories/referentie.repository';

class DriehoekDto {
  @ApiProperty() code: string;
  @ApiProperty({ description: 'Eigenaar (ministerie)' }) eigenaar: string;
  @ApiProperty({ type: [String], description: 'Opdrachtgever(s) (ministeries)' }) opdrachtgevers: string[];
  @ApiProperty({ description: 'Opdrachtnemer (de organisatie)' }) opdrachtnemer: string;
}

class OrganisationDto {
  @ApiProperty() code: string;
  @ApiProperty() name: string;
  @ApiProperty() kind: string;
  @ApiProperty() active: boolean;
  @ApiPropertyOptional({ type: DriehoekDto, nullable: true }) driehoek: DriehoekDto | null;
}

class OrganisationListDto {
  @ApiProperty({ type: [OrganisationDto] }) items: OrganisationDto[];
}

class MinistryDto {
  @ApiProperty() code: string;
  @ApiProperty() name: string;
  @ApiProperty() active: boolean;
}

class MinistryListDto {
  @ApiProperty({ type: [MinistryDto] }) items: MinistryDto[];
}

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
}
