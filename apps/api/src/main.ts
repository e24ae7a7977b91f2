import { Logger } from '@nestjs/common';
import { loadConfig } from '@kp/shared/config';
import { createApiApp } from './bootstrap';

async function main(): Promise<void> {
  const config = loadConfig();
  const app = await createApiApp(config);
  await app.listen({ port: config.PORT, host: config.HOST });
  Logger.log(`API luistert op http://localhost:${config.PORT}/api/v1 (OpenAPI: /api/v1/openapi.json, docs: /api/v1/docs)`, 'Api');
}

main().catch((err: unknown) => {
  // Config errors list every bad variable at once.
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
