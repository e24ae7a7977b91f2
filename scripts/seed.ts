/** `npm run seed`: idempotent reference data (organisations, ministries, driehoeken). */
import { DataSource } from 'typeorm';
import { loadConfig } from '../libs/shared/src/config';
import { dataSourceOptions } from '../libs/shared/src/database/data-source';
import { seedReferenceData } from '../libs/referentie/src/seed/seed-reference-data';

async function main(): Promise<void> {
  const config = loadConfig();
  if (!config.DATABASE_URL) throw new Error('DATABASE_URL ontbreekt');
  const ds = new DataSource(dataSourceOptions(config.DATABASE_URL));
  await ds.initialize();
  try {
    await seedReferenceData(ds);
    console.log('referentiegegevens geladen');
  } finally {
    await ds.destroy();
  }
}
main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
