export * from './deadline-state';
export * from './plan-deadline';
export * from './planning';
export * from './resolve-deadline-policy';
