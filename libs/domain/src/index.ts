export * from './knelpunt';
export * from './werkdagen';
export * from './termijnen';
