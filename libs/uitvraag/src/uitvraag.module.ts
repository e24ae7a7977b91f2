import { Module } from '@nestjs/common';
import { IdempotencyModule } from '@kp/shared/idempotency/idempotency.module';
import { TermijnenModule } from '@kp/termijnen/termijnen.module';
import { UitvraagrondesController } from './controllers/uitvraagrondes.controller';
import { UitvraagrondeRepository } from './repositories/uitvraagronde.repository';
import { UitvraagWorkflowGateway } from './gateways/uitvraag-workflow.gateway';
import { UitvraagStartDispatcher } from './use-cases/uitvraag-start.dispatcher';
import { OpenUitvraagrondeUseCase } from './use-cases/open-uitvraagronde/open-uitvraagronde.use-case';
import { ListUitvraagrondesUseCase } from './use-cases/list-uitvraagrondes/list-uitvraagrondes.use-case';
import { GetUitvraagrondeUseCase } from './use-cases/get-uitvraagronde/get-uitvraagronde.use-case';
import { SluitUitvraagrondeUseCase } from './use-cases/sluit-uitvraagronde/sluit-uitvraagronde.use-case';
import { UitvraagActivitiesAdapter } from './activities/uitvraag.activities';

/**
 * Uitvraag (issue 9 §4): intake rounds, their completeness and their workflow. The API part; needs the root TypeORM
 * DataSource and the Temporal client from the importing app.
 */
@Module({
  imports: [TermijnenModule, IdempotencyModule],
  controllers: [UitvraagrondesController],
  providers: [
    UitvraagrondeRepository,
    UitvraagWorkflowGateway,
    UitvraagStartDispatcher,
    OpenUitvraagrondeUseCase,
    ListUitvraagrondesUseCase,
    GetUitvraagrondeUseCase,
    SluitUitvraagrondeUseCase,
  ],
  exports: [UitvraagStartDispatcher],
})
export class UitvraagModule {}

/** The worker part: the workflow's activities (no controllers, no start dispatcher). */
@Module({
  imports: [TermijnenModule],
  providers: [UitvraagrondeRepository, UitvraagActivitiesAdapter],
  exports: [UitvraagActivitiesAdapter],
})
export class UitvraagActivitiesModule {}
