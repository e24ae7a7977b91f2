import { PageQueryDto } from '@kp/shared/http/page-query.dto';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsISO8601, IsNotEmpty, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { STATUSES } from '@kp/domain';
import { AGENDA_ITEM_STATUSES } from '../entities/acu-agenda-item.entity';

const trim = ({ value }: { value: unknown }): unknown => (typeof value === 'string' ? value.trim() : value);

export class ActorDto {
  @ApiProperty() subject: string;
  @ApiProperty() name: string;
  @ApiProperty({ example: 'acu' }) role: string;
  @ApiProperty({ nullable: true, type: String }) organisation: string | null;
}

export class AcuMeetingDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'date', example: '2026-02-05' }) meetingDate: string;
  @ApiProperty({
    format: 'date',
    example: '2026-01-29',
    description: 'Laatste dag waarop een knelpunt op de agenda kan (5 werkdagen vóór de vergadering)',
  })
  agendaClosesOn: string;
  @ApiProperty({ description: 'De agenda staat vandaag nog open' }) agendaOpen: boolean;
  @ApiProperty({ nullable: true, type: String }) title: string | null;
  @ApiProperty({ nullable: true, type: String }) location: string | null;
  @ApiProperty({ description: 'Automatisch ingepland volgens de standaardkalender (eerste donderdag van de maand die een werkdag is)' })
  autoCreated: boolean;
  @ApiProperty({ description: 'Aantal agendapunten' }) itemCount: number;
  @ApiProperty({ description: 'Aantal agendapunten waarover nog niet is besloten' }) openItemCount: number;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ type: ActorDto }) createdBy: ActorDto;
}

export class AcuMeetingPageDto {
  @ApiProperty({
    type: [AcuMeetingDto],
    description: 'Eerst de komende vergaderingen (vroegste eerst), daarna de voorbije (recentste eerst)',
  })
  items: AcuMeetingDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

export class ListAcuMeetingsQueryDto extends PageQueryDto {}

export class CreateAcuMeetingDto {
  @ApiProperty({ format: 'date', example: '2026-03-05', description: 'Een werkdag in de toekomst' })
  @IsISO8601({ strict: true }, { message: 'moet een datum zijn (JJJJ-MM-DD)' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'moet een datum zijn (JJJJ-MM-DD)' })
  meetingDate: string;

  @ApiPropertyOptional({ maxLength: 300, example: 'ACU maart' })
  @IsOptional()
  @Transform(trim)
  @IsString({ message: 'moet tekst zijn' })
  @IsNotEmpty({ message: 'mag niet leeg zijn' })
  @MaxLength(300, { message: 'mag maximaal $constraint1 tekens bevatten' })
  title?: string;

  @ApiPropertyOptional({ maxLength: 300, example: 'Den Haag, Turfmarkt 147' })
  @IsOptional()
  @Transform(trim)
  @IsString({ message: 'moet tekst zijn' })
  @IsNotEmpty({ message: 'mag niet leeg zijn' })
  @MaxLength(300, { message: 'mag maximaal $constraint1 tekens bevatten' })
  location?: string;
}

export class AcuIdParamDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'moet een geldige UUID zijn' })
  id: string;
}

export class AcuAgendaItemDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) knelpuntId: string;
  @ApiProperty({ example: 'UWV-00001' }) reference: string;
  @ApiProperty() title: string;
  @ApiProperty({ example: 'UWV' }) organisation: string;
  @ApiProperty({ enum: STATUSES, description: 'Status van het knelpunt' }) knelpuntStatus: string;
  @ApiProperty({ enum: AGENDA_ITEM_STATUSES, description: 'Status van het agendapunt' }) status: string;
  @ApiProperty({ description: 'Hoe vaak het knelpunt al is doorgeschoven' }) carryOverCount: number;
  @ApiProperty() reason: string;
  @ApiProperty({ format: 'date-time' }) addedAt: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) decidedAt: string | null;
  @ApiProperty({ nullable: true, type: String, example: 'overheidsbreed_oppakken' }) decision: string | null;
}

export class AcuAgendaDto {
  @ApiProperty({ type: AcuMeetingDto }) meeting: AcuMeetingDto;
  @ApiProperty({ type: [AcuAgendaItemDto] }) items: AcuAgendaItemDto[];
}
