export * from './acu.module';
export * from './activities/acu.activities';
export * from './repositories/cluster.repository';
export * from './calendar/acu-calendar';
export * from './entities/acu-meeting.entity';
export * from './entities/acu-agenda-item.entity';
export * from './entities/acu-cluster.entity';
