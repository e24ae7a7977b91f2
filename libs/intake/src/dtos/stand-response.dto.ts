import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { STATUSES, THEMES } from '@kp/domain';

export class StandKnelpuntDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'UWV-00001' }) reference: string;
  @ApiProperty({ enum: STATUSES }) status: string;
  @ApiProperty() title: string;
  @ApiProperty({ enum: THEMES }) theme: string;
  @ApiPropertyOptional({ nullable: true, type: String }) externalRef: string | null;
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
