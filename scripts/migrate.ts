/** `npm run migration:run` / `migration:revert` against DATABASE_URL. */
import { loadConfig } from '../libs/shared/src/config';
import { revertLastMigration, runMigrations } from '../libs/shared/src/database/data-source';

async function main(): Promise<void> {
  const config = loadConfig();
  if (!config.DATABASE_URL) throw new Error('DATABASE_URL ontbreekt');
  if (process.argv.includes('--revert')) {
    await revertLastMigration(config.DATABASE_URL);
    console.log('laatste migratie teruggedraaid');
  } else {
    const ran = await runMigrations(config.DATABASE_URL);
    console.log(ran.length ? `uitgevoerd: ${ran.join(', ')}` : 'niets te doen');
  }
}
main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
