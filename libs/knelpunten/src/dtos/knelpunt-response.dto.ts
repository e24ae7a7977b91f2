import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { DOORBRAAKTEAMS, OUTCOMES, STATUSES, THEMES } from '@kp/domain';

export class KnelpuntSummaryDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() reference: string;
  @ApiProperty() title: string;
  @ApiProperty() organisation: string;
  @ApiProperty() driehoek: string;
  @ApiProperty({ enum: THEMES }) theme: string;
  @ApiProperty({ enum: STATUSES }) status: string;
  @ApiPropertyOptional({ enum: OUTCOMES, nullable: true }) outcome: string | null;
  @ApiProperty() overdue: boolean;
  @ApiProperty() escalated: boolean;
  @ApiProperty({
    enum: DOORBRAAKTEAMS,
    nullable: true,
    type: String,
    description: 'Het doorbraakteam waaraan de ACU het knelpunt heeft toegewezen (null: geen)',
  })
  doorbraakteam: string | null;
  @ApiPropertyOptional({ format: 'date-time', nullable: true, type: String }) nextDueAt: string | null;
  @ApiProperty({ format: 'uuid' }) standId: string;
  @ApiProperty({ type: [String], description: 'Kamerstukken (dossiernummer-ondernummer), zoals 29362-290' }) kamerstukken: string[];
  @ApiProperty({ type: [String], description: 'Moties, op hun Kamerstuknummer' }) moties: string[];
  @ApiProperty({ type: [String], description: 'Toezeggingen, zoals TZ202311-045' }) toezeggingen: string[];
  @ApiProperty({ type: [String], description: 'Wetten en regelingen op hun BWB-id, zoals BWBR0002448' }) bwbIds: string[];
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class KnelpuntPageDto {
  @ApiProperty({ type: [KnelpuntSummaryDto] }) items: KnelpuntSummaryDto[];
  @ApiPropertyOptional({ nullable: true, type: String }) nextCursor: string | null;
}

export class DeadlineDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() kind: string;
  @ApiProperty() label: string;
  @ApiProperty({ format: 'date-time' }) dueAt: string;
  @ApiProperty({ format: 'date' }) dueDate: string;
  @ApiProperty({ enum: ['lopend', 'opgeschort', 'verlopen', 'voldaan', 'vervallen'] }) state: string;
  @ApiProperty({ format: 'date' }) startedOn: string;
  @ApiProperty({ type: Object }) term: Record<string, unknown>;
  @ApiProperty() suspendedDays: number;
  @ApiProperty({ type: [String] }) explanation: string[];
  @ApiProperty({ type: [Object] }) reminders: Record<string, unknown>[];
  @ApiProperty({ type: [Object] }) log: Record<string, unknown>[];
}

export class TimelineEntryDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiProperty() type: string;
  @ApiProperty({ type: Object }) actor: Record<string, unknown>;
  @ApiProperty({ type: Object }) data: Record<string, unknown>;
}

export class KnelpuntDetailDto extends KnelpuntSummaryDto {
  @ApiProperty() description: string;
  @ApiPropertyOptional({ nullable: true, type: String }) law: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) ministry: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) impact: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) proposedSolution: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) externalRef: string | null;
  @ApiProperty({ type: Object }) details: Record<string, unknown>;
  @ApiProperty({ type: [DeadlineDto] }) deadlines: DeadlineDto[];
  @ApiProperty({ type: [TimelineEntryDto] }) timeline: TimelineEntryDto[];
  @ApiProperty({ type: [String], description: 'Beslissingen die u nu mag nemen' }) allowedDecisions: string[];
  @ApiProperty({ description: 'Of u de verwijzingen naar Kamer en wetgeving mag wijzigen (PUT …/verwijzingen)' })
  mayEditVerwijzingen: boolean;
}
