export * from './problem-details.filter';
export * from './validation';
export * from './cursor';
export * from './page-query.dto';
