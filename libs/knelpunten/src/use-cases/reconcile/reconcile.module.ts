import { Module } from '@nestjs/common';
import { KnelpuntenModule } from '../../knelpunten.module';
import { ReconcileController } from './reconcile.controller';
import { ReconcileRepository } from './reconcile.repository';
import { ReconcileUseCase } from './reconcile.use-case';
import { KnelpuntWorkflowInspector } from './workflow-inspector';

/** Reconciliation of workflows, read model and outboxes (API endpoint and `npm run reconcile`). */
@Module({
  imports: [KnelpuntenModule],
  controllers: [ReconcileController],
  providers: [ReconcileRepository, KnelpuntWorkflowInspector, ReconcileUseCase],
  exports: [ReconcileUseCase],
})
export class ReconcileModule {}
