export * from './local-date';
export * from './amsterdam-tijd';
export * from './feestdagen';
export { WerkdagenKalender } from './werkdagen-kalender';
export type { SkippedDay } from './werkdagen-kalender';
export * from './termijn';
