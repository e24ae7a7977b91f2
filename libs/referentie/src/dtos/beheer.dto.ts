import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsNotEmpty,
  IsString,
  Matches,
  MaxLength,
} from 'class-validator';

/** Reference data managed by the admin (DOMAIN.md, "Who may do what"): organisations, ministries, driehoeken. */

export const ORGANISATION_KINDS = ['uitvoeringsorganisatie', 'koepel'] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

/** Organisation (and driehoek) codes: capitals only, as UWV or KADASTER (the queue and intake accept letters only). */
export const ORGANISATION_CODE = /^[A-Z]{2,16}$/;
/** Ministry codes keep their customary spelling (BuZa, IenW, AenM). */
export const MINISTRY_CODE = /^[A-Za-z]{2,16}$/;
export const MAX_OPDRACHTGEVERS = 20;

const trim = ({ value }: { value: unknown }): unknown => (typeof value === 'string' ? value.trim() : value);
const TEXT = { message: 'moet tekst zijn' };
const REQUIRED = { message: 'is verplicht en mag niet leeg zijn' };
const LONG = { message: 'mag maximaal $constraint1 tekens bevatten' };
const BOOL = { message: 'moet true of false zijn' };

export class UpdateOrganisationDto {
  @ApiProperty({ maxLength: 200, example: 'Uitvoeringsinstituut Werknemersverzekeringen' })
  @Transform(trim)
  @IsString(TEXT)
  @IsNotEmpty(REQUIRED)
  @MaxLength(200, LONG)
  name: string;

  @ApiProperty({ enum: ORGANISATION_KINDS, description: 'koepel voor bijvoorbeeld de VNG' })
  @IsIn(ORGANISATION_KINDS, { message: `moet een van de volgende soorten zijn: ${ORGANISATION_KINDS.join(', ')}` })
  kind: OrganisationKind;

  @ApiProperty({ description: 'false: de organisatie kan geen Standen meer indienen' })
  @IsBoolean(BOOL)
  active: boolean;
}

export class CreateOrganisationDto extends UpdateOrganisationDto {
  @ApiProperty({ example: 'UWV', pattern: ORGANISATION_CODE.source })
  @IsString(TEXT)
  @Matches(ORGANISATION_CODE, { message: 'moet een code van 2 tot 16 hoofdletters zijn, zoals UWV' })
  code: string;
}

export class UpdateMinistryDto {
  @ApiProperty({ maxLength: 200, example: 'Ministerie van Sociale Zaken en Werkgelegenheid' })
  @Transform(trim)
  @IsString(TEXT)
  @IsNotEmpty(REQUIRED)
  @MaxLength(200, LONG)
  name: string;

  @ApiProperty({ description: 'false: het ministerie bestaat niet meer in dit kabinet en kan niet meer worden gekozen' })
  @IsBoolean(BOOL)
  active: boolean;
}

export class CreateMinistryDto extends UpdateMinistryDto {
  @ApiProperty({ example: 'SZW', pattern: MINISTRY_CODE.source })
  @IsString(TEXT)
  @Matches(MINISTRY_CODE, { message: 'moet een code van 2 tot 16 letters zijn, zoals SZW of BuZa' })
  code: string;
}

export class PutDriehoekDto {
  @ApiProperty({ example: 'SZW', description: 'Code van het eigenaar-ministerie' })
  @Transform(trim)
  @IsString(TEXT)
  @IsNotEmpty(REQUIRED)
  @MaxLength(16, LONG)
  eigenaar: string;

  @ApiProperty({
    type: [String],
    example: ['SZW', 'VWS'],
    minItems: 1,
    maxItems: MAX_OPDRACHTGEVERS,
    description: 'Codes van de opdrachtgevende ministeries',
  })
  @IsArray({ message: 'moet een lijst van ministeriecodes zijn' })
  @ArrayMinSize(1, { message: 'moet minstens één opdrachtgever bevatten' })
  @ArrayMaxSize(MAX_OPDRACHTGEVERS, { message: 'mag maximaal $constraint1 opdrachtgevers bevatten' })
  @ArrayUnique((code: unknown) => (typeof code === 'string' ? code.toUpperCase() : code), {
    message: 'mag geen ministerie twee keer bevatten',
  })
  @IsString({ each: true, message: 'moet alleen ministeriecodes (tekst) bevatten' })
  @MaxLength(16, { each: true, message: 'bevat een code langer dan $constraint1 tekens' })
  opdrachtgevers: string[];
}

export class OrganisationCodeParamDto {
  @ApiProperty({ example: 'UWV' })
  @IsString(TEXT)
  @Matches(/^[A-Za-z]{2,16}$/, { message: 'moet een organisatiecode zijn, zoals UWV' })
  code: string;
}

export class MinistryCodeParamDto {
  @ApiProperty({ example: 'SZW' })
  @IsString(TEXT)
  @Matches(MINISTRY_CODE, { message: 'moet een ministeriecode zijn, zoals SZW' })
  code: string;
}
