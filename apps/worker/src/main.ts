import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Runtime } from '@temporalio/worker';
import { loadConfig } from '@kp/shared/config';
import { WorkerModule } from './worker.module';
import { TemporalWorkerService, workerRuntimeOptions } from './temporal-worker.service';

async function main(): Promise<void> {
  const config = loadConfig();
  const runtime = workerRuntimeOptions(config);
  if (runtime) {
    Runtime.install(runtime);
    Logger.log(`Temporal-metrics voor Prometheus op http://${config.WORKER_METRICS_ADDRESS}/metrics`, 'Worker');
  }
  const app = await NestFactory.createApplicationContext(WorkerModule.forConfig(config), { logger: ['error', 'warn', 'log'] });
  app.enableShutdownHooks();
  await app.get(TemporalWorkerService).done();
  Logger.log('Worker gestopt', 'Worker');
  await app.close();
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
