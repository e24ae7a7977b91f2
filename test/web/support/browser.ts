/**
 * Browser end-to-end support: the real stack (TestSystem: real PostgreSQL, real Temporal, the real
 * API serving the built web app on a real port) driven by Debian's Chromium through playwright-core.
 * Every page a test reaches is checked with axe-core (no serious or critical violation) and
 * photographed into `screenshots/` (not committed). A CSP violation or a page error fails the test.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { TestSystem, type TestSystemOptions } from '../../support/test-system';

export const CHROMIUM_PATH = process.env.KP_CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREENSHOT_DIR = process.env.KP_SCREENSHOT_DIR ?? resolve(__dirname, '../../../screenshots');
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
/** The built web app: `KP_WEB_DIR` (a private build, e.g. `vite build --outDir /tmp/web-x`), else dist/web. */
const WEB_DIR = process.env.KP_WEB_DIR ?? resolve(__dirname, '../../../dist/web');
const WEB_INDEX = join(WEB_DIR, 'index.html');

export interface WebSystem {
  system: TestSystem;
  baseUrl: string;
  browser: Browser;
  /** Problems seen in the browser (page errors, CSP violations, failed API calls with 5xx). */
  problems: string[];
  newPage(): Promise<{ context: BrowserContext; page: Page }>;
  close(): Promise<void>;
}

/**
 * Starts the real stack and Chromium. Options go to {@link TestSystem.start}: with `listen: true` the API listens
 * where PUBLIC_BASE_URL points (needed when a provider redirects back to it, e.g. the OIDC login with
 * `env: kc.apiEnv()`); otherwise it listens on any free port.
 */
export async function startWebSystem(options: TestSystemOptions = {}): Promise<WebSystem> {
  if (!existsSync(WEB_INDEX)) throw new Error(`De webapp is niet gebouwd (${WEB_INDEX} ontbreekt): npm run build:web`);
  if (!existsSync(CHROMIUM_PATH)) throw new Error(`Chromium ontbreekt op ${CHROMIUM_PATH}: apt-get install -y chromium`);
  const system = await TestSystem.start({ ...options, env: { WEB_DIR, ...(options.env ?? {}) } });
  let baseUrl: string;
  if (options.listen && system.baseUrl) {
    baseUrl = system.baseUrl;
  } else {
    await system.api.listen({ port: 0, host: '127.0.0.1' });
    baseUrl = (await system.api.getUrl()).replace('[::1]', '127.0.0.1');
  }
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-quic',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      // Date inputs follow the browser's language, not the page's: Dutch dd-mm-jjjj.
      '--lang=nl-NL',
    ],
  });
  const problems: string[] = [];
  const contexts: BrowserContext[] = [];
  return {
    system,
    baseUrl,
    browser,
    problems,
    async newPage() {
      const context = await browser.newContext({
        baseURL: baseUrl,
        locale: 'nl-NL',
        timezoneId: 'Europe/Amsterdam',
        viewport: { width: 1280, height: 900 },
      });
      contexts.push(context);
      const page = await context.newPage();
      page.setDefaultTimeout(20_000);
      page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`));
      page.on('console', (msg) => {
        const text = msg.text();
        if (/Content Security Policy|Refused to (apply|execute|load)/i.test(text)) problems.push(`csp: ${text}`);
      });
      page.on('response', (res) => {
        if (res.status() >= 500) problems.push(`${res.status()} ${res.request().method()} ${res.url()}`);
      });
      return { context, page };
    },
    async close() {
      for (const c of contexts) await c.close().catch(() => undefined);
      await browser.close().catch(() => undefined);
      await system.close();
    },
  };
}

export interface LoginAs {
  role: 'indiener' | 'driehoek' | 'acu' | 'programmadirectie' | 'admin';
  organisation?: string;
  driehoek?: string;
}

/** Logs in through the development login page, by its labels (as the external acceptance tests do). */
export async function login(page: Page, who: LoginAs): Promise<void> {
  await page.goto('/inloggen');
  await page.getByLabel('Rol').selectOption(who.role);
  if (who.organisation) await page.getByLabel('Organisatie').selectOption(who.organisation);
  if (who.driehoek) await page.getByLabel('Driehoek').selectOption(who.driehoek);
  await page.getByRole('button', { name: 'Inloggen' }).click();
  await page.getByRole('button', { name: 'Uitloggen' }).waitFor();
}

export async function logout(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Uitloggen' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/werkvoorraad'));
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; html: string }[];
}

/**
 * Runs axe-core (WCAG 2.0/2.1 A and AA rules) on the page as it is now and returns the serious and
 * critical violations. axe is evaluated through the DevTools protocol, so the page's CSP stays strict.
 */
export async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  const loaded = await page.evaluate('typeof window.axe !== "undefined"');
  if (!loaded) await page.evaluate(`${AXE_SOURCE}\n;void 0`);
  // A string, not a function: this file is compiled without the DOM library.
  const violations = (await page.evaluate(`(async () => {
    const result = await window.axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
      resultTypes: ['violations'],
    });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target, html: n.html })) }));
  })()`)) as AxeViolation[];
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** Screenshot of the full page into screenshots/<name>.png, then axe: fails with the violations listed. */
export async function checkPage(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.waitForLoadState('networkidle').catch(() => undefined);
  await page.evaluate('window.scrollTo(0, 0)');
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
  const violations = await seriousViolations(page);
  const report = violations.map(
    (v) =>
      `${v.impact} ${v.id}: ${v.help}\n    ${v.nodes
        .slice(0, 3)
        .map((n) => `${n.target.join(' ')} ${n.html.slice(0, 160)}`)
        .join('\n    ')}`,
  );
  expect({ page: name, violations: report }).toEqual({ page: name, violations: [] });
}

/** No page errors, CSP violations or 5xx answers were seen. */
export function expectNoBrowserProblems(web: WebSystem): void {
  expect(web.problems).toEqual([]);
}
