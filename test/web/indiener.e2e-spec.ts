/**
 * The indiener (an uitvoeringsorganisatie) in the browser, on the real stack: a Stand through the form
 * (with the API's refusal shown next to the field first), a CSV whose preview shows the row errors
 * before anything is stored, its own knelpunten with status and next deadline; and the public pages
 * and the werkdagen calculator without login. axe on every page and form state.
 */
import { DataSource } from 'typeorm';
import type { Page } from 'playwright-core';
import { eventually } from '../support/test-system';
import { checkPage, expectNoBrowserProblems, login, startWebSystem, type WebSystem } from './support/browser';

const STAND_TITLE = 'Stand van de uitvoering UWV 2026 (e2e)';
const CSV_TITLE = 'Knelpuntenbrief UWV 2026-H1 (e2e)';

describe('indiener and public pages (Chromium)', () => {
  let web: WebSystem;
  let page: Page;
  let token: string;

  beforeAll(async () => {
    web = await startWebSystem();
    token = await web.system.token({ role: 'indiener', organisation: 'UWV' });
    ({ page } = await web.newPage());
  });

  afterAll(async () => {
    await web?.close();
  });

  const knelpunt = (n: number) => page.getByRole('group', { name: new RegExp(`^Knelpunt ${n}\\b`) });
  const standenOfUwv = async (): Promise<{ title: string; id: string }[]> =>
    (await web.system.request('GET', '/api/v1/standen?organisation=UWV&limit=100')).body.items;
  const knelpuntCount = async (): Promise<number> =>
    (await web.system.request('GET', '/api/v1/knelpunten?limit=100', { token })).body.items.length;

  it('(a) submits a Stand with two knelpunten through the form, the API’s refusal shown at the field first', async () => {
    await login(page, { role: 'indiener', organisation: 'UWV' });
    await page.waitForURL('**/mijn-knelpunten');
    await page.getByRole('navigation').getByRole('link', { name: 'Stand indienen' }).click();
    await page.getByRole('heading', { level: 1, name: 'Stand indienen' }).waitFor();
    // The organisation is the indiener's own, shown and not editable.
    const organisation = page.getByLabel('Organisatie');
    expect(await organisation.inputValue()).toBe('UWV');
    expect(await organisation.getAttribute('readonly')).not.toBeNull();
    await checkPage(page, 'indiener-stand-leeg');

    await page.getByLabel('Periode').fill('2026');
    await page.getByLabel('Titel van de Stand').fill(STAND_TITLE);
    await page.getByLabel('Publicatiedatum').fill('2026-01-15');
    await page.getByLabel('Vindplaats (URL)').fill('https://www.uwv.nl/stand-van-de-uitvoering-2026');
    await knelpunt(1).getByLabel('Titel', { exact: true }).fill('Complexe regels in de WIA');
    await knelpunt(1).getByLabel('Beschrijving').fill('De WIA is voor burgers niet te begrijpen; bezwaren stapelen zich op.');
    await knelpunt(1).getByLabel('Thema').selectOption('vereenvoudiging');
    await knelpunt(1).getByLabel('Wet of regeling').fill('Wet WIA');
    await knelpunt(1).getByLabel('Verantwoordelijk ministerie').selectOption('SZW');
    await page.getByRole('button', { name: 'Knelpunt toevoegen' }).click();
    // The second knelpunt without a title: the API refuses it, not the browser.
    await knelpunt(2).getByLabel('Beschrijving').fill('Het kernsysteem voor uitkeringen is meer dan dertig jaar oud.');
    await knelpunt(2).getByLabel('Thema').selectOption('ict');
    await knelpunt(2).getByLabel('Eigen kenmerk').fill('UWV-ICT-7');
    await checkPage(page, 'indiener-stand-ingevuld');

    await page.getByRole('button', { name: 'Stand indienen' }).click();
    const summary = page.getByRole('alert').filter({ hasText: 'Er is iets niet goed ingevuld' });
    await summary.waitFor();
    expect(await summary.textContent()).toContain('Knelpunt 2: Titel: is verplicht en mag niet leeg zijn');
    const title2 = knelpunt(2).getByLabel('Titel', { exact: true });
    expect(await title2.getAttribute('aria-invalid')).toBe('true');
    const describedBy = (await title2.getAttribute('aria-describedby')) ?? '';
    const message = page.locator(`[id="${describedBy.split(' ').find((id) => id.endsWith('-fout'))}"]`);
    expect(await message.textContent()).toContain('is verplicht en mag niet leeg zijn');
    // Knelpunt 1 is fine and is not marked.
    expect(await knelpunt(1).getByLabel('Titel', { exact: true }).getAttribute('aria-invalid')).toBeNull();
    // The summary's link moves focus to the field.
    await summary.getByRole('link', { name: /Knelpunt 2: Titel/ }).click();
    expect(await page.evaluate('document.activeElement && document.activeElement.id')).toBe(await title2.getAttribute('id'));
    await checkPage(page, 'indiener-stand-fouten');
    expect((await standenOfUwv()).map((s) => s.title)).not.toContain(STAND_TITLE);

    await title2.fill('Verouderde ICT bij uitkeringen');
    await page.getByRole('button', { name: 'Stand indienen' }).click();
    await page.getByRole('heading', { level: 1, name: 'Stand ingediend' }).waitFor();
    const rows = page.getByRole('table', { name: 'Knelpunten van deze Stand' }).getByRole('row');
    expect(await rows.count()).toBe(3);
    const links = page.getByRole('table').getByRole('link', { name: /^UWV-\d{5}$/ });
    expect(await links.count()).toBe(2);
    const reference = (await links.first().textContent()) ?? '';
    expect(await links.first().getAttribute('href')).toBe(`/knelpunten/${reference}`);
    expect(await page.getByRole('table').textContent()).toContain('Ingediend');
    expect(await page.getByRole('table').textContent()).toContain('Verouderde ICT bij uitkeringen');
    await checkPage(page, 'indiener-stand-resultaat');
    expect((await standenOfUwv()).map((s) => s.title)).toContain(STAND_TITLE);
  });

  it('(b) imports a CSV: the preview shows the row errors first and nothing is stored until confirmed', async () => {
    await page.getByRole('navigation').getByRole('link', { name: 'CSV importeren' }).click();
    await page.getByRole('heading', { level: 1, name: 'Stand importeren uit CSV' }).waitFor();
    await checkPage(page, 'indiener-csv-leeg');
    const before = await knelpuntCount();

    const bad = [
      'title,description,theme,law',
      'Tekort aan verzekeringsartsen,Wachttijden voor een WIA-keuring lopen op,schaarste,Wet WIA',
      'Gegevens niet delen,Gemeenten krijgen geen inkomensgegevens,privacy,',
      ',Een rij zonder titel,overig,',
    ].join('\n');
    await page.getByLabel('CSV-bestand').setInputFiles({ name: 'knelpunten.csv', mimeType: 'text/csv', buffer: Buffer.from(bad) });
    // The file's text lands in the CSV box, where the user can still correct it.
    await eventually(
      async () => ((await page.getByLabel('CSV', { exact: true }).inputValue()) === bad ? true : null),
      10_000,
      'the file read into the CSV box',
    );

    // The Stand's own fields first: the period is missing.
    await page.getByLabel('Titel van de Stand').fill(CSV_TITLE);
    await page.getByRole('button', { name: 'Controleren' }).click();
    const formSummary = page.getByRole('alert').filter({ hasText: 'Er is iets niet goed ingevuld' });
    await formSummary.waitFor();
    expect(await formSummary.textContent()).toContain('Periode');
    expect(await page.getByLabel('Periode').getAttribute('aria-invalid')).toBe('true');
    await checkPage(page, 'indiener-csv-fouten-stand');

    await page.getByLabel('Periode').fill('2026-H1');
    await page.getByRole('button', { name: 'Controleren' }).click();
    const preview = page.getByRole('table', { name: /Rijen van de CSV/ });
    await preview.waitFor();
    expect(await preview.getByRole('row').count()).toBe(4);
    const row3 = preview.getByRole('row').filter({ has: page.getByRole('rowheader', { name: '3', exact: true }) });
    expect(await row3.textContent()).toContain("Fout: moet een van de volgende thema's zijn");
    const row4 = preview.getByRole('row').filter({ has: page.getByRole('rowheader', { name: '4', exact: true }) });
    expect(await row4.textContent()).toContain('Fout: is verplicht en mag niet leeg zijn');
    const row2 = preview.getByRole('row').filter({ has: page.getByRole('rowheader', { name: '2', exact: true }) });
    expect(await row2.textContent()).toContain('In orde');
    const findings = page.getByRole('alert').filter({ hasText: 'De CSV bevat 2 fouten' });
    expect(await findings.textContent()).toContain('Rij 3, Thema');
    expect(await findings.textContent()).toContain('Rij 4, Titel');
    expect(await page.getByRole('button', { name: 'Import bevestigen' }).count()).toBe(0);
    await checkPage(page, 'indiener-csv-voorbeeld-fouten');
    // Nothing stored.
    expect((await standenOfUwv()).map((s) => s.title)).not.toContain(CSV_TITLE);
    expect(await knelpuntCount()).toBe(before);

    const good = [
      'title,description,theme,law',
      'Tekort aan verzekeringsartsen,Wachttijden voor een WIA-keuring lopen op,schaarste,Wet WIA',
      'Gegevens niet delen,Gemeenten krijgen geen inkomensgegevens,gegevensdeling,',
      'Hardheid bij terugvordering,Kleine fouten leiden tot grote terugvorderingen,wetgeving,WW',
    ].join('\n');
    await page.getByLabel('CSV', { exact: true }).fill(good);
    // The old preview is gone as soon as the CSV changes.
    expect(await preview.count()).toBe(0);
    await page.getByRole('button', { name: 'Controleren' }).click();
    await page.getByText('Alle rijen zijn in orde. Er is nog niets opgeslagen.').waitFor();
    await checkPage(page, 'indiener-csv-voorbeeld-goed');
    expect(await knelpuntCount()).toBe(before);

    await page.getByRole('button', { name: 'Import bevestigen' }).click();
    await page.getByRole('heading', { level: 1, name: 'Stand geïmporteerd' }).waitFor();
    expect(
      await page
        .getByRole('table')
        .getByRole('link', { name: /^UWV-\d{5}$/ })
        .count(),
    ).toBe(3);
    await checkPage(page, 'indiener-csv-resultaat');
    const stored = (await standenOfUwv()).find((s) => s.title === CSV_TITLE);
    expect(stored).toBeDefined();
    const stand = await web.system.request('GET', `/api/v1/standen/${stored!.id}`);
    expect(stand.body.knelpunten.map((k: { title: string }) => k.title)).toEqual([
      'Tekort aan verzekeringsartsen',
      'Gegevens niet delen',
      'Hardheid bij terugvordering',
    ]);
  });

  it('(c) lists its own knelpunten with status, next deadline and overdue marking, with filters', async () => {
    // The workflows take the knelpunten to the driehoek and plan the decision deadline.
    await eventually(
      async () => {
        const res = await web.system.request('GET', '/api/v1/knelpunten?limit=100', { token });
        const items = res.body.items as { status: string; nextDueAt: string | null }[];
        return items.length === 5 && items.every((k) => k.status === 'bij_driehoek' && k.nextDueAt) ? items : null;
      },
      60_000,
      'five knelpunten bij de driehoek with a deadline',
    );
    // One of them overdue (as the deadline timer would mark it), to see the marking.
    const ds = web.system.api.get(DataSource);
    await ds.query(`UPDATE knelpunten SET overdue = true WHERE title = 'Complexe regels in de WIA'`);

    await page.getByRole('navigation').getByRole('link', { name: 'Mijn knelpunten' }).click();
    await page.getByRole('heading', { level: 1, name: 'Mijn knelpunten' }).waitFor();
    const table = page.getByRole('table', { name: /Knelpunten van UWV/ });
    await table.waitFor();
    expect(await table.getByRole('row').count()).toBe(6);
    const text = (await table.textContent()) ?? '';
    expect(text).toContain('Bij de driehoek');
    expect(text).toMatch(/\d{1,2} (januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december) \d{4}/);
    const overdueRow = table.getByRole('row').filter({ hasText: 'Complexe regels in de WIA' });
    expect(await overdueRow.textContent()).toContain('Termijn verstreken');
    const link = overdueRow.getByRole('link');
    expect(await link.getAttribute('href')).toMatch(/^\/knelpunten\/UWV-\d{5}$/);
    await checkPage(page, 'indiener-mijn-knelpunten');

    await page.getByLabel('Thema').selectOption('ict');
    await page.getByRole('button', { name: 'Filteren' }).click();
    await page.waitForURL('**/mijn-knelpunten?theme=ict');
    await eventually(async () => ((await table.getByRole('row').count()) === 2 ? true : null), 10_000, 'one ICT knelpunt');
    expect(await table.textContent()).toContain('Verouderde ICT bij uitkeringen');

    await page.getByRole('button', { name: 'Filters wissen' }).click();
    await page.getByLabel('Termijn').selectOption('true');
    await page.getByRole('button', { name: 'Filteren' }).click();
    await eventually(async () => ((await table.getByRole('row').count()) === 2 ? true : null), 10_000, 'one overdue knelpunt');
    expect(await table.textContent()).toContain('Complexe regels in de WIA');

    await page.getByRole('button', { name: 'Filters wissen' }).click();
    await page.getByLabel('Zoeken').fill('zzz-bestaat-niet');
    await page.getByRole('button', { name: 'Filteren' }).click();
    await page.getByText('Er zijn (nog) geen knelpunten die aan deze zoekopdracht voldoen.').waitFor();
    await checkPage(page, 'indiener-mijn-knelpunten-leeg');
  });

  it('(d) shows the published Standen and the werkdagen calculator without login', async () => {
    const { page: anon } = await web.newPage();
    await anon.goto('/openbaar');
    await anon.getByRole('heading', { level: 1, name: 'Gepubliceerde Standen van de Uitvoering' }).waitFor();
    const standen = anon.getByRole('table', { name: /Gepubliceerde Standen/ });
    await standen.waitFor();
    expect(await standen.textContent()).toContain(STAND_TITLE);
    expect(await standen.textContent()).toContain(CSV_TITLE);
    expect(await anon.getByRole('button', { name: 'Uitloggen' }).count()).toBe(0);
    await checkPage(anon, 'openbaar-standen');

    await anon.getByRole('link', { name: STAND_TITLE }).click();
    await anon.getByRole('heading', { level: 1, name: STAND_TITLE }).waitFor();
    const knelpunten = anon.getByRole('table', { name: /Knelpunten van/ });
    const text = (await knelpunten.textContent()) ?? '';
    expect(text).toContain('Complexe regels in de WIA');
    expect(text).toContain('Verouderde ICT bij uitkeringen');
    expect(text).toContain('Bij de driehoek');
    // The public sees no names of people and no links behind the login.
    expect(await knelpunten.getByRole('link').count()).toBe(0);
    await checkPage(anon, 'openbaar-stand');

    await anon.goto('/werkdagen');
    await anon.getByRole('heading', { level: 1, name: 'Termijnen berekenen in werkdagen' }).waitFor();
    await checkPage(anon, 'werkdagen-leeg');
    // Start on Monday 4 May 2026, one day: 5 mei is a feestdag, so the end moves to Wednesday 6 May.
    await anon.getByLabel('Startdatum').fill('2026-05-04');
    await anon.getByLabel('Lengte van de termijn').fill('1');
    await anon.getByLabel('Eenheid').selectOption('dagen');
    await anon.getByRole('button', { name: 'Berekenen' }).click();
    const outcome = anon.getByTestId('termijn-uitkomst');
    await outcome.waitFor();
    expect(await outcome.getByRole('heading').first().textContent()).toBe('Uiterste datum: woensdag 6 mei 2026');
    expect(await outcome.textContent()).toContain('dinsdag 5 mei 2026');
    await checkPage(anon, 'werkdagen-uitkomst');

    // A refusal of the API shown at the field.
    await anon.getByLabel('Lengte van de termijn').fill('');
    await anon.getByRole('button', { name: 'Berekenen' }).click();
    await anon.getByRole('alert').filter({ hasText: 'Er is iets niet goed ingevuld' }).waitFor();
    expect(await anon.getByLabel('Lengte van de termijn').getAttribute('aria-invalid')).toBe('true');
    await checkPage(anon, 'werkdagen-fouten');

    await anon.getByLabel('Jaar').fill('2027');
    await anon.getByRole('button', { name: 'Feestdagen tonen' }).click();
    const feestdagen = anon.getByRole('table', { name: 'Feestdagen in 2027' });
    await feestdagen.waitFor();
    const days = (await feestdagen.textContent()) ?? '';
    expect(days).toContain('Koningsdag');
    expect(days).toContain('7 mei 2027');
    expect(days).toContain('Gelijkgesteld bij besluit');
    await checkPage(anon, 'werkdagen-feestdagen');
  });

  it('saw no page errors, CSP violations or 5xx answers', () => {
    expectNoBrowserProblems(web);
  });
});
