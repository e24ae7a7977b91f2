export * from './uitvraag.module';
export * from './activities/uitvraag.activities';
export * from './use-cases/uitvraag-start.dispatcher';
