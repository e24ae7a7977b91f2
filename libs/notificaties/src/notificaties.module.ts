import { Module } from '@nestjs/common';
import { NotificationRepository } from './repositories/notification.repository';
import { NotificationContactRepository } from './repositories/notification-contact.repository';
import { MailGateway, NodemailerMailGateway } from './gateways/mail.gateway';
import { FetchWebhookGateway, WebhookGateway } from './gateways/webhook.gateway';
import { NotifyUseCase } from './use-cases/notify/notify.use-case';
import { ListNotificationsUseCase } from './use-cases/list-notifications/list-notifications.use-case';
import { MarkNotificationReadUseCase } from './use-cases/mark-notification-read/mark-notification-read.use-case';
import { NotificatieActivities } from './activities/notificatie.activities';
import { NotificationController } from './controllers/notification.controller';

/**
 * Notificaties: the in-app inbox per recipient group, e-mail (nodemailer) and the optional webhook.
 * Needs the root TypeORM DataSource and the global AppConfig. Replace `MailGateway` / `WebhookGateway` in tests.
 */
@Module({
  controllers: [NotificationController],
  providers: [
    NotificationRepository,
    NotificationContactRepository,
    { provide: MailGateway, useClass: NodemailerMailGateway },
    { provide: WebhookGateway, useClass: FetchWebhookGateway },
    NotifyUseCase,
    ListNotificationsUseCase,
    MarkNotificationReadUseCase,
    NotificatieActivities,
  ],
  exports: [NotificatieActivities],
})
export class NotificatiesModule {}
