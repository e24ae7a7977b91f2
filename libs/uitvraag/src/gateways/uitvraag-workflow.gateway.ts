import { Injectable } from '@nestjs/common';
import { WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError } from '@temporalio/client';
import { TemporalClientService } from '@kp/temporal';
import {
  UITVRAAG_WORKFLOW_TYPE,
  UitvraagWorkflowInput,
  sluitenSignal,
  uitvraagWorkflowId,
} from '../../../../workflows/uitvraag/uitvraag.contract';

/** The only place that talks to Temporal about intake rounds. */
@Injectable()
export class UitvraagWorkflowGateway {
  constructor(private readonly temporal: TemporalClientService) {}

  /** Starts the round's workflow; one already started counts as started (idempotent). */
  async start(input: UitvraagWorkflowInput): Promise<void> {
    try {
      await this.temporal.client.workflow.start(UITVRAAG_WORKFLOW_TYPE, {
        taskQueue: this.temporal.taskQueue,
        workflowId: uitvraagWorkflowId(input.rondeId),
        args: [input],
        workflowIdReusePolicy: 'REJECT_DUPLICATE',
      });
    } catch (err) {
      if (err instanceof WorkflowExecutionAlreadyStartedError) return;
      throw err;
    }
  }

  /** Tells a running round that it was closed early; a workflow that has ended (or never ran) needs nothing. */
  async signalClosed(rondeId: string): Promise<void> {
    try {
      await this.temporal.client.workflow.getHandle(uitvraagWorkflowId(rondeId)).signal(sluitenSignal);
    } catch (err) {
      if (err instanceof WorkflowNotFoundError) return;
      throw err;
    }
  }
}
