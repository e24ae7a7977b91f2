export * from './termijnen.module';
export * from './activities/termijn.activities';
export * from './kalender/werkdagen-kalender.provider';
export * from './entities/deadline-policy.entity';
export * from './entities/gelijkgestelde-dag.entity';
export { resolveDeadlinePolicy } from './use-cases/plan-deadline/resolve-deadline-policy';
