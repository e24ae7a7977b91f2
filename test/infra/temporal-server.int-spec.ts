/**
 * `TEMPORAL_MODE=server`: the real Temporal server on the test PostgreSQL. It comes up with the namespace and the
 * custom search attributes registered, keeps its state in PostgreSQL across a restart on the same port, and a second
 * start migrates nothing twice.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { Client as PgClient } from 'pg';
import { startTemporalServer, TEMPORAL_SERVER_VERSION } from '../../scripts/infra/temporal-server';
import { SEARCH_ATTRIBUTES } from '../../scripts/infra/search-attributes';
import type { TemporalDevServerHandle } from '../../scripts/infra/temporal-dev-server';

jest.setTimeout(15 * 60_000); // the first run on a machine builds the server (minutes, once)

const databases = { main: 'temporal_infra_test', visibility: 'temporal_infra_test_visibility' };

describe('the Temporal server on PostgreSQL (TEMPORAL_MODE=server)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kp-temporal-server-'));
  const databaseUrl = process.env.KP_TEST_PG_ADMIN_URL as string;
  let server: TemporalDevServerHandle | undefined;

  afterAll(async () => {
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('registers the namespace and every custom search attribute, and keeps workflows across a restart', async () => {
    server = await startTemporalServer({ databaseUrl, databases, rootDir: dir, logFile: join(dir, 'server.log') });
    const port = server.port;
    let connection = await Connection.connect({ address: server.address });
    const described = await connection.workflowService.describeNamespace({ namespace: 'default' });
    expect(described.namespaceInfo?.name).toBe('default');
    const attributes = await connection.operatorService.listSearchAttributes({ namespace: 'default' });
    for (const name of Object.keys(SEARCH_ATTRIBUTES)) expect(Object.keys(attributes.customAttributes ?? {})).toContain(name);
    const system = await connection.workflowService.getSystemInfo({});
    expect(system.serverVersion).toBe(TEMPORAL_SERVER_VERSION.replace(/^v/, ''));

    // A workflow nobody works on: it must still be there after the restart.
    const client = new Client({ connection });
    await client.workflow.start('nietBestaand', { taskQueue: 'infra-test', workflowId: 'infra-test-1', args: [] });
    await connection.close();
    await server.stop();

    server = await startTemporalServer({ databaseUrl, databases, rootDir: dir, port, logFile: join(dir, 'server.log') });
    expect(server.port).toBe(port);
    connection = await Connection.connect({ address: server.address });
    const after = await new Client({ connection }).workflow.getHandle('infra-test-1').describe();
    expect(after.status.name).toBe('RUNNING');
    expect(after.type).toBe('nietBestaand');
    await connection.close();

    // The schemas are in PostgreSQL, at the version of this server.
    const pg = new PgClient({ connectionString: databaseUrl.replace(/\/[^/]+$/, `/${databases.main}`) });
    await pg.connect();
    const { rows } = await pg.query<{ curr_version: string }>('SELECT curr_version FROM schema_version');
    await pg.end();
    expect(rows[0]?.curr_version).toMatch(/^1\.\d+$/);
  });
});
