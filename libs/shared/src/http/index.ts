export * from './problem-details.filter';
export * from './validation';
export * from './json-body';
export * from './invalid-characters';
export * from './malformed-url';
export * from './cursor';
export * from './page-query.dto';
