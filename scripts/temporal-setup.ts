/**
 * `node dist/scripts/temporal-setup.js` (docker-compose's `temporal-setup` job): registers the namespace
 * (TEMPORAL_NAMESPACE) and the custom search attributes on the Temporal server at TEMPORAL_ADDRESS, with the same
 * connection options (TLS, API key) as the api and the worker. Idempotent; it waits up to two minutes for the server
 * to answer. The search attributes come from their one source, workflows/knelpunt/knelpunt.search-attributes.ts;
 * locally `TEMPORAL_MODE=server` registers them the same way (scripts/infra/temporal-server.ts).
 */
import { Connection } from '@temporalio/client';
import { loadConfig } from '@kp/shared/config';
import { temporalConnectionOptions } from '@kp/temporal/temporal-client.service';
import { ensureNamespace, registerSearchAttributes, SEARCH_ATTRIBUTES } from './infra/search-attributes';

const WAIT_MS = 120_000;
/**
 * The server caches search attributes for 60 s and namespaces for 10 s per service (the dynamic config does not force
 * a re-read on every request, see deploy/temporal/dynamicconfig.yaml). After creating either, the job waits this long
 * before it reports success, so that the api and the worker (which wait for this job) never meet a stale cache.
 */
const CACHE_REFRESH_MS = 70_000;

async function main(): Promise<void> {
  const config = loadConfig();
  if (!config.TEMPORAL_ADDRESS) throw new Error('TEMPORAL_ADDRESS ontbreekt');
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    let connection: Connection | undefined;
    try {
      connection = await Connection.connect(temporalConnectionOptions(config));
      const createdNamespace = await ensureNamespace(connection, config.TEMPORAL_NAMESPACE, config.TEMPORAL_RETENTION_DAYS);
      const addedAttributes = await registerSearchAttributes(connection, config.TEMPORAL_NAMESPACE, SEARCH_ATTRIBUTES);
      await connection.workflowService.describeNamespace({ namespace: config.TEMPORAL_NAMESPACE });
      if (createdNamespace || addedAttributes) {
        process.stdout.write(`aangemaakt; wacht ${CACHE_REFRESH_MS / 1000} s tot elke Temporal-dienst ze kent\n`);
        await new Promise((r) => setTimeout(r, CACHE_REFRESH_MS));
      }
      process.stdout.write(
        `namespace ${config.TEMPORAL_NAMESPACE} en zoekattributen ${Object.keys(SEARCH_ATTRIBUTES).join(', ')} staan op ${config.TEMPORAL_ADDRESS}\n`,
      );
      return;
    } catch (err) {
      if (Date.now() > deadline) throw err;
      process.stderr.write(`Temporal nog niet bereikbaar (${(err as Error).message.split('\n')[0]}); opnieuw over 2 s\n`);
      await new Promise((r) => setTimeout(r, 2000));
    } finally {
      await connection?.close().catch(() => undefined);
    }
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
