import { Module } from '@nestjs/common';
import { DeadlinePolicyRepository } from './repositories/deadline-policy.repository';
import { GelijkgesteldeDagRepository } from './repositories/gelijkgestelde-dag.repository';
import { WerkdagenKalenderProvider } from './kalender/werkdagen-kalender.provider';
import { PlanDeadlineUseCase } from './use-cases/plan-deadline/plan-deadline.use-case';
import { RecomputeDeadlineUseCase } from './use-cases/recompute-deadline/recompute-deadline.use-case';
import { ListDeadlinePoliciesUseCase } from './use-cases/list-deadline-policies/list-deadline-policies.use-case';
import { UpsertDeadlinePolicyUseCase } from './use-cases/upsert-deadline-policy/upsert-deadline-policy.use-case';
import { ListGelijkgesteldeDagenUseCase } from './use-cases/list-gelijkgestelde-dagen/list-gelijkgestelde-dagen.use-case';
import { AddGelijkgesteldeDagUseCase } from './use-cases/add-gelijkgestelde-dag/add-gelijkgestelde-dag.use-case';
import { ExplainTermijnUseCase } from './use-cases/explain-termijn/explain-termijn.use-case';
import { TermijnActivities } from './activities/termijn.activities';
import { PlanningSnapshotProvider } from './planning/planning-snapshot.provider';
import { DeadlinePolicyController } from './controllers/deadline-policy.controller';
import { GelijkgesteldeDagController } from './controllers/gelijkgestelde-dag.controller';
import { WerkdagenController } from './controllers/werkdagen.controller';

/**
 * Termijnen: deadline policies, the working-day calendar (with the equated days from the database) and the
 * deadline activities. Needs the root TypeORM DataSource (DatabaseModule) from the importing app.
 */
@Module({
  controllers: [DeadlinePolicyController, GelijkgesteldeDagController, WerkdagenController],
  providers: [
    DeadlinePolicyRepository,
    GelijkgesteldeDagRepository,
    WerkdagenKalenderProvider,
    PlanDeadlineUseCase,
    RecomputeDeadlineUseCase,
    ListDeadlinePoliciesUseCase,
    UpsertDeadlinePolicyUseCase,
    ListGelijkgesteldeDagenUseCase,
    AddGelijkgesteldeDagUseCase,
    ExplainTermijnUseCase,
    TermijnActivities,
    PlanningSnapshotProvider,
  ],
  exports: [TermijnActivities, WerkdagenKalenderProvider, PlanningSnapshotProvider],
})
export class TermijnenModule {}
