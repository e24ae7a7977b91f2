import { Module } from '@nestjs/common';
import { NotificatiesModule } from '@kp/notificaties/notificaties.module';
import { KnelpuntRepository } from './repositories/knelpunt.repository';
import { KnelpuntProjectionRepository } from './repositories/knelpunt-projection.repository';
import { KnelpuntProjectionActivities } from './activities/knelpunt-projection.activities';
import { KnelpuntWorkflowGateway } from './workflow/knelpunt-workflow.gateway';
import { ListKnelpuntenUseCase } from './use-cases/list-knelpunten/list-knelpunten.use-case';
import { GetKnelpuntUseCase } from './use-cases/get-knelpunt/get-knelpunt.use-case';
import { DecideKnelpuntUseCase } from './use-cases/decide-knelpunt/decide-knelpunt.use-case';
import { AddVoortgangUseCase } from './use-cases/add-voortgang/add-voortgang.use-case';
import { ChangeDeadlineUseCase } from './use-cases/change-deadline/change-deadline.use-case';
import { GetDriehoekQueueUseCase } from './use-cases/get-driehoek-queue/get-driehoek-queue.use-case';
import { DriehoekQueueController, KnelpuntenController } from './knelpunten.controller';
import { ClusterDecisionsController } from './cluster-decisions.controller';
import { DecideClusterUseCase } from './use-cases/decide-cluster/decide-cluster.use-case';
import { AcuModule } from '@kp/acu/acu.module';
import { TermijnenModule } from '@kp/termijnen/termijnen.module';
import { MergeTargetPolicy } from './policies/merge-target.policy';
import { AmendKnelpuntUseCase } from './use-cases/amend-knelpunt/amend-knelpunt.use-case';
import { ReplaceVerwijzingenUseCase } from './use-cases/replace-verwijzingen/replace-verwijzingen.use-case';
import { IdempotencyModule } from '@kp/shared/idempotency/idempotency.module';
import { StatistiekenController } from './statistieken.controller';
import { StatistiekenRepository } from './repositories/statistieken.repository';
import { GetStatistiekenUseCase } from './use-cases/get-statistieken/get-statistieken.use-case';
import { RapportagesController } from './rapportages.controller';
import { VoortgangsrapportageRepository } from './repositories/voortgangsrapportage.repository';
import { GetVoortgangsrapportageUseCase } from './use-cases/get-voortgangsrapportage/get-voortgangsrapportage.use-case';
import { RapportagePublicatieRepository } from './repositories/rapportage-publicatie.repository';
import { PubliceerVoortgangsrapportageUseCase } from './use-cases/publiceer-voortgangsrapportage/publiceer-voortgangsrapportage.use-case';

@Module({
  imports: [AcuModule, IdempotencyModule, TermijnenModule],
  controllers: [KnelpuntenController, DriehoekQueueController, ClusterDecisionsController, StatistiekenController, RapportagesController],
  providers: [
    DecideClusterUseCase,
    MergeTargetPolicy,
    AmendKnelpuntUseCase,
    ReplaceVerwijzingenUseCase,
    KnelpuntRepository,
    KnelpuntProjectionRepository,
    KnelpuntProjectionActivities,
    KnelpuntWorkflowGateway,
    ListKnelpuntenUseCase,
    GetKnelpuntUseCase,
    DecideKnelpuntUseCase,
    AddVoortgangUseCase,
    ChangeDeadlineUseCase,
    GetDriehoekQueueUseCase,
    StatistiekenRepository,
    GetStatistiekenUseCase,
    VoortgangsrapportageRepository,
    GetVoortgangsrapportageUseCase,
    RapportagePublicatieRepository,
    PubliceerVoortgangsrapportageUseCase,
  ],
  exports: [
    KnelpuntRepository,
    KnelpuntProjectionActivities,
    KnelpuntWorkflowGateway,
    GetKnelpuntUseCase,
    DecideKnelpuntUseCase,
    GetVoortgangsrapportageUseCase,
  ],
})
export class KnelpuntenModule {}

/** The worker's slice: only the projection activity and its repository (it wakes the worker's delivery dispatcher). */
@Module({
  imports: [NotificatiesModule],
  providers: [KnelpuntProjectionRepository, KnelpuntProjectionActivities],
  exports: [KnelpuntProjectionActivities],
})
export class KnelpuntenActivitiesModule {}
