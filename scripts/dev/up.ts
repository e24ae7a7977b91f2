/**
 * `npm run up`: the whole system in the foreground. Starts PostgreSQL (embedded, unless DATABASE_URL),
 * Temporal (TEMPORAL_MODE=dev: the CLI dev server on a SQLite file under .data/; TEMPORAL_MODE=server: the Temporal
 * server on the same PostgreSQL; neither when TEMPORAL_ADDRESS is set), migrates and seeds,
 * then runs the worker and the API as child processes. Ctrl-C stops everything cleanly.
 */
import { spawn, ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DataSource } from 'typeorm';
import { startEmbeddedPostgres, PostgresHandle } from '../infra/postgres';
import type { TemporalDevServerHandle } from '../infra/temporal-dev-server';
import { startTemporal } from '../infra/temporal';
import { infraLog } from '../infra/log';
import { dataSourceOptions, runMigrations } from '../../libs/shared/src/database/data-source';
import { seedReferenceData } from '../../libs/referentie/src/seed/seed-reference-data';
import { loadConfig } from '../../libs/shared/src/config';

const root = resolve(__dirname, '..', '..', '..');

async function main(): Promise<void> {
  const base = loadConfig();
  const dataDir = resolve(root, base.DATA_DIR);
  mkdirSync(dataDir, { recursive: true });
  let pg: PostgresHandle | null = null;
  let temporal: TemporalDevServerHandle | null = null;
  const children: ChildProcess[] = [];
  let stopping = false;

  const stop = async (code: number): Promise<void> => {
    if (stopping) return;
    stopping = true;
    infraLog('stoppen…');
    await Promise.all(
      children.map(
        (c) =>
          new Promise<void>((done) => {
            if (c.exitCode !== null) return done();
            c.once('exit', () => done());
            c.kill('SIGTERM');
            setTimeout(() => c.kill('SIGKILL'), 15000).unref();
          }),
      ),
    );
    await temporal?.stop().catch(() => undefined);
    await pg?.stop().catch(() => undefined);
    infraLog('alles gestopt');
    process.exit(code);
  };
  process.on('SIGINT', () => void stop(0));
  process.on('SIGTERM', () => void stop(0));

  let databaseUrl = base.DATABASE_URL;
  if (!databaseUrl) {
    infraLog(`embedded PostgreSQL starten (data in ${join(dataDir, 'postgres')})`);
    pg = await startEmbeddedPostgres({
      dataDir: join(dataDir, 'postgres'),
      persistent: true,
      port: 5433,
      databaseName: 'knelpunten',
      logFile: join(dataDir, 'postgres.log'),
    });
    databaseUrl = pg.url;
  }
  let temporalAddress = base.TEMPORAL_ADDRESS;
  if (!temporalAddress) {
    const mode = base.TEMPORAL_MODE;
    infraLog(
      mode === 'server'
        ? `Temporal server starten op PostgreSQL (databases temporal en temporal_visibility)`
        : `Temporal dev server starten (SQLite ${join(dataDir, 'temporal.db')})`,
    );
    temporal = await startTemporal({
      mode,
      dir: dataDir,
      databaseUrl,
      port: 7233,
      uiPort: 8233,
      persist: true,
      logFile: join(dataDir, mode === 'server' ? 'temporal-server.log' : 'temporal.log'),
    });
    temporalAddress = temporal.address;
  }
  const ran = await runMigrations(databaseUrl);
  infraLog(ran.length > 0 ? `migraties uitgevoerd: ${ran.join(', ')}` : 'database is bij');
  const ds = new DataSource(dataSourceOptions(databaseUrl));
  await ds.initialize();
  await seedReferenceData(ds);
  await ds.destroy();
  infraLog('referentiegegevens geladen');

  const env = { ...process.env, DATABASE_URL: databaseUrl, TEMPORAL_ADDRESS: temporalAddress, DATA_DIR: dataDir, RUN_MIGRATIONS: 'false' };
  const run = (name: string, script: string): void => {
    const child = spawn(process.execPath, ['--enable-source-maps', join(root, 'dist', script)], {
      env,
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    child.on('exit', (code) => {
      if (!stopping) {
        infraLog(`${name} stopte onverwacht (code ${String(code)})`);
        void stop(1);
      }
    });
    children.push(child);
  };
  run('worker', 'apps/worker/src/main.js');
  run('api', 'apps/api/src/main.js');
  const port = base.PORT;
  // `npm run up -- --demo`: demo data through the API once it answers (a separate script, never in production).
  if (process.argv.includes('--demo')) {
    const demo = spawn(
      process.execPath,
      ['--enable-source-maps', join(root, 'dist', 'scripts/demo.js'), '--url', `http://localhost:${port}`],
      {
        env,
        stdio: ['ignore', 'inherit', 'inherit'],
      },
    );
    demo.on('exit', (code) => infraLog(code === 0 ? 'demodata geladen' : `demodata laden mislukt (code ${String(code)})`));
  }
  process.stdout.write(
    [
      '',
      'Knelpunten draait:',
      `  Webapp         http://localhost:${port}/   (ontwikkel-login: kies Rol, Organisatie en Driehoek)`,
      `  API            http://localhost:${port}/api/v1   (OpenAPI: /api/v1/openapi.json, docs: /api/v1/docs)`,
      `  Gezondheid     http://localhost:${port}/api/v1/health`,
      temporal?.uiPort !== undefined
        ? `  Temporal UI    http://localhost:${temporal.uiPort}`
        : `  Temporal       ${temporalAddress} (${base.TEMPORAL_MODE})`,
      `  PostgreSQL     ${databaseUrl.replace(/:[^:@/]+@/, ':***@')}`,
      `  Token          npm run -s token -- --role indiener --organisation UWV`,
      `  Demodata       npm run demo   (of start met npm run up -- --demo)`,
      '  Stoppen        Ctrl-C',
      '',
    ].join('\n'),
  );
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
