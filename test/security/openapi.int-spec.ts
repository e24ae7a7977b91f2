import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { TestSystem } from '../support/test-system';

const run = promisify(execFile);

// Our own copy of the official ruleset (source and licence in its header); the repository reads nothing outside itself.
const RULESET = path.resolve(__dirname, '../../standards/nlgov-adr-ruleset.yaml');
const SPECTRAL = path.resolve(__dirname, '../../node_modules/.bin/spectral');

interface SpectralResult {
  code: string | number;
  message: string;
  path: (string | number)[];
  severity: number;
}

/** Runs Spectral with the ADR ruleset on a document; Spectral exits non-zero when it finds errors, so read stdout either way. */
async function lint(document: unknown): Promise<SpectralResult[]> {
  const dir = mkdtempSync(path.join(tmpdir(), 'kp-openapi-'));
  const file = path.join(dir, 'openapi.json');
  writeFileSync(file, JSON.stringify(document, null, 2));
  try {
    let stdout: string;
    try {
      ({ stdout } = await run(SPECTRAL, ['lint', '-r', RULESET, file, '-f', 'json', '--quiet'], { maxBuffer: 64 * 1024 * 1024 }));
    } catch (err) {
      const e = err as { stdout?: string; stderr?: string };
      if (!e.stdout) throw new Error(`spectral failed without output: ${e.stderr ?? String(err)}`);
      stdout = e.stdout;
    }
    return JSON.parse(stdout) as SpectralResult[];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('OpenAPI document (NL GOV API Design Rules)', () => {
  let sys: TestSystem;

  beforeAll(async () => {
    sys = await TestSystem.start({ worker: false });
  });

  afterAll(async () => {
    await sys.close();
  });

  it('is published at /api/v1/openapi.json and passes the official ADR ruleset without errors', async () => {
    const res = await sys.request('GET', '/api/v1/openapi.json');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('application/json');
    expect(res.body.openapi).toMatch(/^3\.\d+\.\d+$/);

    const results = await lint(res.body);
    const errors = results.filter((r) => r.severity === 0).map((r) => `${String(r.code)} at ${r.path.join('.')}: ${r.message}`);
    expect(errors).toEqual([]);
  });

  it('really applies the ruleset: a document that breaks ADR rules gets errors (canary)', async () => {
    const doc = (await sys.request('GET', '/api/v1/openapi.json')).body;
    delete doc.info.contact;
    doc.paths['/Knelpunten_Lijst/'] = {
      get: {
        operationId: 'brokenList',
        responses: { '200': { description: 'ok' }, '404': { description: 'x', content: { 'application/json': {} } } },
      },
    };
    const codes = new Set((await lint(doc)).filter((r) => r.severity === 0).map((r) => String(r.code)));
    for (const rule of [
      'info-contact',
      'nlgov:paths-kebab-case',
      'path-keys-no-trailing-slash',
      'nlgov:missing-header',
      'nlgov:use-problem-schema',
    ]) {
      expect(codes).toContain(rule);
    }
  });

  it('serves a browsable HTML page at /api/v1/docs', async () => {
    const res = await sys.request('GET', '/api/v1/docs');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
    expect(String(res.body)).toMatch(/^<!doctype html>/i);
    expect(String(res.body)).toContain('openapi.json');
  });

  it('sends the API-Version header on every response: success, documentation, errors', async () => {
    const token = await sys.token({ role: 'indiener', organisation: 'UWV' });
    const responses = await Promise.all([
      sys.request('GET', '/api/v1/health'),
      sys.request('GET', '/api/v1/openapi.json'),
      sys.request('GET', '/api/v1/docs'),
      sys.request('GET', '/api/v1/organisations'),
      sys.request('GET', '/api/v1/knelpunten'), // 401
      sys.request('GET', '/api/v1/acu/meetings', { token }), // 403
      sys.request('GET', '/api/v1/knelpunten/geen-uuid', { token }), // 400
      sys.request('GET', '/api/v1/bestaat-niet'), // 404
    ]);
    expect(responses.map((r) => r.status)).toEqual([200, 200, 200, 200, 401, 403, 400, 404]);
    for (const r of responses) expect(r.headers['api-version']).toBe('1.0.0');
  });
});
