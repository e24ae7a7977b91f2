/**
 * Bench-only workflows for the engine's own limits (scripts/bench/raw-engine.ts), bundled separately from the
 * product's workflows and run by a worker of their own on a task queue of their own.
 */
import { condition, defineSignal, defineUpdate, setHandler, sleep } from '@temporalio/workflow';

/** S_raw: a workflow that does nothing but wait (one timer), like a knelpunt waiting for its driehoek. */
export async function benchSleeper(): Promise<void> {
  await sleep('1 day');
}

export const bumpUpdate = defineUpdate<number, [number]>('bump');
export const stopSignal = defineSignal('stop');

/** U_raw: a running workflow whose update handler only changes its state and returns it. */
export async function benchUpdatable(): Promise<void> {
  let counter = 0;
  let stopped = false;
  setHandler(bumpUpdate, (by: number) => {
    counter += by;
    return counter;
  });
  setHandler(stopSignal, () => {
    stopped = true;
  });
  await condition(() => stopped, '1 day');
}
