export * from './audit-log.entity';
export * from './audit-log.repository';
export * from './audit.interceptor';
