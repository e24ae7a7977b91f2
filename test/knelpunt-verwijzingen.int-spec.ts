import { DataSource } from 'typeorm';
import { TestSystem, eventually } from './support/test-system';
import { aKnelpunt, aStand } from './builders';

/**
 * References of a knelpunt to parliament and law (issue 9 §2): given at submission, replaced afterwards by whoever has
 * the knelpunt in scope, shown in detail and list, filtered on with the GIN indexes, and never touched by the workflow's
 * projection nor reported as drift by the reconciliation. Real PostgreSQL and Temporal.
 */
describe('verwijzingen naar Kamer en wetgeving', () => {
  let sys: TestSystem;
  let ds: DataSource;
  let uwv: string;
  let withRefs: string;
  let withoutRefs: string;
  let other: string;
  const empty = { kamerstukken: [], moties: [], toezeggingen: [], bwbIds: [] };
  const put = (id: string, token: string, body: unknown) => sys.request('PUT', `/api/v1/knelpunten/${id}/verwijzingen`, { token, body });
  const get = async (id: string, token = uwv) => (await sys.request('GET', `/api/v1/knelpunten/${id}`, { token })).body;

  beforeAll(async () => {
    sys = await TestSystem.start();
    ds = sys.api.get(DataSource);
    uwv = await sys.token({ role: 'indiener', organisation: 'UWV', name: 'Ina Indiener' });
    const res = await sys.request('POST', '/api/v1/standen', {
      token: uwv,
      body: aStand({
        knelpunten: [
          {
            ...aKnelpunt({ title: 'Met verwijzingen' }),
            kamerstukken: [' 29362-290 ', '36200-vii-12', '29362-290'],
            moties: ['36200-VII-12'],
            toezeggingen: ['tz202311-045'],
            bwbIds: ['BWBR0002448'],
          },
          aKnelpunt({ title: 'Zonder verwijzingen' }),
        ],
      }),
    });
    expect(res.status).toBe(201);
    [withRefs, withoutRefs] = res.body.knelpunten.map((k: { id: string }) => k.id);
    const svb = await sys.token({ role: 'indiener', organisation: 'SVB' });
    const o = await sys.request('POST', '/api/v1/standen', {
      token: svb,
      body: aStand({ organisation: 'SVB', knelpunten: [{ ...aKnelpunt({ title: 'SVB' }), kamerstukken: ['29362-290'] }] }),
    });
    expect(o.status).toBe(201);
    other = o.body.knelpunten[0].id;
    await eventually(async () => (await get(withRefs)).status === 'bij_driehoek', 30000, 'workflow started');
  });
  afterAll(async () => {
    await sys.close();
  });

  it('stores the references given at submission, normalised and deduplicated, in detail and list', async () => {
    const k = await get(withRefs);
    expect(k).toMatchObject({
      kamerstukken: ['29362-290', '36200-VII-12'],
      moties: ['36200-VII-12'],
      toezeggingen: ['TZ202311-045'],
      bwbIds: ['BWBR0002448'],
      mayEditVerwijzingen: true,
    });
    expect(await get(withoutRefs)).toMatchObject(empty);
    const list = await sys.request('GET', '/api/v1/knelpunten?limit=100', { token: uwv });
    const row = list.body.items.find((i: { id: string }) => i.id === withRefs);
    expect(row).toMatchObject({ kamerstukken: ['29362-290', '36200-VII-12'], bwbIds: ['BWBR0002448'] });
  });

  it('takes the references from the CSV import, several in one cell, and names a bad one by row and column', async () => {
    const csv =
      'title;description;theme;kamerstukken;bwbIds\n' +
      'CSV met verwijzingen;Uitleg;ict;"34775-1; 36200-VII-12";bwbr0004045\n' +
      'CSV zonder;Uitleg;ict;;\n';
    const res = await sys.request('POST', '/api/v1/standen/import?organisation=UWV&period=2025&title=CSV verwijzingen', {
      token: uwv,
      raw: csv,
      headers: { 'content-type': 'text/csv' },
    });
    expect(res.status).toBe(201);
    const [first, second] = res.body.knelpunten.map((k: { id: string }) => k.id);
    expect(await get(first)).toMatchObject({ kamerstukken: ['34775-1', '36200-VII-12'], moties: [], bwbIds: ['BWBR0004045'] });
    expect(await get(second)).toMatchObject(empty);
    const bad = await sys.request('POST', '/api/v1/standen/import?organisation=UWV&period=2025&title=CSV fout', {
      token: uwv,
      raw: 'title,description,theme,toezeggingen\nFout,Uitleg,ict,TZ1 TZ202311-045\n',
      headers: { 'content-type': 'text/csv' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.invalidParams).toEqual([
      { name: 'rij 2.toezeggingen', reason: 'toezeggingen[0] moet een toezeggingnummer zijn zoals TZ202311-045' },
    ]);
  });

  it('replaces all four lists with PUT and records before and after in the timeline; the same PUT again records nothing', async () => {
    const next = { kamerstukken: ['31066-1234A'], moties: [], toezeggingen: ['TZ202401-001', 'TZ202401-001'], bwbIds: ['bwbr0015703'] };
    const res = await put(withRefs, uwv, next);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ kamerstukken: ['31066-1234A'], moties: [], toezeggingen: ['TZ202401-001'], bwbIds: ['BWBR0015703'] });
    const entries = res.body.timeline.filter((t: { type: string }) => t.type === 'verwijzingen_gewijzigd');
    expect(entries).toHaveLength(1);
    expect(entries[0].actor).toMatchObject({ name: 'Ina Indiener', role: 'indiener', organisation: 'UWV' });
    expect(entries[0].data).toEqual({
      van: {
        kamerstukken: ['29362-290', '36200-VII-12'],
        moties: ['36200-VII-12'],
        toezeggingen: ['TZ202311-045'],
        bwbIds: ['BWBR0002448'],
      },
      naar: { kamerstukken: ['31066-1234A'], moties: [], toezeggingen: ['TZ202401-001'], bwbIds: ['BWBR0015703'] },
    });
    const again = await put(withRefs, uwv, next);
    expect(again.status).toBe(200);
    expect(again.body.timeline.filter((t: { type: string }) => t.type === 'verwijzingen_gewijzigd')).toHaveLength(1);
    const audit: { route: string }[] = await ds.query(
      `SELECT route FROM audit_log WHERE method = 'PUT' AND resource_id = $1 AND route = '/api/v1/knelpunten/:id/verwijzingen'`,
      [withRefs],
    );
    expect(audit.length).toBe(2);
  });

  it.each([
    ['kamerstukken', ['29362-290', '29362'], 'kamerstukken[1] moet een Kamerstuknummer zijn zoals 29362-290'],
    ['moties', ['M12'], 'moties[0] moet het Kamerstuknummer van een motie zijn zoals 36200-VII-12'],
    ['toezeggingen', ['TZ2023-045'], 'toezeggingen[0] moet een toezeggingnummer zijn zoals TZ202311-045'],
    ['bwbIds', ['BWBX0002448'], 'bwbIds[0] moet een BWB-id zijn zoals BWBR0002448'],
  ])('refuses a bad %s with a 400 naming the field and the expected format', async (field, values, reason) => {
    const before = await get(withRefs);
    const res = await put(withRefs, uwv, { ...empty, [field]: values });
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body.invalidParams).toEqual([{ name: field, reason: expect.stringContaining(reason) }]);
    expect(await get(withRefs)).toMatchObject({ kamerstukken: before.kamerstukken, bwbIds: before.bwbIds });
  });

  it('refuses more than 20 of a kind, a missing list and non-lists, and names bad references at submission too', async () => {
    const many = Array.from({ length: 21 }, (_, i) => `29362-${i + 1}`);
    expect((await put(withRefs, uwv, { ...empty, kamerstukken: many })).body.invalidParams[0]).toMatchObject({ name: 'kamerstukken' });
    const missing = await put(withRefs, uwv, { kamerstukken: [], moties: [], toezeggingen: [] });
    expect(missing.status).toBe(400);
    expect(missing.body.invalidParams[0].name).toBe('bwbIds');
    expect((await put(withRefs, uwv, { ...empty, moties: '36200-VII-12' })).body.invalidParams[0].name).toBe('moties');
    const submit = await sys.request('POST', '/api/v1/standen', {
      token: uwv,
      body: aStand({ knelpunten: [{ ...aKnelpunt(), bwbIds: ['BWBR0002448', 'wet'] }] }),
    });
    expect(submit.status).toBe(400);
    expect(submit.body.invalidParams).toEqual([
      { name: 'knelpunten[0].bwbIds', reason: 'bwbIds[1] moet een BWB-id zijn zoals BWBR0002448' },
    ]);
  });

  it('allows the driehoek of the knelpunt and the programmadirectie; refuses another organisation, another driehoek and admin (403)', async () => {
    const driehoek = await sys.token({ role: 'driehoek', driehoek: 'UWV' });
    expect((await put(withoutRefs, driehoek, { ...empty, kamerstukken: ['29362-290'] })).status).toBe(200);
    const pd = await sys.token({ role: 'programmadirectie' });
    expect((await put(withoutRefs, pd, { ...empty, kamerstukken: ['29362-290'], bwbIds: ['BWBR0002448'] })).status).toBe(200);
    const svb = await sys.token({ role: 'indiener', organisation: 'SVB' });
    const svbDriehoek = await sys.token({ role: 'driehoek', driehoek: 'SVB' });
    const admin = await sys.token({ role: 'admin' });
    const acu = await sys.token({ role: 'acu' });
    for (const token of [svb, svbDriehoek, admin, acu]) {
      const res = await put(withoutRefs, token, empty);
      expect(res.status).toBe(403);
    }
    expect(await get(withoutRefs)).toMatchObject({ kamerstukken: ['29362-290'], bwbIds: ['BWBR0002448'] });
    expect((await get(withoutRefs, admin)).mayEditVerwijzingen).toBe(false);
  });

  it('lets the ACU set the references of an escalated knelpunt, and the projection of a later transition keeps them', async () => {
    const driehoek = await sys.token({ role: 'driehoek', driehoek: 'UWV' });
    await eventually(async () => (await get(withoutRefs)).status === 'bij_driehoek');
    const esc = await sys.request('POST', `/api/v1/knelpunten/${withoutRefs}/decisions`, {
      token: driehoek,
      body: { decision: 'escaleren_acu', motivation: 'Raakt meerdere organisaties' },
    });
    expect(esc.status).toBe(200);
    const acu = await sys.token({ role: 'acu' });
    const res = await put(withoutRefs, acu, {
      kamerstukken: ['29362-290'],
      moties: ['36200-VII-12'],
      toezeggingen: ['TZ202311-045'],
      bwbIds: ['BWBR0002448'],
    });
    expect(res.status).toBe(200);
    // A transition after the PUT: its projection writes the read model again, and must leave the references alone.
    const entriesBefore = (await get(withoutRefs)).timeline.length;
    const team = await sys.request('POST', `/api/v1/knelpunten/${withoutRefs}/decisions`, {
      token: acu,
      body: { decision: 'toewijzen_doorbraakteam', team: 'gegevensdeling' },
    });
    expect(team.status).toBe(200);
    const after = await get(withoutRefs);
    expect(after.timeline.length).toBeGreaterThan(entriesBefore);
    expect(after).toMatchObject({ doorbraakteam: 'gegevensdeling', moties: ['36200-VII-12'], toezeggingen: ['TZ202311-045'] });
  });

  it('filters the list on each kind with exactly the matching knelpunten (within scope), and validates the filter', async () => {
    const pd = await sys.token({ role: 'programmadirectie' });
    const ids = async (query: string, token = pd): Promise<string[]> => {
      const res = await sys.request('GET', `/api/v1/knelpunten?limit=100&${query}`, { token });
      expect(res.status).toBe(200);
      return res.body.items.map((i: { id: string }) => i.id).sort();
    };
    expect(await ids('kamerstuk=29362-290')).toEqual([withoutRefs, other].sort());
    expect(await ids('kamerstuk=29362-290', uwv)).toEqual([withoutRefs]);
    expect(await ids('kamerstuk=31066-1234a')).toEqual([withRefs]);
    expect(await ids('motie=36200-VII-12')).toEqual([withoutRefs]);
    expect(await ids('toezegging=TZ202401-001')).toEqual([withRefs]);
    expect(await ids('bwb=BWBR0002448')).toEqual([withoutRefs]);
    expect(await ids('bwb=BWBR0002448&kamerstuk=31066-1234A')).toEqual([]);
    expect(await ids('bwb=BWBR9999999')).toEqual([]);
    const bad = await sys.request('GET', '/api/v1/knelpunten?kamerstuk=kst-1', { token: pd });
    expect(bad.status).toBe(400);
    expect(bad.body.invalidParams).toEqual([{ name: 'kamerstuk', reason: expect.stringContaining('zoals 29362-290') }]);
    const driehoek = await sys.token({ role: 'driehoek', driehoek: 'UWV' });
    const queue = await sys.request('GET', '/api/v1/driehoeken/UWV/queue?toezegging=TZ202401-001', { token: driehoek });
    expect(queue.status).toBe(200);
    expect(queue.body.items.map((i: { id: string }) => i.id)).toEqual([withRefs]);
    // The filter's SQL form can use the GIN index (on a handful of rows the planner would rather scan, so scans are off).
    const runner = ds.createQueryRunner();
    await runner.connect();
    try {
      await runner.startTransaction();
      await runner.query(`SET LOCAL enable_seqscan = off`);
      for (const column of ['kamerstukken', 'moties', 'toezeggingen', 'bwb_ids']) {
        const plan: { 'QUERY PLAN': string }[] = await runner.query(
          `EXPLAIN SELECT id FROM knelpunten WHERE ${column} @> ARRAY[$1]::text[]`,
          ['29362-290'],
        );
        expect(plan.map((p) => p['QUERY PLAN']).join('\n')).toContain(`Bitmap Index Scan on knelpunten_${column}_idx`);
      }
      await runner.rollbackTransaction();
    } finally {
      await runner.release();
    }
  });

  it('is never drift for the reconciliation after a projection', async () => {
    const admin = await sys.token({ role: 'admin' });
    const res = await sys.request('GET', '/api/v1/beheer/reconciliatie', { token: admin });
    expect(res.status).toBe(200);
    const mine = (res.body.drift as { knelpuntId: string | null; kind: string }[]).filter((d) =>
      [withRefs, withoutRefs, other].includes(d.knelpuntId ?? ''),
    );
    expect(mine).toEqual([]);
  });
});
