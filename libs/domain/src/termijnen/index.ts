export * from './deadline-state';
export * from './plan-deadline';
