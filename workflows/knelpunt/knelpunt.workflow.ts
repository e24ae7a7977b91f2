/**
 * One durable workflow per knelpunt, from intake to afgesloten. Orchestration only: this file wires the handlers,
 * takes the knelpunt in, waits for commands and alarms, and continues as new when the history grows. The process
 * class owns the state and runs whole transitions; the rules are pure functions in libs/domain.
 */
import { allHandlersFinished, condition, continueAsNew, patched, setHandler, workflowInfo } from '@temporalio/workflow';
import { KnelpuntState, KnelpuntWorkflowInput, deadlineUpdate, decisionUpdate, stateQuery, voortgangUpdate } from './knelpunt.contract';
import { KnelpuntProcess } from './knelpunt.process';
import { legacyKnelpuntWorkflow } from './legacy/knelpunt-v1.workflow';

/**
 * History events before the workflow continues as new (Temporal suggests it itself too, much later). Short runs
 * replay fast: a worker that takes a knelpunt over after a restart, or someone debugging it, replays its current run.
 * Measured by the benchmark's history goal (a two-year case replays within a second).
 */
const HISTORY_LIMIT = 400;
/** The limit of runs started before the 'korte-runs' patch (no marker in their history): they keep it. */
const HISTORY_LIMIT_BEFORE_KORTE_RUNS = 5000;

export async function knelpuntWorkflow(input: KnelpuntWorkflowInput): Promise<KnelpuntState> {
  // Workflows started before core v2 (no marker in their history) replay on the code they ran on.
  if (!patched('kern-v2')) return legacyKnelpuntWorkflow(input);
  const korteRuns = patched('korte-runs');
  const historyLimit = input.features?.historyLimit ?? (korteRuns ? HISTORY_LIMIT : HISTORY_LIMIT_BEFORE_KORTE_RUNS);

  const process = new KnelpuntProcess(input);
  setHandler(stateQuery, () => process.state);
  setHandler(decisionUpdate, (cmd) => process.decide(cmd), { validator: (cmd) => process.validateDecision(cmd) });
  setHandler(voortgangUpdate, (cmd) => process.voortgang(cmd), { validator: (cmd) => process.validateVoortgang(cmd) });
  setHandler(deadlineUpdate, (cmd) => process.deadline(cmd), { validator: (cmd) => process.validateDeadline(cmd) });

  for (;;) {
    if (process.state.status === 'ingediend') await process.intake();
    if (process.state.status === 'afgesloten') {
      await condition(allHandlersFinished);
      if (process.state.status === 'afgesloten') return process.state;
    }
    const next = process.nextWakeAt();
    process.woken = false;
    const awake = (): boolean => process.woken || process.state.status === 'afgesloten';
    if (next === null) await condition(awake);
    else await condition(awake, Math.max(1, next - Date.now()));
    if (process.state.status !== 'ingediend') await process.fireDueAlarms();

    const info = workflowInfo();
    if (info.continueAsNewSuggested || info.historyLength > historyLimit) {
      await condition(allHandlersFinished);
      await continueAsNew<typeof knelpuntWorkflow>({ ...input, carried: process.state });
    }
  }
}
