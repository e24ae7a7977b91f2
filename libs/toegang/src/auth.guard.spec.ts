import { ArgumentsHost, Catch, Controller, ExceptionFilter, Get, Global, Logger, Module } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import type { FastifyReply } from 'fastify';
import { AppConfig } from '@kp/shared/config';
import { DomainException, HTTP_STATUS_BY_CODE } from '@kp/shared/errors';
import { NO_POLICY_DETAIL } from './auth.guard';
import { CurrentPrincipal, getRoutePolicy, OptionalPrincipal, Policy, Public } from './decorators';
import { DevIssuer } from './dev-issuer';
import type { Principal } from './principal';
import { testConfig, tempDir } from './testing/test-helpers';
import { ToegangModule } from './toegang.module';
import { TokenVerifier } from './token-verifier.service';

@Controller('t')
class TestController {
  @Get('open')
  @Public()
  open(@OptionalPrincipal() p: Principal | null) {
    return { role: p?.role ?? null };
  }

  @Get('open-but-needs-principal')
  @Public()
  needs(@CurrentPrincipal() p: Principal) {
    return { role: p.role };
  }

  @Get('closed')
  closed() {
    return { leaked: true };
  }

  @Get('acu')
  @Policy('acu', 'programmadirectie')
  acu(@CurrentPrincipal() p: Principal) {
    return p;
  }
}

@Policy('admin')
@Controller('admin')
class AdminController {
  @Get()
  list() {
    return { ok: true };
  }

  @Get('public')
  @Public()
  pub() {
    return { ok: true };
  }

  @Get('pd')
  @Policy('programmadirectie')
  pd() {
    return { ok: true };
  }
}

@Catch(DomainException)
class TestProblemFilter implements ExceptionFilter {
  catch(e: DomainException, host: ArgumentsHost) {
    void host.switchToHttp().getResponse<FastifyReply>().status(HTTP_STATUS_BY_CODE[e.code]).send({ code: e.code, detail: e.detail });
  }
}

describe('getRoutePolicy', () => {
  const reflector = new Reflector();
  it('prefers the handler, then the controller, else none', () => {
    const t = TestController.prototype;
    const a = AdminController.prototype;
    expect(getRoutePolicy(t.open, TestController, reflector)).toEqual({ kind: 'public' });
    expect(getRoutePolicy(t.closed, TestController, reflector)).toEqual({ kind: 'none' });
    expect(getRoutePolicy(t.acu, TestController, reflector)).toEqual({ kind: 'roles', roles: ['acu', 'programmadirectie'] });
    expect(getRoutePolicy(a.list, AdminController, reflector)).toEqual({ kind: 'roles', roles: ['admin'] });
    expect(getRoutePolicy(a.pub, AdminController, reflector)).toEqual({ kind: 'public' });
    expect(getRoutePolicy(a.pd, AdminController, reflector)).toEqual({ kind: 'roles', roles: ['programmadirectie'] });
  });

  it('refuses @Policy() without roles', () => {
    expect(() => Policy()).toThrow();
  });
});

describe('AuthGuard (Nest + Fastify)', () => {
  const tmp = tempDir();
  const config = testConfig({ DATA_DIR: tmp.dir, AUTH_MODE: 'dev' });
  let app: NestFastifyApplication;
  let issuer: DevIssuer;
  const errorLog = jest.fn();

  @Global()
  @Module({ providers: [{ provide: AppConfig, useValue: config }], exports: [AppConfig] })
  class TestConfigModule {}

  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [TestConfigModule, ToegangModule],
      controllers: [TestController, AdminController],
    }).compile();
    app = moduleRef.createNestApplication<NestFastifyApplication>(new FastifyAdapter());
    app.useLogger({ log: () => undefined, warn: () => undefined, debug: () => undefined, verbose: () => undefined, error: errorLog });
    app.useGlobalFilters(new TestProblemFilter());
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
    issuer = app.get(DevIssuer);
  });
  afterAll(async () => {
    await app?.close();
    Logger.overrideLogger(false);
    tmp.cleanup();
  });

  const get = async (url: string, token?: string, raw?: string) => {
    const headers: Record<string, string> = {};
    if (token) headers.authorization = `Bearer ${token}`;
    if (raw !== undefined) headers.authorization = raw;
    const res = await app.inject({ method: 'GET', url, headers });
    return { status: res.statusCode, body: res.json() as Record<string, unknown> };
  };

  it('provides the DevIssuer and TokenVerifier in dev mode', () => {
    expect(issuer).toBeInstanceOf(DevIssuer);
    expect(app.get(TokenVerifier)).toBeInstanceOf(TokenVerifier);
  });

  it('closes a route without policy (403) and logs an error', async () => {
    const token = await issuer.issue({ role: 'admin' });
    const res = await get('/t/closed', token);
    expect(res).toEqual({ status: 403, body: { code: 'GEEN_TOEGANG', detail: NO_POLICY_DETAIL } });
    expect(errorLog).toHaveBeenCalledWith(expect.stringContaining('TestController.closed'), undefined, 'AuthGuard');
  });

  it('lets anyone use a public route and attaches a valid principal', async () => {
    expect(await get('/t/open')).toEqual({ status: 200, body: { role: null } });
    expect(await get('/t/open', await issuer.issue({ role: 'acu' }))).toEqual({ status: 200, body: { role: 'acu' } });
    expect(await get('/t/open', 'not-a-token')).toEqual({ status: 200, body: { role: null } });
    expect(await get('/admin/public')).toMatchObject({ status: 200 });
  });

  it('CurrentPrincipal on a public route without token → 401', async () => {
    expect((await get('/t/open-but-needs-principal')).status).toBe(401);
    expect((await get('/t/open-but-needs-principal', await issuer.issue({ role: 'admin' }))).status).toBe(200);
  });

  it('requires a valid bearer token (401) and an allowed role (403)', async () => {
    const none = await get('/t/acu');
    expect(none.status).toBe(401);
    expect(none.body.detail).toContain('Authorization: Bearer');
    expect((await get('/t/acu', undefined, 'Basic dXNlcjpwdw==')).status).toBe(401);
    expect((await get('/t/acu', 'a.b.c')).status).toBe(401);
    const wrongRole = await get('/t/acu', await issuer.issue({ role: 'indiener', organisation: 'UWV' }));
    expect(wrongRole).toEqual({
      status: 403,
      body: { code: 'GEEN_TOEGANG', detail: 'Met de rol indiener heeft u geen toegang tot deze route.' },
    });
    const ok = await get('/t/acu', await issuer.issue({ role: 'acu', name: 'Anna' }));
    expect(ok).toEqual({
      status: 200,
      body: { subject: 'dev-acu', name: 'Anna', role: 'acu', organisation: null, driehoek: null },
    });
    expect((await get('/t/acu', undefined, `bearer ${await issuer.issue({ role: 'programmadirectie' })}`)).status).toBe(200);
  });

  it('applies controller-level policies with method-level overrides', async () => {
    expect((await get('/admin', await issuer.issue({ role: 'admin' }))).status).toBe(200);
    expect((await get('/admin', await issuer.issue({ role: 'acu' }))).status).toBe(403);
    expect((await get('/admin/pd', await issuer.issue({ role: 'admin' }))).status).toBe(403);
    expect((await get('/admin/pd', await issuer.issue({ role: 'programmadirectie' }))).status).toBe(200);
  });
});

describe('ToegangModule (oidc mode)', () => {
  it('provides no DevIssuer', async () => {
    const config = testConfig({
      AUTH_MODE: 'oidc',
      AUTH_ISSUER: 'https://idp.example/realms/kp',
      AUTH_AUDIENCE: 'knelpunten-api',
      AUTH_JWKS_URL: 'https://idp.example/realms/kp/protocol/openid-connect/certs',
    });
    @Global()
    @Module({ providers: [{ provide: AppConfig, useValue: config }], exports: [AppConfig] })
    class OidcConfigModule {}
    const moduleRef = await Test.createTestingModule({ imports: [OidcConfigModule, ToegangModule] }).compile();
    expect(moduleRef.get(DevIssuer)).toBeNull();
    expect(moduleRef.get(TokenVerifier)).toBeInstanceOf(TokenVerifier);
    await moduleRef.close();
  });
});
