import { Injectable } from '@nestjs/common';
import { WorkflowNotFoundError } from '@temporalio/client';
import { AppConfig } from '@kp/shared/config';
import { TemporalClientService } from '@kp/temporal';
import { KNELPUNT_WORKFLOW_TYPE, KnelpuntState, knelpuntWorkflowId, stateQuery } from '../../../../../workflows/knelpunt/knelpunt.contract';

/** What the reconciliation learns from Temporal about one knelpunt's workflow. */
export type WorkflowView =
  | { kind: 'state'; running: boolean; state: KnelpuntState }
  | { kind: 'missing' }
  | { kind: 'ended'; status: string }
  | { kind: 'no_answer'; status: string };

/** Thrown by {@link KnelpuntWorkflowInspector} when a call ran out of its time. */
class NoAnswer extends Error {}

/**
 * Reads workflows for the reconciliation, each call bounded by RECONCILE_QUERY_TIMEOUT_MS: a running workflow
 * is asked its state (the `stateQuery`), a completed one gives its final state as its result.
 */
@Injectable()
export class KnelpuntWorkflowInspector {
  constructor(
    private readonly temporal: TemporalClientService,
    private readonly config: AppConfig,
  ) {}

  /**
   * Runs one call with a deadline. Running out of it surfaces as DEADLINE_EXCEEDED or as CANCELLED (when the
   * client cancels the call), so it is recognised by the clock, not by the error: past the deadline = no answer.
   */
  private async bounded<T>(fn: () => Promise<T>): Promise<T> {
    const deadline = Date.now() + this.config.RECONCILE_QUERY_TIMEOUT_MS;
    try {
      return await this.temporal.client.withDeadline(deadline, fn);
    } catch (err) {
      if (Date.now() >= deadline - 50 && !(err instanceof WorkflowNotFoundError)) throw new NoAnswer();
      throw err;
    }
  }

  async inspect(knelpuntId: string): Promise<WorkflowView> {
    const handle = this.temporal.client.workflow.getHandle(knelpuntWorkflowId(knelpuntId));
    let status = 'UNKNOWN';
    try {
      status = (await this.bounded(() => handle.describe())).status.name;
      if (status === 'RUNNING') return { kind: 'state', running: true, state: await this.bounded(() => handle.query(stateQuery)) };
      if (status === 'COMPLETED')
        return { kind: 'state', running: false, state: (await this.bounded(() => handle.result())) as KnelpuntState };
      return { kind: 'ended', status };
    } catch (err) {
      if (err instanceof WorkflowNotFoundError) return { kind: 'missing' };
      if (err instanceof NoAnswer) return { kind: 'no_answer', status };
      throw err;
    }
  }

  /**
   * The ids of the knelpunten whose workflow runs on this system's task queue, page by page (visibility),
   * so a read model that says afgesloten while the workflow still runs is found without reading every closed knelpunt.
   */
  async *runningKnelpuntIds(pageSize: number): AsyncGenerator<string[]> {
    const queue = this.config.TEMPORAL_TASK_QUEUE.replace(/'/g, "\\'");
    const query = `WorkflowType = '${KNELPUNT_WORKFLOW_TYPE}' AND ExecutionStatus = 'Running' AND TaskQueue = '${queue}'`;
    let page: string[] = [];
    for await (const wf of this.temporal.client.workflow.list({ query, pageSize })) {
      if (wf.workflowId.startsWith('knelpunt-')) page.push(wf.workflowId.slice('knelpunt-'.length));
      if (page.length >= pageSize) {
        yield page;
        page = [];
      }
    }
    if (page.length > 0) yield page;
  }
}
