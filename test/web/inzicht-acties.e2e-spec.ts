/**
 * Issue 9, actions on the insight pages, in Chromium on the real stack: the programmadirectie publishes the quarterly
 * report and anyone sees it in the public list without login; the ACU sees a cluster suggestion for two look-alike
 * escalated knelpunten of different organisations, makes a cluster of one suggestion and rejects another.
 */
import type { Locator, Page } from 'playwright-core';
import { eventually } from '../support/test-system';
import { aKnelpunt, aStand } from '../builders';
import { checkPage, expectNoBrowserProblems, login, startWebSystem, type WebSystem } from './support/browser';
import { kwartaalOf } from '../../libs/knelpunten/src/use-cases/get-voortgangsrapportage/get-voortgangsrapportage.use-case';

interface Escalated {
  id: string;
  reference: string;
  title: string;
}

/** The cells' texts of every body row of a table. */
async function bodyRows(table: Locator): Promise<string[][]> {
  const rows = await table.locator('tbody tr').all();
  return Promise.all(rows.map(async (r) => (await r.locator('th, td').allInnerTexts()).map((t) => t.trim())));
}

/** The suggestion of the page that names both knelpunten. */
function suggestion(page: Page, a: Escalated, b: Escalated): Locator {
  return page.locator('li.kp-suggesties__item').filter({ hasText: a.reference }).filter({ hasText: b.reference });
}

describe('inzicht: publishing the report and cluster suggestions (Chromium)', () => {
  let web: WebSystem;
  let pd: string;
  let acu: string;
  const kwartaal = kwartaalOf(new Date());
  const kwartaalLabel = `${kwartaal.slice(6)}e kwartaal ${kwartaal.slice(0, 4)}`;
  let gegevens: [Escalated, Escalated];
  let ict: [Escalated, Escalated];

  /** Submits one knelpunt for the organisation and lets its driehoek escalate it to the ACU. */
  async function escalated(organisation: string, knelpunt: ReturnType<typeof aKnelpunt>): Promise<Escalated> {
    const token = await web.system.token({ role: 'indiener', organisation });
    const res = await web.system.request('POST', '/api/v1/standen', { token, body: aStand({ organisation }, [knelpunt]) });
    expect(res.status).toBe(201);
    const id = (res.body.knelpunten as { id: string }[])[0]!.id;
    await eventually(
      async () => (await web.system.request('GET', `/api/v1/knelpunten/${id}`, { token: pd })).body.status === 'bij_driehoek',
      30_000,
      'bij_driehoek',
    );
    const driehoek = await web.system.token({ role: 'driehoek', driehoek: organisation });
    const decided = await web.system.request('POST', `/api/v1/knelpunten/${id}/decisions`, {
      token: driehoek,
      body: { decision: 'escaleren_acu', motivation: 'Dit overstijgt de eigen keten' },
    });
    expect({ status: decided.status, to: decided.body.status }).toEqual({ status: 200, to: 'bij_acu' });
    const read = await web.system.request('GET', `/api/v1/knelpunten/${id}`, { token: pd });
    return { id, reference: read.body.reference as string, title: knelpunt.title };
  }

  beforeAll(async () => {
    web = await startWebSystem();
    pd = await web.system.token({ role: 'programmadirectie' });
    acu = await web.system.token({ role: 'acu' });
    const inkomen = (regeling: string) =>
      aKnelpunt({
        title: `Inkomensgegevens van de Belastingdienst komen te laat voor de ${regeling}`,
        description: `Het inkomen uit de basisregistratie inkomen komt maanden te laat binnen, waardoor de ${regeling} achteraf wordt teruggevorderd.`,
        theme: 'gegevensdeling',
        law: 'Wet inkomstenbelasting 2001',
      });
    const mainframe = (regeling: string) =>
      aKnelpunt({
        title: `Verouderd mainframe voor het uitbetalen van ${regeling}`,
        description: `Het mainframe waarmee ${regeling} worden uitbetaald is verouderd en kan wetswijzigingen niet meer bijhouden.`,
        theme: 'ict',
        law: 'Algemene Ouderdomswet',
      });
    gegevens = [await escalated('UWV', inkomen('WW-uitkering')), await escalated('SVB', inkomen('AOW-uitkering'))];
    ict = [await escalated('UWV', mainframe('WW-uitkeringen')), await escalated('SVB', mainframe('AOW-pensioenen'))];
  }, 240_000);

  afterAll(async () => {
    await web?.close();
  });

  it('lets the programmadirectie publish the quarter, and anyone reads it in the public list without login', async () => {
    const { page } = await web.newPage();
    await login(page, { role: 'programmadirectie' });
    await page.goto('/rapportages/voortgang');
    await page.getByRole('heading', { level: 2, name: 'Rapportage publiceren' }).waitFor();
    await checkPage(page, 'inzicht-publiceren');
    await page.getByRole('button', { name: 'Publiceren', exact: true }).click();
    const status = page.getByRole('status').filter({ hasText: 'is gepubliceerd als versie' });
    await status.waitFor();
    const published = await web.system.request('GET', '/api/v1/openbaar/rapportages', {});
    expect(published.status).toBe(200);
    const newest = (published.body.items as { kwartaal: string; versie: number; url: string }[])[0]!;
    expect(newest.kwartaal).toBe(kwartaal);
    expect(await status.innerText()).toContain(`${kwartaalLabel} is gepubliceerd als versie ${newest.versie}`);
    const link = status.getByRole('link', { name: `Openbare momentopname van versie ${newest.versie} (JSON)` });
    expect(await link.getAttribute('href')).toBe(newest.url);
    await checkPage(page, 'inzicht-gepubliceerd');

    // A visitor without login sees the publication under the register and can read the snapshot.
    const visitor = await web.newPage();
    await visitor.page.goto('/openbaar/knelpunten');
    const table = visitor.page.getByRole('table', { name: 'Gepubliceerde kwartaalrapportages, nieuwste eerst' });
    await table.waitFor();
    expect(await visitor.page.getByRole('button', { name: 'Uitloggen' }).count()).toBe(0);
    const rows = await bodyRows(table);
    expect(rows[0]!.slice(0, 2)).toEqual([kwartaalLabel, String(newest.versie)]);
    const snapshotLink = table.getByRole('link', { name: `${kwartaalLabel}, versie ${newest.versie} (JSON)` }).first();
    expect(await snapshotLink.getAttribute('href')).toBe(newest.url);
    const snapshot = await visitor.page.request.get(`${web.baseUrl}${newest.url}`);
    expect(snapshot.status()).toBe(200);
    expect(((await snapshot.json()) as { kwartaal: string }).kwartaal).toBe(kwartaal);
    await checkPage(visitor.page, 'inzicht-openbare-rapportages');

    // The ACU sees the report but cannot publish.
    const acuPage = await web.newPage();
    await login(acuPage.page, { role: 'acu' });
    await acuPage.page.goto('/rapportages/voortgang');
    await acuPage.page.getByRole('heading', { level: 1, name: 'Kwartaalrapportage voortgang' }).waitFor();
    await acuPage.page.getByRole('table', { name: /^Stromen in / }).waitFor();
    expect(await acuPage.page.getByRole('button', { name: 'Publiceren' }).count()).toBe(0);
    expectNoBrowserProblems(web);
  });

  it('shows the ACU suggestions for look-alike knelpunten: one becomes a cluster, another is rejected', async () => {
    const { page } = await web.newPage();
    await login(page, { role: 'acu' });
    await page.goto('/acu/clusters');
    await page.getByRole('heading', { level: 2, name: 'Clustersuggesties' }).waitFor();
    const first = suggestion(page, gegevens[0], gegevens[1]);
    const second = suggestion(page, ict[0], ict[1]);
    await first.waitFor();
    await second.waitFor();
    const text = await first.innerText();
    expect(text).toContain(gegevens[0].title);
    expect(text).toContain(gegevens[1].title);
    expect(text).toContain('(UWV, Gegevensdeling)');
    expect(text).toContain('(SVB, Gegevensdeling)');
    expect(text).toMatch(/overeenkomst \d+%/);
    expect(text).toContain('Reden: ');
    // The percentage is the API's score.
    const api = await web.system.request('GET', '/api/v1/acu/cluster-suggesties', { token: acu });
    const pair = (api.body.items as { knelpunten: { id: string }[]; score: number }[]).find((s) =>
      s.knelpunten.every((k) => k.id === gegevens[0].id || k.id === gegevens[1].id),
    )!;
    expect(text).toContain(`overeenkomst ${Math.round(pair.score * 100)}%`);
    // Each button's name says which suggestion it acts on.
    const make = first.getByRole('button', { name: /^Cluster maken \(suggestie \d+: / });
    expect(await make.textContent()).toContain(gegevens[0].reference);
    await checkPage(page, 'inzicht-clustersuggesties');

    await make.click();
    await page.getByRole('status').filter({ hasText: 'Cluster gemaakt van' }).waitFor();
    await eventually(async () => ((await first.count()) === 0 ? true : null), 10_000, 'suggestion gone');
    const clusters = await web.system.request('GET', '/api/v1/acu/clusters', { token: acu });
    const cluster = (clusters.body.items as { id: string; title: string }[]).find((c) =>
      [gegevens[0].title, gegevens[1].title].includes(c.title),
    );
    expect(cluster).toBeDefined();
    const detail = await web.system.request('GET', `/api/v1/acu/clusters/${cluster!.id}`, { token: acu });
    expect(JSON.stringify(detail.body)).toContain(gegevens[0].reference);
    expect(JSON.stringify(detail.body)).toContain(gegevens[1].reference);
    await page.getByRole('link', { name: cluster!.title }).waitFor();
    await checkPage(page, 'inzicht-clustersuggestie-gemaakt');

    await second.getByRole('button', { name: /^Afwijzen \(suggestie \d+: / }).click();
    await page.getByRole('status').filter({ hasText: 'afgewezen' }).waitFor();
    await eventually(async () => ((await second.count()) === 0 ? true : null), 10_000, 'rejected suggestion gone');
    const after = await web.system.request('GET', '/api/v1/acu/cluster-suggesties', { token: acu });
    const ids = (after.body.items as { knelpunten: { id: string }[] }[]).map((s) =>
      s.knelpunten
        .map((k) => k.id)
        .sort()
        .join(),
    );
    expect(ids).not.toContain([ict[0].id, ict[1].id].sort().join());
    await checkPage(page, 'inzicht-clustersuggestie-afgewezen');
    expectNoBrowserProblems(web);
  });
});
