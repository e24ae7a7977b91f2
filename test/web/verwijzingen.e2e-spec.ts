/**
 * Issue 9 §2, references to parliament and law, in Chromium on the real stack: the knelpunt page shows them with links
 * to officielebekendmakingen.nl and wetten.overheid.nl, the indiener edits them in "Verwijzingen naar Kamer en
 * wetgeving" (a bad value is named next to its field), the admin gets no form, and the knelpunten list filters on them.
 */
import { eventually } from '../support/test-system';
import { aKnelpunt, aStand } from '../builders';
import { checkPage, expectNoBrowserProblems, login, startWebSystem, type WebSystem } from './support/browser';

describe('verwijzingen naar Kamer en wetgeving (Chromium)', () => {
  let web: WebSystem;
  let pd: string;
  let withRefs: { id: string; reference: string };
  let withoutRefs: { id: string; reference: string };

  beforeAll(async () => {
    web = await startWebSystem();
    pd = await web.system.token({ role: 'programmadirectie' });
    const uwv = await web.system.token({ role: 'indiener', organisation: 'UWV' });
    const res = await web.system.request('POST', '/api/v1/standen', {
      token: uwv,
      body: aStand({
        knelpunten: [
          { ...aKnelpunt({ title: 'Samenloop WIA en Participatiewet' }), kamerstukken: ['29362-290'], bwbIds: ['BWBR0002448'] },
          aKnelpunt({ title: 'Zonder verwijzingen' }),
        ],
      }),
    });
    expect(res.status).toBe(201);
    [withRefs, withoutRefs] = res.body.knelpunten as { id: string; reference: string }[];
    await eventually(
      async () => (await web.system.request('GET', `/api/v1/knelpunten/${withRefs.id}`, { token: pd })).body.status === 'bij_driehoek',
      30_000,
      'bij_driehoek',
    );
  }, 120_000);

  afterAll(async () => {
    await web?.close();
  });

  it('shows the references as links and lets the indiener replace them, naming a bad value next to its field', async () => {
    const { page } = await web.newPage();
    await login(page, { role: 'indiener', organisation: 'UWV' });
    await page.goto(`/knelpunten/${withRefs.reference}`);
    await page.getByRole('heading', { level: 1, name: 'Samenloop WIA en Participatiewet' }).waitFor();

    const kamerstuk = page.getByRole('link', { name: 'Kamerstuk 29362-290 op officielebekendmakingen.nl' });
    expect(await kamerstuk.getAttribute('href')).toBe('https://zoek.officielebekendmakingen.nl/kst-29362-290');
    expect(await kamerstuk.getAttribute('rel')).toContain('noopener');
    expect(await kamerstuk.innerText()).toBe('29362-290');
    const wet = page.getByRole('link', { name: 'Wet of regeling BWBR0002448 op wetten.overheid.nl' });
    expect(await wet.getAttribute('href')).toBe('https://wetten.overheid.nl/BWBR0002448');
    expect(await wet.getAttribute('rel')).toContain('noopener');

    await page.getByText('Verwijzingen naar Kamer en wetgeving', { exact: true }).click();
    const form = page.getByRole('form', { name: 'Verwijzingen naar Kamer en wetgeving wijzigen' });
    expect(await form.getByLabel('Kamerstukken').inputValue()).toBe('29362-290');
    await form.getByLabel('Kamerstukken').fill('29362-290, 36200-vii-12');
    await form.getByLabel('Moties').fill('36200-VII-12');
    await form.getByLabel('Toezeggingen').fill('TZ1');
    await form.getByRole('button', { name: 'Verwijzingen opslaan' }).click();
    const fieldError = form.getByText('toezeggingen[0] moet een toezeggingnummer zijn zoals TZ202311-045').first();
    await fieldError.waitFor();
    expect(await form.getByLabel('Toezeggingen').getAttribute('aria-invalid')).toBe('true');
    await checkPage(page, 'verwijzingen-fout');

    await form.getByLabel('Toezeggingen').fill('tz202311-045');
    await form.getByRole('button', { name: 'Verwijzingen opslaan' }).click();
    await page.getByRole('status').filter({ hasText: 'De verwijzingen naar Kamer en wetgeving zijn opgeslagen.' }).first().waitFor();
    await page.getByRole('link', { name: 'Kamerstuk 36200-VII-12 op officielebekendmakingen.nl' }).waitFor();
    await page.getByRole('link', { name: 'Motie 36200-VII-12 op officielebekendmakingen.nl' }).waitFor();
    const timeline = page.locator('.kp-timeline__item').filter({ hasText: 'Verwijzingen naar Kamer en wetgeving gewijzigd' });
    await timeline.waitFor();
    expect(await timeline.innerText()).toContain('(geen) → TZ202311-045');
    const saved = await web.system.request('GET', `/api/v1/knelpunten/${withRefs.id}`, { token: pd });
    expect(saved.body).toMatchObject({
      kamerstukken: ['29362-290', '36200-VII-12'],
      moties: ['36200-VII-12'],
      toezeggingen: ['TZ202311-045'],
      bwbIds: ['BWBR0002448'],
    });
    await checkPage(page, 'verwijzingen-opgeslagen');
    expectNoBrowserProblems(web);
  });

  it('takes the references in the Stand form as comma-separated text, a bad one named at its field', async () => {
    const { page } = await web.newPage();
    await login(page, { role: 'indiener', organisation: 'UWV' });
    await page.goto('/standen/nieuw');
    await page.getByRole('heading', { level: 1, name: 'Stand indienen' }).waitFor();
    await page.getByLabel('Periode').fill('2026');
    await page.getByLabel('Titel van de Stand').fill('Stand met verwijzingen');
    const knelpunt = page.getByRole('group', { name: /^Knelpunt 1\b/ });
    await knelpunt.getByLabel('Titel', { exact: true }).fill('Wachttijden keuringen');
    await knelpunt.getByLabel('Beschrijving').fill('Verzekeringsartsen zijn schaars; keuringen lopen maanden achter.');
    await knelpunt.getByLabel('Thema').selectOption('schaarste');
    await knelpunt.getByLabel('Kamerstukken').fill('29544-1234, 29544-12345');
    await knelpunt.getByLabel('Wetten en regelingen (BWB-id)').fill('bwbr0019057');
    await page.getByRole('button', { name: 'Stand indienen' }).click();
    const summary = page.getByRole('alert').filter({ hasText: 'Er is iets niet goed ingevuld' });
    await summary.waitFor();
    expect(await summary.textContent()).toContain(
      'Knelpunt 1: Kamerstukken: kamerstukken[1] moet een Kamerstuknummer zijn zoals 29362-290',
    );
    expect(await knelpunt.getByLabel('Kamerstukken').getAttribute('aria-invalid')).toBe('true');
    await checkPage(page, 'verwijzingen-stand-fout');

    await knelpunt.getByLabel('Kamerstukken').fill('29544-1234');
    await page.getByRole('button', { name: 'Stand indienen' }).click();
    await page.getByRole('heading', { level: 1, name: 'Stand ingediend' }).waitFor();
    const reference =
      (await page
        .getByRole('table')
        .getByRole('link', { name: /^UWV-\d{5}$/ })
        .first()
        .textContent()) ?? '';
    const stored = await web.system.request('GET', `/api/v1/knelpunten/${reference}`, { token: pd });
    expect(stored.body).toMatchObject({ kamerstukken: ['29544-1234'], moties: [], toezeggingen: [], bwbIds: ['BWBR0019057'] });
    expectNoBrowserProblems(web);
  });

  it('gives the admin the references but no form', async () => {
    const { page } = await web.newPage();
    await login(page, { role: 'admin' });
    await page.goto(`/knelpunten/${withRefs.reference}`);
    await page.getByRole('link', { name: 'Kamerstuk 29362-290 op officielebekendmakingen.nl' }).waitFor();
    expect(await page.getByText('Verwijzingen naar Kamer en wetgeving', { exact: true }).count()).toBe(0);
    expectNoBrowserProblems(web);
  });

  it('filters the knelpunten list on a Kamerstuk and explains a bad one', async () => {
    const { page } = await web.newPage();
    await login(page, { role: 'programmadirectie' });
    await page.goto('/knelpunten');
    const table = page.getByRole('table', { name: /^Knelpunten, nieuwste eerst/ });
    await table.waitFor();
    expect(await table.getByText(withoutRefs.reference).count()).toBe(1);
    await page.getByLabel('Kamerstuk').fill('29362-290');
    await page.getByRole('button', { name: 'Filteren' }).click();
    await page.waitForURL(/kamerstuk=29362-290/);
    await eventually(async () => ((await table.getByText(withoutRefs.reference).count()) === 0 ? true : null), 10_000, 'filtered');
    const rows = await table.locator('tbody tr').allInnerTexts();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toContain(withRefs.reference);
    await checkPage(page, 'verwijzingen-filter');

    await page.getByLabel('Kamerstuk').fill('kst-1');
    await page.getByRole('button', { name: 'Filteren' }).click();
    await page.getByText('moet een Kamerstuknummer zijn zoals 29362-290').first().waitFor();
    expectNoBrowserProblems(web);
  });
});
