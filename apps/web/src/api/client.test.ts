import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, apiRequest, buildUrl, onUnauthenticated } from './client';

afterEach(() => vi.unstubAllGlobals());

function stubFetch(status: number, body: unknown, contentType = 'application/problem+json') {
  const fetchMock = vi.fn(
    async () => new Response(body === undefined ? '' : JSON.stringify(body), { status, headers: { 'content-type': contentType } }),
  );
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

describe('buildUrl', () => {
  it('puts the base path in front and leaves out empty query values', () => {
    expect(buildUrl('/knelpunten', { status: 'bij_driehoek', q: '', cursor: undefined, overdue: true, limit: 20 })).toBe(
      '/api/v1/knelpunten?status=bij_driehoek&overdue=true&limit=20',
    );
    expect(buildUrl('/health')).toBe('/api/v1/health');
  });
});

describe('apiRequest', () => {
  it('sends the CSRF header, JSON and the idempotency key, and returns the parsed body', async () => {
    const fetchMock = stubFetch(200, { status: 'bij_acu' }, 'application/json');
    const result = await apiRequest<{ status: string }>('/knelpunten/1/decisions', {
      method: 'POST',
      body: { decision: 'escaleren_acu' },
      idempotencyKey: 'k1',
    });
    expect(result.status).toBe('bij_acu');
    const [, init] = fetchMock.mock.calls[0] as unknown as [string, RequestInit];
    const headers = init.headers as Record<string, string>;
    expect(headers['X-Requested-With']).toBe('knelpunten-web');
    expect(headers['Idempotency-Key']).toBe('k1');
    expect(headers['Content-Type']).toBe('application/json');
    expect(init.credentials).toBe('same-origin');
  });

  it('turns a problem+json refusal into an ApiError with the reason per field and the allowed decisions', async () => {
    stubFetch(400, { status: 400, title: 'Ongeldige invoer', invalidParams: [{ name: 'knelpunten.0.title', reason: 'is verplicht' }] });
    const error = await apiRequest('/standen', { method: 'POST', body: {} }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(400);
    expect((error as ApiError).reasonFor('knelpunten.0.title')).toBe('is verplicht');
    expect((error as ApiError).reasonFor('title')).toBe('is verplicht');

    stubFetch(409, { status: 409, title: 'Beslissing niet toegestaan', allowed: ['oppakken'] });
    const conflict = (await apiRequest('/x', { method: 'POST' }).catch((e: unknown) => e)) as ApiError;
    expect(conflict.problem.allowed).toEqual(['oppakken']);
  });

  it('tells the session listeners about a 401 on an authenticated call, not on /auth itself', async () => {
    const listener = vi.fn();
    const off = onUnauthenticated(listener);
    stubFetch(401, { status: 401, title: 'Niet ingelogd' });
    await apiRequest('/knelpunten').catch(() => undefined);
    await apiRequest('/auth/sessie').catch(() => undefined);
    off();
    expect(listener).toHaveBeenCalledTimes(1);
  });

  it('reports a network failure as a Dutch problem with status 0', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))),
    );
    const error = (await apiRequest('/health').catch((e: unknown) => e)) as ApiError;
    expect(error.status).toBe(0);
    expect(error.problem.detail).toContain('niet bereikbaar');
  });
});
