/**
 * Every page of the web app, for every role, on the real stack (issue 7: "every page has zero serious or
 * critical axe violations"): realistic data is set up once through the API (Standen of UWV, SVB and DUO with
 * knelpunten bij de driehoek, waiting for information, in aanpak, escalated onto an ACU agenda and in a
 * cluster, and closed); then each role logs in through the login page, reaches every page of its menu by the
 * menu, and visits its knelpunten by reference and by id, the ACU agenda and cluster, the inbox, the public
 * pages, the 404 page and the "Geen toegang" page. On each page: axe (no serious or critical violation),
 * exactly one h1 and no skipped heading level. Also: keyboard use (skip link, visible focus), the public pages
 * without login, and signing out.
 */
import type { Page } from 'playwright-core';
import { navigationFor } from '../../apps/web/src/layout/navigation';
import { eventually } from '../support/test-system';
import { aKnelpunt, aStand } from '../builders';
import { checkPage, expectNoBrowserProblems, login, startWebSystem, type LoginAs, type WebSystem } from './support/browser';

interface Created {
  id: string;
  reference: string;
  title: string;
}

interface Data {
  uwvStandId: string;
  uwv: {
    bijDriehoek: Created;
    wachtOpInformatie: Created;
    inAanpak: Created;
    bijAcu: Created;
    afgesloten: Created;
  };
  svb: { bijAcu: Created; bijDriehoek: Created };
  duo: { bijDriehoek: Created; inAanpak: Created };
  meetingId: string;
  clusterId: string;
}

/** A page to visit: its path (resolved once the data exists) and, optionally, the h1 it must show. */
interface Visit {
  name: string;
  path: (d: Data) => string;
  h1?: string | RegExp;
}

/** A date some weeks ahead (YYYY-MM-DD), for a streefdatum the API accepts. */
function weeksAhead(weeks: number): string {
  return new Date(Date.now() + weeks * 7 * 86_400_000).toISOString().slice(0, 10);
}

/**
 * Polls a JavaScript expression in the page until it is true. Not page.waitForFunction: that evaluates the
 * string inside the page, which the app's CSP (no unsafe-eval) rightly refuses.
 */
async function until(page: Page, expression: string, what: string, timeoutMs = 20_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    if (await page.evaluate(expression).catch(() => false)) return;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what} on ${page.url()}`);
    await page.waitForTimeout(100);
  }
}

/** Waits until the page's data is there: a visible h1 in main and no "… laden…" status left. */
async function loaded(page: Page): Promise<void> {
  await page.locator('main h1').first().waitFor({ state: 'visible' });
  await until(page, `!/laden…/i.test(document.querySelector('main')?.innerText ?? '')`, 'the data (no "Laden…")');
}

/**
 * The heading outline as a screen reader meets it (hidden headings, e.g. in a closed disclosure or only for
 * print, left out): exactly one h1, first, and no level skipped. A string, not a function: this file is
 * compiled without the DOM library.
 */
async function headingProblems(page: Page): Promise<string[]> {
  const outline = (await page.evaluate(`[...document.querySelectorAll('h1,h2,h3,h4,h5,h6,[role="heading"]')]
    .filter((h) => !h.closest('[aria-hidden="true"]') && (h.checkVisibility ? h.checkVisibility() : h.getClientRects().length > 0))
    .map((h) => ({
      level: h.getAttribute('aria-level') ? Number(h.getAttribute('aria-level')) : Number(h.tagName.slice(1)),
      text: (h.textContent ?? '').replace(/\\s+/g, ' ').trim().slice(0, 80),
    }))`)) as { level: number; text: string }[];
  const problems: string[] = [];
  const h1s = outline.filter((h) => h.level === 1);
  if (h1s.length !== 1) problems.push(`${h1s.length} h1's: ${h1s.map((h) => `"${h.text}"`).join(', ')}`);
  let previous = 0;
  for (const h of outline) {
    if (h.level > previous + 1) problems.push(`h${h.level} "${h.text}" follows h${previous || '(none)'}`);
    previous = h.level;
  }
  return problems;
}

/** axe and the heading outline, both reported at once. */
async function checkAll(page: Page, name: string): Promise<void> {
  const problems = await headingProblems(page);
  try {
    await checkPage(page, name);
  } catch (err) {
    problems.push(`axe: ${err instanceof Error ? err.message : String(err)}`);
  }
  expect({ page: name, url: new URL(page.url()).pathname, problems }).toEqual({
    page: name,
    url: new URL(page.url()).pathname,
    problems: [],
  });
}

async function h1Text(page: Page): Promise<string> {
  return ((await page.locator('main h1').first().textContent()) ?? '').trim();
}

/** Pages every logged-in role visits besides its menu. */
function commonVisits(forbidden: string): Visit[] {
  return [
    { name: 'openbaar', path: () => '/openbaar', h1: 'Gepubliceerde Standen van de Uitvoering' },
    { name: 'openbaar-stand', path: (d) => `/openbaar/standen/${d.uwvStandId}` },
    { name: 'werkdagen', path: () => '/werkdagen' },
    { name: '404', path: () => '/bestaat-niet', h1: 'Pagina niet gevonden' },
    { name: 'geen-toegang', path: () => forbidden, h1: 'Geen toegang' },
  ];
}

interface RoleCase {
  key: string;
  who: LoginAs;
  extra: Visit[];
}

const ROLES: RoleCase[] = [
  {
    key: 'indiener',
    who: { role: 'indiener', organisation: 'UWV' },
    extra: [
      { name: 'knelpunt-ref', path: (d) => `/knelpunten/${d.uwv.wachtOpInformatie.reference}`, h1: 'Inkomensgegevens ontbreken bij de WW' },
      { name: 'knelpunt-id', path: (d) => `/knelpunten/${d.uwv.inAanpak.id}`, h1: 'Verouderde ICT voor de WIA-beoordeling' },
      ...commonVisits('/beheer'),
    ],
  },
  {
    key: 'driehoek',
    who: { role: 'driehoek', driehoek: 'UWV' },
    extra: [
      { name: 'knelpunt-ref', path: (d) => `/knelpunten/${d.uwv.bijDriehoek.reference}`, h1: 'Tekort aan verzekeringsartsen' },
      { name: 'knelpunt-id', path: (d) => `/knelpunten/${d.uwv.afgesloten.id}`, h1: 'Dubbele uitvraag van loongegevens' },
      ...commonVisits('/acu'),
    ],
  },
  {
    key: 'acu',
    who: { role: 'acu' },
    extra: [
      { name: 'knelpunt-ref', path: (d) => `/knelpunten/${d.uwv.bijAcu.reference}`, h1: 'Inkomensgegevens niet tijdig beschikbaar' },
      { name: 'knelpunt-id', path: (d) => `/knelpunten/${d.svb.bijAcu.id}`, h1: 'Inkomensgegevens ontbreken bij de AOW-toeslag' },
      { name: 'agenda', path: (d) => `/acu/vergaderingen/${d.meetingId}`, h1: /^Agenda / },
      { name: 'cluster', path: (d) => `/acu/clusters/${d.clusterId}`, h1: 'Inkomensgegevens tussen UWV en SVB' },
      ...commonVisits('/beheer'),
    ],
  },
  {
    key: 'programmadirectie',
    who: { role: 'programmadirectie' },
    extra: [
      { name: 'knelpunt-ref', path: (d) => `/knelpunten/${d.uwv.inAanpak.reference}`, h1: 'Verouderde ICT voor de WIA-beoordeling' },
      { name: 'knelpunt-id', path: (d) => `/knelpunten/${d.duo.inAanpak.id}`, h1: 'Studiefinanciering en toeslagen lopen niet synchroon' },
      { name: 'agenda', path: (d) => `/acu/vergaderingen/${d.meetingId}`, h1: /^Agenda / },
      { name: 'cluster', path: (d) => `/acu/clusters/${d.clusterId}`, h1: 'Inkomensgegevens tussen UWV en SVB' },
      { name: 'werkvoorraad-uwv', path: () => '/werkvoorraad/UWV' },
      ...commonVisits('/beheer'),
    ],
  },
  {
    key: 'admin',
    who: { role: 'admin' },
    extra: [
      { name: 'knelpunt-ref', path: (d) => `/knelpunten/${d.uwv.afgesloten.reference}`, h1: 'Dubbele uitvraag van loongegevens' },
      { name: 'knelpunt-id', path: (d) => `/knelpunten/${d.svb.bijDriehoek.id}`, h1: 'Achterstand bij de AOW-aanvragen' },
      ...commonVisits('/acu'),
    ],
  },
];

describe('every page, every role: axe, headings, keyboard (Chromium)', () => {
  let web: WebSystem;
  let data: Data;

  async function submit(organisation: string, titles: [string, string, string?][]): Promise<{ standId: string; knelpunten: Created[] }> {
    const res = await web.system.request('POST', '/api/v1/standen', {
      token: await web.system.token({ role: 'indiener', organisation, name: `Ina Indiener (${organisation})` }),
      body: aStand(
        { organisation, title: `Stand van de uitvoering ${organisation} 2025` },
        titles.map(([title, description, theme]) => aKnelpunt({ title, description, theme: theme ?? 'gegevensdeling' })),
      ),
    });
    expect(res.status).toBe(201);
    const knelpunten = (res.body.knelpunten as Created[]).map((k, i) => ({ id: k.id, reference: k.reference, title: titles[i]![0] }));
    const pd = await web.system.token({ role: 'programmadirectie' });
    for (const k of knelpunten) {
      await eventually(
        async () => (await web.system.request('GET', `/api/v1/knelpunten/${k.id}`, { token: pd })).body.status === 'bij_driehoek',
        30_000,
        `${k.reference} bij de driehoek`,
      );
    }
    return { standId: res.body.id as string, knelpunten };
  }

  async function decide(driehoek: string, k: Created, body: Record<string, unknown>, status: string): Promise<void> {
    const res = await web.system.request('POST', `/api/v1/knelpunten/${k.id}/decisions`, {
      token: await web.system.token({ role: 'driehoek', driehoek, name: `Dirk Driehoek (${driehoek})` }),
      body,
    });
    expect({ reference: k.reference, status: res.status }).toEqual({ reference: k.reference, status: 200 });
    const pd = await web.system.token({ role: 'programmadirectie' });
    await eventually(
      async () => (await web.system.request('GET', `/api/v1/knelpunten/${k.id}`, { token: pd })).body.status === status,
      30_000,
      `${k.reference} ${status}`,
    );
  }

  async function meetingOf(k: Created): Promise<string> {
    const acu = await web.system.token({ role: 'acu' });
    return eventually(
      async () => {
        const body = (await web.system.request('GET', `/api/v1/knelpunten/${k.id}`, { token: acu })).body;
        return typeof body.details?.acuMeetingId === 'string' ? (body.details.acuMeetingId as string) : undefined;
      },
      30_000,
      `${k.reference} op de ACU-agenda`,
    );
  }

  beforeAll(async () => {
    web = await startWebSystem();
    const uwvStand = await submit('UWV', [
      ['Tekort aan verzekeringsartsen', 'Wachttijden voor de WIA-keuring lopen op.', 'schaarste'],
      ['Inkomensgegevens ontbreken bij de WW', 'Het UWV krijgt inkomensgegevens te laat.'],
      ['Verouderde ICT voor de WIA-beoordeling', 'Kernsystemen zijn verouderd en moeilijk aan te passen.', 'ict'],
      ['Inkomensgegevens niet tijdig beschikbaar', 'Ook SVB en DUO missen actuele inkomensgegevens.'],
      ['Dubbele uitvraag van loongegevens', 'Werkgevers leveren dezelfde gegevens twee keer aan.', 'vereenvoudiging'],
    ]);
    const [bijDriehoek, wachtOpInformatie, inAanpak, uwvAcu, afgesloten] = uwvStand.knelpunten as [
      Created,
      Created,
      Created,
      Created,
      Created,
    ];
    const svbStand = await submit('SVB', [
      ['Inkomensgegevens ontbreken bij de AOW-toeslag', 'De SVB kan de toeslag niet tijdig vaststellen.'],
      ['Achterstand bij de AOW-aanvragen', 'Aanvragen blijven liggen door personeelstekort.', 'schaarste'],
    ]);
    const [svbAcu, svbDriehoek] = svbStand.knelpunten as [Created, Created];
    const duoStand = await submit('DUO', [
      ['Terugvordering studiefinanciering na overlijden', 'Nabestaanden krijgen onterecht een vordering.', 'maatwerk'],
      ['Studiefinanciering en toeslagen lopen niet synchroon', 'Wijzigingen komen niet tegelijk door.'],
    ]);
    const [duoDriehoek, duoAanpak] = duoStand.knelpunten as [Created, Created];

    await decide(
      'UWV',
      wachtOpInformatie,
      { decision: 'informatie_opvragen', question: 'Hoeveel WW-aanvragen raakt dit per maand?' },
      'wacht_op_informatie',
    );
    const aanpak = {
      decision: 'oppakken',
      targetDate: weeksAhead(20),
      plan: 'Gefaseerde vervanging van het kernsysteem, eerst de WIA-module.',
    };
    await decide('UWV', inAanpak, { ...aanpak, owner: 'Directie Uitkeringen UWV' }, 'in_aanpak_driehoek');
    await decide('DUO', duoAanpak, { ...aanpak, owner: 'Directie Studiefinanciering DUO' }, 'in_aanpak_driehoek');
    await decide(
      'UWV',
      afgesloten,
      { decision: 'afwijzen', outcome: 'geen_knelpunt', motivation: 'Dit is al opgelost met de loonaangifteketen.' },
      'afgesloten',
    );
    const escalate = { decision: 'escaleren_acu', motivation: 'Raakt UWV, SVB en DUO: overkoepelend knelpunt.' };
    await decide('UWV', uwvAcu, escalate, 'bij_acu');
    await decide('SVB', svbAcu, escalate, 'bij_acu');
    const meetingId = await meetingOf(uwvAcu);
    await meetingOf(svbAcu);

    const voortgang = await web.system.request('POST', `/api/v1/knelpunten/${inAanpak.id}/voortgang`, {
      token: await web.system.token({ role: 'indiener', organisation: 'UWV', name: 'Ina Indiener (UWV)' }),
      body: { summary: 'De aanbesteding voor het nieuwe systeem is gestart.' },
    });
    expect(voortgang.status).toBeLessThan(300);
    const cluster = await web.system.request('POST', '/api/v1/acu/clusters', {
      token: await web.system.token({ role: 'acu', name: 'Anna ACU' }),
      body: {
        title: 'Inkomensgegevens tussen UWV en SVB',
        description: 'Beide organisaties missen actuele inkomensgegevens.',
        knelpuntIds: [uwvAcu.id, svbAcu.id],
      },
    });
    expect(cluster.status).toBe(201);

    data = {
      uwvStandId: uwvStand.standId,
      uwv: { bijDriehoek, wachtOpInformatie, inAanpak, bijAcu: uwvAcu, afgesloten },
      svb: { bijAcu: svbAcu, bijDriehoek: svbDriehoek },
      duo: { bijDriehoek: duoDriehoek, inAanpak: duoAanpak },
      meetingId,
      clusterId: cluster.body.id as string,
    };
  }, 300_000);

  afterAll(async () => {
    await web?.close();
  });

  describe('without login', () => {
    let page: Page;
    beforeAll(async () => {
      page = (await web.newPage()).page;
    });

    for (const visit of [
      { name: 'openbaar', path: '/openbaar' },
      { name: 'openbaar-stand', path: '' },
      { name: 'werkdagen', path: '/werkdagen' },
      { name: 'inloggen', path: '/inloggen' },
      { name: '404', path: '/bestaat-niet' },
    ]) {
      it(`shows ${visit.name} to everyone`, async () => {
        await page.goto(visit.path || `/openbaar/standen/${data.uwvStandId}`);
        await loaded(page);
        expect(await page.getByRole('button', { name: 'Uitloggen' }).count()).toBe(0);
        await checkAll(page, `publiek-${visit.name}`);
      });
    }

    it('sends a protected page to the login page', async () => {
      await page.goto('/mijn-knelpunten');
      await page.waitForURL('**/inloggen?terug=%2Fmijn-knelpunten');
      await loaded(page);
    });

    it('can be used by keyboard: the skip link is the first Tab stop and moves focus to the main content', async () => {
      await page.goto('/werkdagen');
      await loaded(page);
      await page.keyboard.press('Tab');
      const first = (await page.evaluate(`(() => {
        const el = document.activeElement;
        const r = el.getBoundingClientRect();
        const s = getComputedStyle(el);
        return { text: el.textContent.trim(), href: el.getAttribute('href'), visible: r.width > 1 && r.height > 1 && r.top >= 0 && r.bottom <= innerHeight,
          outline: s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0, shadow: s.boxShadow !== 'none' };
      })()`)) as { text: string; href: string; visible: boolean; outline: boolean; shadow: boolean };
      expect(first).toMatchObject({ text: 'Naar de inhoud', href: '#inhoud', visible: true });
      await checkPage(page, 'toetsenbord-skiplink');
      await page.keyboard.press('Enter');
      await until(page, `document.activeElement?.id === 'inhoud'`, 'focus on main');
      // The next Tab stop is inside main, not back in the header.
      await page.keyboard.press('Tab');
      expect(await page.evaluate(`!!document.activeElement?.closest('main')`)).toBe(true);
    });

    it('shows a visible focus style on links, buttons and fields', async () => {
      await page.goto('/werkdagen');
      await loaded(page);
      const focusStyle = `(() => {
        const el = document.activeElement;
        const s = getComputedStyle(el);
        return { tag: el.tagName.toLowerCase(), text: (el.textContent || el.getAttribute('aria-label') || el.id || '').trim().slice(0, 40),
          visible: (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== 'none' };
      })()`;
      const seen: { tag: string; text: string; visible: boolean }[] = [];
      for (let i = 0; i < 12; i += 1) {
        await page.keyboard.press('Tab');
        seen.push((await page.evaluate(focusStyle)) as { tag: string; text: string; visible: boolean });
      }
      expect(seen.filter((s) => !s.visible)).toEqual([]);
      expect(new Set(seen.map((s) => s.tag)).size).toBeGreaterThan(1);
      await checkPage(page, 'toetsenbord-focus');
    });
  });

  for (const role of ROLES) {
    describe(`${role.key}`, () => {
      let page: Page;
      beforeAll(async () => {
        page = (await web.newPage()).page;
        await login(page, role.who);
      });

      it('sees exactly its menu', async () => {
        const nav = page.getByRole('navigation', { name: 'Hoofdmenu' });
        const hrefs = await Promise.all((await nav.locator('a').all()).map((a) => a.getAttribute('href')));
        expect(hrefs).toEqual([...navigationFor(role.who.role).map((i) => i.to), '/openbaar']);
      });

      for (const item of navigationFor(role.who.role)) {
        it(`reaches ${item.to} (${item.label}) through the menu`, async () => {
          await loaded(page);
          const before = await h1Text(page);
          const wasHere = new URL(page.url()).pathname === item.to;
          await page.getByRole('navigation', { name: 'Hoofdmenu' }).locator(`a[href="${item.to}"]`).click();
          await page.waitForURL((url) => url.pathname === item.to);
          if (!wasHere)
            await until(page, `document.querySelector('main h1')?.textContent.trim() !== ${JSON.stringify(before)}`, 'the new page');
          await loaded(page);
          expect(await h1Text(page)).not.toBe('Geen toegang');
          // After navigating, focus is on the new page's h1 (screen readers announce the new page).
          if (!wasHere) await until(page, `document.activeElement === document.querySelector('main h1')`, 'focus on the h1', 5_000);
          await checkAll(page, `${role.key}${item.to.replace(/\//g, '-')}`);
        });
      }

      for (const visit of role.extra) {
        it(`visits ${visit.name}`, async () => {
          await page.goto(visit.path(data));
          await loaded(page);
          if (visit.h1 instanceof RegExp) expect(await h1Text(page)).toMatch(visit.h1);
          else if (visit.h1) expect(await h1Text(page)).toBe(visit.h1);
          else expect(await h1Text(page)).not.toMatch(/^(Geen toegang|Pagina niet gevonden)$/);
          await checkAll(page, `${role.key}-${visit.name}`);
        });
      }
    });
  }

  it('moves focus to the knelpunt’s title once it has loaded, after following a link in the queue', async () => {
    const { page } = await web.newPage();
    await login(page, { role: 'driehoek', driehoek: 'UWV' });
    await page.waitForURL('**/werkvoorraad');
    await page.getByRole('link', { name: data.uwv.bijDriehoek.reference }).first().click();
    await page.waitForURL(`**/knelpunten/${data.uwv.bijDriehoek.reference}`);
    // The URL changes before the lazily loaded page replaces the queue (React keeps the old page during the
    // transition), so "loaded" alone could be satisfied by the queue: wait for the knelpunt's own title.
    await until(
      page,
      `document.querySelector('main h1')?.textContent.trim() === ${JSON.stringify(data.uwv.bijDriehoek.title)}`,
      'the knelpunt’s title as h1',
    );
    await loaded(page);
    expect(await h1Text(page)).toBe(data.uwv.bijDriehoek.title);
    await until(page, `document.activeElement === document.querySelector('main h1')`, 'focus on the knelpunt’s h1', 5_000);
  });

  it('signs out: a protected page then sends to the login page', async () => {
    const { page } = await web.newPage();
    await login(page, { role: 'indiener', organisation: 'UWV' });
    await page.waitForURL('**/mijn-knelpunten');
    await page.getByRole('button', { name: 'Uitloggen' }).click();
    await page.getByRole('link', { name: 'Inloggen' }).first().waitFor();
    await page.goto('/mijn-knelpunten');
    await page.waitForURL('**/inloggen?terug=%2Fmijn-knelpunten');
    await page.getByLabel('Rol').waitFor();
    await page.goto(`/knelpunten/${data.uwv.bijDriehoek.reference}`);
    await page.waitForURL(`**/inloggen?terug=%2Fknelpunten%2F${data.uwv.bijDriehoek.reference}`);
    await checkAll(page, 'uitgelogd-inloggen');
  });

  it('saw no page errors, CSP violations or 5xx answers', () => {
    expectNoBrowserProblems(web);
  });
});
