import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { loadConfig } from '@kp/shared/config';
import { WorkerModule } from './worker.module';
import { TemporalWorkerService } from './temporal-worker.service';

async function main(): Promise<void> {
  const app = await NestFactory.createApplicationContext(WorkerModule.forConfig(loadConfig()), { logger: ['error', 'warn', 'log'] });
  app.enableShutdownHooks();
  await app.get(TemporalWorkerService).done();
  Logger.log('Worker gestopt', 'Worker');
  await app.close();
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
