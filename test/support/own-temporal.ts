import { join } from 'node:path';
import { startTemporal } from '../../scripts/infra/temporal';
import type { TemporalDevServerHandle } from '../../scripts/infra/temporal-dev-server';

/**
 * A Temporal of a test's own, to stop and restart (the durability tests, drill 5): the real Temporal server
 * (`TEMPORAL_MODE=server`) on the test PostgreSQL, in databases of its own (`temporal_<name>`), so a restart on the
 * same port finds every workflow where it was.
 */
export function startOwnTemporalServer(dir: string, name: string, port?: number): Promise<TemporalDevServerHandle> {
  const databaseUrl = process.env.KP_TEST_PG_ADMIN_URL;
  if (!databaseUrl) throw new Error('global setup did not run (KP_TEST_PG_ADMIN_URL missing)');
  return startTemporal({
    mode: 'server',
    dir,
    databaseUrl,
    databases: { main: `temporal_${name}`, visibility: `temporal_${name}_visibility` },
    port,
    logFile: join(dir, 'temporal.log'),
  });
}
