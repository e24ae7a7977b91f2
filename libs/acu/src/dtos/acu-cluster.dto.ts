import { PageQueryDto } from '@kp/shared/http/page-query.dto';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { DECISIONS, DOORBRAAKTEAMS, STATUSES } from '@kp/domain';
import { ActorDto } from './acu-meeting.dto';

const trim = ({ value }: { value: unknown }): unknown => (typeof value === 'string' ? value.trim() : value);

export const MAX_CLUSTER_MEMBERS = 100;

export class CreateAcuClusterDto {
  @ApiProperty({ maxLength: 300, example: 'Gegevensdeling tussen uitvoeringsorganisaties bij inkomensafhankelijke regelingen' })
  @Transform(trim)
  @IsString({ message: 'moet tekst zijn' })
  @IsNotEmpty({ message: 'is verplicht en mag niet leeg zijn' })
  @MaxLength(300, { message: 'mag maximaal $constraint1 tekens bevatten' })
  title: string;

  @ApiPropertyOptional({ maxLength: 20000 })
  @IsOptional()
  @Transform(trim)
  @IsString({ message: 'moet tekst zijn' })
  @MaxLength(20000, { message: 'mag maximaal $constraint1 tekens bevatten' })
  description?: string;

  @ApiProperty({
    type: [String],
    format: 'uuid',
    minItems: 2,
    maxItems: MAX_CLUSTER_MEMBERS,
    description: 'Naar de ACU geëscaleerde knelpunten',
  })
  @IsArray({ message: 'moet een lijst van knelpunt-id’s zijn' })
  @ArrayMinSize(2, { message: 'moet minstens twee knelpunten bevatten' })
  @ArrayMaxSize(MAX_CLUSTER_MEMBERS, { message: 'mag maximaal $constraint1 knelpunten bevatten' })
  @ArrayUnique({ message: 'mag geen knelpunt twee keer bevatten' })
  @IsUUID('all', { each: true, message: 'moet alleen geldige UUID’s bevatten' })
  knelpuntIds: string[];
}

export class AcuClusterMemberDto {
  @ApiProperty({ format: 'uuid' }) knelpuntId: string;
  @ApiProperty({ example: 'UWV-00001' }) reference: string;
  @ApiProperty() title: string;
  @ApiProperty({ example: 'UWV' }) organisation: string;
  @ApiProperty({ enum: STATUSES }) status: string;
  @ApiProperty({ enum: DOORBRAAKTEAMS, nullable: true, type: String, description: 'Het doorbraakteam van het knelpunt (null: geen)' })
  doorbraakteam: string | null;
  @ApiProperty({ format: 'date-time' }) addedAt: string;
}

export class AcuClusterDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() title: string;
  @ApiProperty({ nullable: true, type: String }) description: string | null;
  @ApiProperty({ type: [String], example: ['SVB', 'UWV'], description: 'De organisaties van de knelpunten' }) organisations: string[];
  @ApiProperty({ type: [AcuClusterMemberDto] }) members: AcuClusterMemberDto[];
  @ApiProperty({
    type: [String],
    enum: DECISIONS,
    description: 'Beslissingen die u nu voor alle knelpunten van het cluster tegelijk mag nemen',
  })
  allowedDecisions: string[];
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ type: ActorDto }) createdBy: ActorDto;
}

export class AcuClusterSummaryDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() title: string;
  @ApiProperty({ nullable: true, type: String }) description: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ type: ActorDto }) createdBy: ActorDto;
}

export class AcuClusterPageDto {
  @ApiProperty({ type: [AcuClusterSummaryDto] }) items: AcuClusterSummaryDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

export class ListAcuClustersQueryDto extends PageQueryDto {}
