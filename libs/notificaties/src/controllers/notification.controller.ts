import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Policy } from '@kp/toegang/decorators';
import type { Principal } from '@kp/toegang/principal';
import { ListNotificationsQueryDto, NotificationDto, NotificationIdParamDto, NotificationPageDto } from '../dtos/notification.dto';
import { ListNotificationsUseCase } from '../use-cases/list-notifications/list-notifications.use-case';
import { MarkNotificationReadUseCase } from '../use-cases/mark-notification-read/mark-notification-read.use-case';

@ApiTags('notificaties')
@Controller('notifications')
export class NotificationController {
  constructor(
    private readonly list: ListNotificationsUseCase,
    private readonly markRead: MarkNotificationReadUseCase,
  ) {}

  @Get()
  @Policy('indiener', 'driehoek', 'acu', 'programmadirectie', 'admin')
  @ApiOperation({
    summary: 'Mijn meldingen: herinneringen, verlopen termijnen en agenderingen, nieuwste eerst',
    description:
      'Een indiener ziet de meldingen voor de eigen organisatie, een driehoeklid die voor de eigen driehoek, ACU en programmadirectie die voor hun rol.',
  })
  @ApiOkResponse({ type: NotificationPageDto })
  listNotifications(@CurrentPrincipal() principal: Principal, @Query() query: ListNotificationsQueryDto): Promise<NotificationPageDto> {
    return this.list.execute(principal, query);
  }

  @Post(':id/read')
  @HttpCode(200)
  @Policy('indiener', 'driehoek', 'acu', 'programmadirectie', 'admin')
  @ApiOperation({ summary: 'Een melding als gelezen markeren' })
  @ApiOkResponse({ type: NotificationDto })
  markNotificationRead(@CurrentPrincipal() principal: Principal, @Param() params: NotificationIdParamDto): Promise<NotificationDto> {
    return this.markRead.execute(principal, params.id);
  }
}
