import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { AppConfig } from '@kp/shared/config';
import { PeriodicDrain } from '@kp/shared/outbox/periodic-drain';
import { UitvraagrondeRepository } from '../repositories/uitvraagronde.repository';
import { UitvraagWorkflowGateway } from '../gateways/uitvraag-workflow.gateway';

/**
 * Starts the workflows of new rounds (the start-after-commit pattern of the knelpunt intake): right after the round
 * is committed and every OUTBOX_INTERVAL_MS, so a round opened while Temporal was down, or whose API crashed between
 * the commit and the start, gets its workflow once Temporal is back. Starting is idempotent (id from the round id).
 */
@Injectable()
export class UitvraagStartDispatcher implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(UitvraagStartDispatcher.name);
  private readonly loop: PeriodicDrain;

  constructor(
    private readonly config: AppConfig,
    private readonly rondes: UitvraagrondeRepository,
    private readonly gateway: UitvraagWorkflowGateway,
  ) {
    this.loop = new PeriodicDrain(
      config.OUTBOX_INTERVAL_MS,
      () => this.dispatchPending(),
      (err) => this.logger.warn(`Uitvraag-starts niet verwerkt: ${String(err)}`),
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

  /** Starts pending workflows; stops at the first failure (Temporal down) and tries again on the next interval. */
  async dispatchPending(batch = 50): Promise<void> {
    for (;;) {
      const pending = await this.rondes.pendingStarts(batch);
      for (const p of pending) {
        if (this.loop.stopped) return;
        try {
          await this.gateway.start({ rondeId: p.id });
          await this.rondes.markStarted(p.id);
        } catch (err) {
          await this.rondes.markStartFailed(p.id, err instanceof Error ? err.message : String(err));
          this.logger.warn(`Workflow voor uitvraagronde ${p.id} nog niet gestart (wordt opnieuw geprobeerd): ${String(err)}`);
          return;
        }
      }
      if (pending.length < batch) return;
    }
  }

  /** Resolves once the current drain is done (tests). */
  async drain(): Promise<void> {
    await this.loop.drain();
  }
}
