export * from './termijnen.module';
export * from './activities/termijn.activities';
export * from './kalender/werkdagen-kalender.provider';
export * from './entities/deadline-policy.entity';
export * from './entities/gelijkgestelde-dag.entity';
export * from './planning/planning-snapshot.provider';
