/**
 * Walk-through step 3 in Chromium on the real stack: knelpunten of UWV and SVB, escalated by their
 * driehoeken, are on the ACU's board and on the agenda of the next meeting; the ACU prints the agenda,
 * plans a meeting, forms a cluster of the two and assigns it to a doorbraakteam with one decision, after
 * which the board shows both under that doorbraakteam. axe on every page and form state.
 */
import type { Page } from 'playwright-core';
import { AcuActivities } from '../../libs/acu/src/activities/acu.activities';
import { eventually } from '../support/test-system';
import { aKnelpunt, aStand } from '../builders';
import { checkPage, expectNoBrowserProblems, login, startWebSystem, type WebSystem } from './support/browser';

interface Escalated {
  id: string;
  reference: string;
  title: string;
  meetingId: string;
}

/** A date in September two years ahead with the given weekday (0 = Sunday): far from the default calendar. */
function futureDay(weekday: number): string {
  const d = new Date(Date.UTC(new Date().getUTCFullYear() + 2, 8, 1));
  while (d.getUTCDay() !== weekday) d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

describe('ACU in the browser (Chromium): board, agenda, cluster, one decision', () => {
  let web: WebSystem;
  let page: Page;
  let uwv: Escalated;
  let svb: Escalated;
  let duo: Escalated;
  let laterMeetingId: string;

  /** Submits a Stand through the API and has the organisation's driehoek escalate its knelpunten to the ACU. */
  async function escalated(organisation: string, titles: string[]): Promise<Escalated[]> {
    const { system } = web;
    const stand = await system.request('POST', '/api/v1/standen', {
      token: await system.token({ role: 'indiener', organisation }),
      body: aStand(
        { organisation },
        titles.map((title) => aKnelpunt({ title, theme: 'gegevensdeling' })),
      ),
    });
    expect(stand.status).toBe(201);
    const result: Escalated[] = [];
    for (const [i, k] of (stand.body.knelpunten as { id: string; reference: string }[]).entries()) {
      result.push(await escalate(organisation, k.id, k.reference, titles[i]!));
    }
    return result;
  }

  async function escalate(organisation: string, id: string, reference: string, title: string): Promise<Escalated> {
    const { system } = web;
    const acu = await system.token({ role: 'acu' });
    const pd = await system.token({ role: 'programmadirectie' });
    await eventually(
      async () => (await system.request('GET', `/api/v1/knelpunten/${id}`, { token: pd })).body.status === 'bij_driehoek',
      30000,
      `${reference} bij de driehoek`,
    );
    const decided = await system.request('POST', `/api/v1/knelpunten/${id}/decisions`, {
      token: await system.token({ role: 'driehoek', driehoek: organisation }),
      body: { decision: 'escaleren_acu', motivation: 'Raakt meerdere uitvoeringsorganisaties: overkoepelend.' },
    });
    expect(decided.status).toBe(200);
    const meetingId = await eventually(
      async () => {
        const k = (await system.request('GET', `/api/v1/knelpunten/${id}`, { token: acu })).body;
        return k.status === 'bij_acu' && typeof k.details?.acuMeetingId === 'string' ? (k.details.acuMeetingId as string) : undefined;
      },
      30000,
      `${reference} op de ACU-agenda`,
    );
    return { id, reference, title, meetingId };
  }

  beforeAll(async () => {
    web = await startWebSystem();
    // Six knelpunten bij de ACU: one more than a board column shows at first.
    [uwv] = (await escalated('UWV', [
      'Inkomensgegevens niet tijdig beschikbaar voor WW',
      'Herbeoordeling WIA loopt vast op artsentekort',
      'Loonbeslag en WW-uitkering botsen',
      'Re-integratie na ziekte zonder gegevens van de werkgever',
    ])) as [Escalated];
    [svb] = (await escalated('SVB', ['Inkomensgegevens ontbreken bij AOW-toeslag'])) as [Escalated];
    [duo] = (await escalated('DUO', ['Studiefinanciering en toeslagen lopen niet synchroon'])) as [Escalated];
    expect(svb.meetingId).toBe(uwv.meetingId);
    // The DUO knelpunt is not decided at two meetings in a row (the workflow's carry-over activity, run here
    // directly with the meeting days as "now"), so a later agenda carries it as "Doorgeschoven (2×)".
    const acts = web.system.api.get(AcuActivities, { strict: false });
    const agenda = await web.system.request('GET', `/api/v1/acu/meetings/${duo.meetingId}/agenda`, {
      token: await web.system.token({ role: 'acu' }),
    });
    const first = agenda.body.meeting.meetingDate as string;
    const next = await acts.carryOverAcuItem({ knelpuntId: duo.id, fromMeetingId: duo.meetingId, now: `${first}T20:00:00.000Z` });
    const later = await acts.carryOverAcuItem({
      knelpuntId: duo.id,
      fromMeetingId: next.meetingId,
      now: `${next.meetingDate}T20:00:00.000Z`,
    });
    expect(later.carryOvers).toBe(2);
    laterMeetingId = later.meetingId;
    page = (await web.newPage()).page;
  });

  afterAll(async () => {
    await web?.close();
  });

  it('shows the escalated knelpunten on the board, in the lane without doorbraakteam, column Bij de ACU', async () => {
    await login(page, { role: 'acu' });
    await page.waitForURL('**/acu');
    const lane = page.locator('section[aria-label="Nog geen doorbraakteam"]');
    const bijAcu = lane.locator('.kp-board__column').first();
    expect(await bijAcu.getByRole('heading').textContent()).toBe('Bij de ACU');
    // One page of five; the sixth comes with "Meer laden" (the next keyset page).
    await bijAcu.locator('.kp-board__card').nth(4).waitFor();
    expect(await bijAcu.locator('.kp-board__card').count()).toBe(5);
    await checkPage(page, 'acu-bord');
    await bijAcu.getByRole('button', { name: /^Meer laden/ }).click();
    await bijAcu.locator('.kp-board__card').nth(5).waitFor();
    expect(await bijAcu.getByRole('button', { name: /^Meer laden/ }).count()).toBe(0);
    for (const k of [uwv, svb, duo]) await lane.getByRole('link', { name: k.reference }).waitFor();
    const gegevensdeling = page.locator('section[aria-label="Doorbraakteam Gegevensdeling"]');
    await gegevensdeling.getByText('Geen knelpunten.').nth(2).waitFor();
    expect(await gegevensdeling.getByText('Geen knelpunten.').count()).toBe(3);
    expect(await lane.getByRole('link', { name: uwv.reference }).getAttribute('href')).toBe(`/knelpunten/${uwv.reference}`);
    await checkPage(page, 'acu-bord-meer');
  });

  it('plans a meeting, with the API’s reasons next to the date field', async () => {
    await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Vergaderingen' }).click();
    await page.getByRole('heading', { level: 1, name: 'ACU-vergaderingen' }).waitFor();
    await page.locator(`a[href="/acu/vergaderingen/${uwv.meetingId}"]`).waitFor();
    await checkPage(page, 'acu-vergaderingen');

    const date = page.getByLabel('Datum van de vergadering');
    await page.getByRole('button', { name: 'Vergadering plannen' }).click();
    await page.locator('#vergadering-meetingDate-fout').waitFor();
    expect(await date.getAttribute('aria-invalid')).toBe('true');
    await checkPage(page, 'acu-vergadering-leeg-fout');

    await date.fill(futureDay(6));
    await page.getByRole('button', { name: 'Vergadering plannen' }).click();
    await page.locator('#vergadering-meetingDate-fout').getByText('is geen werkdag').waitFor();
    await checkPage(page, 'acu-vergadering-weekend-fout');

    const tuesday = futureDay(2);
    await date.fill(tuesday);
    await page.getByLabel('Titel').fill('ACU extra: gegevensdeling');
    await page.getByLabel('Locatie').fill('Den Haag, Turfmarkt 147');
    await page.getByRole('button', { name: 'Vergadering plannen' }).click();
    await page.getByText('ACU extra: gegevensdeling is gepland').waitFor();
    await page.getByRole('cell', { name: 'ACU extra: gegevensdeling' }).waitFor();

    // The same day again: 409 from the API, its reason next to the date field.
    await date.fill(tuesday);
    await page.getByRole('button', { name: 'Vergadering plannen' }).click();
    await page.locator('#vergadering-meetingDate-fout').getByText('er is al een vergadering op deze dag').waitFor();
    await checkPage(page, 'acu-vergadering-dubbel-fout');
  });

  it('shows the agenda with both knelpunten and the carried-over one marked, printable as meeting papers', async () => {
    await page.locator(`a[href="/acu/vergaderingen/${uwv.meetingId}"]`).click();
    await page.getByRole('heading', { level: 1, name: /^Agenda / }).waitFor();
    const rows = page.locator('table.kp-agenda tbody tr');
    expect(await rows.count()).toBe(6);
    for (const k of [uwv, svb]) {
      const row = rows.filter({ hasText: k.reference });
      expect(await row.getByRole('link', { name: k.reference }).getAttribute('href')).toBe(`/knelpunten/${k.reference}`);
      expect(await row.textContent()).toContain('Eerste keer op de agenda');
    }
    expect(await rows.filter({ hasText: duo.reference }).textContent()).toContain('doorgeschoven naar de volgende vergadering');
    await checkPage(page, 'acu-agenda');

    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.kp-nav').isVisible()).toBe(false);
    expect(await page.getByRole('button', { name: 'Afdrukken' }).isVisible()).toBe(false);
    expect(await page.getByText('Vergaderstukken Ambtelijke Commissie Uitvoering').isVisible()).toBe(true);
    expect(await page.locator('table.kp-agenda').getByText(uwv.title).isVisible()).toBe(true);
    await checkPage(page, 'acu-agenda-print');
    const pdf = await page.pdf({ format: 'A4', printBackground: true });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.length).toBeGreaterThan(5000);
    await page.emulateMedia({ media: 'screen' });

    await page.goto(`/acu/vergaderingen/${laterMeetingId}`);
    const carried = page.locator('table.kp-agenda tbody tr').filter({ hasText: duo.reference });
    await carried.getByText('Doorgeschoven (2×)').waitFor();
    await checkPage(page, 'acu-agenda-doorgeschoven');
  });

  it('forms a cluster of the UWV and SVB knelpunten, with the API’s reasons when it is incomplete', async () => {
    await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Clusters' }).click();
    await page.getByRole('heading', { level: 1, name: 'Clusters' }).waitFor();
    await page.getByText('Er zijn nog geen clusters gevormd.').waitFor();
    await page.getByLabel(new RegExp(uwv.reference)).waitFor();
    await checkPage(page, 'acu-clusters');

    await page.getByRole('button', { name: 'Cluster vormen' }).click();
    await page.getByText('moet minstens twee knelpunten bevatten').first().waitFor();
    expect(await page.getByLabel('Titel').getAttribute('aria-invalid')).toBe('true');
    await checkPage(page, 'acu-cluster-fouten');

    await page.getByLabel('Titel').fill('Inkomensgegevens tussen UWV en SVB');
    await page.getByLabel('Omschrijving').fill('Beide organisaties missen actuele inkomensgegevens; één oplossing via gegevensdeling.');
    await page.getByLabel(new RegExp(uwv.reference)).check();
    await page.getByLabel(new RegExp(svb.reference)).check();
    await page.getByText(`Gekozen: ${uwv.reference}, ${svb.reference}`).waitFor();
    await page.getByRole('button', { name: 'Cluster vormen' }).click();
    await page.waitForURL(/\/acu\/clusters\/[0-9a-f-]{36}$/);
    await page.getByRole('heading', { level: 1, name: 'Inkomensgegevens tussen UWV en SVB' }).waitFor();
    expect(await page.getByText('SVB, UWV').count()).toBe(1);
    await checkPage(page, 'acu-cluster');
  });

  it('takes one decision for the cluster: toewijzen_doorbraakteam gegevensdeling, refusals shown in the form', async () => {
    const submit = page.getByRole('button', { name: /^Besluit nemen voor 2 knelpunten/ });
    await submit.click();
    await page.locator('#clusterbesluit-decision-fout').getByText('Kies een besluit.').waitFor();

    await page.getByLabel('Besluit', { exact: true }).selectOption('toewijzen_doorbraakteam');
    await page.getByLabel('Doorbraakteam').waitFor();
    await checkPage(page, 'acu-clusterbesluit-leeg');
    await submit.click();
    const teamError = page.locator('#clusterbesluit-team-fout');
    await teamError.waitFor();
    expect(await page.getByLabel('Doorbraakteam').getAttribute('aria-invalid')).toBe('true');
    await checkPage(page, 'acu-clusterbesluit-fout');

    await page.getByLabel('Doorbraakteam').selectOption('gegevensdeling');
    await page.getByLabel('Motivering').fill('Gegevensdeling tussen UWV en SVB is de kern van beide knelpunten.');
    await submit.click();
    await page.getByText('Besluit ‘Toewijzen aan doorbraakteam’ genomen voor 2 knelpunten (Doorbraakteam: Gegevensdeling)').waitFor();
    const members = page.locator('table tbody tr');
    for (const k of [uwv, svb]) {
      await members.filter({ hasText: k.reference }).getByRole('cell', { name: 'In aanpak (ACU)' }).waitFor();
      await members.filter({ hasText: k.reference }).getByRole('cell', { name: 'Gegevensdeling' }).waitFor();
    }
    // What may be decided for the whole cluster now follows the members' new status.
    expect(await page.getByLabel('Besluit', { exact: true }).locator('option').allTextContents()).not.toContain(
      'Toewijzen aan doorbraakteam',
    );
    await checkPage(page, 'acu-clusterbesluit-genomen');
  });

  it('shows both knelpunten on the board under the doorbraakteam Gegevensdeling', async () => {
    const acu = await web.system.token({ role: 'acu' });
    for (const k of [uwv, svb]) {
      await eventually(
        async () => (await web.system.request('GET', `/api/v1/knelpunten/${k.id}`, { token: acu })).body.doorbraakteam === 'gegevensdeling',
        30000,
        `${k.reference} bij Gegevensdeling`,
      );
    }
    await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'ACU-bord' }).click();
    const lane = page.locator('section[aria-label="Doorbraakteam Gegevensdeling"]');
    const inAanpak = lane.locator('.kp-board__column').filter({ has: page.getByRole('heading', { name: 'In aanpak (ACU)' }) });
    for (const k of [uwv, svb]) await inAanpak.getByRole('link', { name: k.reference }).waitFor();
    const noTeam = page.locator('section[aria-label="Nog geen doorbraakteam"]');
    await noTeam.getByRole('link', { name: duo.reference }).waitFor();
    expect(await noTeam.getByRole('link', { name: uwv.reference }).count()).toBe(0);
    await checkPage(page, 'acu-bord-na-besluit');
  });

  it('saw no page errors, CSP violations or 5xx answers', () => {
    expectNoBrowserProblems(web);
  });
});
