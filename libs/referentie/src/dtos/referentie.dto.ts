import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ORGANISATION_KINDS } from './beheer.dto';

export class DriehoekDto {
  @ApiProperty({ example: 'UWV', description: 'Code van de driehoek (die van de organisatie)' }) code: string;
  @ApiProperty({ example: 'SZW', description: 'Eigenaar (ministerie)' }) eigenaar: string;
  @ApiProperty({ type: [String], example: ['SZW'], description: 'Opdrachtgever(s) (ministeries)' }) opdrachtgevers: string[];
  @ApiProperty({ example: 'UWV', description: 'Opdrachtnemer (de organisatie)' }) opdrachtnemer: string;
}

export class DriehoekListDto {
  @ApiProperty({ type: [DriehoekDto] }) items: DriehoekDto[];
}

export class OrganisationDto {
  @ApiProperty({ example: 'UWV' }) code: string;
  @ApiProperty({ example: 'Uitvoeringsinstituut Werknemersverzekeringen' }) name: string;
  @ApiProperty({ enum: ORGANISATION_KINDS }) kind: string;
  @ApiProperty() active: boolean;
  @ApiPropertyOptional({ type: DriehoekDto, nullable: true }) driehoek: DriehoekDto | null;
}

export class OrganisationListDto {
  @ApiProperty({ type: [OrganisationDto] }) items: OrganisationDto[];
}

export class MinistryDto {
  @ApiProperty({ example: 'SZW' }) code: string;
  @ApiProperty({ example: 'Ministerie van Sociale Zaken en Werkgelegenheid' }) name: string;
  @ApiProperty() active: boolean;
}

export class MinistryListDto {
  @ApiProperty({ type: [MinistryDto] }) items: MinistryDto[];
}
