import { Module } from '@nestjs/common';
import { KnelpuntenModule } from '@kp/knelpunten/knelpunten.module';
import { StandenController } from './standen.controller';
import { StandRepository } from './repositories/stand.repository';
import { ReferenceLookupRepository } from './repositories/reference-lookup.repository';
import { WorkflowStartRepository } from './repositories/workflow-start.repository';
import { SubmitStandUseCase } from './use-cases/submit-stand/submit-stand.use-case';
import { ImportStandCsvUseCase } from './use-cases/import-stand-csv/import-stand-csv.use-case';
import { IdempotencyModule } from '@kp/shared/idempotency/idempotency.module';
import { ReadStandenUseCase } from './use-cases/read-standen/read-standen.use-case';
import { WorkflowStartDispatcher } from './use-cases/dispatch-workflow-starts/workflow-start.dispatcher';
import { PreviewStandCsvUseCase } from './use-cases/preview-stand-csv/preview-stand-csv.use-case';
import { StandReferencesValidator } from './validators/stand-references.validator';

@Module({
  imports: [KnelpuntenModule, IdempotencyModule],
  controllers: [StandenController],
  providers: [
    StandRepository,
    ReferenceLookupRepository,
    WorkflowStartRepository,
    SubmitStandUseCase,
    ImportStandCsvUseCase,
    PreviewStandCsvUseCase,
    StandReferencesValidator,
    ReadStandenUseCase,
    WorkflowStartDispatcher,
  ],
  exports: [WorkflowStartDispatcher, WorkflowStartRepository],
})
export class IntakeModule {}
