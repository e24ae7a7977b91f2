export * from './policy.decorator';
export * from './route-policy';
export * from './principal.decorator';
export * from './csrf.decorator';
