export * from './notificaties.module';
export * from './activities/notificatie.activities';
export * from './gateways/mail.gateway';
export * from './gateways/webhook.gateway';
export * from './entities/notification.entity';
export * from './entities/notification-contact.entity';
