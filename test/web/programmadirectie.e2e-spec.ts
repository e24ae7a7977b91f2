/**
 * The programmadirectie, the admin and the notification inbox in the browser (issue 7, walk-through step 4), on the
 * real stack: Standen of three organisations with different themes and decisions taken through the API; the
 * dashboard renders its charts with that data and its tables hold the API's numbers; the deadline-policy editor
 * (a change saved, an invalid value refused next to its field, a policy for one organisation); a gelijkgestelde dag
 * added; the admin changes an organisation and a driehoek; the inbox shows notifications and marking one read
 * lowers the unread count in the header. Every page and form state is checked with axe and photographed.
 */
import type { Locator, Page } from 'playwright-core';
import { eventually } from '../support/test-system';
import { aKnelpunt, aStand } from '../builders';
import { checkPage, expectNoBrowserProblems, login, startWebSystem, type WebSystem } from './support/browser';

interface Created {
  id: string;
  reference: string;
}

/** '2026-Q4' → '4e kwartaal 2026', as the dashboard's table names a quarter. */
function quarterName(at: Date): string {
  const [year, month] = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam', year: 'numeric', month: '2-digit' })
    .format(at)
    .split('-')
    .map(Number) as [number, number];
  return `${Math.ceil(month / 3)}e kwartaal ${year}`;
}

/** The cells (td) of the row whose header cell (th) is exactly `rowHeader`, as text. */
async function rowValues(table: Locator, rowHeader: string): Promise<string[]> {
  const row = table.locator('tbody tr', { has: table.page().locator('th', { hasText: new RegExp(`^${rowHeader}$`) }) });
  await row.waitFor();
  return (await row.locator('td').allInnerTexts()).map((t) => t.trim());
}

/** The link "Meldingen" in the main menu, whose name carries the unread count ("… 4 ongelezen"). */
const inboxLink = (page: Page): Locator => page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: /^Meldingen/ });

describe('programmadirectie, admin and inbox (Chromium)', () => {
  let web: WebSystem;
  let pdToken: string;

  beforeAll(async () => {
    web = await startWebSystem();
    const sys = web.system;
    pdToken = await sys.token({ role: 'programmadirectie' });
    const submit = async (organisation: string, themes: string[]): Promise<Created[]> => {
      const token = await sys.token({ role: 'indiener', organisation });
      const res = await sys.request('POST', '/api/v1/standen', {
        token,
        body: aStand(
          { organisation, title: `Stand van de uitvoering ${organisation} 2025` },
          themes.map((theme) => aKnelpunt({ theme })),
        ),
      });
      expect(res.status).toBe(201);
      const created = res.body.knelpunten as Created[];
      for (const k of created) {
        await eventually(
          async () => (await sys.request('GET', `/api/v1/knelpunten/${k.id}`, { token: pdToken })).body.status === 'bij_driehoek',
          30_000,
          `${k.reference} bij de driehoek`,
        );
      }
      return created;
    };
    const decide = async (driehoek: string, k: Created, body: Record<string, unknown>): Promise<void> => {
      const token = await sys.token({ role: 'driehoek', driehoek });
      const res = await sys.request('POST', `/api/v1/knelpunten/${k.id}/decisions`, { token, body });
      expect({ reference: k.reference, status: res.status }).toEqual({ reference: k.reference, status: 200 });
    };
    const uwv = await submit('UWV', ['ict', 'ict', 'vereenvoudiging']);
    const svb = await submit('SVB', ['schaarste', 'vereenvoudiging']);
    const duo = await submit('DUO', ['gegevensdeling']);
    const targetDate = new Date(Date.now() + 20 * 7 * 86_400_000).toISOString().slice(0, 10);
    await decide('UWV', uwv[0]!, { decision: 'oppakken', owner: 'Directie Uitvoering', targetDate, plan: 'Regels versimpelen' });
    await decide('UWV', uwv[0]!, { decision: 'afronden', outcome: 'opgelost', summary: 'Regeling vereenvoudigd' });
    await decide('UWV', uwv[1]!, { decision: 'informatie_opvragen', question: 'Om hoeveel mensen gaat het?' });
    await decide('SVB', svb[0]!, { decision: 'escaleren_acu', motivation: 'Raakt ook UWV en DUO' });
    await decide('SVB', svb[1]!, { decision: 'afwijzen', outcome: 'geen_knelpunt', motivation: 'Is al opgelost' });
    await decide('DUO', duo[0]!, { decision: 'oppakken', owner: 'Directie Studiefinanciering', targetDate, plan: 'Gegevens koppelen' });
  });

  afterAll(async () => {
    await web?.close();
  });

  it('shows the programmadirectie a dashboard whose charts and tables hold the numbers', async () => {
    const { page } = await web.newPage();
    await login(page, { role: 'programmadirectie' });
    await page.waitForURL('**/dashboard');
    await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();

    // Every chart is an image with a name, drawn as an svg with bars.
    for (const title of [
      'Knelpunten per thema',
      'Knelpunten per organisatie',
      'Knelpunten per status',
      'Hoe lang open knelpunten al in hun status zijn',
      'Besloten en opgelost per kwartaal',
    ]) {
      const chart = page.getByRole('img', { name: new RegExp(`^Staafdiagram: ${title}`) });
      const svg = chart.locator('svg.recharts-surface', { has: page.locator('.recharts-bar-rectangle') });
      await svg.waitFor();
      expect(await svg.locator('.recharts-bar-rectangle path, .recharts-bar-rectangle rect').count()).toBeGreaterThan(0);
    }
    await page.getByText('Er zijn geen verlopen termijnen.').waitFor();

    const table = (caption: string): Locator => page.getByRole('table', { name: caption });
    const theme = table('Knelpunten per thema (aantallen)');
    expect(await rowValues(theme, 'ICT')).toEqual(['2']);
    expect(await rowValues(theme, 'Vereenvoudiging')).toEqual(['2']);
    expect(await rowValues(theme, 'Schaarste')).toEqual(['1']);
    expect(await rowValues(theme, 'Gegevensdeling')).toEqual(['1']);
    expect(await rowValues(theme, 'Totaal')).toEqual(['6']);

    const organisation = table('Knelpunten per organisatie (aantallen)');
    expect(await rowValues(organisation, 'UWV \\(.*\\)')).toEqual(['3']);
    expect(await rowValues(organisation, 'SVB \\(.*\\)')).toEqual(['2']);
    expect(await rowValues(organisation, 'DUO \\(.*\\)')).toEqual(['1']);

    const status = table('Knelpunten per status (aantallen)');
    expect(await rowValues(status, 'Bij de driehoek')).toEqual(['1']);
    expect(await rowValues(status, 'Wacht op informatie')).toEqual(['1']);
    expect(await rowValues(status, 'In aanpak \\(driehoek\\)')).toEqual(['1']);
    expect(await rowValues(status, 'Bij de ACU')).toEqual(['1']);
    expect(await rowValues(status, 'Afgesloten')).toEqual(['2']);

    // Four open knelpunten, each less than 4 weeks in its status (columns: <4, 4–8, 8–13, ≥13 weeks, total).
    const ageing = table('Open knelpunten per status en tijd in die status (aantallen)');
    expect(await rowValues(ageing, 'Bij de ACU')).toEqual(['1', '0', '0', '0', '1']);
    expect(await rowValues(ageing, 'Totaal')).toEqual(['4', '0', '0', '0', '4']);

    // This quarter: decided on UWV 1, SVB 1, SVB 2 and DUO 1 (asking for information is no decision); UWV 1 solved.
    const quarters = table('Besloten en opgeloste knelpunten per kwartaal (aantallen)');
    expect(await rowValues(quarters, quarterName(new Date()))).toEqual(['4', '1', '0']);

    // The tables hold exactly the API's numbers.
    const api = (await web.system.request('GET', '/api/v1/statistieken', { token: pdToken })).body;
    expect(await rowValues(theme, 'Totaal')).toEqual([String(api.total)]);
    await checkPage(page, 'dashboard');
  });

  it('lets the programmadirectie change the deadline policy, with the API’s reason next to a wrong field', async () => {
    const { page } = await web.newPage();
    await login(page, { role: 'programmadirectie' });
    await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Termijnbeleid' }).click();
    const defaults = page.getByRole('table', { name: 'Standaardbeleid voor alle organisaties' });
    expect(await rowValues(defaults, 'Besluit van de driehoek')).toEqual(
      expect.arrayContaining(['8 weken', '10 en 5 werkdagen vooraf en op de dag zelf', 'Na 4 weken']),
    );
    await checkPage(page, 'termijnbeleid');

    await defaults.getByRole('button', { name: 'Wijzigen Besluit van de driehoek standaard' }).click();
    const form = page.locator('form#termijnbeleid');
    await page.getByRole('heading', { name: /Besluit van de driehoek wijzigen/ }).waitFor();
    await checkPage(page, 'termijnbeleid-formulier');

    // 400 from the API: next to the field, tied to it, and in the summary.
    await form.getByLabel('Aantal', { exact: true }).fill('400');
    await form.getByRole('button', { name: 'Termijnbeleid opslaan' }).click();
    const amountError = form.locator('#termijnbeleid-term-amount-fout');
    await amountError.waitFor();
    expect(await amountError.innerText()).toContain('mag hoogstens 366 zijn');
    expect(await form.getByLabel('Aantal', { exact: true }).getAttribute('aria-invalid')).toBe('true');
    expect(await form.getByLabel('Aantal', { exact: true }).getAttribute('aria-describedby')).toContain('termijnbeleid-term-amount-fout');
    await page.getByRole('alert').filter({ hasText: 'Termijn: aantal: mag hoogstens 366 zijn' }).waitFor();
    await checkPage(page, 'termijnbeleid-fout');

    // A valid change, with the automatic escalation to the ACU switched off.
    await form.getByLabel('Aantal', { exact: true }).fill('9');
    await form.getByLabel('Automatisch op de ACU-agenda als het besluit te lang uitblijft').uncheck();
    await form.getByRole('button', { name: 'Termijnbeleid opslaan' }).click();
    await page.getByRole('status').filter({ hasText: 'Termijnbeleid opgeslagen: Besluit van de driehoek' }).waitFor();
    await eventually(async () => (await rowValues(defaults, 'Besluit van de driehoek')).includes('9 weken'), 10_000, 'de nieuwe termijn');
    expect(await rowValues(defaults, 'Besluit van de driehoek')).toContain('Uit');
    const stored = (await web.system.request('GET', '/api/v1/deadline-policies?kind=driehoek_besluit', { token: pdToken })).body.items;
    expect(stored.find((p: { organisation: string | null }) => p.organisation === null)).toMatchObject({
      term: { amount: 9, unit: 'weken' },
      acuAfterOverdueWeeks: null,
    });
    await checkPage(page, 'termijnbeleid-opgeslagen');

    // A policy for one organisation, starting from the default of that kind.
    await page.getByRole('button', { name: 'Afwijkend beleid voor een organisatie vastleggen' }).click();
    await form.getByLabel('Organisatie').selectOption('UWV');
    await form.getByLabel('Termijnsoort').selectOption('informatie');
    expect(await form.getByLabel('Aantal', { exact: true }).inputValue()).toBe('10');
    await form.getByLabel('Aantal', { exact: true }).fill('15');
    await checkPage(page, 'termijnbeleid-organisatie');
    await form.getByRole('button', { name: 'Termijnbeleid opslaan' }).click();
    const perOrganisation = page.getByRole('table', { name: 'Beleid dat voor een organisatie afwijkt van de standaard' });
    expect(await rowValues(perOrganisation, 'Antwoord op informatieverzoek')).toEqual(expect.arrayContaining(['UWV', '15 werkdagen']));
  });

  it('shows the other roles the deadline policy read-only', async () => {
    const { page } = await web.newPage();
    await login(page, { role: 'driehoek', driehoek: 'UWV' });
    await page.goto('/termijnbeleid');
    await page.getByRole('table', { name: 'Standaardbeleid voor alle organisaties' }).waitFor();
    await page.getByText('Alleen de programmadirectie kan het termijnbeleid wijzigen').waitFor();
    expect(await page.getByRole('button', { name: /Wijzigen/ }).count()).toBe(0);
    await checkPage(page, 'termijnbeleid-alleen-lezen');
  });

  it('adds a gelijkgestelde dag, and shows the API’s refusal of a weekend day next to the date', async () => {
    const { page } = await web.newPage();
    await login(page, { role: 'programmadirectie' });
    await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Gelijkgestelde dagen' }).click();
    const list = page.getByRole('table', { name: 'Gelijkgestelde dagen, op datum' });
    await list.getByText('15 mei 2026').waitFor();
    await checkPage(page, 'gelijkgestelde-dagen');

    const form = page.locator('form#gelijkgestelde-dag');
    await form.getByLabel('Datum').fill('2029-05-12');
    await form.getByRole('button', { name: 'Dag toevoegen' }).click();
    const dateError = form.locator('#gelijkgestelde-dag-date-fout');
    await dateError.waitFor();
    expect(await dateError.innerText()).toContain('valt in het weekend');
    await checkPage(page, 'gelijkgestelde-dagen-fout');

    await form.getByLabel('Datum').fill('2029-05-11');
    await form.getByLabel(/Omschrijving/).fill('Vrijdag na Hemelvaartsdag (besluit 2029)');
    await form.getByRole('button', { name: 'Dag toevoegen' }).click();
    await page.getByRole('status').filter({ hasText: 'vrijdag 11 mei 2029 is toegevoegd' }).waitFor();
    expect(await rowValues(list, 'vrijdag 11 mei 2029')).toEqual([
      expect.stringContaining('Vrijdag na Hemelvaartsdag'),
      expect.any(String),
    ]);
    await checkPage(page, 'gelijkgestelde-dagen-toegevoegd');
  });

  it('lets the admin change an organisation and a driehoek', async () => {
    const { page } = await web.newPage();
    await login(page, { role: 'admin' });
    await page.waitForURL('**/beheer');
    const organisations = page.getByRole('table', { name: /^Organisaties/ });
    await organisations.getByRole('button', { name: 'Wijzigen UWV' }).waitFor();
    await checkPage(page, 'beheer-organisaties');

    await organisations.getByRole('button', { name: 'Wijzigen UWV' }).click();
    const orgForm = page.locator('form#organisatie');
    await orgForm.getByLabel('Naam').fill('');
    await orgForm.getByRole('button', { name: 'Wijzigingen opslaan' }).click();
    await orgForm.locator('#organisatie-name-fout').waitFor();
    expect(await orgForm.locator('#organisatie-name-fout').innerText()).toContain('is verplicht');
    await checkPage(page, 'beheer-organisatie-fout');
    await orgForm.getByLabel('Naam').fill('Uitvoeringsinstituut Werknemersverzekeringen (UWV)');
    await orgForm.getByRole('button', { name: 'Wijzigingen opslaan' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: 'Organisatie UWV (Uitvoeringsinstituut Werknemersverzekeringen (UWV)) is opgeslagen' })
      .waitFor();
    expect(await rowValues(organisations, 'UWV')).toContain('Uitvoeringsinstituut Werknemersverzekeringen (UWV)');

    await page.getByRole('navigation', { name: 'Onderdelen van de referentiegegevens' }).getByRole('link', { name: 'Ministeries' }).click();
    await page
      .getByRole('table', { name: /^Ministeries/ })
      .getByRole('button', { name: 'Wijzigen SZW' })
      .waitFor();
    await checkPage(page, 'beheer-ministeries');

    await page.getByRole('navigation', { name: 'Onderdelen van de referentiegegevens' }).getByRole('link', { name: 'Driehoeken' }).click();
    const driehoeken = page.getByRole('table', { name: 'Driehoeken per organisatie (opdrachtnemer)' });
    await driehoeken.getByRole('button', { name: 'Wijzigen driehoek UWV' }).click();
    const dhForm = page.locator('form#driehoek');
    await dhForm.getByLabel('Eigenaar').waitFor();
    await checkPage(page, 'beheer-driehoek-formulier');
    // No opdrachtgever at all: refused by the API, next to the group.
    const group = dhForm.getByRole('group', { name: 'Opdrachtgevers' });
    for (const box of await group.getByRole('checkbox', { checked: true }).all()) await box.uncheck();
    await dhForm.getByRole('button', { name: 'Driehoek opslaan' }).click();
    await dhForm.locator('#driehoek-opdrachtgevers-fout').waitFor();
    expect(await dhForm.locator('#driehoek-opdrachtgevers-fout').innerText()).toContain('minstens één opdrachtgever');
    await checkPage(page, 'beheer-driehoek-fout');

    await dhForm.getByLabel('Eigenaar').selectOption('SZW');
    await group.getByRole('checkbox', { name: /^SZW/ }).check();
    await group.getByRole('checkbox', { name: /^VWS/ }).check();
    await dhForm.getByRole('button', { name: 'Driehoek opslaan' }).click();
    await page.getByRole('status').filter({ hasText: 'Driehoek UWV is opgeslagen' }).waitFor();
    await eventually(async () => (await rowValues(driehoeken, 'UWV \\(.*\\)'))[1] === 'SZW, VWS', 10_000, 'de nieuwe opdrachtgevers');
    const stored = (await web.system.request('GET', '/api/v1/driehoeken')).body.items.find((d: { code: string }) => d.code === 'UWV');
    expect(stored).toMatchObject({ eigenaar: 'SZW', opdrachtgevers: ['SZW', 'VWS'] });
    await checkPage(page, 'beheer-driehoeken');
  });

  it('shows the inbox with its unread count, and marking one read lowers the count in the header', async () => {
    const { page } = await web.newPage();
    await login(page, { role: 'indiener', organisation: 'UWV' });
    const token = await web.system.token({ role: 'indiener', organisation: 'UWV' });
    const { unreadCount } = (await web.system.request('GET', '/api/v1/notifications?limit=1', { token })).body;
    // The acknowledgements of three knelpunten and the closing of one.
    expect(unreadCount).toBeGreaterThanOrEqual(4);
    await eventually(async () => ((await inboxLink(page).textContent()) ?? '').includes(`${unreadCount} ongelezen`), 10_000, 'het aantal');

    await inboxLink(page).click();
    await page.getByRole('heading', { level: 1, name: 'Meldingen' }).waitFor();
    const inbox = page.getByRole('table', { name: 'Meldingen, nieuwste eerst' });
    await inbox.locator('tbody tr').first().waitFor();
    expect(await inbox.locator('tbody tr').count()).toBe(unreadCount);
    expect(await inbox.getByRole('link', { name: /^UWV-\d+$/ }).count()).toBe(unreadCount);
    await page.getByText(`${unreadCount} meldingen zijn ongelezen.`).waitFor();
    await checkPage(page, 'meldingen');

    await inbox
      .getByRole('button', { name: /^Markeer als gelezen/ })
      .first()
      .click();
    await page.getByText(`${unreadCount - 1} meldingen zijn ongelezen.`).waitFor();
    await eventually(
      async () => ((await inboxLink(page).textContent()) ?? '').includes(`${unreadCount - 1} ongelezen`),
      10_000,
      'één minder',
    );
    expect(await inbox.getByText('Gelezen', { exact: true }).count()).toBe(1);
    await checkPage(page, 'meldingen-gelezen');

    await page.getByRole('navigation', { name: 'Meldingen filteren' }).getByRole('link', { name: 'Ongelezen' }).click();
    const unread = page.getByRole('table', { name: 'Ongelezen meldingen, nieuwste eerst' });
    await unread.waitFor();
    expect(await unread.locator('tbody tr').count()).toBe(unreadCount - 1);
    await checkPage(page, 'meldingen-ongelezen');

    // A knelpunt is one click away, by its reference.
    const link = unread.getByRole('link', { name: /^UWV-\d+$/ }).first();
    const reference = (await link.innerText()).trim();
    await link.click();
    await page.waitForURL(`**/knelpunten/${reference}`);
  });

  it('shows an empty inbox as such', async () => {
    const { page } = await web.newPage();
    await login(page, { role: 'programmadirectie' });
    await page.goto('/meldingen');
    await page.getByText('U hebt nog geen meldingen.').waitFor();
    await checkPage(page, 'meldingen-leeg');
  });

  it('saw no page errors, CSP violations or 5xx answers', () => {
    expectNoBrowserProblems(web);
  });
});
