/**
 * docker-compose.yml runs the production topology: it must be a valid Compose file (the Compose Specification's JSON
 * schema, standards/compose-spec.json) and keep to what the local `TEMPORAL_MODE=server` does: the same Temporal
 * version, history shards and dynamic config, the schema migrated by a job (never auto-setup), the search attributes
 * registered from their one source, and no secret in the file.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import { parse } from 'yaml';
import { TEMPORAL_HISTORY_SHARDS, TEMPORAL_SERVER_VERSION } from '../../scripts/infra/temporal-server';
import { PRODUCTION_WORKER_ENV } from '../../apps/worker/src/production-defaults';
import { loadConfig } from '@kp/shared/config';

const root = resolve(__dirname, '..', '..');

interface Service {
  image?: string;
  build?: unknown;
  command?: string[] | string;
  environment?: Record<string, string>;
  volumes?: string[];
  depends_on?: Record<string, { condition: string }>;
}
interface ComposeFile {
  services: Record<string, Service>;
}

const text = readFileSync(resolve(root, 'docker-compose.yml'), 'utf8');
// Merge keys (`<<: *app-env`) as Compose reads them.
const compose = parse(text, { merge: true }) as ComposeFile;
const services = compose.services;
const version = TEMPORAL_SERVER_VERSION.replace(/^v/, '');

describe('docker-compose.yml', () => {
  it('is valid against the Compose Specification JSON schema', () => {
    const schema = JSON.parse(readFileSync(resolve(root, 'standards', 'compose-spec.json'), 'utf8')) as Record<string, unknown>;
    const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });
    const validate = ajv.compile(schema);
    const valid = validate(compose);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('the schema rejects what Compose rejects (the check is not a formality)', () => {
    const schema = JSON.parse(readFileSync(resolve(root, 'standards', 'compose-spec.json'), 'utf8')) as Record<string, unknown>;
    const validate = new Ajv2020({ strict: false, validateFormats: false }).compile(schema);
    expect(validate({ services: { api: { image: 'x', depends_on: { db: { condition: 'sometime' } } } } })).toBe(false);
    expect(validate({ services: { api: { imagee: 'x' } } })).toBe(false);
  });

  it('runs the Temporal server of the same version as TEMPORAL_MODE=server, with a schema job instead of auto-setup', () => {
    expect(Object.values(services).filter((s) => s.image?.includes('auto-setup'))).toEqual([]);
    expect(services.temporal?.image).toBe(`temporalio/server:${version}`);
    expect(services['temporal-schema']?.image).toBe(`temporalio/admin-tools:${version}`);
    expect(services.temporal?.depends_on?.['temporal-schema']?.condition).toBe('service_completed_successfully');
    const schemaJob = JSON.stringify(services['temporal-schema']?.command);
    for (const db of ['temporal', 'temporal_visibility']) expect(schemaJob).toContain(`--db ${db} setup-schema -v 0.0`);
    expect(schemaJob).toContain('postgresql/v12/temporal/versioned');
    expect(schemaJob).toContain('postgresql/v12/visibility/versioned');
    expect(services.temporal?.environment?.NUM_HISTORY_SHARDS).toBe(String(TEMPORAL_HISTORY_SHARDS));
  });

  it('uses the one dynamic config file and the one search-attribute list', () => {
    const env = services.temporal?.environment ?? {};
    const mount = (services.temporal?.volumes ?? []).find((v) => v.startsWith('./deploy/temporal/dynamicconfig.yaml:'));
    expect(mount?.split(':')[1]).toBe(env.DYNAMIC_CONFIG_FILE_PATH);
    expect(existsSync(resolve(root, 'deploy', 'temporal', 'dynamicconfig.yaml'))).toBe(true);
    // Production settings only: no search-attribute re-read from the database on every request (a dev-server default).
    const dynamicConfig = readFileSync(resolve(root, 'deploy', 'temporal', 'dynamicconfig.yaml'), 'utf8');
    expect(dynamicConfig.split('\n').filter((line) => !line.trimStart().startsWith('#'))).not.toContainEqual(
      expect.stringContaining('forceSearchAttributesCacheRefreshOnRead'),
    );
    // The search attributes are registered by scripts/temporal-setup.ts from the workflows' own keys: no list here.
    expect(services['temporal-setup']?.command).toEqual(['node', '--enable-source-maps', 'dist/scripts/temporal-setup.js']);
    expect(existsSync(resolve(root, 'scripts', 'temporal-setup.ts'))).toBe(true);
    expect(text).not.toMatch(/KnelpuntStatus|search-attribute create/);
    expect(services.api?.depends_on?.['temporal-setup']).toEqual({ condition: 'service_completed_successfully' });
    expect(services.worker?.depends_on?.api).toEqual({ condition: 'service_healthy' });
  });

  it('keeps secrets out of the file and serves the web app from the api', () => {
    for (const [name, service] of Object.entries(services)) {
      for (const [key, value] of Object.entries(service.environment ?? {})) {
        if (/PASSWORD|PWD|SECRET/.test(key)) expect(`${name}.${key}=${value}`).toMatch(/=\$\{[A-Z_]+(:[?-][^}]*)?\}$/);
      }
    }
    expect(services.api?.command).toEqual(['node', '--enable-source-maps', 'dist/apps/api/src/main.js']);
    expect(readFileSync(resolve(root, 'Dockerfile'), 'utf8')).toMatch(/npm run build/);
    expect(services.api?.environment?.NODE_ENV).toBe('production');
  });

  it('gives the worker the api’s configuration and its own sticky cache, sticky timeout, heap and metrics settings', () => {
    const api = services.api?.environment ?? {};
    const worker = services.worker?.environment ?? {};
    for (const [key, value] of Object.entries(api)) expect(`${key}=${worker[key]}`).toBe(`${key}=${value}`);
    expect(worker.WORKER_MAX_CACHED_WORKFLOWS).toBe('${WORKER_MAX_CACHED_WORKFLOWS:-}');
    expect(worker.NODE_OPTIONS).toBe('${WORKER_NODE_OPTIONS:-}');
    expect(worker.WORKER_METRICS_ADDRESS).toBe('${WORKER_METRICS_ADDRESS:-}');
    // The production defaults the benchmark also runs with (one source: apps/worker/src/production-defaults.ts).
    for (const [key, value] of Object.entries(PRODUCTION_WORKER_ENV)) expect(worker[key]).toBe(`\${${key}:-${value}}`);
    expect(loadConfig(PRODUCTION_WORKER_ENV).WORKER_STICKY_TIMEOUT_SECONDS).toBe(300);
    expect(api.WORKER_MAX_CACHED_WORKFLOWS).toBeUndefined();
  });
});
