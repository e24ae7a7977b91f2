// The workflow bundle's entry: every workflow the worker runs.
export { knelpuntWorkflow } from './knelpunt/knelpunt.workflow';
export { uitvraagWorkflow } from './uitvraag/uitvraag.workflow';
