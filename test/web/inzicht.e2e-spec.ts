/**
 * Issue 9, pages: the public register of knelpunten (/openbaar/knelpunten, no login) and the quarterly progress
 * report (/rapportages/voortgang, programmadirectie and ACU), in Chromium on the real stack. Data goes in through the
 * API; every number the report page shows is compared with the API's JSON.
 */
import type { Locator, Page } from 'playwright-core';
import { eventually } from '../support/test-system';
import { aKnelpunt, aStand } from '../builders';
import { checkPage, expectNoBrowserProblems, login, startWebSystem, type WebSystem } from './support/browser';
import { kwartaalOf } from '../../libs/knelpunten/src/use-cases/get-voortgangsrapportage/get-voortgangsrapportage.use-case';

/** A person's name in an internal motivation: never on the public page. */
const PERSON = 'Jantje Pietersen-Verhoeven';
const MOTIVATION = `Vertrouwelijk: ${PERSON} ziet geen oplossing binnen de eigen keten`;
const REGISTER_TABLE = /^Knelpunten uit gepubliceerde Standen/;

interface KeyCount {
  key: string;
  count: number;
}

/** The cells' texts of every body row of a table. */
async function bodyRows(table: Locator): Promise<string[][]> {
  const rows = await table.locator('tbody tr').all();
  return Promise.all(rows.map(async (r) => (await r.locator('th, td').allInnerTexts()).map((t) => t.trim())));
}

describe('inzicht: public register and quarterly report (Chromium)', () => {
  let web: WebSystem;
  let pd: string;
  const kwartaal = kwartaalOf(new Date());

  async function submit(organisation: string, knelpunten: ReturnType<typeof aKnelpunt>[]): Promise<string[]> {
    const token = await web.system.token({ role: 'indiener', organisation });
    const res = await web.system.request('POST', '/api/v1/standen', { token, body: aStand({ organisation }, knelpunten) });
    expect(res.status).toBe(201);
    const ids = (res.body.knelpunten as { id: string }[]).map((k) => k.id);
    for (const id of ids) {
      await eventually(
        async () => (await web.system.request('GET', `/api/v1/knelpunten/${id}`, { token: pd })).body.status === 'bij_driehoek',
        30_000,
        'bij_driehoek',
      );
    }
    return ids;
  }

  async function decide(token: string, id: string, body: Record<string, unknown>, status: string): Promise<void> {
    const res = await web.system.request('POST', `/api/v1/knelpunten/${id}/decisions`, { token, body });
    expect({ status: res.status, to: res.body.status }).toEqual({ status: 200, to: status });
  }

  beforeAll(async () => {
    web = await startWebSystem();
    pd = await web.system.token({ role: 'programmadirectie' });
    const uwv = await submit('UWV', [
      aKnelpunt({ title: 'Peildatumprobleem bij de WIA-uitkering', theme: 'vereenvoudiging' }),
      aKnelpunt({ title: 'Verouderde ICT bij uitkeringen', theme: 'ict' }),
      aKnelpunt({ title: 'Tekort aan verzekeringsartsen', theme: 'schaarste' }),
    ]);
    const svb = await submit('SVB', [
      aKnelpunt({ title: 'Gegevens uit de BRP komen te laat', theme: 'gegevensdeling' }),
      aKnelpunt({ title: 'Verouderde ICT voor de AOW', theme: 'ict' }),
    ]);
    const driehoekUwv = await web.system.token({ role: 'driehoek', driehoek: 'UWV' });
    const driehoekSvb = await web.system.token({ role: 'driehoek', driehoek: 'SVB' });
    const targetDate = new Date(Date.now() + 140 * 86_400_000).toISOString().slice(0, 10);
    await decide(
      driehoekUwv,
      uwv[2]!,
      { decision: 'oppakken', owner: 'Directie Uitvoering', plan: 'Werving', targetDate },
      'in_aanpak_driehoek',
    );
    await decide(driehoekUwv, uwv[2]!, { decision: 'afronden', outcome: 'opgelost', summary: 'Afgerond' }, 'afgesloten');
    await decide(driehoekSvb, svb[0]!, { decision: 'escaleren_acu', motivation: MOTIVATION }, 'bij_acu');
    // The motivation really is in the system, so its absence on the public page means something.
    const internal = await web.system.request('GET', `/api/v1/knelpunten/${svb[0]}`, { token: pd });
    expect(JSON.stringify(internal.body)).toContain(PERSON);
  }, 240_000);

  afterAll(async () => {
    await web?.close();
  });

  it('shows the public register without login: filters change the rows, the open data downloads, nothing personal', async () => {
    const { page } = await web.newPage();
    await page.goto('/inloggen');
    await page.getByRole('link', { name: 'openbaar register van knelpunten' }).click();
    await page.waitForURL('**/openbaar/knelpunten');
    await page.getByRole('heading', { level: 1, name: 'Openbaar register van knelpunten' }).waitFor();
    expect(await page.getByRole('button', { name: 'Uitloggen' }).count()).toBe(0);

    const table = page.getByRole('table', { name: REGISTER_TABLE });
    await table.waitFor();
    const all = await bodyRows(table);
    expect(all).toHaveLength(5);
    const closed = all.find((r) => r[0]!.startsWith('Tekort aan verzekeringsartsen'))!;
    expect(closed.slice(1, 4)).toEqual(['UWV', 'Schaarste', 'Afgesloten\nUitkomst: Opgelost']);
    const escalated = all.find((r) => r[0]!.startsWith('Gegevens uit de BRP komen te laat'))!;
    expect(escalated.slice(1, 4)).toEqual(['SVB', 'Gegevensdeling', 'Bij de ACU']);
    const body = (await page.locator('main').innerText()) ?? '';
    expect(body).not.toContain(PERSON);
    expect(body).not.toContain('Pietersen');
    // The internal description (the builder's default) is not public either.
    expect(body).not.toContain(aKnelpunt().description);
    expect(closed[0]!.split('\n')[0]).toBe('Tekort aan verzekeringsartsen');
    expect(body).toContain('Wat is openbaar?');
    await checkPage(page, 'inzicht-register');

    // Organisation filter: only SVB.
    await page.getByLabel('Organisatie').selectOption('SVB');
    await page.getByRole('button', { name: 'Tonen' }).click();
    await page.waitForURL('**/openbaar/knelpunten?organisatie=SVB');
    await eventually(async () => ((await bodyRows(table)).length === 2 ? true : null), 10_000, 'two SVB rows');
    expect((await bodyRows(table)).map((r) => r[1])).toEqual(['SVB', 'SVB']);

    // Theme and search together: the SVB ICT knelpunt only.
    await page.getByLabel('Thema').selectOption('ict');
    await page.getByLabel('Zoeken in de titel').fill('AOW');
    await page.getByRole('button', { name: 'Tonen' }).click();
    await eventually(async () => ((await bodyRows(table)).length === 1 ? true : null), 10_000, 'one row');
    expect((await bodyRows(table))[0]![0]).toContain('Verouderde ICT voor de AOW');

    // The open-data links carry the same filters and answer without login.
    const csv = await page.getByRole('link', { name: 'CSV-bestand' }).getAttribute('href');
    const json = await page.getByRole('link', { name: 'JSON-bestand' }).getAttribute('href');
    expect(csv).toBe('/api/v1/openbaar/knelpunten/export?organisation=SVB&theme=ict&q=AOW&format=csv');
    expect(json).toBe('/api/v1/openbaar/knelpunten/export?organisation=SVB&theme=ict&q=AOW&format=json');
    const csvAnswer = await page.request.get(`${web.baseUrl}${csv}`);
    expect(csvAnswer.status()).toBe(200);
    expect(csvAnswer.headers()['content-type']).toContain('text/csv');
    expect(await csvAnswer.text()).toContain('Verouderde ICT voor de AOW');
    const jsonAnswer = await page.request.get(`${web.baseUrl}${json}`);
    expect(jsonAnswer.status()).toBe(200);
    expect(((await jsonAnswer.json()) as { items: unknown[] }).items).toHaveLength(1);

    // Status filter alone: the closed knelpunt.
    await page.goto('/openbaar/knelpunten?status=afgesloten');
    await eventually(async () => ((await bodyRows(table)).length === 1 ? true : null), 10_000, 'one closed row');
    expect((await bodyRows(table))[0]![0]).toContain('Tekort aan verzekeringsartsen');
    await page.goto('/openbaar/knelpunten?zoek=bestaat-niet');
    await page.getByText('Er zijn geen knelpunten die aan deze filters voldoen.').waitFor();
    await checkPage(page, 'inzicht-register-leeg');
    expectNoBrowserProblems(web);
  });

  async function expectDimension(page: Page, title: string, report: any, dim: string, labelOf: (key: string) => string) {
    const table = page.getByRole('table', { name: `${title}: ingediend in het kwartaal en cumulatief (aantallen)` });
    const rows = await bodyRows(table);
    const cumulative = report.cumulative[dim] as KeyCount[];
    const quarter = new Map((report.quarter[dim] as KeyCount[]).map((c) => [c.key, c.count]));
    expect(cumulative.length).toBeGreaterThan(0);
    for (const c of cumulative) {
      expect(rows).toContainEqual([labelOf(c.key), String(quarter.get(c.key) ?? 0), String(c.count)]);
    }
    expect(rows[rows.length - 1]).toEqual(['Totaal', String(report.quarter.total), String(report.cumulative.total)]);
  }

  it('shows the quarterly report to the programmadirectie with the API numbers and working downloads', async () => {
    const { page } = await web.newPage();
    await login(page, { role: 'programmadirectie' });
    await page.goto('/dashboard');
    await page.getByRole('link', { name: 'Kwartaalrapportage voortgang' }).click();
    await page.waitForURL('**/rapportages/voortgang');
    await page.getByRole('heading', { level: 1, name: 'Kwartaalrapportage voortgang' }).waitFor();
    expect(await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Kwartaalrapportage' }).count()).toBe(1);
    expect(await page.getByLabel('Kwartaal', { exact: true }).inputValue()).toBe(kwartaal);

    const res = await web.system.request('GET', `/api/v1/rapportages/voortgang?kwartaal=${kwartaal}`, { token: pd });
    expect(res.status).toBe(200);
    const report = res.body;
    expect(report.cumulative.total).toBe(5);

    const flows = page.getByRole('table', { name: /^Stromen in / });
    await flows.waitFor();
    const flowRows = await bodyRows(flows);
    expect(flowRows).toContainEqual(['Nieuw ingediend', String(report.flows.new)]);
    expect(flowRows).toContainEqual(['Geëscaleerd naar de ACU', String(report.flows.escalatedToAcu)]);
    expect(flowRows).toContainEqual(['Opgelost of deels opgelost', String(report.flows.solved)]);
    expect(flowRows).toContainEqual(['Besluit over de aanpak door de driehoek', String(report.flows.decidedByDriehoek)]);
    expect(report.flows).toMatchObject({ new: 5, escalatedToAcu: 1, solved: 1 });

    await expectDimension(
      page,
      'Knelpunten per status',
      report,
      'byStatus',
      (k) => ({ bij_driehoek: 'Bij de driehoek', bij_acu: 'Bij de ACU', afgesloten: 'Afgesloten' })[k] ?? k,
    );
    await expectDimension(
      page,
      'Knelpunten per thema',
      report,
      'byTheme',
      (k) => ({ vereenvoudiging: 'Vereenvoudiging', ict: 'ICT', schaarste: 'Schaarste', gegevensdeling: 'Gegevensdeling' })[k] ?? k,
    );
    const orgTable = page.getByRole('table', { name: /^Knelpunten per organisatie/ });
    const orgRows = await bodyRows(orgTable);
    for (const c of report.cumulative.byOrganisation as KeyCount[]) {
      expect(orgRows.find((r) => r[0]!.startsWith(c.key))?.slice(1)).toEqual([expect.any(String), String(c.count)]);
    }
    await expectDimension(page, 'Knelpunten per doorbraakteam', report, 'byDoorbraakteam', (k) =>
      k === 'geen' ? 'Geen doorbraakteam' : k,
    );
    const kern = await page.locator('.kp-kerncijfers').innerText();
    expect(kern).toContain(String(report.overdue.knelpunten));
    const moved = await bodyRows(page.getByRole('table', { name: /^Knelpunten waarvan de status in het kwartaal veranderde/ }));
    expect(moved).toHaveLength(report.moved.items.length);
    await checkPage(page, 'inzicht-rapportage');

    // Downloads: the API URLs for this quarter, answered with the page's session cookie.
    const xlsx = await page.getByRole('link', { name: 'Excel-bestand (XLSX)' }).getAttribute('href');
    const csv = await page.getByRole('link', { name: 'CSV-bestand' }).getAttribute('href');
    expect(xlsx).toBe(`/api/v1/rapportages/voortgang?kwartaal=${kwartaal}&format=xlsx`);
    expect(csv).toBe(`/api/v1/rapportages/voortgang?kwartaal=${kwartaal}&format=csv`);
    const xlsxAnswer = await page.request.get(`${web.baseUrl}${xlsx}`);
    expect(xlsxAnswer.status()).toBe(200);
    expect(xlsxAnswer.headers()['content-type']).toContain('spreadsheetml');
    expect((await xlsxAnswer.body()).subarray(0, 2).toString()).toBe('PK');
    const csvAnswer = await page.request.get(`${web.baseUrl}${csv}`);
    expect(csvAnswer.status()).toBe(200);
    expect(csvAnswer.headers()['content-type']).toContain('text/csv');
    const pdf = await page.getByRole('link', { name: 'PDF-bestand' }).getAttribute('href');
    expect(pdf).toBe(`/api/v1/rapportages/voortgang?kwartaal=${kwartaal}&format=pdf`);
    const pdfAnswer = await page.request.get(`${web.baseUrl}${pdf}`);
    expect(pdfAnswer.status()).toBe(200);
    expect(pdfAnswer.headers()['content-type']).toBe('application/pdf');
    expect(pdfAnswer.headers()['content-disposition']).toBe(`attachment; filename="voortgangsrapportage-${kwartaal}.pdf"`);
    expect((await pdfAnswer.body()).subarray(0, 5).toString()).toBe('%PDF-');
    // Without the cookie the same URL is refused: the 200 above is the session's.
    expect((await fetch(`${web.baseUrl}${csv}`)).status).toBe(401);

    // Another quarter: the picker changes the URL, the numbers and the download links.
    const options = await page
      .getByLabel('Kwartaal', { exact: true })
      .locator('option')
      .evaluateAll((os) => os.map((o) => (o as unknown as { value: string }).value));
    const previous = options[1]!;
    await page.getByLabel('Kwartaal', { exact: true }).selectOption(previous);
    await page.waitForURL(`**/rapportages/voortgang?kwartaal=${previous}`);
    await eventually(
      async () =>
        (await page.getByRole('link', { name: 'CSV-bestand' }).getAttribute('href')) ===
        `/api/v1/rapportages/voortgang?kwartaal=${previous}&format=csv`
          ? true
          : null,
      10_000,
      'links of the previous quarter',
    );
    const earlier = await web.system.request('GET', `/api/v1/rapportages/voortgang?kwartaal=${previous}`, { token: pd });
    expect(earlier.body.cumulative.total).toBe(0);
    await page.getByText('Er waren geen verlopen termijnen.').waitFor();
    await checkPage(page, 'inzicht-rapportage-vorig-kwartaal');
    expectNoBrowserProblems(web);
  });

  it('gives an indiener no report in the menu and refuses the page', async () => {
    const { page } = await web.newPage();
    await login(page, { role: 'indiener', organisation: 'UWV' });
    const nav = page.getByRole('navigation', { name: 'Hoofdmenu' });
    const hrefs = await Promise.all((await nav.locator('a').all()).map((a) => a.getAttribute('href')));
    expect(hrefs.length).toBeGreaterThan(0);
    expect(hrefs).not.toContain('/rapportages/voortgang');
    await page.goto('/rapportages/voortgang');
    await page.getByRole('heading', { level: 1, name: 'Geen toegang' }).waitFor();
    expect(await page.getByRole('table').count()).toBe(0);
    expectNoBrowserProblems(web);
  });
});
