import { parse } from 'csv-parse/sync';
import { TestSystem, eventually } from './support/test-system';
import { aKnelpunt, aStand } from './builders';
import { PUBLIC_KNELPUNT_FIELD_NAMES } from '../libs/knelpunten/src/openbaar/public-fields';

type Json = Record<string, any>;

/** What a person typed or who a person is: none of it may appear in any public response. */
const PERSON = 'Jantje Pietersen-Verhoeven';
const EMAIL = 'j.pietersen@uwv.example';
const SECRETS = {
  driehoekName: PERSON,
  driehoekSubject: 'subject-driehoek-7f3a',
  indienerName: 'Klaasje Vermeulen-de Boer',
  indienerSubject: 'subject-indiener-91c2',
  acuName: 'Pietje Acu-Lid',
  acuSubject: 'subject-acu-44d0',
  email: EMAIL,
  motivationEscalation: `Vertrouwelijk: ${PERSON} (${EMAIL}) ziet geen oplossing binnen de eigen keten`,
  motivationPolitics: `Politiek gevoelig volgens ${PERSON}; bel ${EMAIL}`,
  motivationRejection: `Afgewezen na overleg met ${PERSON}`,
  question: `Kan ${PERSON} (${EMAIL}) aangeven hoeveel dossiers het betreft?`,
  response: 'Ongeveer 1234 dossiers volgens de interne telling van team Zuid',
  owner: `${PERSON}, directie Uitvoeringsbeleid`,
  plan: `Plan van aanpak: ${EMAIL} coördineert de afstemming`,
  voortgang: `Voortgang besproken met ${PERSON} op kantoor`,
  closingSummary: 'Samenvatting van de afronding met interne details 5521',
  description: 'Interne beschrijving 9f8e7d die nooit openbaar wordt',
  impact: 'Impact-tekst 3c3c3c',
  proposedSolution: 'Oplossingsrichting 4d4d4d',
} as const;

/** Allowed keys anywhere in a public JSON body: the allow-list plus the page envelope. */
const ENVELOPE = ['items', 'nextCursor'];
const ALLOWED = new Set<string>([...PUBLIC_KNELPUNT_FIELD_NAMES, ...ENVELOPE]);

/** Every key of a JSON value, at any depth, with its path. */
function keysOf(value: unknown, path = '$'): string[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => keysOf(v, `${path}[${i}]`));
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) => [`${path}.${k}`, ...keysOf(v, `${path}.${k}`)]);
  }
  return [];
}

/**
 * The public register (issue 9, item 3) on the real stack: Standen submitted and decided through the API, with
 * motivations, an information request, voortgang and a closing summary that name a person and an e-mail address.
 * Every public response (each page of the list, every detail, the CSV and JSON exports) is read without login and
 * checked against the allow-list and for every secret; counts match GET /knelpunten for the programmadirectie.
 */
describe('openbaar register: GET /api/v1/openbaar/knelpunten (real PostgreSQL and Temporal)', () => {
  let sys: TestSystem;
  let pd: string;
  const ref: Record<string, string> = {};
  /** Every raw public body read by this suite, checked for secrets at the end too. */
  const bodies: string[] = [];
  const FORMULA_TITLE = '=HYPERLINK("https://evil.example","klik") Formule in de titel';

  const pub = async (url: string, token?: string) => {
    const res = await sys.request('GET', url, { token });
    if (url.startsWith('/api/v1/openbaar/')) bodies.push(typeof res.body === 'string' ? res.body : JSON.stringify(res.body ?? ''));
    return res;
  };

  /** The body must hold only allow-listed keys and none of the secrets. */
  function expectOnlyPublic(raw: string, json?: unknown): void {
    if (json !== undefined) {
      const outside = keysOf(json).filter((p) => !ALLOWED.has(p.slice(p.lastIndexOf('.') + 1).replace(/\[\d+\]$/, '')));
      expect(outside).toEqual([]);
    }
    const leaked = Object.entries(SECRETS).filter(([, text]) => raw.includes(text));
    expect(leaked.map(([name]) => name)).toEqual([]);
    expect(raw).not.toContain('Pietersen');
    expect(raw).not.toMatch(/[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/);
  }

  async function allPages(url: string, token?: string, limit = 2): Promise<Json[]> {
    const items: Json[] = [];
    let cursor: string | null = null;
    const sep = url.includes('?') ? '&' : '?';
    for (let i = 0; i < 100; i++) {
      const res = await pub(`${url}${sep}limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, token);
      expect(res.status).toBe(200);
      if (!token) expectOnlyPublic(JSON.stringify(res.body), res.body);
      items.push(...(res.body.items as Json[]));
      cursor = res.body.nextCursor;
      if (!cursor) return items;
    }
    throw new Error(`more than 100 pages at ${url}`);
  }

  async function submit(organisation: string, name: string, subject: string, knelpunten: ReturnType<typeof aKnelpunt>[]) {
    const token = await sys.token({ role: 'indiener', organisation, name, subject });
    const res = await sys.request('POST', '/api/v1/standen', { token, body: aStand({ organisation }, knelpunten) });
    expect(res.status).toBe(201);
    for (const k of res.body.knelpunten as { id: string }[]) {
      await eventually(
        async () => (await sys.request('GET', `/api/v1/knelpunten/${k.id}`, { token: pd })).body.status === 'bij_driehoek',
        30000,
        'bij_driehoek',
      );
    }
    return res.body.knelpunten as { id: string; reference: string }[];
  }

  async function decide(token: string, id: string, body: Json, to: string): Promise<void> {
    const res = await sys.request('POST', `/api/v1/knelpunten/${id}/decisions`, { token, body });
    expect({ status: res.status, to: res.body.status }).toEqual({ status: 200, to });
  }

  beforeAll(async () => {
    sys = await TestSystem.start();
    pd = await sys.token({ role: 'programmadirectie' });
    const secret = { description: SECRETS.description, impact: SECRETS.impact, proposedSolution: SECRETS.proposedSolution };
    const uwv = await submit('UWV', SECRETS.indienerName, SECRETS.indienerSubject, [
      aKnelpunt({ title: 'Peildatumprobleem bij de WIA-uitkering', theme: 'vereenvoudiging', ...secret }),
      aKnelpunt({ title: FORMULA_TITLE, theme: 'ict', ...secret }),
      aKnelpunt({ title: '@SOM(A1:A9) en +31 in een titel', theme: 'ict', ...secret }),
      aKnelpunt({ title: 'Tekort aan verzekeringsartsen', theme: 'schaarste', ...secret }),
      aKnelpunt({ title: 'Gegevens uit de BRP komen te laat', theme: 'gegevensdeling', ...secret }),
    ]);
    const svb = await submit('SVB', SECRETS.indienerName, SECRETS.indienerSubject, [
      aKnelpunt({ title: 'AOW-gat bij migranten', theme: 'gegevensdeling', ...secret }),
      aKnelpunt({ title: 'Kinderbijslag bij co-ouderschap', theme: 'wetgeving', ...secret }),
      aKnelpunt({ title: 'Peildatumprobleem bij de kinderbijslag', theme: 'vereenvoudiging', ...secret }),
      aKnelpunt({ title: 'Verouderde ICT voor de AOW', theme: 'ict', ...secret }),
    ]);
    [ref.peildatum, ref.formula, ref.at, ref.artsen, ref.brp] = uwv.map((k) => k.reference);
    [ref.aowGat, ref.coOuder, ref.peildatumSvb, ref.ictSvb] = svb.map((k) => k.reference);

    const indienerUwv = await sys.token({
      role: 'indiener',
      organisation: 'UWV',
      name: SECRETS.indienerName,
      subject: SECRETS.indienerSubject,
    });
    const driehoekUwv = await sys.token({
      role: 'driehoek',
      driehoek: 'UWV',
      name: SECRETS.driehoekName,
      subject: SECRETS.driehoekSubject,
    });
    const driehoekSvb = await sys.token({
      role: 'driehoek',
      driehoek: 'SVB',
      name: SECRETS.driehoekName,
      subject: SECRETS.driehoekSubject,
    });
    const acu = await sys.token({ role: 'acu', name: SECRETS.acuName, subject: SECRETS.acuSubject });
    const targetDate = new Date(Date.now() + 140 * 86_400_000).toISOString().slice(0, 10);

    // UWV: an information request answered; one taken up, with voortgang, and closed; one left waiting for information.
    await decide(driehoekUwv, uwv[0]!.id, { decision: 'informatie_opvragen', question: SECRETS.question }, 'wacht_op_informatie');
    await decide(indienerUwv, uwv[0]!.id, { decision: 'informatie_aanleveren', response: SECRETS.response }, 'bij_driehoek');
    await decide(
      driehoekUwv,
      uwv[3]!.id,
      { decision: 'oppakken', owner: SECRETS.owner, plan: SECRETS.plan, targetDate },
      'in_aanpak_driehoek',
    );
    const voortgang = await sys.request('POST', `/api/v1/knelpunten/${uwv[3]!.id}/voortgang`, {
      token: driehoekUwv,
      body: { summary: SECRETS.voortgang },
    });
    expect(voortgang.status).toBe(200);
    await decide(driehoekUwv, uwv[3]!.id, { decision: 'afronden', outcome: 'opgelost', summary: SECRETS.closingSummary }, 'afgesloten');
    await decide(driehoekUwv, uwv[4]!.id, { decision: 'informatie_opvragen', question: SECRETS.question }, 'wacht_op_informatie');
    // SVB: escalated and given to a doorbraakteam; to politics; rejected.
    await decide(driehoekSvb, svb[0]!.id, { decision: 'escaleren_acu', motivation: SECRETS.motivationEscalation }, 'bij_acu');
    await decide(acu, svb[0]!.id, { decision: 'toewijzen_doorbraakteam', team: 'gegevensdeling' }, 'in_aanpak_acu');
    await decide(
      driehoekSvb,
      svb[1]!.id,
      { decision: 'naar_politiek', instrument: 'kamerbrief', motivation: SECRETS.motivationPolitics },
      'politieke_opvolging',
    );
    await decide(
      driehoekSvb,
      svb[3]!.id,
      { decision: 'afwijzen', outcome: 'niet_oplosbaar', motivation: SECRETS.motivationRejection },
      'afgesloten',
    );

    // The secrets really are in the system (so their absence below means something).
    const internal = await sys.request('GET', `/api/v1/knelpunten/${ref.aowGat}`, { token: pd });
    expect(JSON.stringify(internal.body)).toContain(SECRETS.motivationEscalation);
    expect(JSON.stringify(internal.body)).toContain(SECRETS.driehoekName);
  }, 240_000);

  afterAll(async () => {
    await sys?.close();
  });

  it('lists every knelpunt of the published Standen without login, with exactly the allow-listed fields and nothing personal', async () => {
    const res = await pub('/api/v1/openbaar/knelpunten?limit=100');
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('public, max-age=60');
    expectOnlyPublic(JSON.stringify(res.body), res.body);
    expect(Object.keys(res.body).sort()).toEqual(['items', 'nextCursor']);
    expect(res.body.items).toHaveLength(9);
    for (const item of res.body.items as Json[]) expect(Object.keys(item)).toEqual(PUBLIC_KNELPUNT_FIELD_NAMES);
    expect(res.body.nextCursor).toBeNull();
  });

  it('shows status, outcome, dates and a generated progress summary per knelpunt', async () => {
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam' }).format(new Date());
    const get = async (reference: string): Promise<Json> => {
      const res = await pub(`/api/v1/openbaar/knelpunten/${reference}`);
      expect(res.status).toBe(200);
      return res.body;
    };
    const closed = await get(ref.artsen!);
    expect(closed).toMatchObject({
      reference: ref.artsen,
      title: 'Tekort aan verzekeringsartsen',
      organisation: 'UWV',
      theme: 'schaarste',
      status: 'afgesloten',
      outcome: 'opgelost',
      standPeriod: '2025',
      submittedOn: today,
      lastChangedOn: today,
      closedOn: today,
      lastProgressOn: today,
      progressSummary: 'Afgesloten: het knelpunt is opgelost.',
    });
    expect(closed.organisationName).toEqual(expect.any(String));
    expect(await get(ref.aowGat!)).toMatchObject({
      status: 'in_aanpak_acu',
      outcome: null,
      doorbraakteam: 'gegevensdeling',
      closedOn: null,
      lastProgressOn: null,
      progressSummary: 'Wordt overheidsbreed aangepakt via de ACU (doorbraakteam Gegevensdeling).',
    });
    expect(await get(ref.coOuder!)).toMatchObject({
      status: 'politieke_opvolging',
      progressSummary: 'In politieke opvolging (kamerbrief).',
    });
    expect(await get(ref.brp!)).toMatchObject({ status: 'wacht_op_informatie', doorbraakteam: null });
    expect(await get(ref.ictSvb!)).toMatchObject({ status: 'afgesloten', outcome: 'niet_oplosbaar', closedOn: today });
  });

  it('answers every detail with the same object as the list, only allow-listed fields, by reference in any case', async () => {
    const list = (await pub('/api/v1/openbaar/knelpunten?limit=100')).body.items as Json[];
    for (const item of list) {
      const res = await pub(`/api/v1/openbaar/knelpunten/${String(item.reference).toLowerCase()}`);
      expect(res.status).toBe(200);
      expect(res.headers['cache-control']).toBe('public, max-age=60');
      expectOnlyPublic(JSON.stringify(res.body), res.body);
      expect(Object.keys(res.body)).toEqual(PUBLIC_KNELPUNT_FIELD_NAMES);
      expect(res.body).toEqual(item);
    }
    const unknown = await pub('/api/v1/openbaar/knelpunten/UWV-99999999');
    expect(unknown.status).toBe(404);
    expect(String(unknown.headers['content-type'])).toContain('application/problem+json');
    expect(unknown.headers['cache-control']).toBeUndefined();
    const bad = await pub('/api/v1/openbaar/knelpunten/geen-kenmerk');
    expect(bad.status).toBe(400);
    expect(bad.body.invalidParams).toEqual([expect.objectContaining({ name: 'reference' })]);
  });

  it('pages with the cursor: every knelpunt once, newest first, each page clean', async () => {
    const all = (await pub('/api/v1/openbaar/knelpunten?limit=100')).body.items as Json[];
    const paged = await allPages('/api/v1/openbaar/knelpunten');
    expect(paged.map((k) => k.reference)).toEqual(all.map((k) => k.reference));
    expect(new Set(paged.map((k) => k.reference)).size).toBe(9);
    const filtered = await allPages('/api/v1/openbaar/knelpunten?organisation=uwv', undefined, 1);
    expect(filtered.map((k) => k.reference).sort()).toEqual([ref.peildatum, ref.formula, ref.at, ref.artsen, ref.brp].sort());
    const forged = await pub('/api/v1/openbaar/knelpunten?cursor=bm9nIGVlbg');
    expect(forged.status).toBe(400);
    expect(forged.body.invalidParams).toEqual([expect.objectContaining({ name: 'cursor' })]);
  });

  it.each([
    ['organisation=UWV', 5],
    ['organisation=SVB&status=afgesloten', 1],
    ['theme=ict', 3],
    ['status=bij_driehoek', 4],
    ['theme=vereenvoudiging&status=bij_driehoek', 2],
    ['status=afgesloten', 2],
    ['q=peildatumprobleem', 2],
    ['organisation=SVB&q=peildatumprobleem', 1],
  ])('counts the same as GET /knelpunten for the programmadirectie: %s', async (filter, expected) => {
    const open = await allPages(`/api/v1/openbaar/knelpunten?${filter}`);
    const internal = await allPages(`/api/v1/knelpunten?${filter}`, pd, 100);
    expect(open.length).toBe(expected);
    expect(open.map((k) => k.reference).sort()).toEqual(internal.map((k) => k.reference).sort());
  });

  it('filters on outcome, and searches titles only (never the descriptions)', async () => {
    expect((await allPages('/api/v1/openbaar/knelpunten?outcome=opgelost')).map((k) => k.reference)).toEqual([ref.artsen]);
    // The word is in every description: GET /knelpunten finds it, the public search does not.
    expect((await allPages('/api/v1/knelpunten?q=beschrijving', pd, 100)).length).toBe(9);
    expect(await allPages('/api/v1/openbaar/knelpunten?q=beschrijving')).toEqual([]);
    const bad = await pub('/api/v1/openbaar/knelpunten?status=geheim&theme=x');
    expect(bad.status).toBe(400);
    expect((bad.body.invalidParams as { name: string }[]).map((p) => p.name).sort()).toEqual(['status', 'theme']);
  });

  it('exports the same as CSV: RFC 4180, the allow-list as header, formulas escaped, nothing personal', async () => {
    const res = await pub('/api/v1/openbaar/knelpunten/export?format=csv');
    expect(res.status).toBe(200);
    expect(String(res.headers['content-type'])).toMatch(/^text\/csv; charset=utf-8/);
    expect(String(res.headers['content-disposition'])).toBe('attachment; filename="knelpunten-openbaar.csv"');
    expect(res.headers['cache-control']).toBe('public, max-age=60');
    const raw = String(res.body);
    expectOnlyPublic(raw);
    expect(raw.charCodeAt(0)).not.toBe(0xfeff);
    expect(raw.endsWith('\r\n')).toBe(true);
    const [header, ...rows] = parse(raw) as string[][];
    expect(header).toEqual(PUBLIC_KNELPUNT_FIELD_NAMES);
    expect(rows).toHaveLength(9);
    const list = (await pub('/api/v1/openbaar/knelpunten?limit=100')).body.items as Json[];
    expect(rows.map((r) => r[0])).toEqual(list.map((k) => k.reference));
    const title = PUBLIC_KNELPUNT_FIELD_NAMES.indexOf('title');
    const byRef = new Map(rows.map((r) => [r[0], r]));
    expect(byRef.get(ref.formula!)![title]).toBe(`'${FORMULA_TITLE}`);
    expect(byRef.get(ref.at!)![title]).toBe("'@SOM(A1:A9) en +31 in een titel");
    expect(byRef.get(ref.artsen!)![title]).toBe('Tekort aan verzekeringsartsen');
    for (const r of rows) for (const cell of r) expect(cell).not.toMatch(/^[=+\-@\t\r]/);

    const filtered = parse(
      String((await pub('/api/v1/openbaar/knelpunten/export?format=csv&organisation=SVB&theme=ict')).body),
    ) as string[][];
    expect(filtered.slice(1).map((r) => r[0])).toEqual([ref.ictSvb]);
  });

  it('exports the same as JSON: { items } with the list objects, nothing else', async () => {
    const res = await pub('/api/v1/openbaar/knelpunten/export?format=json');
    expect(res.status).toBe(200);
    expect(String(res.headers['content-type'])).toContain('application/json');
    expectOnlyPublic(JSON.stringify(res.body), res.body);
    expect(Object.keys(res.body)).toEqual(['items']);
    const list = (await pub('/api/v1/openbaar/knelpunten?limit=100')).body.items as Json[];
    expect(res.body.items).toEqual(list);
    const byDefault = await pub('/api/v1/openbaar/knelpunten/export?status=afgesloten');
    expect((byDefault.body.items as Json[]).map((k) => k.reference).sort()).toEqual([ref.artsen, ref.ictSvb].sort());
    const bad = await pub('/api/v1/openbaar/knelpunten/export?format=xlsx');
    expect(bad.status).toBe(400);
    expect(bad.body.invalidParams).toEqual([expect.objectContaining({ name: 'format' })]);
  });

  it('answers a request with credentials the same, but not cacheable by others', async () => {
    const anonymous = await pub('/api/v1/openbaar/knelpunten?limit=100');
    for (const token of [pd, await sys.token({ role: 'indiener', organisation: 'DUO' })]) {
      const res = await pub('/api/v1/openbaar/knelpunten?limit=100', token);
      expect(res.status).toBe(200);
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.body).toEqual(anonymous.body);
      const detail = await pub(`/api/v1/openbaar/knelpunten/${ref.aowGat}`, token);
      expect(detail.status).toBe(200);
      expect(detail.headers['cache-control']).toBe('no-store');
      const csv = await pub('/api/v1/openbaar/knelpunten/export?format=csv', token);
      expect(csv.status).toBe(200);
      expect(csv.headers['cache-control']).toBe('no-store');
    }
  });

  it('documents the public knelpunt in the OpenAPI document with exactly the allow-listed properties and no security', async () => {
    const doc = (await sys.request('GET', '/api/v1/openapi.json')).body as Json;
    expect(Object.keys(doc.components.schemas.PublicKnelpuntDto.properties)).toEqual(PUBLIC_KNELPUNT_FIELD_NAMES);
    for (const path of ['/openbaar/knelpunten', '/openbaar/knelpunten/export', '/openbaar/knelpunten/{reference}']) {
      expect(doc.paths[path].get.security ?? []).toEqual([]);
    }
  });

  it('never let a secret into any public body read above', () => {
    expect(bodies.length).toBeGreaterThan(30);
    for (const body of bodies) {
      for (const text of Object.values(SECRETS)) expect(body.includes(text)).toBe(false);
    }
  });
});
