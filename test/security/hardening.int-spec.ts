import { Controller, DynamicModule, Get, Logger, Module } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DataSource } from 'typeorm';
import { TestSystem } from '../support/test-system';
import { aStand } from '../builders';
import { createApiApp } from '../../apps/api/src/bootstrap';
import { AppModule } from '../../apps/api/src/app.module';
import { AppConfig } from '../../libs/shared/src/config';
import { ProblemDetailsFilter } from '../../libs/shared/src/http/problem-details.filter';
import { Public } from '../../libs/toegang/src/decorators';
import { expectProblem, leaksIn } from './support/problems';

const ALLOWED_ORIGIN = 'https://knelpunten.example';

/** HTTP hardening of the real bootstrap: security headers, CORS, body limit, rate limit, 404 and 500 as problems. */
describe('HTTP hardening', () => {
  let sys: TestSystem;

  beforeAll(async () => {
    sys = await TestSystem.start({
      worker: false,
      env: { CORS_ORIGINS: ALLOWED_ORIGIN, RATE_LIMIT_PER_MINUTE: '5', BODY_LIMIT_BYTES: '4096' },
    });
  });

  afterAll(async () => {
    await sys.close();
  });

  /** A CORS preflight (the harness's request() knows no OPTIONS). */
  const preflight = (origin: string, headers: Record<string, string> = {}) =>
    sys.api
      .getHttpAdapter()
      .getInstance()
      .inject({ method: 'OPTIONS', url: '/api/v1/standen', headers: { origin, 'access-control-request-method': 'POST', ...headers } });

  it('sends the helmet security headers on API responses, errors and the docs page', async () => {
    for (const url of ['/api/v1/health', '/api/v1/knelpunten', '/api/v1/docs']) {
      const res = await sys.request('GET', url);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['strict-transport-security']).toMatch(/max-age=\d+/);
      expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
      expect(res.headers['content-security-policy']).toContain("default-src 'self'");
      expect(res.headers['x-powered-by']).toBeUndefined();
      expect(res.headers['api-version']).toBe('1.0.0');
    }
  });

  it('marks every response to a request with credentials Cache-Control: no-store, and leaves public answers cacheable', async () => {
    const token = await sys.token({ role: 'programmadirectie' });
    for (const url of ['/api/v1/knelpunten', '/api/v1/notifications', '/api/v1/organisations', '/api/v1/bestaat-niet']) {
      const res = await sys.request('GET', url, { token });
      expect({ url, cacheControl: res.headers['cache-control'] }).toEqual({ url, cacheControl: 'no-store' });
    }
    const anonymous = await sys.request('GET', '/api/v1/organisations');
    expect(anonymous.headers['cache-control']).toBeUndefined();
  });

  describe('CORS', () => {
    it('allows a configured origin and exposes API-Version to it', async () => {
      const res = await sys.request('GET', '/api/v1/health', { headers: { origin: ALLOWED_ORIGIN } });
      expect(res.headers['access-control-allow-origin']).toBe(ALLOWED_ORIGIN);
      expect(String(res.headers['access-control-expose-headers'])).toContain('API-Version');
      const allowed = await preflight(ALLOWED_ORIGIN, { 'access-control-request-headers': 'authorization,content-type' });
      expect(allowed.statusCode).toBe(204);
      expect(allowed.headers['access-control-allow-origin']).toBe(ALLOWED_ORIGIN);
    });

    it('gives an origin that is not configured no access-control-allow-origin', async () => {
      for (const origin of ['https://kwaadwillend.example', 'https://knelpunten.example.evil.example', 'null']) {
        const res = await sys.request('GET', '/api/v1/health', { headers: { origin } });
        expect(res.headers['access-control-allow-origin']).toBeUndefined();
        expect((await preflight(origin)).headers['access-control-allow-origin']).toBeUndefined();
      }
    });
  });

  it('refuses a JSON or CSV body over BODY_LIMIT_BYTES with 413 problem+json', async () => {
    const token = await sys.token({ role: 'indiener', organisation: 'UWV', subject: 'groot-verzoek' });
    const json = await sys.request('POST', '/api/v1/standen', { token, body: aStand({ title: 'x'.repeat(5000) }) });
    expectProblem(json, 413);
    expect(json.body).toMatchObject({ title: 'Verzoek te groot', code: 'VERZOEK_TE_GROOT' });
    expect(json.headers['api-version']).toBe('1.0.0');
    const csv = await sys.request('POST', '/api/v1/standen/import?organisation=UWV&period=2025&title=Groot', {
      token,
      raw: `title,description,theme\n${'Titel,Beschrijving,ict\n'.repeat(300)}`,
      headers: { 'content-type': 'text/csv' },
    });
    expectProblem(csv, 413);
  });

  it('answers 429 problem+json with Retry-After once a client exceeds RATE_LIMIT_PER_MINUTE on mutations', async () => {
    const token = await sys.token({ role: 'indiener', organisation: 'UWV', subject: 'haastige-indiener' });
    const statuses: number[] = [];
    let last: Awaited<ReturnType<TestSystem['request']>> | undefined;
    for (let i = 0; i < 7; i++) {
      last = await sys.request('POST', '/api/v1/standen', { token, body: {} });
      statuses.push(last.status);
    }
    expect(statuses.slice(0, 5)).toEqual([400, 400, 400, 400, 400]);
    expect(statuses.slice(5)).toEqual([429, 429]);
    expectProblem(last!, 429);
    expect(last!.body).toMatchObject({ title: 'Te veel verzoeken', code: 'TE_VEEL_VERZOEKEN' });
    expect(Number(last!.headers['retry-after'])).toBeGreaterThan(0);
    // Another client still gets through.
    const other = await sys.token({ role: 'indiener', organisation: 'UWV', subject: 'andere-indiener' });
    expect((await sys.request('POST', '/api/v1/standen', { token: other, body: {} })).status).toBe(400);
  });

  it('answers an unknown route or method with 404 problem+json', async () => {
    for (const [method, url] of [
      ['GET', '/api/v1/bestaat-niet'],
      ['GET', '/api/v2/knelpunten'],
      ['DELETE', '/api/v1/knelpunten'],
      // `/` and other GET paths outside /api are the web app's (test/web/shell.e2e-spec.ts); /api itself is not.
      ['GET', '/api'],
      ['POST', '/knelpunten'],
    ] as const) {
      const res = await sys.request(method, url);
      expectProblem(res, 404);
      expect(res.body.code).toBe('NIET_GEVONDEN');
    }
  });

  describe('an unexpected error (500)', () => {
    @Controller('proef-fout')
    class FaultyController {
      constructor(@InjectDataSource() private readonly ds: DataSource) {}

      /** A real database error: the driver's message names the table and the SQL. */
      @Get()
      @Public()
      async fail(): Promise<unknown> {
        return this.ds.query(`SELECT geheim FROM tabel_die_niet_bestaat WHERE burger = 'BSN 123456782'`);
      }
    }

    @Module({})
    class FaultyApiModule {
      static forConfig(config: AppConfig): DynamicModule {
        return { module: FaultyApiModule, imports: [AppModule.forConfig(config)], controllers: [FaultyController] };
      }
    }

    let faulty: NestFastifyApplication;

    beforeAll(async () => {
      // The real bootstrap and AppModule on the same database, plus one route that fails.
      faulty = await createApiApp(sys.config, { module: FaultyApiModule.forConfig(sys.config), logger: false });
      await faulty.getHttpAdapter().getInstance().ready();
    });

    afterAll(async () => {
      await faulty.close();
    });

    it('answers with a problem carrying an error id that is logged with the cause, and no stack or SQL', async () => {
      const logged = jest.spyOn(Logger.prototype, 'error');
      const quiet = jest.spyOn(console, 'log').mockImplementation(() => undefined); // TypeORM logs the failed query
      try {
        const res = await faulty.getHttpAdapter().getInstance().inject({ method: 'GET', url: '/api/v1/proef-fout' });
        const body = JSON.parse(res.body);
        expectProblem({ status: res.statusCode, body, headers: res.headers }, 500);
        expect(body).toMatchObject({ title: 'Interne fout', code: 'INTERNE_FOUT', errorId: expect.stringMatching(/^[0-9a-f-]{36}$/) });
        expect(body.detail).toContain(body.errorId);
        expect(res.body).not.toMatch(/tabel_die_niet_bestaat|BSN|geheim/);
        const line = logged.mock.calls.map((c) => String(c[0])).find((m) => m.includes(body.errorId));
        expect(line).toMatch(/tabel_die_niet_bestaat/);
      } finally {
        logged.mockRestore();
        quiet.mockRestore();
      }
    });
  });

  it('maps a plain Error to a 500 problem without its message or stack (ProblemDetailsFilter.toProblem)', () => {
    const error = new Error('connect ECONNREFUSED 10.0.0.5:5432 — SELECT * FROM knelpunten');
    const spy = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    try {
      const problem = new ProblemDetailsFilter().toProblem(error);
      expect(problem).toMatchObject({ status: 500, title: 'Interne fout', code: 'INTERNE_FOUT' });
      expect(JSON.stringify(problem)).not.toMatch(/ECONNREFUSED|10\.0\.0\.5|FROM knelpunten|at Object/);
      expect(leaksIn(problem)).toEqual([]);
      expect(Object.keys(problem)).not.toContain('stack');
    } finally {
      spy.mockRestore();
    }
  });
});
