import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { NativeConnection, RuntimeOptions, Worker, WorkerOptions } from '@temporalio/worker';
import { AppConfig } from '@kp/shared/config';
import { temporalConnectionOptions } from '@kp/temporal/temporal-client.service';
import type { KnelpuntActivities } from '../../../workflows/knelpunt/knelpunt.activities-contract';

export const KNELPUNT_ACTIVITIES = Symbol('KNELPUNT_ACTIVITIES');

/** Where the workflow code comes from: a prebuilt bundle in production, the sources otherwise. */
export function workflowSource(config: AppConfig): Pick<WorkerOptions, 'workflowBundle' | 'workflowsPath'> {
  if (config.WORKFLOW_BUNDLE_PATH) return { workflowBundle: { codePath: config.WORKFLOW_BUNDLE_PATH } };
  return { workflowsPath: require.resolve('../../../workflows') };
}

/** The sticky cache: WORKER_MAX_CACHED_WORKFLOWS when set, else the SDK's default for the heap limit. */
export function workerCacheOptions(config: AppConfig): Pick<WorkerOptions, 'maxCachedWorkflows'> {
  return config.WORKER_MAX_CACHED_WORKFLOWS === undefined ? {} : { maxCachedWorkflows: config.WORKER_MAX_CACHED_WORKFLOWS };
}

/** The sticky queue's schedule-to-start timeout: WORKER_STICKY_TIMEOUT_SECONDS when set, else the SDK's default. */
export function workerStickyOptions(config: AppConfig): Pick<WorkerOptions, 'stickyQueueScheduleToStartTimeout'> {
  const seconds = config.WORKER_STICKY_TIMEOUT_SECONDS;
  return seconds === undefined ? {} : { stickyQueueScheduleToStartTimeout: `${seconds}s` };
}

/**
 * The SDK runtime of the worker process: with WORKER_METRICS_ADDRESS, the SDK's metrics for Prometheus; otherwise
 * null (the SDK's default runtime). Installed by main before any connection exists.
 */
export function workerRuntimeOptions(config: AppConfig): RuntimeOptions | null {
  if (!config.WORKER_METRICS_ADDRESS) return null;
  return { telemetryOptions: { metrics: { prometheus: { bindAddress: config.WORKER_METRICS_ADDRESS } } } };
}

/**
 * Nest owns the worker's life: it starts on bootstrap (not awaited, so the process can serve health),
 * drains on shutdown, and a crash of the worker ends the process so the supervisor restarts it.
 */
@Injectable()
export class TemporalWorkerService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(TemporalWorkerService.name);
  private worker: Worker | null = null;
  private connection: NativeConnection | null = null;
  private running: Promise<void> | null = null;

  constructor(
    private readonly config: AppConfig,
    @Inject(KNELPUNT_ACTIVITIES) private readonly activities: KnelpuntActivities,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const { address, tls } = temporalConnectionOptions(this.config);
    this.connection = await NativeConnection.connect({ address, tls, apiKey: this.config.TEMPORAL_API_KEY });
    this.worker = await Worker.create({
      connection: this.connection,
      namespace: this.config.TEMPORAL_NAMESPACE,
      taskQueue: this.config.TEMPORAL_TASK_QUEUE,
      activities: this.activities,
      ...workflowSource(this.config),
      ...workerCacheOptions(this.config),
      ...workerStickyOptions(this.config),
      shutdownGraceTime: '10s',
    });
    this.running = this.worker.run().catch((err: unknown) => {
      this.logger.error(`Temporal-worker gestopt met een fout: ${String(err)}`);
      process.exitCode = 1;
      throw err;
    });
    this.logger.log(`Temporal-worker draait op taakwachtrij '${this.config.TEMPORAL_TASK_QUEUE}' (${address})`);
  }

  /** Resolves when the worker stops (used by main to keep the process alive). */
  done(): Promise<void> {
    return this.running ?? Promise.resolve();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.worker && this.worker.getState() === 'RUNNING') this.worker.shutdown();
    await this.running?.catch(() => undefined);
    await this.connection?.close().catch(() => undefined);
  }
}
