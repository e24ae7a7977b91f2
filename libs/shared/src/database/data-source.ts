import { DataSource, DataSourceOptions } from 'typeorm';
import { ENTITIES } from './entities';
import { MIGRATIONS } from '../../../../migrations';

/** TypeORM options: synchronize is never on; the schema only changes through migrations/. */
export function dataSourceOptions(url: string): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'schema_migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    logging: ['error'],
    // connectionTimeoutMillis: a request never waits forever for a connection (a database out of reach or a full
    // pool fails within seconds, which the API answers with 503, see connection-errors.ts).
    extra: { max: 20, application_name: 'knelpunten', connectionTimeoutMillis: 5_000 },
  };
}

export async function runMigrations(url: string): Promise<string[]> {
  const ds = new DataSource(dataSourceOptions(url));
  await ds.initialize();
  try {
    const ran = await ds.runMigrations({ transaction: 'each' });
    return ran.map((m) => m.name);
  } finally {
    await ds.destroy();
  }
}

export async function revertLastMigration(url: string): Promise<void> {
  const ds = new DataSource(dataSourceOptions(url));
  await ds.initialize();
  try {
    await ds.undoLastMigration({ transaction: 'each' });
  } finally {
    await ds.destroy();
  }
}
