/**
 * Starts the real components once per test run, on free ports, in throwaway directories:
 * an embedded PostgreSQL with a migrated and seeded template database (cloned per spec file),
 * Temporal (KP_TEST_TEMPORAL_MODE: `dev` the CLI dev server in memory, the default of the integration tier; `server`
 * the Temporal server on that PostgreSQL, which the drills use), and a prebuilt workflow bundle.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { registerPathAliases } from './path-aliases';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { bundleWorkflowCode } from '@temporalio/worker';
import { startEmbeddedPostgres } from '../../scripts/infra/postgres';
import { parseTemporalMode, startTemporal } from '../../scripts/infra/temporal';
import { prepareTimeSkippingServer } from '../../scripts/infra/time-skipping';

export const TEMPLATE_DB = 'kp_template';

export default async function globalSetup(): Promise<void> {
  registerPathAliases();
  const started = Date.now();
  const root = mkdtempSync(join(tmpdir(), 'knelpunten-test-'));
  const mode = parseTemporalMode(process.env.KP_TEST_TEMPORAL_MODE);
  const [pg, temporal, bundle] = await Promise.all([
    startEmbeddedPostgres({ dataDir: join(root, 'pg'), persistent: false, databaseName: TEMPLATE_DB }),
    // The server keeps its state in the PostgreSQL that is starting beside it: it waits for it.
    mode === 'dev' ? startTemporal({ mode, dir: root, uiPort: null, logFile: join(root, 'temporal.log') }) : undefined,
    bundleWorkflowCode({ workflowsPath: require.resolve('../../workflows'), logger: undefined }).then((b) => {
      const path = join(root, 'workflow-bundle.js');
      writeFileSync(path, b.code);
      return path;
    }),
    prepareTimeSkippingServer().catch((err: unknown) => {
      process.stderr.write(`[test] time-skipping server unavailable: ${String(err)}\n`);
    }),
  ]);
  // Loaded after the path aliases are registered (jest's moduleNameMapper does not apply to globalSetup).
  const { dataSourceOptions, runMigrations } = await import('../../libs/shared/src/database/data-source');
  const { seedReferenceData } = await import('../../libs/referentie/src/seed/seed-reference-data');
  await runMigrations(pg.url);
  const ds = new DataSource(dataSourceOptions(pg.url));
  await ds.initialize();
  await seedReferenceData(ds);
  await ds.destroy();

  const adminUrl = pg.url.replace(/\/[^/]+$/, '/postgres');
  const engine = temporal ?? (await startTemporal({ mode, dir: root, databaseUrl: adminUrl, logFile: join(root, 'temporal.log') }));
  process.env.KP_TEST_ROOT = root;
  process.env.KP_TEST_PG_ADMIN_URL = adminUrl;
  process.env.KP_TEST_TEMPLATE_DB = TEMPLATE_DB;
  process.env.KP_TEST_TEMPORAL_ADDRESS = engine.address;
  process.env.KP_TEST_WORKFLOW_BUNDLE = bundle;
  (globalThis as Record<string, unknown>).__KP_HANDLES__ = { pg, temporal: engine };
  process.stderr.write(`[test] PostgreSQL ${pg.url}, Temporal ${engine.address} (${mode}), ready in ${Date.now() - started} ms\n`);
}
