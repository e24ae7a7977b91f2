/**
 * Issue 9, pages: the Staat van de Uitvoering (/analyse/staat, programmadirectie and ACU) in Chromium on the real
 * stack. Standen of 2025 and 2026 go in through the API; every number the page shows is compared with the API's JSON,
 * and the year picker changes the URL and the numbers.
 */
import type { Locator } from 'playwright-core';
import { eventually } from '../support/test-system';
import { aKnelpunt, aStand } from '../builders';
import { checkPage, expectNoBrowserProblems, login, startWebSystem, type WebSystem } from './support/browser';

/** The cells' texts of every body row of a table. */
async function bodyRows(table: Locator): Promise<string[][]> {
  const rows = await table.locator('tbody tr').all();
  return Promise.all(rows.map(async (r) => (await r.locator('th, td').allInnerTexts()).map((t) => t.trim())));
}

const THEMA: Record<string, string> = { schaarste: 'Schaarste', ict: 'ICT', gegevensdeling: 'Gegevensdeling', wetgeving: 'Wetgeving' };

describe('analyse: the Staat van de Uitvoering page (Chromium)', () => {
  let web: WebSystem;
  let pd: string;
  const references: Record<string, string> = {};
  const ids: Record<string, string> = {};

  async function submit(organisation: string, jaar: number, knelpunten: ReturnType<typeof aKnelpunt>[]): Promise<void> {
    const token = await web.system.token({ role: 'indiener', organisation });
    const res = await web.system.request('POST', '/api/v1/standen', {
      token,
      body: aStand({ organisation, period: String(jaar), publishedOn: `${jaar}-06-30` }, knelpunten),
    });
    expect(res.status).toBe(201);
    for (const k of res.body.knelpunten as { id: string; reference: string }[]) {
      await eventually(
        async () => (await web.system.request('GET', `/api/v1/knelpunten/${k.id}`, { token: pd })).body.status === 'bij_driehoek',
        30_000,
        'bij_driehoek',
      );
    }
    (res.body.knelpunten as { id: string; reference: string }[]).forEach((k, i) => {
      references[`${organisation}${jaar}-${i}`] = k.reference;
      ids[`${organisation}${jaar}-${i}`] = k.id;
    });
  }

  const knelpunt = (title: string, theme: string, law?: string, bwbIds?: string[]) => ({
    ...aKnelpunt({ title, theme, description: `Beschrijving van: ${title}` }),
    law,
    ...(bwbIds ? { bwbIds } : {}),
  });

  beforeAll(async () => {
    web = await startWebSystem();
    pd = await web.system.token({ role: 'programmadirectie' });
    await submit('UWV', 2025, [knelpunt('Tekort aan verzekeringsartsen voor de WIA-keuringen', 'schaarste')]);
    await submit('UWV', 2026, [
      knelpunt('Tekort aan verzekeringsartsen bij de WIA-keuringen', 'schaarste'),
      knelpunt('Kostendelersnorm botst met de WW', 'wetgeving', 'Participatiewet', ['BWBR0015703']),
      knelpunt('Verouderde ICT-systemen voor de uitkeringen', 'ict'),
    ]);
    await submit('SVB', 2026, [
      knelpunt('Gegevens uit de BRP komen te laat', 'gegevensdeling', 'Wet BRP', ['BWBR0033715']),
      knelpunt('Kostendelersnorm in de AOW', 'wetgeving', 'Participatiewet', ['BWBR0015703']),
    ]);
    await submit('DUO', 2026, [
      knelpunt('Adressen in de BRP', 'gegevensdeling', 'Algemene wet bestuursrecht'),
      knelpunt('Studiefinanciering en de BRP', 'gegevensdeling', 'Wet basisregistratie personen', ['BWBR0033715']),
    ]);
    // The ACU bundles the two BRP knelpunten of SVB and DUO into a cluster.
    const acu = await web.system.token({ role: 'acu' });
    const knelpuntIds = [ids['SVB2026-0']!, ids['DUO2026-1']!];
    for (const [organisation, id] of [
      ['SVB', knelpuntIds[0]!],
      ['DUO', knelpuntIds[1]!],
    ] as const) {
      const driehoek = await web.system.token({ role: 'driehoek', driehoek: organisation });
      const res = await web.system.request('POST', `/api/v1/knelpunten/${id}/decisions`, {
        token: driehoek,
        body: { decision: 'escaleren_acu', motivation: 'Raakt meerdere organisaties' },
      });
      expect(res.status).toBe(200);
    }
    const cluster = await web.system.request('POST', '/api/v1/acu/clusters', {
      token: acu,
      body: { title: 'Adressen uit de BRP', knelpuntIds },
    });
    expect(cluster.status).toBe(201);
  }, 240_000);

  afterAll(async () => {
    await web?.close();
  });

  it('shows the programmadirectie the matrix, the laws as chart and table, recurring knelpunten and ageing; the year picker works', async () => {
    const { page } = await web.newPage();
    await login(page, { role: 'programmadirectie' });
    await page.goto('/dashboard');
    await page.getByRole('link', { name: 'Staat van de Uitvoering' }).first().click();
    await page.waitForURL('**/analyse/staat');
    expect(await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Staat van de Uitvoering' }).count()).toBe(
      1,
    );

    // The 2026 Standen, through the picker: the URL carries the year.
    await page.getByLabel('Jaar van de Standen').selectOption('2026');
    await page.getByRole('button', { name: 'Tonen' }).click();
    await page.waitForURL('**/analyse/staat?jaar=2026');
    await page.getByRole('heading', { level: 1, name: 'Staat van de Uitvoering 2026' }).waitFor();
    const res = await web.system.request('GET', '/api/v1/analyse/staat?jaar=2026', { token: pd });
    expect(res.status).toBe(200);
    const a = res.body;
    expect(a.matrix.total).toBe(7);

    // The matrix: a row per theme, a column per organisation, every number written, the totals.
    const matrix = page.getByRole('table', { name: /^Knelpunten per thema \(rijen\) en organisatie \(kolommen\) in de Standen van 2026/ });
    await matrix.waitFor();
    const header = (await matrix.locator('thead th').allInnerTexts()).map((t) => t.trim());
    expect(header).toEqual(['Thema', ...a.matrix.organisations, 'Totaal']);
    const rows = await bodyRows(matrix);
    expect(rows).toHaveLength(a.matrix.themes.length + 1);
    a.matrix.themes.forEach((theme: string, i: number) => {
      const expected = a.matrix.organisations.map((o: string) =>
        String(a.matrix.cells.find((c: any) => c.theme === theme && c.organisation === o)?.count ?? 0),
      );
      const total = String(a.matrix.themeTotals.find((t: any) => t.key === theme).count);
      expect(rows[i]).toEqual([THEMA[theme] ?? theme, ...expected, total]);
    });
    expect(rows[rows.length - 1]).toEqual([
      'Totaal',
      ...a.matrix.organisations.map((o: string) => String(a.matrix.organisationTotals.find((t: any) => t.key === o).count)),
      String(a.matrix.total),
    ]);
    expect(await matrix.locator('thead th[scope="col"]').count()).toBe(a.matrix.organisations.length + 2);
    expect(await matrix.locator('tbody th[scope="row"]').count()).toBe(a.matrix.themes.length + 1);

    // The laws: a chart with an accessible name and its table with the same numbers and links to wetten.overheid.nl.
    await page.getByRole('img', { name: /^Staafdiagram: Meest genoemde wetten en regelingen \(BWB-id\) in 2026/ }).waitFor();
    const wetten = page.getByRole('table', { name: 'Meest genoemde wetten en regelingen (BWB-id) in 2026 (aantallen)' });
    const wetRows = await bodyRows(wetten);
    expect(wetRows.map((r) => [r[0]!.split(' ')[0]!.split('\n')[0], r[2]])).toEqual(
      a.wetten.bwb.map((w: any) => [w.bwbId, String(w.count)]),
    );
    expect(wetRows[0]).toEqual([expect.stringContaining('BWBR0015703'), 'Participatiewet', '2', 'SVB, UWV']);
    expect(wetRows[1]).toEqual([expect.stringContaining('BWBR0033715'), expect.any(String), '2', 'DUO, SVB']);
    expect(await wetten.getByRole('link', { name: /BWBR0015703/ }).getAttribute('href')).toBe('https://wetten.overheid.nl/BWBR0015703');
    const vrij = await bodyRows(page.getByRole('table', { name: /^Wetten zoals geschreven bij knelpunten zonder BWB-id in 2026/ }));
    expect(vrij).toEqual([['Algemene wet bestuursrecht', '1', 'DUO']]);

    // The cluster with its members, each linked to its page.
    await page.getByRole('heading', { level: 3, name: 'Adressen uit de BRP' }).waitFor();
    const members = page.getByRole('table', { name: 'Knelpunten in het cluster Adressen uit de BRP' });
    expect((await bodyRows(members)).map((r) => [r[0], r[2], r[3], r[4]])).toEqual([
      [references['DUO2026-1'], 'DUO', 'Bij de ACU', '2026'],
      [references['SVB2026-0'], 'SVB', 'Bij de ACU', '2026'],
    ]);
    expect(await members.getByRole('link', { name: references['SVB2026-0'] }).getAttribute('href')).toBe(
      `/knelpunten/${references['SVB2026-0']}`,
    );

    // The recurring knelpunt, linked to both knelpunten.
    const terug = page.getByRole('table', { name: 'Knelpunten uit 2026 die in een eerdere Stand van dezelfde organisatie voorkwamen' });
    const terugRows = await bodyRows(terug);
    expect(terugRows).toHaveLength(1);
    expect(terugRows[0]![0]).toContain(references['UWV2026-0']);
    expect(terugRows[0]![2]).toContain(references['UWV2025-0']);
    expect(terugRows[0]![3]).toBe('2025');
    expect(terugRows[0]![6]).toContain('De titel lijkt');
    expect(await terug.getByRole('link', { name: references['UWV2025-0'] }).getAttribute('href')).toBe(
      `/knelpunten/${references['UWV2025-0']}`,
    );

    // Ageing: chart and table, the total row as the API counts it.
    await page.getByRole('img', { name: /^Staafdiagram: Leeftijd van de open knelpunten uit 2026 per status/ }).waitFor();
    const ageing = await bodyRows(page.getByRole('table', { name: /^Leeftijd van de open knelpunten uit 2026 per status/ }));
    expect(ageing[ageing.length - 1]).toEqual([
      'Alle open knelpunten',
      ...a.veroudering.buckets.map((b: any) => String(b.count)),
      String(a.veroudering.total),
      Number(a.veroudering.medianDays).toLocaleString('nl-NL'),
      String(a.veroudering.maxDays),
    ]);
    await checkPage(page, 'analyse-staat-2026');

    // Another year: 2025 has one Stand of UWV.
    await page.getByLabel('Jaar van de Standen').selectOption('2025');
    await page.getByRole('button', { name: 'Tonen' }).click();
    await page.waitForURL('**/analyse/staat?jaar=2025');
    await page.getByRole('heading', { level: 1, name: 'Staat van de Uitvoering 2025' }).waitFor();
    await eventually(
      async () => {
        const r = await bodyRows(page.getByRole('table', { name: /in de Standen van 2025/ }));
        return r.length === 2 && r[1]![r[1]!.length - 1] === '1' ? true : null;
      },
      10_000,
      'the matrix of 2025',
    );
    await page.getByText('Geen knelpunt uit 2025 lijkt op een knelpunt uit een eerdere Stand van dezelfde organisatie.').waitFor();
    await checkPage(page, 'analyse-staat-2025');
    expectNoBrowserProblems(web);
  });

  it('gives an indiener no analysis in the menu and refuses the page', async () => {
    const { page } = await web.newPage();
    await login(page, { role: 'indiener', organisation: 'UWV' });
    const nav = page.getByRole('navigation', { name: 'Hoofdmenu' });
    const hrefs = await Promise.all((await nav.locator('a').all()).map((l) => l.getAttribute('href')));
    expect(hrefs.length).toBeGreaterThan(0);
    expect(hrefs).not.toContain('/analyse/staat');
    await page.goto('/analyse/staat');
    await page.getByRole('heading', { level: 1, name: 'Geen toegang' }).waitFor();
    expect(await page.getByRole('table').count()).toBe(0);
    expectNoBrowserProblems(web);
  });
});
