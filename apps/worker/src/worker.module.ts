import { DynamicModule, Module } from '@nestjs/common';
import { AppConfig, ConfigModule } from '@kp/shared/config';
import { DatabaseModule } from '@kp/shared/database';
import { KnelpuntenActivitiesModule } from '@kp/knelpunten/knelpunten.module';
import { KnelpuntProjectionActivities } from '@kp/knelpunten/activities/knelpunt-projection.activities';
import { TermijnenModule } from '@kp/termijnen/termijnen.module';
import { TermijnActivities } from '@kp/termijnen/activities/termijn.activities';
import { NotificatiesModule } from '@kp/notificaties/notificaties.module';
import { NotificatieActivities } from '@kp/notificaties/activities/notificatie.activities';
import { DeliveryDispatcherModule } from '@kp/notificaties/outbox/delivery-dispatcher.module';
import { AcuModule } from '@kp/acu/acu.module';
import { AcuActivities } from '@kp/acu/activities/acu.activities';
import { asActivity } from '@kp/temporal/activity-failure';
import { UitvraagActivitiesModule } from '@kp/uitvraag/uitvraag.module';
import { UitvraagActivitiesAdapter } from '@kp/uitvraag/activities/uitvraag.activities';
import type { UitvraagActivities } from '../../../workflows/uitvraag/uitvraag.activities-contract';
import type { KnelpuntActivities } from '../../../workflows/knelpunt/knelpunt.activities-contract';
import { KNELPUNT_ACTIVITIES, TemporalWorkerService } from './temporal-worker.service';

/**
 * Maps the workflow's activity contract onto the bounded contexts' activity adapters. Every activity runs
 * through asActivity, so a failure that a retry would repeat (a domain error, a deterministic database
 * error such as 22P05) is non-retryable everywhere and can never hold a workflow.
 */
export function knelpuntActivities(
  projection: KnelpuntProjectionActivities,
  termijnen: TermijnActivities,
  notificaties: NotificatieActivities,
  acu: AcuActivities,
): KnelpuntActivities {
  return {
    projectKnelpunt: (i) => asActivity(() => projection.projectKnelpunt(i)),
    planDeadline: (i) => asActivity(() => termijnen.planDeadline(i)),
    recomputeDeadline: (i) => asActivity(() => termijnen.recomputeDeadline(i)),
    notify: (i) => asActivity(() => notificaties.notify(i)),
    placeOnAcuAgenda: (i) => asActivity(() => acu.placeOnAcuAgenda(i)),
    carryOverAcuItem: (i) => asActivity(() => acu.carryOverAcuItem(i)),
    closeAcuItem: (i) => asActivity(() => acu.closeAcuItem(i)),
  };
}

/** The intake-round (uitvraag) workflow's activities, registered beside the knelpunt activities. */
export function uitvraagActivities(uitvraag: UitvraagActivitiesAdapter): UitvraagActivities {
  return {
    planUitvraagronde: (i) => asActivity(() => uitvraag.planUitvraagronde(i)),
    stuurUitvraagHerinneringen: (i) => asActivity(() => uitvraag.stuurUitvraagHerinneringen(i)),
    sluitUitvraagronde: (i) => asActivity(() => uitvraag.sluitUitvraagronde(i)),
  };
}

@Module({})
export class WorkerModule {
  /** `runWorker: false` gives only the activities (tests run them in a Worker on a time-skipping server). */
  static forConfig(config: AppConfig, options: { runWorker?: boolean } = {}): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        ConfigModule.withConfig(config),
        DatabaseModule.forRoot({ migrate: false }),
        KnelpuntenActivitiesModule,
        TermijnenModule,
        NotificatiesModule,
        AcuModule,
        UitvraagActivitiesModule,
        // The worker sends: the delivery dispatcher drains the notification outbox (the API never sends).
        ...(options.runWorker === false ? [] : [DeliveryDispatcherModule]),
      ],
      providers: [
        {
          provide: KNELPUNT_ACTIVITIES,
          inject: [KnelpuntProjectionActivities, TermijnActivities, NotificatieActivities, AcuActivities, UitvraagActivitiesAdapter],
          // Every workflow of the bundle runs on this one task queue: the knelpunt and the uitvraag activities together.
          useFactory: (
            projection: KnelpuntProjectionActivities,
            termijnen: TermijnActivities,
            notificaties: NotificatieActivities,
            acu: AcuActivities,
            uitvraag: UitvraagActivitiesAdapter,
          ): KnelpuntActivities & UitvraagActivities => ({
            ...knelpuntActivities(projection, termijnen, notificaties, acu),
            ...uitvraagActivities(uitvraag),
          }),
        },
        ...(options.runWorker === false ? [] : [TemporalWorkerService]),
      ],
    };
  }
}
