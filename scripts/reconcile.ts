/**
 * `npm run reconcile [-- --repair] [-- --json]`: compares every open knelpunt's workflow with the read model and
 * the outboxes (the same use case as GET /api/v1/beheer/reconciliatie) and prints the drift.
 * With --repair it re-projects the workflow's state into the read model and starts missing workflows
 * (as POST …/herstel). Exit code 0 when there is no drift (or all of it was repaired), 1 otherwise, 2 on an error.
 *
 * Talks to PostgreSQL (DATABASE_URL) and Temporal (TEMPORAL_ADDRESS, TEMPORAL_NAMESPACE, TEMPORAL_TASK_QUEUE)
 * directly, so it also works while the API is down. In development, without them, it uses what `npm run up`
 * starts (PostgreSQL on 127.0.0.1:5433, Temporal on 127.0.0.1:7233).
 */
import { AppConfig, loadConfig } from '@kp/shared/config';
import { reconcileCli } from './reconcile/reconcile-cli';

const DEV_DATABASE_URL = 'postgres://postgres:postgres@127.0.0.1:5433/knelpunten';
const DEV_TEMPORAL_ADDRESS = '127.0.0.1:7233';

function config(): AppConfig {
  const loaded = loadConfig();
  if (loaded.NODE_ENV === 'production') return loaded;
  return Object.assign(Object.create(Object.getPrototypeOf(loaded) as object) as AppConfig, loaded, {
    DATABASE_URL: loaded.DATABASE_URL ?? DEV_DATABASE_URL,
    TEMPORAL_ADDRESS: loaded.TEMPORAL_ADDRESS ?? DEV_TEMPORAL_ADDRESS,
  });
}

reconcileCli(process.argv.slice(2), config(), (text) => process.stdout.write(text)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(2);
  },
);
