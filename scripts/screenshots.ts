/**
 * `npm run screenshots`: the README's pictures of the web app, taken from a running development system
 * with demo data (`npm run up -- --demo`) in Debian's Chromium: the driehoek's queue and the dashboard.
 *
 *   npm run screenshots [-- --url http://localhost:3000]
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium, type Page } from 'playwright-core';

const OUT = resolve(__dirname, '..', '..', 'docs', 'screenshots');

async function login(page: Page, role: string, scope: { organisation?: string; driehoek?: string } = {}): Promise<void> {
  await page.goto('/inloggen');
  await page.getByLabel('Rol').selectOption(role);
  if (scope.organisation) await page.getByLabel('Organisatie').selectOption(scope.organisation);
  if (scope.driehoek) await page.getByLabel('Driehoek').selectOption(scope.driehoek);
  await page.getByRole('button', { name: 'Inloggen' }).click();
  await page.getByRole('button', { name: 'Uitloggen' }).waitFor();
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { url: { type: 'string' } } });
  const baseURL = values.url ?? 'http://localhost:3000';
  mkdirSync(OUT, { recursive: true });
  const browser = await chromium.launch({
    executablePath: process.env.KP_CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--lang=nl-NL',
    ],
  });
  try {
    const shots: [string, string, Parameters<typeof login>[2], string][] = [
      ['driehoek', '/werkvoorraad', { driehoek: 'UWV' }, 'werkvoorraad.png'],
      ['programmadirectie', '/dashboard', {}, 'dashboard.png'],
    ];
    for (const [role, path, scope, file] of shots) {
      const context = await browser.newContext({ baseURL, locale: 'nl-NL', viewport: { width: 1280, height: 900 } });
      const page = await context.newPage();
      await login(page, role, scope);
      await page.goto(path);
      await page.waitForLoadState('networkidle');
      await page.screenshot({ path: join(OUT, file), fullPage: path !== '/dashboard' });
      console.log(`docs/screenshots/${file}`);
      await context.close();
    }
  } finally {
    await browser.close();
  }
}

main().catch((err: unknown) => {
  console.error(`Fout: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
