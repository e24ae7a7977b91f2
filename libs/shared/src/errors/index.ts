export * from './error-codes';
export * from './domain.exception';
