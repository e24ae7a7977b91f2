export * from './statuses';
export * from './decisions';
