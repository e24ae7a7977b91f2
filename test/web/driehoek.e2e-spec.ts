/**
 * The driehoek's work in the browser (issue 7, walk-through steps 2 and 5), on the real stack:
 * the queue most urgent first; a knelpunt by its reference; the driehoek asks for information, the
 * organisation answers in its own session, the driehoek escalates to the ACU and the timeline says who
 * did what; "Waarom deze datum?"; and refusals shown in the form that caused them — a 400 next to the
 * field and in the error summary, a 409 from a stale tab with the decisions that are allowed now.
 * Every page and form state is checked with axe and photographed.
 */
import type { Locator, Page } from 'playwright-core';
import { eventually } from '../support/test-system';
import { aKnelpunt, aStand } from '../builders';
import { checkPage, expectNoBrowserProblems, login, startWebSystem, type WebSystem } from './support/browser';

interface Created {
  id: string;
  reference: string;
  title: string;
}

/** A date some weeks ahead (YYYY-MM-DD), for a streefdatum the API accepts. */
function weeksAhead(weeks: number): string {
  return new Date(Date.now() + weeks * 7 * 86_400_000).toISOString().slice(0, 10);
}

/** Opens a decision's disclosure and returns its form (forms are named by their decision). */
async function openDecision(page: Page, name: string): Promise<Locator> {
  const section = page.getByRole('region', { name: 'Beslissing nemen' });
  await section.locator('summary', { hasText: new RegExp(`^${name}$`) }).click();
  const form = page.getByRole('form', { name });
  await form.waitFor();
  return form;
}

/** The timeline entry whose title (what happened) contains `text`. */
function timelineItem(page: Page, text: string): Locator {
  return page.getByRole('region', { name: 'Tijdlijn' }).locator('li', { has: page.locator('.kp-timeline__what', { hasText: text }) });
}

describe('driehoek: queue, knelpunt page, decisions and refusals (Chromium)', () => {
  let web: WebSystem;
  let walk: Created;
  let refusal: Created;
  let driehoek: Page;

  beforeAll(async () => {
    web = await startWebSystem();
    const indiener = await web.system.token({ role: 'indiener', organisation: 'UWV', name: 'Ina Indiener' });
    const stand = await web.system.request('POST', '/api/v1/standen', {
      token: indiener,
      body: aStand({ title: 'Stand van de uitvoering UWV 2025' }, [
        aKnelpunt({ title: 'Tekort aan verzekeringsartsen', description: 'Wachttijden voor de WIA-keuring lopen op', theme: 'schaarste' }),
        aKnelpunt({ title: 'Verouderde ICT voor de WW', description: 'Kernsystemen zijn verouderd', theme: 'ict' }),
      ]),
    });
    expect(stand.status).toBe(201);
    [walk, refusal] = stand.body.knelpunten as Created[];
    for (const k of [walk, refusal]) {
      await eventually(
        async () => (await web.system.request('GET', `/api/v1/knelpunten/${k!.id}`, { token: indiener })).body.status === 'bij_driehoek',
        30_000,
        `${k!.reference} bij de driehoek`,
      );
    }
  });

  afterAll(async () => {
    await web?.close();
  });

  it('shows the driehoek its queue, most urgent first, and filters it', async () => {
    ({ page: driehoek } = await web.newPage());
    await login(driehoek, { role: 'driehoek', driehoek: 'UWV' });
    await driehoek.waitForURL('**/werkvoorraad');
    await driehoek.getByRole('heading', { level: 1, name: 'Werkvoorraad driehoek UWV' }).waitFor();
    const table = driehoek.getByRole('table', { name: /Werkvoorraad van driehoek UWV/ });
    await table.getByRole('link', { name: walk.reference }).waitFor();
    await table.getByRole('link', { name: refusal.reference }).waitFor();
    await checkPage(driehoek, 'werkvoorraad');

    await driehoek.getByLabel('Zoeken').fill('verzekeringsartsen');
    await driehoek.getByRole('button', { name: 'Filteren' }).click();
    await driehoek.waitForURL(/q=verzekeringsartsen/);
    await table.getByRole('link', { name: refusal.reference }).waitFor({ state: 'detached' });
    expect(await table.getByRole('link', { name: walk.reference }).count()).toBe(1);
    await checkPage(driehoek, 'werkvoorraad-gefilterd');

    await driehoek.goto('/knelpunten');
    await driehoek
      .getByRole('table', { name: /Knelpunten/ })
      .getByRole('link', { name: walk.reference })
      .waitFor();
    await checkPage(driehoek, 'knelpunten-driehoek');
  });

  it('opens a knelpunt by its reference and explains its deadline ("Waarom deze datum?")', async () => {
    await driehoek.goto('/werkvoorraad');
    await driehoek.getByRole('link', { name: walk.reference }).click();
    await driehoek.waitForURL(`**/knelpunten/${walk.reference}`);
    await driehoek.getByRole('heading', { level: 1, name: walk.title }).waitFor();
    await driehoek.getByText('Status: Bij de driehoek', { exact: false }).first().waitFor();
    await checkPage(driehoek, 'knelpunt-bij-driehoek');

    const api = await web.system.request('GET', `/api/v1/knelpunten/${walk.reference}`, {
      token: await web.system.token({ role: 'driehoek', driehoek: 'UWV' }),
    });
    const deadline = api.body.deadlines.find((d: { kind: string }) => d.kind === 'driehoek_besluit');
    const card = driehoek.getByRole('article', { name: deadline.label });
    await card.getByText('Waarom deze datum?').click();
    const first = card.locator('details', { hasText: 'Waarom deze datum?' }).locator('li').first();
    await first.waitFor();
    expect(await first.textContent()).toBe(deadline.explanation[0]);
    await checkPage(driehoek, 'knelpunt-waarom-deze-datum');
  });

  it('walks through: the driehoek asks, the organisation answers, the driehoek escalates to the ACU', async () => {
    const ask = await openDecision(driehoek, 'Informatie opvragen');
    await checkPage(driehoek, 'beslissing-informatie-opvragen-leeg');
    await ask.getByLabel('Vraag').fill('Hoeveel aanvragen wachten langer dan de wettelijke termijn?');
    await ask.getByRole('button', { name: 'Informatie opvragen' }).click();
    await driehoek.getByText('De beslissing "Informatie opvragen" is vastgelegd. De status is nu: Wacht op informatie.').waitFor();
    await checkPage(driehoek, 'knelpunt-wacht-op-informatie');

    // The organisation, in its own session, answers.
    const { page: indiener } = await web.newPage();
    await login(indiener, { role: 'indiener', organisation: 'UWV' });
    await indiener.goto(`/knelpunten/${walk.reference}`);
    await indiener.getByRole('heading', { level: 1, name: walk.title }).waitFor();
    await timelineItem(indiener, 'Informatie opgevraagd').getByText('Hoeveel aanvragen wachten').waitFor();

    // It amends its own content on the way (PATCH); the change is in the timeline with old and new value.
    await indiener.getByText('Inhoud wijzigen').click();
    const amend = indiener.getByRole('form', { name: 'Inhoud van het knelpunt wijzigen' });
    await amend.getByLabel('Eigen kenmerk van de organisatie').fill('WIA-2025-07');
    await checkPage(indiener, 'indiener-inhoud-wijzigen');
    await amend.getByRole('button', { name: 'Wijzigingen opslaan' }).click();
    await indiener.getByText('De inhoud van het knelpunt is gewijzigd.', { exact: false }).waitFor();
    await timelineItem(indiener, 'Inhoud gewijzigd').getByText('(leeg) → WIA-2025-07').waitFor();

    const answer = await openDecision(indiener, 'Informatie aanleveren');
    await answer.getByText('Hoeveel aanvragen wachten langer dan de wettelijke termijn?').waitFor();
    await answer.getByLabel('Antwoord').fill('Ruim 12.000 aanvragen wachten langer dan acht weken.');
    await checkPage(indiener, 'indiener-informatie-aanleveren');
    await answer.getByRole('button', { name: 'Informatie aanleveren' }).click();
    await indiener.getByText('De status is nu: Bij de driehoek.', { exact: false }).waitFor();
    await checkPage(indiener, 'indiener-na-antwoord');

    // The driehoek sees the answer and escalates.
    await driehoek.reload();
    await timelineItem(driehoek, 'Informatie aangeleverd').getByText('Ruim 12.000 aanvragen').waitFor();
    const escalate = await openDecision(driehoek, 'Escaleren naar de ACU');
    await escalate.getByLabel('Motivering').fill('Het tekort speelt bij meerdere organisaties; alleen overheidsbreed op te lossen.');
    await escalate.getByRole('button', { name: 'Escaleren naar de ACU' }).click();
    await driehoek.getByText('De status is nu: Bij de ACU.', { exact: false }).waitFor();
    expect(await driehoek.locator('.kp-lead').textContent()).toContain('Status: Bij de ACU');

    // The timeline says who did what, and when.
    const asked = timelineItem(driehoek, 'Informatie opgevraagd bij de organisatie');
    expect(await asked.textContent()).toMatch(/door .*\(driehoek, UWV\)/);
    expect(await asked.textContent()).toContain('Status: Bij de driehoek → Wacht op informatie');
    const answered = timelineItem(driehoek, 'Informatie aangeleverd door de organisatie');
    expect(await answered.textContent()).toMatch(/door .*\(indiener, UWV\)/);
    const escalated = timelineItem(driehoek, 'Geëscaleerd naar de ACU');
    expect(await escalated.textContent()).toMatch(/door .*\(driehoek, UWV\)/);
    expect(await escalated.textContent()).toContain('Status: Bij de driehoek → Bij de ACU');
    expect(await escalated.locator('time').getAttribute('datetime')).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    // No decisions are left for the driehoek once the ACU has it.
    expect(await driehoek.getByRole('region', { name: 'Beslissing nemen' }).count()).toBe(0);
    await checkPage(driehoek, 'knelpunt-bij-acu');
  });

  it('shows the API’s 400 reason next to the empty field and in the error summary', async () => {
    await driehoek.goto(`/knelpunten/${refusal.id}`);
    await driehoek.getByRole('heading', { level: 1, name: refusal.title }).waitFor();
    const form = await openDecision(driehoek, 'Oppakken');
    await form.getByLabel('Eigenaar van de aanpak').fill('Directeur Klantcontact UWV');
    await form.getByLabel('Plan van aanpak').fill('Extra verzekeringsartsen opleiden en taakdelegatie invoeren.');
    await form.getByRole('button', { name: 'Oppakken' }).click();

    const summary = form.getByRole('alert').filter({ hasText: 'Er is iets niet goed ingevuld' });
    await summary.getByRole('link', { name: 'Streefdatum: is verplicht bij deze beslissing' }).waitFor();
    const date = form.getByLabel('Streefdatum');
    expect(await date.getAttribute('aria-invalid')).toBe('true');
    const describedBy = (await date.getAttribute('aria-describedby')) ?? '';
    const message = driehoek.locator(`[id="${describedBy.split(' ').find((id) => id.endsWith('-fout'))}"]`);
    expect(await message.textContent()).toContain('is verplicht bij deze beslissing');
    await checkPage(driehoek, 'beslissing-400-veldfout');
  });

  it('shows a 409 from a stale tab in that form, with the decisions allowed now', async () => {
    // A second tab, opened before the first one decides: it still offers "Informatie opvragen".
    const { page: stale } = await web.newPage();
    await login(stale, { role: 'driehoek', driehoek: 'UWV' });
    await stale.goto(`/knelpunten/${refusal.reference}`);
    await stale.getByRole('heading', { level: 1, name: refusal.title }).waitFor();

    // The first tab completes its decision.
    const form = driehoek.getByRole('form', { name: 'Oppakken' });
    await form.getByLabel('Streefdatum').fill(weeksAhead(12));
    await form.getByRole('button', { name: 'Oppakken' }).click();
    await driehoek.getByText('De status is nu: In aanpak (driehoek).', { exact: false }).waitFor();

    // The stale tab tries a decision that is no longer allowed.
    const ask = await openDecision(stale, 'Informatie opvragen');
    await ask.getByLabel('Vraag').fill('Is er al een plan?');
    await ask.getByRole('button', { name: 'Informatie opvragen' }).click();
    const alert = ask.getByRole('alert');
    await alert.getByText('U mag nu wel: Escaleren naar de ACU, Naar politieke opvolging, Afronden.').waitFor();
    expect(await alert.textContent()).toContain('niet toegestaan');
    await checkPage(stale, 'beslissing-409-verouderd-tabblad');

    // Reloading shows the current state and its decisions.
    await ask.getByRole('button', { name: 'Knelpunt opnieuw laden' }).click();
    await stale.locator('.kp-lead', { hasText: 'In aanpak (driehoek)' }).waitFor();
    await stale.getByRole('region', { name: 'Beslissing nemen' }).locator('summary', { hasText: 'Afronden' }).waitFor();
  });

  it('suspends a deadline with a reason and adds voortgang while in aanpak', async () => {
    const card = driehoek.getByRole('article', { name: 'Voortgangsrapportage' });
    await card.getByText('Termijn opschorten, hervatten of verlengen').click();
    const form = card.getByRole('form', { name: 'Termijn "Voortgangsrapportage" aanpassen' });
    await form.getByRole('button', { name: 'Termijn aanpassen' }).click();
    await form.getByRole('link', { name: 'Reden: is verplicht en mag niet leeg zijn' }).waitFor();
    await checkPage(driehoek, 'termijn-actie-400');
    await form.getByLabel('Reden').fill('Wacht op het advies van de Gezondheidsraad.');
    await form.getByRole('button', { name: 'Termijn aanpassen' }).click();
    await driehoek.getByText('De termijn "Voortgangsrapportage" is opgeschort.', { exact: false }).waitFor();
    const suspended = driehoek.getByRole('article', { name: 'Voortgangsrapportage' });
    await suspended.getByText('Opgeschort', { exact: true }).first().waitFor();
    await suspended.getByRole('table').getByText('Wacht op het advies van de Gezondheidsraad.').waitFor();

    const voortgang = driehoek.getByRole('form', { name: 'Voortgang melden' });
    await voortgang.getByLabel('Voortgang').fill('Twintig artsen in opleiding; eerste taakdelegatie per 1 maart.');
    await voortgang.getByRole('button', { name: 'Voortgang toevoegen' }).click();
    await driehoek.getByText('De voortgang is toegevoegd.', { exact: false }).waitFor();
    await timelineItem(driehoek, 'Voortgang gemeld').getByText('Twintig artsen in opleiding').waitFor();
    await timelineItem(driehoek, 'Termijn opgeschort').getByText('Wacht op het advies van de Gezondheidsraad.').waitFor();
    await checkPage(driehoek, 'knelpunt-in-aanpak');
  });

  it('lets the programmadirectie choose the queue of any driehoek', async () => {
    const { page } = await web.newPage();
    await login(page, { role: 'programmadirectie' });
    await page.goto('/werkvoorraad');
    await page.getByRole('heading', { level: 1, name: 'Werkvoorraad' }).waitFor();
    await page.getByLabel('Driehoek', { exact: true }).selectOption('UWV');
    await page.getByRole('button', { name: 'Werkvoorraad tonen' }).click();
    await page.waitForURL('**/werkvoorraad/UWV');
    await page
      .getByRole('table', { name: /Werkvoorraad van driehoek UWV/ })
      .getByRole('link', { name: refusal.reference })
      .waitFor();
    await checkPage(page, 'werkvoorraad-programmadirectie');
  });

  it('saw no page errors, CSP violations or 5xx answers', () => {
    expectNoBrowserProblems(web);
  });
});
