import { CallHandler, ExecutionContext, Logger } from '@nestjs/common';
import { lastValueFrom, of, throwError } from 'rxjs';
import type { DataSource } from 'typeorm';
import { AuditInterceptor } from './audit.interceptor';

/** A DataSource that only records the INSERTs it gets (the SQL itself is covered by test/security/audit.int-spec.ts). */
function fakeDataSource(fail = false): { ds: DataSource; inserts: unknown[][] } {
  const inserts: unknown[][] = [];
  const ds = {
    query: async (_sql: string, params: unknown[]) => {
      if (fail) throw new Error('database unavailable');
      inserts.push(params);
      return [];
    },
  } as unknown as DataSource;
  return { ds, inserts };
}

function httpContext(request: Record<string, unknown>, statusCode = 200): ExecutionContext {
  return {
    getType: () => 'http',
    switchToHttp: () => ({ getRequest: () => request, getResponse: () => ({ statusCode }) }),
  } as unknown as ExecutionContext;
}

const principal = { subject: 'ina@uwv', name: 'Ina Indiener', role: 'indiener', organisation: 'UWV', driehoek: null };

function aRequest(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    method: 'POST',
    url: '/api/v1/knelpunten/k-1/voortgang?x=1',
    routeOptions: { url: '/api/v1/knelpunten/:id/voortgang' },
    params: { id: 'k-1' },
    body: { summary: 'Vertrouwelijke inhoud' },
    id: 'req-7',
    principal,
    ...overrides,
  };
}

const handler = (value: unknown): CallHandler => ({ handle: () => of(value) });

describe('AuditInterceptor', () => {
  it('records who, which route and ids, the resource and the status of a mutation, not the body', async () => {
    const { ds, inserts } = fakeDataSource();
    const result = await lastValueFrom(
      new AuditInterceptor(ds).intercept(httpContext(aRequest(), 200), handler({ id: 'k-1', title: 'x' })),
    );
    expect(result).toEqual({ id: 'k-1', title: 'x' });
    expect(inserts).toHaveLength(1);
    const [, subject, name, role, organisation, driehoek, method, route, params, resourceId, status, requestId] = inserts[0]!;
    expect({ subject, name, role, organisation, driehoek, method, route, params, resourceId, status, requestId }).toEqual({
      subject: 'ina@uwv',
      name: 'Ina Indiener',
      role: 'indiener',
      organisation: 'UWV',
      driehoek: null,
      method: 'POST',
      route: '/api/v1/knelpunten/:id/voortgang',
      params: JSON.stringify({ id: 'k-1' }),
      resourceId: 'k-1',
      status: 200,
      requestId: 'req-7',
    });
    expect(JSON.stringify(inserts)).not.toContain('Vertrouwelijke');
  });

  it.each(['GET', 'HEAD', 'OPTIONS'])('does not record %s', async (method) => {
    const { ds, inserts } = fakeDataSource();
    await lastValueFrom(new AuditInterceptor(ds).intercept(httpContext(aRequest({ method })), handler({ id: 'k-1' })));
    expect(inserts).toEqual([]);
  });

  it('does not record a request that failed', async () => {
    const { ds, inserts } = fakeDataSource();
    const failing: CallHandler = { handle: () => throwError(() => new Error('refused')) };
    await expect(lastValueFrom(new AuditInterceptor(ds).intercept(httpContext(aRequest()), failing))).rejects.toThrow('refused');
    expect(inserts).toEqual([]);
  });

  it('keeps the answer of a committed change when the audit write fails, and logs an error', async () => {
    const { ds } = fakeDataSource(true);
    const logged = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    try {
      const result = await lastValueFrom(new AuditInterceptor(ds).intercept(httpContext(aRequest(), 201), handler({ id: 'new' })));
      expect(result).toEqual({ id: 'new' });
      expect(String(logged.mock.calls[0]?.[0])).toMatch(/audit record of POST \/api\/v1\/knelpunten\/:id\/voortgang by ina@uwv failed/);
    } finally {
      logged.mockRestore();
    }
  });

  it('records an anonymous caller with empty actor fields and truncates long parameter values', async () => {
    const { ds, inserts } = fakeDataSource();
    const request = aRequest({ principal: null, params: { code: 'X'.repeat(500) } });
    await lastValueFrom(new AuditInterceptor(ds).intercept(httpContext(request, 201), handler(undefined)));
    const [, subject, , role, , , , , params, resourceId] = inserts[0]!;
    expect({ subject, role, resourceId }).toEqual({ subject: null, role: null, resourceId: null });
    expect(JSON.parse(params as string).code).toHaveLength(200);
  });
});
