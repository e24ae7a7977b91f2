import { Module } from '@nestjs/common';
import { NotificationRepository } from './repositories/notification.repository';
import { NotificationContactRepository } from './repositories/notification-contact.repository';
import { MailGateway, NodemailerMailGateway } from './gateways/mail.gateway';
import { FetchWebhookGateway, WebhookGateway } from './gateways/webhook.gateway';
import { NotifyUseCase } from './use-cases/notify/notify.use-case';
import { ListNotificationsUseCase } from './use-cases/list-notifications/list-notifications.use-case';
import { MarkNotificationReadUseCase } from './use-cases/mark-notification-read/mark-notification-read.use-case';
import { ListDeliveriesUseCase, RetryDeliveryUseCase } from './use-cases/deliveries/deliveries.use-case';
import { NotificatieActivities } from './activities/notificatie.activities';
import { NotificationController } from './controllers/notification.controller';
import { DeliveryController } from './controllers/delivery.controller';
import { DeliveryRepository } from './outbox/delivery.repository';
import { DeliveryKicker } from './outbox/delivery-kicker';

/**
 * Notificaties: the in-app inbox per recipient group, the delivery outbox (e-mail through nodemailer, the optional
 * webhook) and its admin API. Sends nothing itself: the DeliveryDispatcher (DeliveryDispatcherModule, worker only)
 * does. Needs the root TypeORM DataSource and the global AppConfig.
 */
@Module({
  controllers: [NotificationController, DeliveryController],
  providers: [
    NotificationRepository,
    NotificationContactRepository,
    DeliveryRepository,
    DeliveryKicker,
    { provide: MailGateway, useClass: NodemailerMailGateway },
    { provide: WebhookGateway, useClass: FetchWebhookGateway },
    NotifyUseCase,
    ListNotificationsUseCase,
    MarkNotificationReadUseCase,
    ListDeliveriesUseCase,
    RetryDeliveryUseCase,
    NotificatieActivities,
  ],
  exports: [
    NotificatieActivities,
    DeliveryKicker,
    DeliveryRepository,
    NotificationRepository,
    NotificationContactRepository,
    MailGateway,
    WebhookGateway,
  ],
})
export class NotificatiesModule {}
