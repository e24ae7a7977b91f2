import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsISO8601,
  IsInt,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { UITVRAAG_HERINNERING_KINDS } from '@kp/domain/uitvraag/uitvraag-planning';

const trim = ({ value }: { value: unknown }): unknown => (typeof value === 'string' ? value.trim() : value);

/** At most this many organisations in one round (there are some 45 that publish a Stand). */
export const MAX_UITVRAAG_ORGANISATIES = 200;

export class OpenUitvraagrondeDto {
  @ApiProperty({ minLength: 3, maxLength: 100, example: 'Standen 2027' })
  @Transform(trim)
  @IsString({ message: 'moet tekst zijn' })
  @MinLength(3, { message: 'moet minstens $constraint1 tekens bevatten' })
  @MaxLength(100, { message: 'mag maximaal $constraint1 tekens bevatten' })
  name: string;

  @ApiProperty({ minimum: 2000, maximum: 2200, example: 2027, description: 'Het jaar waarover de Standen gaan' })
  @IsInt({ message: 'moet een jaartal zijn (een geheel getal)' })
  @Min(2000, { message: 'moet minstens $constraint1 zijn' })
  @Max(2200, { message: 'mag hoogstens $constraint1 zijn' })
  year: number;

  @ApiProperty({ format: 'date', example: '2027-03-19', description: 'Sluitingsdatum: een werkdag in de toekomst' })
  @IsString({ message: 'moet een datum zijn (JJJJ-MM-DD)' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'moet een datum zijn (JJJJ-MM-DD)' })
  @IsISO8601({ strict: true }, { message: 'moet een bestaande datum zijn (JJJJ-MM-DD)' })
  closingDate: string;

  @ApiProperty({
    type: [String],
    minItems: 1,
    maxItems: MAX_UITVRAAG_ORGANISATIES,
    example: ['UWV', 'SVB', 'DUO'],
    description: 'De codes van de organisaties die een Stand moeten indienen',
  })
  @IsArray({ message: 'moet een lijst van organisatiecodes zijn' })
  @ArrayMinSize(1, { message: 'moet minstens één organisatie bevatten' })
  @ArrayMaxSize(MAX_UITVRAAG_ORGANISATIES, { message: 'mag maximaal $constraint1 organisaties bevatten' })
  @ArrayUnique({ message: 'mag geen organisatie twee keer bevatten' })
  @IsString({ each: true, message: 'moet alleen organisatiecodes bevatten' })
  @Matches(/^[A-Za-z0-9_-]{1,16}$/, { each: true, message: 'moet alleen organisatiecodes bevatten (letters, tot 16 tekens)' })
  organisations: string[];
}

export class UitvraagrondeIdParamDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'moet een geldige UUID zijn' })
  id: string;
}

export class UitvraagActorDto {
  @ApiProperty() subject: string;
  @ApiProperty() name: string;
  @ApiProperty({ example: 'programmadirectie' }) role: string;
}

export class UitvraagHerinneringDto {
  @ApiProperty({ enum: UITVRAAG_HERINNERING_KINDS, description: '10 en 5 werkdagen vóór de sluitingsdatum, en op de dag zelf' })
  kind: string;
  @ApiProperty({ format: 'date-time' }) sentAt: string;
}

export class UitvraagPlanningDto {
  @ApiProperty({ enum: UITVRAAG_HERINNERING_KINDS }) kind: string;
  @ApiProperty({ example: 10 }) werkdagenBefore: number;
  @ApiProperty({ format: 'date', description: 'De werkdag waarop de herinnering om 09:00 uitgaat' }) date: string;
}

export class UitvraagOrganisatieDto {
  @ApiProperty({ example: 'UWV' }) code: string;
  @ApiProperty() name: string;
  @ApiProperty({
    enum: ['ingediend', 'nog_niet_ingediend', 'te_laat'],
    description: 'ingediend: er is een Stand over het jaar; te_laat: de ronde is gesloten zonder Stand',
  })
  status: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'De ingediende Stand' }) standId: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) submittedAt: string | null;
  @ApiProperty({ nullable: true, type: Boolean, description: 'Ingediend vóór de sluiting (null: niet ingediend)' }) onTime: boolean | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String, description: 'Sinds wanneer te laat (bij de sluiting)' })
  lateSince: string | null;
  @ApiProperty({ type: [UitvraagHerinneringDto], description: 'De verstuurde herinneringen' }) reminders: UitvraagHerinneringDto[];
}

export class UitvraagrondeSamenvattingDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'Standen 2027' }) name: string;
  @ApiProperty({ example: 2027 }) year: number;
  @ApiProperty({ format: 'date-time' }) openedAt: string;
  @ApiProperty({ format: 'date', example: '2027-03-19' }) closingDate: string;
  @ApiProperty({ enum: ['open', 'gesloten'] }) status: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) closedAt: string | null;
  @ApiProperty({ type: UitvraagActorDto }) createdBy: UitvraagActorDto;
  @ApiProperty({ description: 'Aantal verwachte organisaties (voor een organisatie: alleen de eigen)' }) expected: number;
  @ApiProperty({ description: 'Aantal dat een Stand over het jaar heeft ingediend' }) submitted: number;
  @ApiProperty({ description: 'Aantal dat bij de sluiting niets had ingediend' }) late: number;
  @ApiProperty({
    enum: ['ingediend', 'nog_niet_ingediend', 'te_laat'],
    nullable: true,
    type: String,
    description: 'Voor een organisatie: haar eigen status; anders null',
  })
  ownStatus: string | null;
}

export class UitvraagrondePageDto {
  @ApiProperty({ type: [UitvraagrondeSamenvattingDto], description: 'Nieuwste eerst (hoogstens 200)' })
  items: UitvraagrondeSamenvattingDto[];
}

export class UitvraagrondeDto extends UitvraagrondeSamenvattingDto {
  @ApiProperty({ type: [UitvraagPlanningDto], description: 'Wanneer de herinneringen uitgaan (09:00 Europe/Amsterdam)' })
  reminderSchedule: UitvraagPlanningDto[];
  @ApiProperty({ type: [UitvraagOrganisatieDto], description: 'Volledigheid per organisatie (voor een organisatie: alleen de eigen)' })
  organisations: UitvraagOrganisatieDto[];
}
