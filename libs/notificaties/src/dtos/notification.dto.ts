import { PageQueryDto } from '@kp/shared/http/page-query.dto';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional, IsUUID } from 'class-validator';
import { RECIPIENT_ROLES } from '../entities/notification.entity';

export class NotificationDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) knelpuntId: string | null;
  @ApiProperty({ example: 'UWV-00001' }) reference: string;
  @ApiProperty({ example: 'herinnering', description: 'Soort melding, bijvoorbeeld herinnering, verlopen, acu_agenda, afgesloten' })
  kind: string;
  @ApiProperty() subject: string;
  @ApiProperty() body: string;
  @ApiProperty({ enum: RECIPIENT_ROLES }) recipientRole: string;
  @ApiProperty({ nullable: true, type: String, description: 'Organisatie- of driehoekcode van de ontvanger' }) recipientScope:
    string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) readAt: string | null;
  @ApiProperty() read: boolean;
}

export class NotificationPageDto {
  @ApiProperty({ type: [NotificationDto] }) items: NotificationDto[];
  @ApiProperty({ nullable: true, type: String, description: 'Geef mee als cursor voor de volgende pagina; null = laatste pagina' })
  nextCursor: string | null;
  @ApiProperty({ example: 3, description: 'Aantal ongelezen meldingen in uw hele inbox (ongeacht filter en pagina)' })
  unreadCount: number;
}

const toBoolean = ({ value }: { value: unknown }): unknown => (value === 'true' ? true : value === 'false' ? false : value);

export class ListNotificationsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ type: Boolean, description: 'true = alleen ongelezen, false = alleen gelezen' })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean({ message: 'moet true of false zijn' })
  unread?: boolean;
}

export class NotificationIdParamDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'moet een geldige UUID zijn' })
  id: string;
}
