// The workflow bundle's entry: every workflow the worker runs.
export { knelpuntWorkflow } from './knelpunt/knelpunt.workflow';
