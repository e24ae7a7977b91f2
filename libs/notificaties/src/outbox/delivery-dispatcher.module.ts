import { Module } from '@nestjs/common';
import { NotificatiesModule } from '../notificaties.module';
import { DeliveryDispatcher } from './delivery-dispatcher';

/**
 * The delivery dispatcher, for the worker process only (apps/worker imports this module; the API does not, so an
 * API process never sends mail or webhooks). It starts on application bootstrap and stops on shutdown.
 */
@Module({
  imports: [NotificatiesModule],
  providers: [DeliveryDispatcher],
  exports: [DeliveryDispatcher],
})
export class DeliveryDispatcherModule {}
