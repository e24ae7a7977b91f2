import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { OUTCOMES, STATUSES, THEMES } from '@kp/domain';

export class StandKnelpuntDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'UWV-00001' }) reference: string;
  @ApiProperty({ enum: STATUSES }) status: string;
  @ApiPropertyOptional({ enum: OUTCOMES, nullable: true, type: String, description: 'Uitkomst van een afgesloten knelpunt' })
  outcome: string | null;
  @ApiProperty() title: string;
  @ApiProperty({ enum: THEMES }) theme: string;
  @ApiPropertyOptional({ nullable: true, type: String }) externalRef: string | null;
}

export class StandSummaryDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() organisation: string;
  @ApiProperty() period: string;
  @ApiProperty() title: string;
  @ApiPropertyOptional({ nullable: true, type: String, format: 'date' }) publishedOn: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) sourceUrl: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class StandPageDto {
  @ApiProperty({ type: [StandSummaryDto] }) items: StandSummaryDto[];
  @ApiPropertyOptional({ nullable: true, type: String, description: 'Cursor van de volgende pagina; null op de laatste' })
  nextCursor: string | null;
}

export class StandDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() organisation: string;
  @ApiProperty() period: string;
  @ApiProperty() title: string;
  @ApiPropertyOptional({ nullable: true, type: String, format: 'date' }) publishedOn: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) sourceUrl: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ type: [StandKnelpuntDto] }) knelpunten: StandKnelpuntDto[];
}
