/**
 * The web app's shell on the real stack: served by the API at / with a strict CSP, deep links fall
 * back to the app, /api stays the API, the development login by its labels, sign-out.
 */
import { checkPage, expectNoBrowserProblems, login, startWebSystem, type WebSystem } from './support/browser';

describe('web app shell (Chromium)', () => {
  let web: WebSystem;

  beforeAll(async () => {
    web = await startWebSystem();
  });

  afterAll(async () => {
    await web?.close();
  });

  it('serves the app at / and on deep links, with a strict CSP, and keeps /api the API', async () => {
    const root = await fetch(`${web.baseUrl}/`);
    expect(root.status).toBe(200);
    const html = await root.text();
    expect(html).toContain('<html lang="nl">');
    const csp = root.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');

    const deep = await fetch(`${web.baseUrl}/knelpunten/UWV-00018`);
    expect(deep.status).toBe(200);
    expect(await deep.text()).toContain('<div id="root">');

    const api = await fetch(`${web.baseUrl}/api/v1/bestaat-niet`);
    expect(api.status).toBe(404);
    expect(api.headers.get('content-type')).toContain('application/problem+json');

    // Many files at once (as a browser loads them): each answered once, completely.
    const assets = [...html.matchAll(/(?:src|href)="(\/[^"]+)"/g)].map((m) => m[1]!);
    expect(assets.length).toBeGreaterThan(1);
    const answers = await Promise.all(
      Array.from({ length: 10 }, () => [...assets, '/werkvoorraad', '/knelpunten/UWV-00001'])
        .flat()
        .map((path) => fetch(`${web.baseUrl}${path}`)),
    );
    expect(answers.map((a) => a.status).filter((status) => status !== 200)).toEqual([]);
    await Promise.all(answers.map((a) => a.arrayBuffer()));

    const health = await fetch(`${web.baseUrl}/api/v1/health`);
    expect(health.headers.get('content-type')).toContain('application/json');
  });

  it('shows the public start page and the login page without violations', async () => {
    const { page } = await web.newPage();
    await page.goto('/');
    await page.waitForURL('**/openbaar');
    await expect(page.locator('html')).resolves;
    expect(await page.locator('html').getAttribute('lang')).toBe('nl');
    await checkPage(page, 'openbaar');
    await page.goto('/inloggen');
    await page.getByLabel('Rol').waitFor();
    await checkPage(page, 'inloggen');
  });

  it('shows a refused login next to the field it concerns', async () => {
    const { page } = await web.newPage();
    await page.goto('/inloggen');
    await page.getByLabel('Rol').selectOption('indiener');
    await page.getByRole('button', { name: 'Inloggen' }).click();
    const organisation = page.getByLabel('Organisatie');
    await page.locator('#inloggen-organisation-fout').waitFor();
    expect(await organisation.getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#inloggen-organisation-fout').textContent()).toContain('is verplicht');
    await checkPage(page, 'inloggen-fout');
  });

  it('logs in by the labels Rol, Organisatie and Driehoek and signs out', async () => {
    const { page } = await web.newPage();
    await login(page, { role: 'driehoek', driehoek: 'UWV' });
    await page.waitForURL('**/werkvoorraad');
    expect(await page.getByText('driehoek UWV').count()).toBeGreaterThan(0);
    await page.getByRole('button', { name: 'Uitloggen' }).click();
    await page.waitForURL('**/openbaar');
    await page.getByRole('link', { name: 'Inloggen' }).first().waitFor();
    // A page behind the login now sends to the login page and back after logging in.
    await page.goto('/werkvoorraad');
    await page.waitForURL('**/inloggen?terug=%2Fwerkvoorraad');
    await checkPage(page, 'inloggen-terug');
  });

  it('saw no page errors, CSP violations or 5xx answers', () => {
    expectNoBrowserProblems(web);
  });
});
