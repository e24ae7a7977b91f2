/**
 * Issue 9 §4/§5, pages: intake rounds (/uitvraag and /uitvraag/:id) in Chromium on the real stack. The programmadirectie
 * opens a round through the form (the API's refusals next to the fields), sees the completeness table follow a real
 * Stand, and closes it; an organisation sees only the rounds it is expected in and only its own row.
 */
import type { Locator } from 'playwright-core';
import { WerkdagenKalender, addDays, formatDatumNl, toLocalDateAmsterdam } from '../../libs/domain/src';
import { aKnelpunt, aStand } from '../builders';
import { checkPage, expectNoBrowserProblems, login, startWebSystem, type WebSystem } from './support/browser';

async function bodyRows(table: Locator): Promise<string[][]> {
  const rows = await table.locator('tbody tr').all();
  return Promise.all(rows.map(async (r) => (await r.locator('th, td').allInnerTexts()).map((t) => t.trim())));
}

describe('uitvraag: intake rounds (Chromium)', () => {
  let web: WebSystem;
  const kalender = new WerkdagenKalender();
  const closingDate = kalender.nextWerkdagOnOrAfter(addDays(toLocalDateAmsterdam(new Date()), 45)).date;
  const year = Number(closingDate.slice(0, 4));
  const name = `Standen ${year}`;
  let rondeUrl = '';

  beforeAll(async () => {
    web = await startWebSystem();
  }, 240_000);

  afterAll(async () => {
    await web?.close();
  });

  it('lets the programmadirectie open a round through the form and follow who submitted', async () => {
    const { page } = await web.newPage();
    await login(page, { role: 'programmadirectie' });
    await page.getByRole('link', { name: 'Dashboard' }).first().click();
    await page.getByRole('link', { name: 'Uitvraag van de Standen' }).click();
    await page.waitForURL('**/uitvraag');
    await page.getByRole('heading', { level: 1, name: 'Uitvraag van de Standen' }).waitFor();
    await page.getByText('Er is nog geen uitvraag geopend.').waitFor();
    await page.getByRole('checkbox', { name: 'Uitvoeringsinstituut Werknemersverzekeringen (UWV)' }).waitFor();
    await checkPage(page, 'uitvraag-programmadirectie');

    // The API's refusals, next to the fields and in the summary: first no organisations, then a Saturday.
    let saturday = addDays(toLocalDateAmsterdam(new Date()), 20);
    while (kalender.reasonNotWerkdag(saturday) !== 'zaterdag') saturday = addDays(saturday, 1);
    await page.getByLabel('Naam').fill(name);
    await page.getByLabel('Jaar van de Standen').fill(String(year));
    await page.getByLabel('Sluitingsdatum').fill(saturday);
    await page.getByRole('button', { name: 'Uitvraag openen' }).click();
    const summary = page.locator('.kp-error-summary');
    await summary.getByText('Organisaties: moet minstens één organisatie bevatten').waitFor();
    for (const o of [
      'Uitvoeringsinstituut Werknemersverzekeringen (UWV)',
      'Sociale Verzekeringsbank (SVB)',
      'Dienst Uitvoering Onderwijs (DUO)',
    ]) {
      await page.getByRole('checkbox', { name: o }).check();
    }
    await page.getByRole('button', { name: 'Uitvraag openen' }).click();
    await summary.getByText(`Sluitingsdatum: moet een werkdag zijn: ${formatDatumNl(saturday)} valt in het weekend`).waitFor();
    expect(await page.getByLabel('Sluitingsdatum').getAttribute('aria-invalid')).toBe('true');
    await checkPage(page, 'uitvraag-formulier-fouten');

    await page.getByLabel('Sluitingsdatum').fill(closingDate);
    await page.getByRole('button', { name: 'Uitvraag openen' }).click();
    await page.getByRole('status').getByText(`De uitvraag ‘${name}’ is geopend voor 3 organisaties`).waitFor();
    const list = page.getByRole('table', { name: 'Alle uitvraagrondes, nieuwste eerst' });
    await list.waitFor();
    expect((await bodyRows(list))[0]).toEqual([name, String(year), expect.any(String), 'Open', '0 van 3', '—']);

    // UWV submits its Stand for the year through the API; the completeness table shows it with a link.
    const uwv = await web.system.token({ role: 'indiener', organisation: 'UWV' });
    const stand = await web.system.request('POST', '/api/v1/standen', {
      token: uwv,
      body: aStand({ organisation: 'UWV', period: String(year) }, [aKnelpunt()]),
    });
    expect(stand.status).toBe(201);
    await page.getByRole('status').getByRole('link', { name: 'Naar het overzicht' }).click();
    await page.waitForURL('**/uitvraag/*');
    rondeUrl = new URL(page.url()).pathname;
    await page.getByRole('heading', { level: 1, name }).waitFor();
    const table = page.getByRole('table', { name: `Wie heeft een Stand over ${year} ingediend` });
    await table.waitFor();
    const rows = await bodyRows(table);
    expect(rows.map((r) => [r[0], r[1], r[4]])).toEqual([
      ['Dienst Uitvoering Onderwijs (DUO)', 'Nog niet ingediend', 'Geen'],
      ['Sociale Verzekeringsbank (SVB)', 'Nog niet ingediend', 'Geen'],
      ['Uitvoeringsinstituut Werknemersverzekeringen (UWV)', 'Ingediend', 'Geen'],
    ]);
    expect(
      await table.getByRole('link', { name: 'Stand bekijken van Uitvoeringsinstituut Werknemersverzekeringen' }).getAttribute('href'),
    ).toBe(`/openbaar/standen/${stand.body.id}`);
    expect(await page.locator('main').innerText()).toContain('10 werkdagen vóór de sluiting');
    await checkPage(page, 'uitvraagronde-programmadirectie');
    expectNoBrowserProblems(web);
  });

  it('shows an organisation only the rounds it is expected in, with only its own row and a link to the Stand form', async () => {
    const { page } = await web.newPage();
    await login(page, { role: 'indiener', organisation: 'SVB' });
    await page.getByRole('link', { name: 'Uitvraag' }).click();
    await page.waitForURL('**/uitvraag');
    const list = page.getByRole('table', { name: 'Uitvraagrondes waarin uw organisatie wordt gevraagd' });
    await list.waitFor();
    expect((await bodyRows(list)).map((r) => r.slice(0, 5))).toEqual([
      [name, String(year), expect.any(String), 'Open', 'Nog niet ingediend'],
    ]);
    expect(await list.getByRole('link', { name: `Stand ${year} indienen voor ${name}` }).getAttribute('href')).toBe('/standen/nieuw');
    expect(await page.getByRole('button', { name: 'Uitvraag openen' }).count()).toBe(0);
    await checkPage(page, 'uitvraag-organisatie');

    await list.getByRole('link', { name, exact: true }).click();
    await page.waitForURL(`**${rondeUrl}`);
    const table = page.getByRole('table', { name: `Uw Stand over ${year}` });
    await table.waitFor();
    expect((await bodyRows(table)).map((r) => [r[0], r[1], r[3]])).toEqual([
      ['Sociale Verzekeringsbank (SVB)', 'Nog niet ingediend', `Stand ${year} indienen`],
    ]);
    expect(await page.getByRole('button', { name: 'Uitvraag nu sluiten' }).count()).toBe(0);
    await checkPage(page, 'uitvraagronde-organisatie');

    // An organisation that is not expected sees no round.
    const other = await web.newPage();
    await login(other.page, { role: 'indiener', organisation: 'CJIB' });
    await other.page.goto('/uitvraag');
    await other.page.getByText('Uw organisatie wordt op dit moment in geen uitvraag gevraagd.').waitFor();
    expectNoBrowserProblems(web);
  });

  it('lets the programmadirectie close a round early: who has nothing is late, as text', async () => {
    const { page } = await web.newPage();
    await login(page, { role: 'programmadirectie' });
    await page.goto(rondeUrl);
    await page.getByRole('button', { name: 'Uitvraag nu sluiten' }).click();
    const table = page.getByRole('table', { name: `Wie heeft een Stand over ${year} ingediend` });
    await page.getByText('Te laat: niet ingediend vóór de sluiting').first().waitFor();
    expect((await bodyRows(table)).map((r) => r[1])).toEqual([
      'Te laat: niet ingediend vóór de sluiting',
      'Te laat: niet ingediend vóór de sluiting',
      'Ingediend',
    ]);
    expect(await page.getByRole('button', { name: 'Uitvraag nu sluiten' }).count()).toBe(0);
    await checkPage(page, 'uitvraagronde-gesloten');
    expectNoBrowserProblems(web);
  });
});
