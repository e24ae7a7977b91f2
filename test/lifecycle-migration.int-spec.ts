import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../libs/shared/src/database/data-source';
import { createTestDatabase } from './support/test-system';

const TABLES = [
  'deadline_policies',
  'gelijkgestelde_dagen',
  'notifications',
  'notification_contacts',
  'acu_meetings',
  'acu_agenda_items',
  'acu_clusters',
  'acu_cluster_members',
];

/** Migration 1763900000000-lifecycle on a real PostgreSQL: down() removes everything it made, up() again restores it. */
describe('migration 1763900000000-lifecycle', () => {
  let ds: DataSource;

  beforeAll(async () => {
    ds = new DataSource(dataSourceOptions(await createTestDatabase()));
    await ds.initialize();
  });

  afterAll(async () => {
    await ds.destroy();
  });

  const existing = async (): Promise<string[]> => {
    const rows: { t: string | null }[] = await ds.query(`SELECT to_regclass(t)::text AS t FROM unnest($1::text[]) AS t`, [TABLES]);
    return rows.map((r) => r.t).filter((t): t is string => t !== null);
  };
  const applied = async (): Promise<string[]> =>
    (await ds.query(`SELECT name FROM schema_migrations`)).map((r: { name: string }) => r.name);

  it('reverts cleanly and applies again with its seeds', async () => {
    expect(await existing()).toEqual(TABLES);
    // Undo the later migrations too (they may build on these tables), down to and including this one.
    while ((await applied()).includes('Lifecycle1763900000000')) await ds.undoLastMigration({ transaction: 'each' });
    expect(await existing()).toEqual([]);
    await ds.runMigrations({ transaction: 'each' });
    expect(await existing()).toEqual(TABLES);
    const [{ n: policies }] = await ds.query(`SELECT count(*)::int AS n FROM deadline_policies WHERE organisation_code IS NULL`);
    const [{ n: dagen }] = await ds.query(`SELECT count(*)::int AS n FROM gelijkgestelde_dagen`);
    const [{ n: contacts }] = await ds.query(`SELECT count(*)::int AS n FROM notification_contacts WHERE email NOT LIKE '%.example'`);
    expect(policies).toBe(12);
    expect(dagen).toBe(5);
    expect(contacts).toBe(0);
  });
});
