export * from './statuses';
export * from './decisions';
export * from './process-rules';
export * from './verwijzingen';
