import { DataSource } from 'typeorm';
import { TestSystem, eventually } from './support/test-system';
import { aKnelpunt, aStand, type KnelpuntInput } from './builders';
import { StaatAnalyseRepository } from '../libs/knelpunten/src/analyse/repositories/staat-analyse.repository';

const DAY = 86_400_000;

interface ListItem {
  id: string;
  reference: string;
  organisation: string;
  theme: string;
  status: string;
  standId: string;
  createdAt: string;
}

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  Plans?: PlanNode[];
}

/** Every node of a plan, depth first. */
function nodes(plan: PlanNode): PlanNode[] {
  return [plan, ...(plan.Plans ?? []).flatMap(nodes)];
}

/**
 * GET /api/v1/analyse/staat on the real stack (PostgreSQL, Temporal dev server, worker): Standen of 2025 and 2026 of
 * UWV, SVB and DUO submitted through the API, some knelpunten escalated and clustered by the ACU, and every number of
 * the analysis checked against what GET /knelpunten answers for the same question (the list has no year filter, so
 * its items are narrowed to the Standen of the year by their `standId`).
 *
 * Planted: UWV names in 2026 the same shortage of verzekeringsartsen as in 2025 (a look-alike title) and the same
 * BWB id under the same theme with another title; UWV's outdated ICT in 2026 resembles SVB's title of 2025, which
 * must not count (another organisation). BWB ids are given in the submission (`bwbIds`).
 */
describe('analyse: the Staat van de Uitvoering (real PostgreSQL and Temporal)', () => {
  let sys: TestSystem;
  let ds: DataSource;
  let pd: string;
  let acu: string;
  const standen: Record<string, { standId: string; ids: string[] }> = {};
  const standIdsOf: Record<number, Set<string>> = { 2025: new Set(), 2026: new Set() };

  const k = (title: string, theme: string, law?: string, bwbIds?: string[]): KnelpuntInput & { bwbIds?: string[] } => ({
    ...aKnelpunt({ title, theme, description: `Beschrijving van: ${title}` }),
    law,
    ...(bwbIds ? { bwbIds } : {}),
  });

  async function submit(organisation: string, jaar: 2025 | 2026, knelpunten: ReturnType<typeof k>[]): Promise<string[]> {
    const token = await sys.token({ role: 'indiener', organisation });
    const res = await sys.request('POST', '/api/v1/standen', {
      token,
      body: aStand({ organisation, period: String(jaar), publishedOn: `${jaar}-06-30` }, knelpunten),
    });
    expect(res.status).toBe(201);
    const ids = (res.body.knelpunten as { id: string }[]).map((x) => x.id);
    for (const id of ids) {
      await eventually(
        async () => (await sys.request('GET', `/api/v1/knelpunten/${id}`, { token: pd })).body.status === 'bij_driehoek',
        30000,
        'bij_driehoek',
      );
    }
    standen[`${organisation}${jaar}`] = { standId: res.body.id, ids };
    standIdsOf[jaar]!.add(res.body.id);
    return ids;
  }

  async function decide(token: string, id: string, body: Record<string, unknown>, status: string): Promise<void> {
    const res = await sys.request('POST', `/api/v1/knelpunten/${id}/decisions`, { token, body });
    expect({ status: res.status, to: res.body.status }).toEqual({ status: 200, to: status });
  }

  const analyse = async (token: string, jaar: number): Promise<any> => {
    const res = await sys.request('GET', `/api/v1/analyse/staat?jaar=${jaar}`, { token });
    expect(res.status).toBe(200);
    return res.body;
  };

  /** Everything GET /knelpunten answers for a filter (every page), narrowed to the Standen of the year. */
  async function list(token: string, jaar: number, filter = ''): Promise<ListItem[]> {
    const items: ListItem[] = [];
    let cursor: string | undefined;
    do {
      const res = await sys.request(
        'GET',
        `/api/v1/knelpunten?limit=100&${filter}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
        { token },
      );
      expect(res.status).toBe(200);
      items.push(...(res.body.items as ListItem[]));
      cursor = res.body.nextCursor ?? undefined;
    } while (cursor);
    return items.filter((i) => standIdsOf[jaar]!.has(i.standId));
  }

  const id = (stand: string, i: number): string => standen[stand]!.ids[i]!;

  beforeAll(async () => {
    sys = await TestSystem.start();
    ds = sys.api.get(DataSource);
    pd = await sys.token({ role: 'programmadirectie' });
    acu = await sys.token({ role: 'acu' });

    await submit('UWV', 2025, [
      k('Tekort aan verzekeringsartsen voor de WIA-keuringen', 'schaarste'),
      k('Kostendelersnorm botst met de WW', 'wetgeving', 'Participatiewet', ['BWBR0015703']),
      k('Papieren formulieren voor werkgevers', 'ict'),
    ]);
    await submit('SVB', 2025, [
      k('Verouderde ICT-systemen voor de uitkeringen', 'ict'),
      k('Onduidelijke regels bij wonen in het buitenland', 'wetgeving'),
    ]);
    await submit('UWV', 2026, [
      k('Tekort aan verzekeringsartsen bij de WIA-keuringen', 'schaarste'),
      k('Toeslagpartners en de kostendelersnorm', 'wetgeving', 'Participatiewet', ['BWBR0015703']),
      k('Verouderde ICT-systemen voor de uitkeringen', 'ict'),
      k('Lange wachttijden bij bezwaar', 'vereenvoudiging', 'Algemene wet bestuursrecht'),
    ]);
    await submit('SVB', 2026, [
      k('Gegevens uit de BRP komen te laat', 'gegevensdeling', 'Wet BRP', ['BWBR0033715']),
      k('Kostendelersnorm in de AOW', 'vereenvoudiging', undefined, ['BWBR0015703']),
    ]);
    await submit('DUO', 2026, [
      k('Studiefinanciering en adressen in de BRP', 'gegevensdeling', 'Wet basisregistratie personen', ['BWBR0033715']),
      k('Tekort aan ICT-personeel', 'schaarste', 'algemene wet Bestuursrecht'),
    ]);
    const driehoek = (code: string) => sys.token({ role: 'driehoek', driehoek: code });
    const escalate = async (code: string, knelpunt: string) =>
      decide(await driehoek(code), knelpunt, { decision: 'escaleren_acu', motivation: 'Raakt meerdere organisaties' }, 'bij_acu');
    await escalate('SVB', id('SVB2026', 0));
    await escalate('DUO', id('DUO2026', 0));
    await escalate('UWV', id('UWV2025', 2));
    await escalate('SVB', id('SVB2025', 0));
    for (const [title, knelpuntIds] of [
      ['Adressen uit de BRP', [id('SVB2026', 0), id('DUO2026', 0)]],
      ['Verouderde ICT in de keten', [id('UWV2025', 2), id('SVB2025', 0)]],
    ] as const) {
      const res = await sys.request('POST', '/api/v1/acu/clusters', { token: acu, body: { title, knelpuntIds } });
      expect(res.status).toBe(201);
    }
    const targetDate = new Date(Date.now() + 140 * DAY).toISOString().slice(0, 10);
    await decide(
      await driehoek('UWV'),
      id('UWV2026', 3),
      { decision: 'oppakken', owner: 'Directie Uitvoering', plan: 'Bezwaar versnellen', targetDate },
      'in_aanpak_driehoek',
    );
    await decide(
      await driehoek('DUO'),
      id('DUO2026', 1),
      { decision: 'afwijzen', outcome: 'geen_knelpunt', motivation: 'Geen knelpunt' },
      'afgesloten',
    );
    // Time cannot pass here: two open knelpunten of 2026 are made older in the read model (45 and 200 days).
    await ds.query(`UPDATE knelpunten SET created_at = now() - interval '45 days 2 hours' WHERE id = $1`, [id('UWV2026', 0)]);
    await ds.query(`UPDATE knelpunten SET created_at = now() - interval '200 days' WHERE id = $1`, [id('UWV2026', 2)]);
  }, 240_000);

  afterAll(async () => {
    await sys.close();
  });

  it('counts the theme × organisation matrix exactly as the list does for the same filter', async () => {
    const a = await analyse(pd, 2026);
    expect(a).toMatchObject({ jaar: 2026, standen: 3 });
    expect(a.availableYears).toEqual([2026, 2025]);
    const all = await list(pd, 2026);
    expect(a.matrix.total).toBe(all.length);
    expect(a.matrix.total).toBe(8);
    expect([...a.matrix.organisations].sort()).toEqual(['DUO', 'SVB', 'UWV']);
    expect(a.matrix.organisations[0]).toBe('UWV'); // most knelpunten first
    for (const theme of a.matrix.themes as string[]) {
      for (const organisation of a.matrix.organisations as string[]) {
        const cell = a.matrix.cells.find((c: any) => c.theme === theme && c.organisation === organisation);
        const expected = (await list(pd, 2026, `theme=${theme}&organisation=${organisation}`)).length;
        expect({ theme, organisation, count: cell?.count ?? 0 }).toEqual({ theme, organisation, count: expected });
        if (cell) expect(cell.count).toBeGreaterThan(0);
      }
      expect(a.matrix.themeTotals.find((t: any) => t.key === theme).count).toBe((await list(pd, 2026, `theme=${theme}`)).length);
    }
    for (const o of a.matrix.organisationTotals) {
      expect(o.count).toBe((await list(pd, 2026, `organisation=${o.key}`)).length);
    }
    expect(a.matrix.organisationTotals.find((o: any) => o.key === 'UWV').label).toEqual(expect.any(String));
    expect(a.matrix.cells).toContainEqual({ theme: 'gegevensdeling', organisation: 'DUO', count: 1 });
    // The other year holds only its own Standen.
    const earlier = await analyse(pd, 2025);
    expect(earlier.matrix.total).toBe((await list(pd, 2025)).length);
    expect(earlier.matrix.total).toBe(5);
  });

  it('scopes the ACU to what was escalated to it, as its list does', async () => {
    const a = await analyse(acu, 2026);
    const all = await list(acu, 2026);
    expect(a.matrix.total).toBe(all.length);
    expect(a.matrix.total).toBe(2);
    expect(a.matrix.cells).toEqual(
      expect.arrayContaining([
        { theme: 'gegevensdeling', organisation: 'SVB', count: 1 },
        { theme: 'gegevensdeling', organisation: 'DUO', count: 1 },
      ]),
    );
    expect(a.veroudering.total).toBe(all.filter((i) => i.status !== 'afgesloten').length);
    expect(a.terugkerend.items).toEqual([]);
  });

  it('names the laws most often named: by BWB id with the organisations, and the free text of the rest', async () => {
    const a = await analyse(pd, 2026);
    expect(a.wetten.bwb).toEqual([
      { bwbId: 'BWBR0015703', label: 'Participatiewet', count: 2, organisations: ['SVB', 'UWV'] },
      { bwbId: 'BWBR0033715', label: expect.any(String), count: 2, organisations: ['DUO', 'SVB'] },
    ]);
    // Free text only of knelpunten without a BWB id, lower-cased and trimmed: the two spellings are one law.
    expect(a.wetten.vrijeTekst).toEqual([
      { key: 'algemene wet bestuursrecht', label: expect.any(String), count: 2, organisations: ['DUO', 'UWV'] },
    ]);
    expect(a.wetten.limit).toBe(20);
    // The same numbers from the list, filtered on the BWB id, and from the knelpunten one by one for the free text.
    for (const w of a.wetten.bwb) {
      const naming = await list(pd, 2026, `bwb=${w.bwbId}`);
      expect({ bwbId: w.bwbId, count: w.count, organisations: w.organisations }).toEqual({
        bwbId: w.bwbId,
        count: naming.length,
        organisations: [...new Set(naming.map((i) => i.organisation))].sort(),
      });
    }
    const details = await Promise.all(
      (await list(pd, 2026)).map(async (i) => (await sys.request('GET', `/api/v1/knelpunten/${i.id}`, { token: pd })).body),
    );
    const withLaw = details.filter(
      (d) => d.bwbIds.length === 0 && typeof d.law === 'string' && d.law.trim().toLowerCase() === 'algemene wet bestuursrecht',
    );
    expect(withLaw.map((d) => d.organisation).sort()).toEqual(['DUO', 'UWV']);
  });

  it('lists the ACU clusters with a member of the year, with all their members', async () => {
    const a = await analyse(pd, 2026);
    expect(a.clusters).toHaveLength(1);
    const [cluster] = a.clusters;
    expect(cluster).toMatchObject({ title: 'Adressen uit de BRP', organisations: 2, membersInJaar: 2 });
    for (const m of cluster.members) {
      const detail = (await sys.request('GET', `/api/v1/knelpunten/${m.id}`, { token: pd })).body;
      expect(m).toEqual({
        id: detail.id,
        reference: detail.reference,
        title: detail.title,
        organisation: detail.organisation,
        status: detail.status,
        jaar: 2026,
      });
    }
    const earlier = await analyse(pd, 2025);
    expect(earlier.clusters.map((c: any) => c.title)).toEqual(['Verouderde ICT in de keten']);
    expect(earlier.clusters[0].members.map((m: any) => m.organisation)).toEqual(['SVB', 'UWV']);
    // The ACU reads the same clusters (their members are escalated).
    expect((await analyse(acu, 2026)).clusters).toEqual(a.clusters);
  });

  it('finds the knelpunten that come back: the planted look-alike and the same law, not the unrelated one', async () => {
    const a = await analyse(pd, 2026);
    const refOf = async (knelpunt: string) => (await sys.request('GET', `/api/v1/knelpunten/${knelpunt}`, { token: pd })).body.reference;
    expect(a.terugkerend.threshold).toBe(0.5);
    expect(a.terugkerend.total).toBe(2);
    const byRef = new Map<string, any>(a.terugkerend.items.map((i: any) => [i.reference, i]));
    expect([...byRef.keys()].sort()).toEqual([await refOf(id('UWV2026', 0)), await refOf(id('UWV2026', 1))].sort());

    const artsen = byRef.get(await refOf(id('UWV2026', 0)));
    expect(artsen.eerder).toHaveLength(1);
    expect(artsen.eerder[0]).toMatchObject({
      reference: await refOf(id('UWV2025', 0)),
      jaar: 2025,
      status: 'bij_driehoek',
      sharedBwbIds: [],
    });
    expect(artsen.eerder[0].score).toBeGreaterThanOrEqual(0.5);
    expect(artsen.eerder[0].reason).toContain('De titel lijkt');
    expect(artsen.eerder[0].reason).toContain('Stand van 2025');

    const kostendelers = byRef.get(await refOf(id('UWV2026', 1)));
    expect(kostendelers.eerder).toEqual([
      expect.objectContaining({ reference: await refOf(id('UWV2025', 1)), jaar: 2025, sharedBwbIds: ['BWBR0015703'] }),
    ]);
    expect(kostendelers.eerder[0].score).toBeLessThan(0.5);
    expect(kostendelers.eerder[0].reason).toContain('dezelfde wet of regeling (BWBR0015703) bij hetzelfde thema');

    // UWV's outdated ICT of 2026 has SVB's title of 2025, but another organisation's knelpunt is no recurrence;
    // SVB's Kostendelersnorm names the same BWB id, but SVB named it in no earlier Stand.
    expect(byRef.has(await refOf(id('UWV2026', 2)))).toBe(false);
    expect(byRef.has(await refOf(id('SVB2026', 1)))).toBe(false);
    // Nothing comes back in the first year.
    expect((await analyse(pd, 2025)).terugkerend).toMatchObject({ total: 0, items: [] });
  });

  it('ages the open knelpunten per status as the list sees them (count, median, max, buckets)', async () => {
    const a = await analyse(pd, 2026);
    const now = Date.parse(a.generatedAt);
    expect(a.veroudering.peilmoment).toBe(a.generatedAt);
    const open = (await list(pd, 2026)).filter((i) => i.status !== 'afgesloten');
    const age = (i: ListItem) => Math.floor((now - Date.parse(i.createdAt)) / DAY);
    const median = (xs: number[]) => {
      const s = [...xs].sort((x, y) => x - y);
      const m = Math.floor(s.length / 2);
      return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
    };
    const bucketsOf = (xs: number[]) => [
      xs.filter((d) => d < 30).length,
      xs.filter((d) => d >= 30 && d < 90).length,
      xs.filter((d) => d >= 90 && d < 180).length,
      xs.filter((d) => d >= 180).length,
    ];
    expect(a.veroudering.total).toBe(open.length);
    expect(a.veroudering.total).toBe(7);
    expect(a.veroudering.maxDays).toBe(200);
    expect(a.veroudering.medianDays).toBe(median(open.map(age)));
    expect(a.veroudering.buckets.map((b: any) => b.count)).toEqual(bucketsOf(open.map(age)));
    expect(a.veroudering.buckets.map((b: any) => b.count)).toEqual([5, 1, 0, 1]);
    expect(a.veroudering.byStatus.map((s: any) => s.key)).toEqual(['bij_driehoek', 'in_aanpak_driehoek', 'bij_acu']);
    for (const s of a.veroudering.byStatus) {
      const inStatus = await list(pd, 2026, `status=${s.key}`);
      const ages = inStatus.map(age);
      expect({ status: s.key, count: s.count, median: s.medianDays, max: s.maxDays, buckets: s.buckets.map((b: any) => b.count) }).toEqual({
        status: s.key,
        count: inStatus.length,
        median: median(ages),
        max: Math.max(...ages),
        buckets: bucketsOf(ages),
      });
    }
    expect(a.veroudering.byStatus.find((s: any) => s.key === 'bij_driehoek').buckets[3]).toMatchObject({
      key: '180_dagen_of_meer',
      label: '180 dagen of meer',
      count: 1,
    });
  });

  it('defaults to the current year and refuses a bad jaar with a 400 naming the field', async () => {
    const res = await sys.request('GET', '/api/v1/analyse/staat', { token: pd });
    expect(res.status).toBe(200);
    expect(res.body.jaar).toBe(
      Number(new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam', year: 'numeric' }).format(new Date())),
    );
    for (const jaar of ['1999', '2101', 'abc', '2026.5', '0x7EA', '', '2026&jaar=2025']) {
      const bad = await sys.request('GET', `/api/v1/analyse/staat?jaar=${jaar}`, { token: pd });
      expect({ jaar, status: bad.status, type: bad.headers['content-type'] }).toEqual({
        jaar,
        status: 400,
        type: expect.stringContaining('application/problem+json'),
      });
      expect(bad.body.invalidParams.map((p: { name: string }) => p.name)).toEqual(['jaar']);
    }
  });

  it('is for the programmadirectie and the ACU only: 403 for the other roles, 401 without login', async () => {
    for (const token of [
      await sys.token({ role: 'indiener', organisation: 'UWV' }),
      await sys.token({ role: 'driehoek', driehoek: 'UWV' }),
      await sys.token({ role: 'admin' }),
    ]) {
      const res = await sys.request('GET', '/api/v1/analyse/staat?jaar=2026', { token });
      expect(res.status).toBe(403);
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
    expect((await sys.request('GET', '/api/v1/analyse/staat?jaar=2026')).status).toBe(401);
  });

  it('reads through indexes, never a scan of every knelpunt, when there are many', async () => {
    // Thousands of knelpunten of an older year, in a transaction that is rolled back; every statement the repository
    // runs is explained with its own parameters instead of run.
    const runner = ds.createQueryRunner();
    await runner.connect();
    await runner.startTransaction();
    try {
      const [stand] = await runner.query(
        `INSERT INTO standen (id, organisation_code, period, title, content_hash, created_by)
         VALUES (gen_random_uuid(), 'UWV', '2019', 'Volume', repeat('0', 64), '{}'::jsonb) RETURNING id`,
      );
      await runner.query(
        `INSERT INTO knelpunten (id, reference, stand_id, organisation_code, driehoek_code, position, title, description, theme,
                                 status, created_at, updated_at)
         SELECT gen_random_uuid(), 'VOLUME-' || g, $1, (ARRAY['UWV', 'SVB', 'DUO', 'IND'])[1 + g % 4], (ARRAY['UWV', 'SVB', 'DUO', 'IND'])[1 + g % 4],
                g, 'Volume ' || md5(g::text), md5(g::text || 'a'), 'overig', 'bij_driehoek', now(), now()
           FROM generate_series(1, 5000) g`,
        [stand.id],
      );
      for (const table of ['knelpunten', 'standen', 'acu_clusters', 'acu_cluster_members']) await runner.query(`ANALYZE ${table}`);
      const plans: PlanNode[] = [];
      const em = {
        query: async (text: string, params: unknown[] = []): Promise<unknown[]> => {
          if (text.startsWith('SELECT set_config')) return runner.query(text, params);
          const [row] = await runner.query(`EXPLAIN (FORMAT JSON) ${text}`, params);
          plans.push(row['QUERY PLAN'][0].Plan as PlanNode);
          return plans.length === 1 ? [{ generatedAt: new Date(), standen: 0, availableYears: [] }] : [];
        },
      };
      const explaining = {
        transaction: async (_level: string, work: (m: unknown) => Promise<unknown>) => work(em),
      } as unknown as DataSource;
      await new StaatAnalyseRepository(explaining).compute({ all: true }, 2026);
      expect(plans).toHaveLength(7); // meta, matrix, two for the laws, clusters, recurring, ageing
      const [, matrix, bwb, tekst, clusters, terugkerend, veroudering] = plans as PlanNode[];
      for (const plan of [matrix!, bwb!, tekst!, clusters!, terugkerend!, veroudering!]) {
        const scans = nodes(plan).filter((n) => n['Relation Name'] === 'knelpunten');
        expect(scans.length).toBeGreaterThan(0);
        expect(scans.filter((n) => n['Node Type'] === 'Seq Scan')).toEqual([]);
      }
      // The year's knelpunten come through their Standen; a cluster's members by their key.
      for (const plan of [matrix!, bwb!, tekst!, terugkerend!, veroudering!]) {
        expect(nodes(plan).some((n) => n['Index Name'] === 'knelpunten_stand_idx')).toBe(true);
      }
      expect(nodes(clusters!).some((n) => n['Index Name'] === 'knelpunten_pkey')).toBe(true);
    } finally {
      await runner.rollbackTransaction();
      await runner.release();
    }
  });
});
