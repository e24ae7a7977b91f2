import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import { TestSystem } from '../support/test-system';
import { aStand } from '../builders';
import { expectProblem } from './support/problems';

const WEB = { 'x-requested-with': 'knelpunten-web' };

/** The kp_sessie cookie of a response: its value and attributes. */
function sessionCookieOf(headers: Record<string, unknown>): { value: string; attributes: string[] } | undefined {
  const raw = headers['set-cookie'];
  const list = Array.isArray(raw) ? (raw as string[]) : typeof raw === 'string' ? [raw] : [];
  const line = list.find((c) => c.startsWith('kp_sessie='));
  if (!line) return undefined;
  const [pair, ...attributes] = line.split(';').map((p) => p.trim());
  return { value: decodeURIComponent(pair!.slice('kp_sessie='.length)), attributes };
}

const cookieHeader = (value: string): Record<string, string> => ({ cookie: `kp_sessie=${value}` });

/**
 * Browser sessions of the web app (the API as backend-for-frontend) in development mode: the dev login sets an
 * httpOnly cookie; the cookie then authenticates like a bearer token, state-changing requests need the CSRF header,
 * and logout ends the session. Real PostgreSQL (web_sessions), real guard, real dev issuer.
 */
describe('web sessions (AUTH_MODE=dev)', () => {
  let sys: TestSystem;
  let ds: DataSource;

  beforeAll(async () => {
    sys = await TestSystem.start({ worker: false });
    ds = sys.api.get(DataSource);
  });

  afterAll(async () => {
    await sys.close();
  });

  async function devLogin(body: Record<string, unknown>): Promise<string> {
    const res = await sys.request('POST', '/api/v1/auth/dev-login', { body, headers: WEB });
    expect(res.status).toBe(200);
    const cookie = sessionCookieOf(res.headers);
    expect(cookie).toBeDefined();
    return cookie!.value;
  }

  it('answers GET /auth/sessie without a session: not authenticated, mode dev', async () => {
    const res = await sys.request('GET', '/api/v1/auth/sessie');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ authenticated: false, mode: 'dev' });
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it('dev login sets an httpOnly SameSite=Strict cookie with an opaque id whose hash alone is stored', async () => {
    const res = await sys.request('POST', '/api/v1/auth/dev-login', { body: { role: 'indiener', organisation: 'uwv' }, headers: WEB });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      authenticated: true,
      mode: 'dev',
      user: { subject: 'dev-indiener-uwv', name: 'Ontwikkelaar (indiener UWV)', role: 'indiener', organisation: 'UWV' },
    });
    const cookie = sessionCookieOf(res.headers)!;
    expect(cookie.value).toMatch(/^[A-Za-z0-9_-]{43}$/); // 32 random bytes
    expect(cookie.attributes).toEqual(expect.arrayContaining(['Max-Age=28800', 'Path=/', 'HttpOnly', 'SameSite=Strict']));
    expect(cookie.attributes).not.toContain('Secure'); // PUBLIC_BASE_URL is http here
    // No token in the response: the browser holds only the cookie.
    expect(JSON.stringify(res.body)).not.toMatch(/eyJ/);

    const hash = createHash('sha256').update(cookie.value).digest();
    const rows: { id_hash: Buffer; role: string; access_token: string; expires_at: Date }[] = await ds.query(
      `SELECT id_hash, role, access_token, expires_at FROM web_sessions WHERE id_hash = $1`,
      [hash],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]!.role).toBe('indiener');
    const stored: { n: number }[] = await ds.query(`SELECT count(*)::int AS n FROM web_sessions WHERE encode(id_hash, 'escape') LIKE $1`, [
      `%${cookie.value}%`,
    ]);
    expect(stored[0]!.n).toBe(0);
    expect(rows[0]!.expires_at.getTime() - Date.now()).toBeGreaterThan(7.9 * 3600_000);
  });

  it('the cookie authenticates GET /auth/sessie and protected routes, with the role and scope of its token', async () => {
    const cookie = await devLogin({ role: 'indiener', organisation: 'UWV', name: 'Ingrid de Vries' });
    const session = await sys.request('GET', '/api/v1/auth/sessie', { headers: cookieHeader(cookie) });
    expect(session.body).toEqual({
      authenticated: true,
      mode: 'dev',
      user: { subject: 'dev-indiener-uwv', name: 'Ingrid de Vries', role: 'indiener', organisation: 'UWV' },
    });

    const list = await sys.request('GET', '/api/v1/knelpunten', { headers: cookieHeader(cookie) });
    expect(list.status).toBe(200);
    expect(list.body.items).toEqual(expect.any(Array));

    const submitted = await sys.request('POST', '/api/v1/standen', { body: aStand(), headers: { ...cookieHeader(cookie), ...WEB } });
    expect(submitted.status).toBe(201);
    // The audit log names the session's user, as for a bearer token.
    const [audit] = await ds.query(
      `SELECT actor_subject, actor_role FROM audit_log WHERE route = '/api/v1/standen' ORDER BY seq DESC LIMIT 1`,
    );
    expect(audit).toEqual({ actor_subject: 'dev-indiener-uwv', actor_role: 'indiener' });

    // The role rules are the same as for a bearer token.
    const forbidden = await sys.request('GET', '/api/v1/acu/meetings', { headers: cookieHeader(cookie) });
    expectProblem(forbidden, 403);
    expect(forbidden.body.detail).toBe('Met de rol indiener heeft u geen toegang tot deze route.');
  });

  it('refuses a state-changing request authenticated by the cookie without X-Requested-With (403, CSRF)', async () => {
    const cookie = await devLogin({ role: 'indiener', organisation: 'UWV' });
    const res = await sys.request('POST', '/api/v1/standen', { body: aStand(), headers: cookieHeader(cookie) });
    expectProblem(res, 403);
    expect(res.body.code).toBe('GEEN_TOEGANG');
    expect(res.body.detail).toContain('X-Requested-With: knelpunten-web');
    const wrongValue = await sys.request('POST', '/api/v1/standen', {
      body: aStand(),
      headers: { ...cookieHeader(cookie), 'x-requested-with': 'XMLHttpRequest' },
    });
    expect(wrongValue.status).toBe(403);
    // Reads need no header.
    expect((await sys.request('GET', '/api/v1/knelpunten', { headers: cookieHeader(cookie) })).status).toBe(200);
  });

  it('a bearer header wins over the cookie and needs no CSRF header', async () => {
    const cookie = await devLogin({ role: 'indiener', organisation: 'UWV' });
    const acu = await sys.token({ role: 'acu' });
    const res = await sys.request('GET', '/api/v1/acu/meetings', { token: acu, headers: cookieHeader(cookie) });
    expect(res.status).toBe(200);
    const session = await sys.request('GET', '/api/v1/auth/sessie', { token: acu });
    expect(session.body).toEqual({ authenticated: true, mode: 'dev', user: expect.objectContaining({ role: 'acu', subject: 'dev-acu' }) });
    const indiener = await sys.token({ role: 'indiener', organisation: 'UWV' });
    expect((await sys.request('POST', '/api/v1/standen', { token: indiener, body: aStand() })).status).toBe(201);
  });

  it('POST /auth/dev-login and /auth/logout require the CSRF header from everyone', async () => {
    expectProblem(await sys.request('POST', '/api/v1/auth/dev-login', { body: { role: 'acu' } }), 403);
    expectProblem(await sys.request('POST', '/api/v1/auth/logout'), 403);
  });

  it('logout ends the session: the row is gone, the cookie cleared, the old cookie worth nothing', async () => {
    const cookie = await devLogin({ role: 'driehoek', organisation: 'UWV' });
    const before = await sys.request('GET', '/api/v1/auth/sessie', { headers: cookieHeader(cookie) });
    expect(before.body.user).toEqual(expect.objectContaining({ role: 'driehoek', driehoek: 'UWV', organisation: 'UWV' }));

    const out = await sys.request('POST', '/api/v1/auth/logout', { headers: { ...cookieHeader(cookie), ...WEB } });
    expect(out.status).toBe(200);
    expect(out.body).toEqual({}); // no provider to log out of in dev mode
    const cleared = sessionCookieOf(out.headers);
    expect(cleared?.value).toBe('');
    expect(cleared?.attributes.join(';')).toMatch(/Expires=Thu, 01 Jan 1970|Max-Age=0/);
    const rows: unknown[] = await ds.query(`SELECT 1 FROM web_sessions WHERE id_hash = $1`, [createHash('sha256').update(cookie).digest()]);
    expect(rows).toHaveLength(0);

    expect((await sys.request('GET', '/api/v1/auth/sessie', { headers: cookieHeader(cookie) })).body).toEqual({
      authenticated: false,
      mode: 'dev',
    });
    const after = await sys.request('GET', '/api/v1/knelpunten', { headers: cookieHeader(cookie) });
    expectProblem(after, 401);
    expect(after.body.detail).toBe('Uw sessie is verlopen of beëindigd; log opnieuw in.');
    // A second logout is harmless.
    expect((await sys.request('POST', '/api/v1/auth/logout', { headers: { ...cookieHeader(cookie), ...WEB } })).status).toBe(200);
  });

  it('ends a session after the idle timeout and after its lifetime, and clears the cookie', async () => {
    const idle = await devLogin({ role: 'acu' });
    await ds.query(`UPDATE web_sessions SET last_seen_at = now() - interval '61 minutes' WHERE id_hash = $1`, [
      createHash('sha256').update(idle).digest(),
    ]);
    const res = await sys.request('GET', '/api/v1/acu/meetings', { headers: cookieHeader(idle) });
    expectProblem(res, 401);
    expect(sessionCookieOf(res.headers)?.value).toBe('');

    const old = await devLogin({ role: 'acu' });
    await ds.query(`UPDATE web_sessions SET expires_at = now() - interval '1 second' WHERE id_hash = $1`, [
      createHash('sha256').update(old).digest(),
    ]);
    expectProblem(await sys.request('GET', '/api/v1/acu/meetings', { headers: cookieHeader(old) }), 401);

    // A dev session whose token has expired cannot be renewed (no refresh token): it ends.
    const expired = await devLogin({ role: 'acu' });
    await ds.query(`UPDATE web_sessions SET access_expires_at = now() - interval '1 second' WHERE id_hash = $1`, [
      createHash('sha256').update(expired).digest(),
    ]);
    expectProblem(await sys.request('GET', '/api/v1/acu/meetings', { headers: cookieHeader(expired) }), 401);
    const rows: unknown[] = await ds.query(`SELECT 1 FROM web_sessions WHERE id_hash = $1`, [
      createHash('sha256').update(expired).digest(),
    ]);
    expect(rows).toHaveLength(0);
  });

  it('ignores a cookie that is not a session id, and a made-up one', async () => {
    const garbage = await sys.request('GET', '/api/v1/knelpunten', { headers: { cookie: 'kp_sessie=abc; other=1' } });
    expectProblem(garbage, 401);
    const madeUp = await sys.request('GET', '/api/v1/knelpunten', { headers: cookieHeader('A'.repeat(43)) });
    expectProblem(madeUp, 401);
    expect(madeUp.body.detail).toBe('Uw sessie is verlopen of beëindigd; log opnieuw in.');
  });

  it('a new dev login replaces the session the browser had', async () => {
    const first = await devLogin({ role: 'acu' });
    const res = await sys.request('POST', '/api/v1/auth/dev-login', {
      body: { role: 'programmadirectie' },
      headers: { ...cookieHeader(first), ...WEB },
    });
    expect(res.status).toBe(200);
    expect(res.body.user).toEqual({
      subject: 'dev-programmadirectie',
      name: 'Ontwikkelaar (programmadirectie)',
      role: 'programmadirectie',
    });
    expect((await sys.request('GET', '/api/v1/auth/sessie', { headers: cookieHeader(first) })).body.authenticated).toBe(false);
  });

  it.each([
    [{ role: 'indiener' }, 'organisation', 'is verplicht bij de rol indiener'],
    [{ role: 'driehoek' }, 'driehoek', 'is verplicht bij de rol driehoek (of geef een organisatie op, die dan de driehoek noemt)'],
    [{ role: 'superuser' }, 'role', 'moet een van de volgende rollen zijn: indiener, driehoek, acu, programmadirectie, admin'],
    [{ role: 'indiener', organisation: 'XYZ' }, 'organisation', 'XYZ is geen bekende organisatie (zie GET /api/v1/organisations)'],
    [{ role: 'driehoek', driehoek: 'NOPE' }, 'driehoek', 'NOPE is geen bekende driehoek (zie GET /api/v1/driehoeken)'],
    [{ role: 'indiener', organisation: 'U W V' }, 'organisation', 'moet een code van 2 tot 16 letters zijn, zoals UWV'],
    [{ role: 'acu', password: 'x' }, 'password', 'is geen toegestaan veld'],
  ])('refuses dev login %j with 400 naming %s', async (body, field, reason) => {
    const res = await sys.request('POST', '/api/v1/auth/dev-login', { body, headers: WEB });
    expectProblem(res, 400);
    expect(res.body.invalidParams).toEqual([{ name: field, reason }]);
    expect(sessionCookieOf(res.headers)).toBeUndefined();
  });

  it('accepts the driehoek role with only an organisation (it names the driehoek), as npm run token does', async () => {
    const res = await sys.request('POST', '/api/v1/auth/dev-login', { body: { role: 'driehoek', organisation: 'SVB' }, headers: WEB });
    expect(res.status).toBe(200);
    expect(res.body.user).toEqual({
      subject: 'dev-driehoek-svb',
      name: 'Ontwikkelaar (driehoek SVB)',
      role: 'driehoek',
      organisation: 'SVB',
      driehoek: 'SVB',
    });
  });

  it('has no OIDC login in dev mode (404)', async () => {
    expectProblem(await sys.request('GET', '/api/v1/auth/login?returnTo=/knelpunten'), 404);
    expectProblem(await sys.request('GET', '/api/v1/auth/callback?code=x&state=y'), 404);
  });
});

describe('web sessions (AUTH_MODE=oidc, provider unreachable)', () => {
  let sys: TestSystem;

  beforeAll(async () => {
    // Port 9 (discard) on loopback: nothing answers, so discovery fails fast.
    sys = await TestSystem.start({
      worker: false,
      env: {
        AUTH_MODE: 'oidc',
        AUTH_ISSUER: 'http://127.0.0.1:9/realms/knelpunten',
        AUTH_AUDIENCE: 'knelpunten-api',
        AUTH_CLIENT_ID: 'knelpunten-web',
        AUTH_JWKS_URL: 'http://127.0.0.1:9/realms/knelpunten/protocol/openid-connect/certs',
      },
    });
  });

  afterAll(async () => {
    await sys.close();
  });

  it('refuses the dev login with 404 problem+json', async () => {
    const res = await sys.request('POST', '/api/v1/auth/dev-login', { body: { role: 'admin' }, headers: WEB });
    expectProblem(res, 404);
    // Even with an invalid body: the route does not exist in this mode.
    expectProblem(await sys.request('POST', '/api/v1/auth/dev-login', { body: { role: 'nope' }, headers: WEB }), 404);
  });

  it('reports mode oidc and no session', async () => {
    expect((await sys.request('GET', '/api/v1/auth/sessie')).body).toEqual({ authenticated: false, mode: 'oidc' });
  });

  it('sends the browser to the login page with a reason when the provider cannot be reached', async () => {
    const res = await sys.request('GET', '/api/v1/auth/login?returnTo=/knelpunten');
    expect(res.status).toBe(302);
    expect(res.headers.location).toBe('/inloggen?fout=niet-beschikbaar');
  });

  it('answers a callback without a login in progress with /inloggen?fout=verlopen, and a provider error with its code', async () => {
    const stale = await sys.request('GET', '/api/v1/auth/callback?code=abc&state=def&session_state=x&iss=y');
    expect(stale.status).toBe(302);
    expect(stale.headers.location).toBe('/inloggen?fout=verlopen');
    const denied = await sys.request('GET', '/api/v1/auth/callback?error=access_denied&state=def');
    expect(denied.headers.location).toBe('/inloggen?fout=geannuleerd');
  });

  it('logout without a session answers 200 without logoutUrl when the provider is unknown', async () => {
    const res = await sys.request('POST', '/api/v1/auth/logout', { headers: WEB });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({});
  });
});
