import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { AppConfig } from '@kp/shared/config';
import { PeriodicDrain } from '@kp/shared/outbox/periodic-drain';
import { KnelpuntWorkflowGateway } from '@kp/knelpunten/workflow/knelpunt-workflow.gateway';
import { WorkflowStartRepository } from '../../repositories/workflow-start.repository';

/**
 * Drains the workflow-start outbox: right after an intake commits, and every OUTBOX_INTERVAL_MS,
 * so Standen accepted while Temporal was down get their workflows once it is back.
 * Starting is idempotent (the workflow id is derived from the knelpunt id).
 */
@Injectable()
export class WorkflowStartDispatcher implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(WorkflowStartDispatcher.name);
  private readonly loop: PeriodicDrain;

  constructor(
    private readonly config: AppConfig,
    private readonly starts: WorkflowStartRepository,
    private readonly gateway: KnelpuntWorkflowGateway,
  ) {
    this.loop = new PeriodicDrain(
      config.OUTBOX_INTERVAL_MS,
      () => this.dispatchPending(),
      (err) => this.logger.warn(`Outbox niet verwerkt: ${String(err)}`),
    );
  }

  onApplicationBootstrap(): void {
    this.loop.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.loop.stop();
  }

  /** Schedules a drain now (coalesced with one already running). */
  kick(): void {
    this.loop.kick();
  }

  /**
   * Starts pending workflows, OUTBOX_START_CONCURRENCY at a time; stops after the first group with a failure (Temporal
   * down): the failed ones stay pending and are tried again on the next drain.
   */
  async dispatchPending(batch = 100): Promise<{ started: number; failed: number }> {
    let started = 0;
    let failed = 0;
    const concurrency = this.config.OUTBOX_START_CONCURRENCY;
    for (;;) {
      const pending = await this.starts.pending(batch);
      if (pending.length === 0) return { started, failed };
      for (let i = 0; i < pending.length; i += concurrency) {
        if (this.loop.stopped) return { started, failed };
        const group = pending.slice(i, i + concurrency);
        const outcomes = await Promise.allSettled(group.map((p) => this.startOne(p)));
        let groupFailed = false;
        for (const [index, outcome] of outcomes.entries()) {
          if (outcome.status === 'fulfilled') {
            started += 1;
            continue;
          }
          groupFailed = true;
          failed += 1;
          const p = group[index]!;
          const err: unknown = outcome.reason;
          await this.starts.markFailed(p.knelpuntId, err instanceof Error ? err.message : String(err));
          this.logger.warn(`Workflow voor knelpunt ${p.knelpuntId} nog niet gestart (wordt opnieuw geprobeerd): ${String(err)}`);
        }
        if (groupFailed) return { started, failed };
      }
      if (pending.length < batch) return { started, failed };
    }
  }

  private async startOne(p: Awaited<ReturnType<WorkflowStartRepository['pending']>>[number]): Promise<void> {
    await this.gateway.start({
      knelpuntId: p.knelpuntId,
      reference: p.reference,
      organisation: p.organisation,
      driehoek: p.driehoek,
      submittedAt: new Date(p.submittedAt).toISOString(),
      features: { searchAttributes: this.config.TEMPORAL_SEARCH_ATTRIBUTES },
    });
    await this.starts.markStarted(p.knelpuntId);
  }

  /** Resolves once the outbox is empty or the timeout passes (used by tests and health). */
  async drain(): Promise<void> {
    await this.loop.drain();
  }
}
