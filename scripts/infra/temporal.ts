/**
 * One entry for the two engines: `TEMPORAL_MODE=dev` (the CLI dev server, SQLite, the quick start) or `server` (the
 * real Temporal server on PostgreSQL, as in production). `npm run up`, the test setup, the drills and the benchmark
 * start Temporal through here.
 */
import path from 'node:path';
import { startTemporalDevServer, type TemporalDevServerHandle } from './temporal-dev-server';
import { startTemporalServer } from './temporal-server';

export const TEMPORAL_MODES = ['dev', 'server'] as const;
export type TemporalMode = (typeof TEMPORAL_MODES)[number];

export interface StartTemporalOptions {
  mode: TemporalMode;
  /** Working directory: the dev server's SQLite file (when `persist`) or the server's generated config. */
  dir: string;
  /** server: the project's PostgreSQL, where the Temporal databases are created. */
  databaseUrl?: string;
  /** server: database names (default temporal, temporal_visibility); several servers can share one PostgreSQL. */
  databases?: { main: string; visibility: string };
  port?: number;
  /** dev: Web UI port (`null` = headless). */
  uiPort?: number | null;
  /** dev: keep state in `<dir>/temporal.db` (the server always keeps it, in PostgreSQL). */
  persist?: boolean;
  logFile?: string;
}

export function parseTemporalMode(value: string | undefined): TemporalMode {
  const mode = value?.trim() || 'dev';
  if (!(TEMPORAL_MODES as readonly string[]).includes(mode)) {
    throw new Error(`TEMPORAL_MODE=${mode}: expected one of ${TEMPORAL_MODES.join(', ')}`);
  }
  return mode as TemporalMode;
}

export function startTemporal(opts: StartTemporalOptions): Promise<TemporalDevServerHandle> {
  if (opts.mode === 'server') {
    if (!opts.databaseUrl) throw new Error('TEMPORAL_MODE=server needs a PostgreSQL (databaseUrl)');
    return startTemporalServer({
      databaseUrl: opts.databaseUrl,
      databases: opts.databases,
      port: opts.port,
      rootDir: path.join(opts.dir, 'temporal-server'),
      logFile: opts.logFile,
    });
  }
  return startTemporalDevServer({
    port: opts.port,
    uiPort: opts.uiPort,
    dbFile: opts.persist ? path.join(opts.dir, 'temporal.db') : undefined,
    logFile: opts.logFile,
  });
}
