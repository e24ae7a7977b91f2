import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import { startKeycloak, type KeycloakHandle } from '../../scripts/infra/keycloak';
import { TestSystem } from '../support/test-system';
import { aStand } from '../builders';

/**
 * A cookie jar per origin (enough here: the API and Keycloak use different cookie names, and the test never needs
 * paths). Honours deletion (Max-Age=0 or an Expires in the past).
 */
class CookieJar {
  private readonly byOrigin = new Map<string, Map<string, string>>();

  store(url: string, res: Response): void {
    const jar = this.jarOf(url);
    for (const line of res.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(';').map((p) => p.trim());
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq);
      const value = pair!.slice(eq + 1);
      const expired = attributes.some((a) => {
        const [k, v] = a.split('=');
        if (k!.toLowerCase() === 'max-age') return Number(v) <= 0;
        if (k!.toLowerCase() === 'expires') return new Date(v!).getTime() <= Date.now();
        return false;
      });
      if (expired || value === '') jar.delete(name);
      else jar.set(name, value);
    }
  }

  get(url: string, name: string): string | undefined {
    return this.jarOf(url).get(name);
  }

  set(url: string, name: string, value: string): void {
    this.jarOf(url).set(name, value);
  }

  header(url: string): string {
    return [...this.jarOf(url)].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  private jarOf(url: string): Map<string, string> {
    const origin = new URL(url).origin;
    let jar = this.byOrigin.get(origin);
    if (!jar) this.byOrigin.set(origin, (jar = new Map()));
    return jar;
  }
}

/** A browser without JavaScript: fetch with manual redirects and a cookie jar. */
class Browser {
  readonly jar = new CookieJar();

  async request(
    url: string,
    init: { method?: string; form?: Record<string, string>; headers?: Record<string, string> } = {},
  ): Promise<Response> {
    const headers: Record<string, string> = { ...(init.headers ?? {}) };
    const cookie = this.jar.header(url);
    if (cookie) headers.cookie = cookie;
    let body: string | undefined;
    if (init.form) {
      body = new URLSearchParams(init.form).toString();
      headers['content-type'] = 'application/x-www-form-urlencoded';
    }
    const res = await fetch(url, { method: init.method ?? (body ? 'POST' : 'GET'), headers, body, redirect: 'manual' });
    this.jar.store(url, res);
    return res;
  }

  /** The absolute target of a redirect. */
  static location(res: Response, base: string): string {
    const location = res.headers.get('location');
    if (!location) throw new Error(`no Location on a ${res.status} from ${base}`);
    return new URL(location, base).href;
  }
}

const decodeEntities = (s: string): string =>
  s
    .replace(/&amp;/g, '&')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>');

/** The action of Keycloak's login form. */
function loginFormAction(html: string): string {
  const form = /<form\b[^>]*\bid="kc-form-login"[^>]*>/i.exec(html)?.[0];
  const action = form ? /\baction="([^"]+)"/i.exec(form)?.[1] : undefined;
  if (!action) throw new Error(`no Keycloak login form in the page:\n${html.slice(0, 2000)}`);
  return decodeEntities(action);
}

/**
 * The production login (AUTH_MODE=oidc) end to end against a real Keycloak (scripts/infra/keycloak.ts, realm
 * test/support/keycloak/realm-knelpunten.json) and the API listening on a real port: authorization-code flow with
 * PKCE, driven over plain HTTP as a browser would (redirects followed by hand, cookies kept), then the session
 * cookie on the API's routes, renewal with the refresh token, and logout at the provider. Nothing is mocked.
 */
describe('OIDC login against Keycloak (BFF session)', () => {
  let kc: KeycloakHandle;
  let sys: TestSystem;
  let api: string;
  let ds: DataSource;

  beforeAll(async () => {
    // The first run on a machine also downloads Java (PyPI) and Keycloak (Maven Central): progress is printed.
    kc = await startKeycloak();
    sys = await TestSystem.start({ worker: false, listen: true, env: kc.apiEnv() });
    api = sys.baseUrl!;
    ds = sys.api.get(DataSource);
  }, 600_000);

  afterAll(async () => {
    await sys?.close();
    await kc?.stop();
  }, 60_000);

  /** Logs in through Keycloak's form up to the API's callback; answers the callback's redirect and the browser. */
  async function loginAt(username: string, returnTo = '/knelpunten', browser = new Browser()) {
    const start = await browser.request(`${api}/api/v1/auth/login?returnTo=${encodeURIComponent(returnTo)}`);
    expect(start.status).toBe(302);
    const authorizationUrl = Browser.location(start, api);
    const page = await browser.request(authorizationUrl);
    expect(page.status).toBe(200);
    const action = new URL(loginFormAction(await page.text()), authorizationUrl).href;
    const user = kc.users[username]!;
    const submitted = await browser.request(action, { form: { username: user.username, password: user.password, credentialId: '' } });
    expect(submitted.status).toBe(302);
    const callbackUrl = Browser.location(submitted, action);
    expect(callbackUrl.startsWith(`${api}/api/v1/auth/callback?`)).toBe(true);
    return { browser, start, authorizationUrl, callbackUrl };
  }

  async function login(username: string, returnTo?: string) {
    const { browser, callbackUrl, ...rest } = await loginAt(username, returnTo);
    const callback = await browser.request(callbackUrl);
    return { browser, callback, callbackUrl, ...rest };
  }

  const sessionHash = (browser: Browser): Buffer => createHash('sha256').update(browser.jar.get(api, 'kp_sessie')!).digest();

  it('sends the browser to Keycloak with the authorization-code flow, PKCE S256, state and nonce', async () => {
    const browser = new Browser();
    const res = await browser.request(`${api}/api/v1/auth/login?returnTo=/knelpunten`);
    expect(res.status).toBe(302);
    const target = new URL(Browser.location(res, api));
    expect(`${target.origin}${target.pathname}`).toBe(`${kc.issuer}/protocol/openid-connect/auth`);
    const q = target.searchParams;
    expect(q.get('response_type')).toBe('code');
    expect(q.get('client_id')).toBe('knelpunten-web');
    expect(q.get('redirect_uri')).toBe(`${api}/api/v1/auth/callback`);
    expect(q.get('scope')!.split(' ')).toEqual(expect.arrayContaining(['openid', 'profile']));
    expect(q.get('code_challenge_method')).toBe('S256');
    expect(q.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(q.get('state')).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    expect(q.get('nonce')).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    // The checks stay on the server: the browser gets only an opaque, short-lived, httpOnly cookie.
    const setCookie = res.headers.getSetCookie().find((c) => c.startsWith('kp_login='))!;
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Lax/);
    expect(setCookie).toMatch(/Path=\/api\/v1\/auth/);
    expect(setCookie).not.toContain(q.get('state')!);
  });

  it('logs in with the code flow: session cookie, GET /auth/sessie from the Keycloak token, protected routes work', async () => {
    const { browser, callback } = await login('uwv-indiener', '/knelpunten?status=bij_driehoek');
    expect(callback.status).toBe(302);
    expect(callback.headers.get('location')).toBe('/knelpunten?status=bij_driehoek');
    const setCookie = callback.headers.getSetCookie().find((c) => c.startsWith('kp_sessie='))!;
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Strict/);
    expect(setCookie).toMatch(/Path=\/(;|$)/);
    expect(browser.jar.get(api, 'kp_login')).toBeUndefined(); // used once, cleared

    const session = await browser.request(`${api}/api/v1/auth/sessie`);
    expect(session.status).toBe(200);
    const body = (await session.json()) as { authenticated: boolean; mode: string; user: Record<string, unknown> };
    expect(body).toEqual({
      authenticated: true,
      mode: 'oidc',
      user: { subject: expect.stringMatching(/^[0-9a-f-]{36}$/), name: 'Ingrid de Vries', role: 'indiener', organisation: 'UWV' },
    });

    const list = await browser.request(`${api}/api/v1/knelpunten`);
    expect(list.status).toBe(200);
    const created = await fetch(`${api}/api/v1/standen`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-requested-with': 'knelpunten-web', cookie: browser.jar.header(api) },
      body: JSON.stringify(aStand()),
    });
    expect(created.status).toBe(201);
    const withoutHeader = await fetch(`${api}/api/v1/standen`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: browser.jar.header(api) },
      body: JSON.stringify(aStand()),
    });
    expect(withoutHeader.status).toBe(403);

    // The tokens stay on the server.
    const [row] = await ds.query(
      `SELECT mode, subject, role, organisation, access_token, refresh_token, id_token FROM web_sessions WHERE id_hash = $1`,
      [sessionHash(browser)],
    );
    expect(row).toEqual(expect.objectContaining({ mode: 'oidc', subject: body.user.subject, role: 'indiener', organisation: 'UWV' }));
    expect(row.access_token).toMatch(/^eyJ/);
    expect(row.refresh_token).toEqual(expect.any(String));
    expect(row.id_token).toMatch(/^eyJ/);
  });

  it('renews an expired access token with the refresh token, and ends the session when Keycloak refuses', async () => {
    const { browser } = await login('uwv-driehoek');
    const hash = sessionHash(browser);
    const [before] = await ds.query(`SELECT access_token FROM web_sessions WHERE id_hash = $1`, [hash]);
    await ds.query(`UPDATE web_sessions SET access_expires_at = now() - interval '1 minute' WHERE id_hash = $1`, [hash]);

    const queue = await browser.request(`${api}/api/v1/driehoeken/UWV/queue`);
    expect(queue.status).toBe(200);
    const [after] = await ds.query(`SELECT access_token, access_expires_at, refreshed_at FROM web_sessions WHERE id_hash = $1`, [hash]);
    expect(after.access_token).not.toBe(before.access_token);
    expect(after.refreshed_at).toBeInstanceOf(Date);
    expect(after.access_expires_at.getTime()).toBeGreaterThan(Date.now());

    // Several requests at once with an expired token: all succeed (one renews, the others wait for it).
    await ds.query(`UPDATE web_sessions SET access_expires_at = now() - interval '1 minute' WHERE id_hash = $1`, [hash]);
    const parallel = await Promise.all(
      Array.from({ length: 5 }, () => fetch(`${api}/api/v1/driehoeken/UWV/queue`, { headers: { cookie: browser.jar.header(api) } })),
    );
    expect(parallel.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    const [renewedAgain] = await ds.query(`SELECT access_token FROM web_sessions WHERE id_hash = $1`, [hash]);
    expect(renewedAgain.access_token).not.toBe(after.access_token);

    // A refresh token Keycloak does not accept: the session ends, the API answers 401 and clears the cookie.
    await ds.query(
      `UPDATE web_sessions SET access_expires_at = now() - interval '1 minute', refresh_token = 'ongeldig' WHERE id_hash = $1`,
      [hash],
    );
    const cookie = browser.jar.header(api);
    const refused = await fetch(`${api}/api/v1/driehoeken/UWV/queue`, { headers: { cookie } });
    expect(refused.status).toBe(401);
    const problem = (await refused.json()) as { detail: string };
    expect(problem.detail).toBe('Uw sessie is verlopen of beëindigd; log opnieuw in.');
    expect(refused.headers.getSetCookie().some((c) => /^kp_sessie=;/.test(c))).toBe(true);
    expect(await ds.query(`SELECT 1 FROM web_sessions WHERE id_hash = $1`, [hash])).toHaveLength(0);
  });

  it('logs out: the session ends and logoutUrl ends the Keycloak session too, back to PUBLIC_BASE_URL', async () => {
    const { browser } = await login('acu-lid');
    expect((await browser.request(`${api}/api/v1/acu/meetings`)).status).toBe(200);

    const refused = await browser.request(`${api}/api/v1/auth/logout`, { method: 'POST' });
    expect(refused.status).toBe(403); // CSRF header missing

    const out = await browser.request(`${api}/api/v1/auth/logout`, { method: 'POST', headers: { 'x-requested-with': 'knelpunten-web' } });
    expect(out.status).toBe(200);
    const { logoutUrl } = (await out.json()) as { logoutUrl: string };
    const url = new URL(logoutUrl);
    expect(`${url.origin}${url.pathname}`).toBe(`${kc.issuer}/protocol/openid-connect/logout`);
    expect(url.searchParams.get('post_logout_redirect_uri')).toBe(`${api}/`);
    expect(url.searchParams.get('id_token_hint')).toMatch(/^eyJ/);
    expect(browser.jar.get(api, 'kp_sessie')).toBeUndefined();

    // The browser navigates there; Keycloak ends its session and sends it back without asking.
    const atKeycloak = await browser.request(logoutUrl);
    expect(atKeycloak.status).toBe(302);
    expect(atKeycloak.headers.get('location')).toBe(`${api}/`);
    const session = (await (await browser.request(`${api}/api/v1/auth/sessie`)).json()) as { authenticated: boolean };
    expect(session.authenticated).toBe(false);
    // A new login asks for the password again (the Keycloak session is gone).
    const again = await browser.request(`${api}/api/v1/auth/login`);
    const page = await browser.request(Browser.location(again, api));
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('kc-form-login');
  });

  it('refuses a user whose token carries no role of this application: /inloggen?fout=geen-toegang, no session', async () => {
    const { browser, callback } = await login('geen-rol');
    expect(callback.status).toBe(302);
    expect(callback.headers.get('location')).toBe('/inloggen?fout=geen-toegang');
    expect(browser.jar.get(api, 'kp_sessie')).toBeUndefined();
  });

  it('refuses a callback whose state does not match (ongeldig), and a replayed callback (verlopen)', async () => {
    const { browser, callbackUrl } = await loginAt('programmadirectie');
    const forged = new URL(callbackUrl);
    forged.searchParams.set('state', 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa');
    const res = await browser.request(forged.href);
    expect(res.headers.get('location')).toBe('/inloggen?fout=ongeldig');
    // The pending login was taken by that attempt: the genuine callback now finds nothing.
    const replay = await browser.request(callbackUrl);
    expect(replay.headers.get('location')).toBe('/inloggen?fout=verlopen');
    expect(browser.jar.get(api, 'kp_sessie')).toBeUndefined();
  });

  it('uses a realm that enforces PKCE and the registered redirect URIs (what the README tells to configure)', async () => {
    const start = await new Browser().request(`${api}/api/v1/auth/login`);
    const authorizationUrl = new URL(Browser.location(start, api));
    const withoutPkce = new URL(authorizationUrl);
    withoutPkce.searchParams.delete('code_challenge');
    withoutPkce.searchParams.delete('code_challenge_method');
    const refused = await fetch(withoutPkce, { redirect: 'manual' });
    expect(refused.status).toBe(302);
    expect(new URL(refused.headers.get('location')!).searchParams.get('error')).toBe('invalid_request');
    const foreign = new URL(authorizationUrl);
    foreign.searchParams.set('redirect_uri', 'https://elders.example/api/v1/auth/callback');
    expect((await fetch(foreign, { redirect: 'manual' })).status).toBe(400);
  });

  it('sends the browser only to a same-site path after login', async () => {
    const { callback } = await login('beheerder', '//evil.example/steal');
    expect(callback.headers.get('location')).toBe('/');
  });
});
