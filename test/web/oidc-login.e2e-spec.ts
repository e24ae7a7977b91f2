/**
 * The production login in a real browser (issue 7, walk-through step 6): the web app in AUTH_MODE=oidc against a
 * real Keycloak (scripts/infra/keycloak.ts, realm test/support/keycloak/realm-knelpunten.json), the API listening
 * on the address Keycloak redirects back to, Chromium driving both. A protected page sends to the login page, the
 * login page to Keycloak's form, Keycloak back to the page that was asked for, logged in; the session is an
 * httpOnly cookie and no token reaches the page's storage; signing out ends the Keycloak session too; a user
 * without a role of this application gets a Dutch explanation. Keycloak's own pages are not checked with axe
 * (they are Keycloak's); every page of the app is.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { startKeycloak, type KeycloakHandle } from '../../scripts/infra/keycloak';
import { eventually } from '../support/test-system';
import { aKnelpunt, aStand } from '../builders';
import { checkPage, expectNoBrowserProblems, startWebSystem, type WebSystem } from './support/browser';

interface Created {
  id: string;
  reference: string;
  title: string;
}

describe('production login: OIDC against Keycloak in Chromium', () => {
  let kc: KeycloakHandle;
  let web: WebSystem;
  let context: BrowserContext;
  let page: Page;
  let knelpunt: Created;

  beforeAll(async () => {
    // The first run on a machine also installs Java and Keycloak (a few minutes, progress printed).
    kc = await startKeycloak();
    web = await startWebSystem({ listen: true, env: kc.apiEnv() });
  }, 600_000);

  afterAll(async () => {
    await web?.close();
    await kc?.stop();
  }, 60_000);

  const isKeycloak = (url: URL): boolean => url.href.startsWith(`${kc.issuer}/`);
  const isApp = (url: URL): boolean => url.origin === new URL(web.baseUrl).origin;
  const header = (p: Page) => p.locator('.kp-header__who');

  /** On the app's login page (oidc mode): its "Inloggen" button leads to Keycloak's form. */
  async function toKeycloakForm(p: Page): Promise<void> {
    const button = p.getByRole('main').getByRole('link', { name: 'Inloggen' });
    await button.click();
    await p.waitForURL(isKeycloak);
    await p.locator('#kc-form-login').waitFor();
  }

  /** Fills in Keycloak's login form (Keycloak's page: no axe here). */
  async function submitKeycloakForm(p: Page, username: string): Promise<void> {
    const user = kc.users[username]!;
    await p.locator('#username').fill(user.username);
    await p.locator('#password').fill(user.password);
    await p.locator('#kc-login').click();
  }

  /** What the page's script can see of the session: storage and document.cookie, as strings. */
  async function scriptVisible(p: Page): Promise<string> {
    return (await p.evaluate(
      'JSON.stringify({ local: JSON.stringify(localStorage), session: JSON.stringify(sessionStorage), cookie: document.cookie })',
    )) as string;
  }

  it('sends a protected page to the login page, which in oidc mode offers only the provider login', async () => {
    ({ context, page } = await web.newPage());
    await page.goto('/mijn-knelpunten');
    await page.waitForURL('**/inloggen?terug=%2Fmijn-knelpunten');
    await page.getByRole('heading', { level: 1, name: 'Inloggen' }).waitFor();
    await page.getByText('U logt in via het inlogsysteem van uw organisatie').waitFor();
    // No development login in production mode.
    expect(await page.getByLabel('Rol').count()).toBe(0);
    const href = await page.getByRole('main').getByRole('link', { name: 'Inloggen' }).getAttribute('href');
    expect(href).toBe('/api/v1/auth/login?returnTo=%2Fmijn-knelpunten');
    await checkPage(page, 'oidc-inloggen');
  });

  it('logs in at Keycloak and comes back on the page that was asked for, as that user, with its data', async () => {
    await toKeycloakForm(page);
    const authorize = new URL(page.url());
    expect(authorize.searchParams.get('client_id')).toBe('knelpunten-web');
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    await submitKeycloakForm(page, 'uwv-indiener');

    await page.waitForURL(`${web.baseUrl}/mijn-knelpunten`);
    await page.getByRole('heading', { level: 1, name: 'Mijn knelpunten' }).waitFor();
    await header(page).getByText('Ingrid de Vries').waitFor();
    expect(await header(page).textContent()).toContain('Indiener (uitvoeringsorganisatie) · UWV');
    await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Stand indienen' }).waitFor();

    // The session works for the API as well: a Stand submitted with the browser's cookie (and the CSRF header).
    const created = await context.request.post('/api/v1/standen', {
      headers: { 'x-requested-with': 'knelpunten-web' },
      data: aStand({ title: 'Stand van de uitvoering UWV 2025 (OIDC)' }, [
        aKnelpunt({ title: 'Wachttijden WIA-keuring', description: 'Te weinig verzekeringsartsen', theme: 'schaarste' }),
      ]),
    });
    expect(created.status()).toBe(201);
    [knelpunt] = ((await created.json()) as { knelpunten: Created[] }).knelpunten as [Created];
    await eventually(
      async () =>
        ((await (await context.request.get(`/api/v1/knelpunten/${knelpunt.id}`)).json()) as { status: string }).status === 'bij_driehoek',
      30_000,
      `${knelpunt.reference} bij de driehoek`,
    );
    await page.reload();
    const table = page.getByRole('table', { name: /Knelpunten van UWV/ });
    await table.getByRole('link', { name: knelpunt.reference }).waitFor();
    await table.getByText('Wachttijden WIA-keuring').waitFor();
    await checkPage(page, 'oidc-mijn-knelpunten');
  });

  it('keeps the session in an httpOnly SameSite=Strict cookie: no token where a script can read it', async () => {
    const cookies = await context.cookies(web.baseUrl);
    const session = cookies.find((c) => c.name === 'kp_sessie');
    expect(session).toEqual(expect.objectContaining({ httpOnly: true, sameSite: 'Strict', path: '/' }));
    expect(session!.value).toMatch(/^[A-Za-z0-9_-]{43}$/); // opaque, not a token
    expect(cookies.find((c) => c.name === 'kp_login')).toBeUndefined(); // the pending login was used once
    for (const c of cookies) expect(c.value).not.toMatch(/^eyJ/);

    const visible = await scriptVisible(page);
    expect(visible).not.toContain(session!.value);
    expect(visible).not.toMatch(/eyJ|access_token|refresh_token|id_token/i);
    // Nor in the address bar.
    expect(page.url()).not.toMatch(/code=|token|state=/);
  });

  it('signs out at Keycloak too: back on the start page, and a protected page asks for the password again', async () => {
    const endSession = page.waitForRequest((req) => req.url().startsWith(`${kc.issuer}/protocol/openid-connect/logout?`));
    await page.getByRole('button', { name: 'Uitloggen' }).click();
    const logoutRequest = new URL((await endSession).url());
    expect(logoutRequest.searchParams.get('post_logout_redirect_uri')).toBe(`${web.baseUrl}/`);
    await page.waitForURL(`${web.baseUrl}/openbaar`);
    await page.getByRole('banner').getByRole('link', { name: 'Inloggen' }).waitFor();
    expect(await header(page).count()).toBe(0);
    expect((await context.cookies(web.baseUrl)).find((c) => c.name === 'kp_sessie')).toBeUndefined();
    await checkPage(page, 'oidc-uitgelogd');

    // Another user at the same browser: Keycloak shows its form again (its session ended), not a silent login.
    await page.goto('/werkvoorraad');
    await page.waitForURL('**/inloggen?terug=%2Fwerkvoorraad');
    await toKeycloakForm(page);
    await submitKeycloakForm(page, 'uwv-driehoek');
    await page.waitForURL(`${web.baseUrl}/werkvoorraad`);
    await page.getByRole('heading', { level: 1, name: 'Werkvoorraad driehoek UWV' }).waitFor();
    await header(page).getByText('Dirk Jansen').waitFor();
    expect(await header(page).textContent()).toContain('Driehoek · UWV · driehoek UWV');
    const queue = page.getByRole('table', { name: /Werkvoorraad van driehoek UWV/ });
    await queue.getByRole('link', { name: knelpunt.reference }).waitFor();
    await checkPage(page, 'oidc-werkvoorraad');
    expect(await scriptVisible(page)).not.toMatch(/eyJ|access_token|refresh_token|id_token/i);

    await page.getByRole('button', { name: 'Uitloggen' }).click();
    await page.waitForURL(`${web.baseUrl}/openbaar`);
  });

  it('refuses a Keycloak user without a role of this application with a Dutch explanation, and no session', async () => {
    const { context: other, page: refused } = await web.newPage();
    await refused.goto('/inloggen');
    await toKeycloakForm(refused);
    await submitKeycloakForm(refused, 'geen-rol');
    await refused.waitForURL(`${web.baseUrl}/inloggen?fout=geen-toegang`);
    const alert = refused.locator('.kp-problem');
    await alert.getByRole('heading', { name: 'Inloggen niet gelukt' }).waitFor();
    expect(await alert.textContent()).toContain('u heeft geen toegang tot deze applicatie');
    expect(await refused.getByRole('main').getByRole('link', { name: 'Inloggen' }).count()).toBe(1);
    expect(await refused.getByRole('button', { name: 'Uitloggen' }).count()).toBe(0);
    expect((await other.cookies(web.baseUrl)).find((c) => c.name === 'kp_sessie')).toBeUndefined();
    await checkPage(refused, 'oidc-geen-toegang');

    // Logging in again makes Keycloak ask anew (prompt=login) instead of letting the same account through
    // silently; its "restart login" lets the user pick another account.
    await refused.getByRole('main').getByRole('link', { name: 'Inloggen' }).click();
    await refused.locator('#password').waitFor();
    expect(new URL(refused.url()).searchParams.get('prompt')).toBe('login');
    await refused.locator('#reset-login').click();
    await refused.locator('#username').waitFor();
    await submitKeycloakForm(refused, 'uwv-indiener');
    await refused.getByRole('button', { name: 'Uitloggen' }).waitFor();
  });

  it('explains each reason the API gives for a failed login in Dutch', async () => {
    const { page: p } = await web.newPage();
    // A provider answer without a login in progress and with error=access_denied: the real callback says geannuleerd.
    await p.goto('/api/v1/auth/callback?error=access_denied&state=onbekend');
    await p.waitForURL((url) => isApp(url) && url.pathname === '/inloggen');
    expect(new URL(p.url()).searchParams.get('fout')).toBe('geannuleerd');

    const expected: Record<string, string> = {
      geannuleerd: 'Het inloggen is afgebroken',
      'provider-fout': 'meldde een fout',
      ongeldig: 'kon niet worden gecontroleerd',
      verlopen: 'duurde te lang',
      'geen-toegang': 'geen toegang tot deze applicatie',
      'niet-beschikbaar': 'niet bereikbaar',
      onbekend: 'Het inloggen is niet gelukt',
    };
    for (const [code, text] of Object.entries(expected)) {
      await p.goto(`/inloggen?fout=${code}`);
      await p.locator('.kp-problem').getByText(text).waitFor();
    }
    await p.goto('/inloggen?fout=niet-beschikbaar');
    await p.locator('.kp-problem').waitFor();
    await checkPage(p, 'oidc-niet-beschikbaar');
  });

  it('saw no page errors, CSP violations or 5xx answers', () => {
    expectNoBrowserProblems(web);
  });
});
