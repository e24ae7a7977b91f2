// A workflow bundle entry with core v1 under the workflow type's name: how a worker deployed before issue 8 ran it.
// Only test/workflow/core-migration.int-spec.ts uses it, to start workflows the way production has them running.
export { legacyKnelpuntWorkflow as knelpuntWorkflow } from '../../../workflows/knelpunt/legacy/knelpunt-v1.workflow';
