import { ApiProperty, OmitType } from '@nestjs/swagger';
import { Matches } from 'class-validator';
import { KWARTAAL_PATTERN, RapportageMovedItemDto, VoortgangsrapportageDto } from './voortgangsrapportage.dto';

const KWARTAAL_MESSAGE = 'moet een kwartaal zijn zoals 2026-Q4 (jaar, dan Q1 tot en met Q4)';

/** POST /rapportages/voortgang/publicaties: which quarter to publish. */
export class PubliceerRapportageDto {
  @ApiProperty({
    example: '2026-Q4',
    pattern: KWARTAAL_PATTERN.source,
    description: 'Kwartaal als JJJJ-Qn (Q1 tot en met Q4); niet na het huidige kwartaal (Europe/Amsterdam)',
  })
  // One check for absent, non-text and malformed alike, so the problem names `kwartaal` once.
  @Matches(KWARTAAL_PATTERN, { message: `is verplicht en ${KWARTAAL_MESSAGE}` })
  kwartaal: string;
}

/** GET /openbaar/rapportages/{kwartaal}/versies/{versie}. */
export class RapportageVersieParamDto {
  @ApiProperty({ example: '2026-Q4', pattern: KWARTAAL_PATTERN.source, description: 'Kwartaal als JJJJ-Qn' })
  @Matches(KWARTAAL_PATTERN, { message: KWARTAAL_MESSAGE })
  kwartaal: string;

  @ApiProperty({ type: 'integer', example: 1, minimum: 1, maximum: 999999, description: 'Versie van de publicatie (1, 2, …)' })
  // One check (a path parameter is text), so the problem names `versie` once; the controller reads it as a number.
  @Matches(/^[1-9][0-9]{0,5}$/, { message: 'moet een geheel getal van 1 tot en met 999999 zijn' })
  versie: string;
}

/** One publication: which quarter, which version, when, and where the public can read it. */
export class RapportagePublicatieDto {
  @ApiProperty({ example: '2026-Q4' }) kwartaal: string;
  @ApiProperty({ example: 1, description: 'Versie; een gecorrigeerde rapportage is een nieuwe versie, de oude blijven bestaan' })
  versie: number;
  @ApiProperty({ format: 'date', example: '2027-01-08', description: 'Datum van publicatie (Europe/Amsterdam)' }) publishedOn: string;
  @ApiProperty({
    example: '/api/v1/openbaar/rapportages/2026-Q4/versies/1',
    description: 'Waar iedereen deze versie zonder inloggen kan lezen',
  })
  url: string;
}

export class RapportagePublicatieListDto {
  @ApiProperty({ type: [RapportagePublicatieDto], description: 'Alle publicaties, nieuwste eerst' }) items: RapportagePublicatieDto[];
}

/** A knelpunt whose status changed in the quarter, as published: only public fields (see openbaar/public-fields.ts). */
export class OpenbareRapportageMovedItemDto extends OmitType(RapportageMovedItemDto, ['lastMovedAt'] as const) {}

export class OpenbareRapportageMovedDto {
  @ApiProperty({ example: 37, description: 'Alle knelpunten waarvan de status in het kwartaal veranderde' }) total: number;
  @ApiProperty({ example: 200, description: 'Hoeveel er hoogstens in items staan' }) limit: number;
  @ApiProperty({ type: [OpenbareRapportageMovedItemDto], description: 'De knelpunten, laatst verplaatst eerst (hoogstens limit)' })
  items: OpenbareRapportageMovedItemDto[];
}

/**
 * A published quarterly report exactly as it was stored: the report of that moment (programmadirectie scope), with the
 * knelpunten under `moved` cut down to public fields. Never who published it.
 */
export class OpenbareRapportageDto extends OmitType(VoortgangsrapportageDto, ['moved'] as const) {
  @ApiProperty({ type: OpenbareRapportageMovedDto, description: 'Knelpunten waarvan de status in het kwartaal veranderde' })
  moved: OpenbareRapportageMovedDto;
}
