import { Client, Connection } from '@temporalio/client';
import { DataSource } from 'typeorm';
import { TestSystem, eventually } from '../support/test-system';
import { aKnelpunt, aStand } from '../builders';
import { knelpuntWorkflowId } from '../../workflows/knelpunt/knelpunt.contract';
import { leaksIn } from './support/problems';

/**
 * Scope: an organisation (and its driehoek) can neither read nor change another organisation's knelpunten, and the
 * ACU sees only what was escalated. Every refusal is a 403/404 and leaves the knelpunt, its timeline, its workflow
 * history and the audit log exactly as they were. Real PostgreSQL, real Temporal with a worker.
 */
describe('scope: organisation A against organisation B', () => {
  let sys: TestSystem;
  let ds: DataSource;
  let temporal: Client;
  let uwvIndiener: string;
  let svbIndiener: string;
  let uwvDriehoek: string;
  let svbDriehoek: string;
  let acu: string;
  let pd: string;
  let uwvIds: string[];
  let svbIds: string[];
  let svbStand: ReturnType<typeof aStand>;
  const svbWord = `Zeldzaamwoord${Date.now()}`;
  const nextYear = `${new Date().getUTCFullYear() + 1}-06-30`;

  interface Snapshot {
    rows: { id: string; status: string; projection_version: number; updated_at: string }[];
    timeline: number;
    history: number[];
    audit: number;
    standen: number;
  }

  async function snapshot(): Promise<Snapshot> {
    const rows = await ds.query(
      `SELECT id, status, projection_version, updated_at::text AS updated_at FROM knelpunten WHERE id = ANY($1::uuid[]) ORDER BY id`,
      [svbIds],
    );
    const [{ n: timeline }] = await ds.query(`SELECT count(*)::int AS n FROM knelpunt_timeline WHERE knelpunt_id = ANY($1::uuid[])`, [
      svbIds,
    ]);
    const [{ n: audit }] = await ds.query(`SELECT count(*)::int AS n FROM audit_log`);
    const [{ n: standen }] = await ds.query(`SELECT count(*)::int AS n FROM standen WHERE organisation_code = 'SVB'`);
    const history = await Promise.all(
      svbIds.map(async (id) => (await temporal.workflow.getHandle(knelpuntWorkflowId(id)).describe()).historyLength),
    );
    return { rows, timeline, history, audit, standen };
  }

  /** A refusal: 403 or 404 as problem+json, revealing nothing of the other organisation's knelpunt. */
  function expectRefused(res: { status: number; body: any; headers: Record<string, unknown> }): void {
    expect([403, 404]).toContain(res.status);
    expect(String(res.headers['content-type'])).toContain('application/problem+json');
    expect(JSON.stringify(res.body)).not.toContain(svbWord);
    expect(leaksIn(res.body)).toEqual([]);
  }

  beforeAll(async () => {
    sys = await TestSystem.start();
    ds = sys.api.get(DataSource);
    temporal = new Client({ connection: await Connection.connect({ address: process.env.KP_TEST_TEMPORAL_ADDRESS }) });
    uwvIndiener = await sys.token({ role: 'indiener', organisation: 'UWV' });
    svbIndiener = await sys.token({ role: 'indiener', organisation: 'SVB' });
    uwvDriehoek = await sys.token({ role: 'driehoek', driehoek: 'UWV' });
    svbDriehoek = await sys.token({ role: 'driehoek', driehoek: 'SVB' });
    acu = await sys.token({ role: 'acu' });
    pd = await sys.token({ role: 'programmadirectie' });

    const uwv = await sys.request('POST', '/api/v1/standen', { token: uwvIndiener, body: aStand({}, [aKnelpunt(), aKnelpunt()]) });
    svbStand = aStand({ organisation: 'SVB' }, [
      aKnelpunt({ title: `${svbWord} in de AOW` }),
      aKnelpunt({ description: `Over ${svbWord}` }),
    ]);
    const svb = await sys.request('POST', '/api/v1/standen', { token: svbIndiener, body: svbStand });
    expect([uwv.status, svb.status]).toEqual([201, 201]);
    uwvIds = uwv.body.knelpunten.map((k: { id: string }) => k.id);
    svbIds = svb.body.knelpunten.map((k: { id: string }) => k.id);
    for (const id of [...uwvIds, ...svbIds]) {
      await eventually(
        async () => (await sys.request('GET', `/api/v1/knelpunten/${id}`, { token: pd })).body.status === 'bij_driehoek',
        30000,
        `${id} bij_driehoek`,
      );
    }
    // Settled: no activity or workflow task pending any more, so the history no longer grows.
    for (const id of svbIds) {
      await eventually(
        async () => {
          const d = await temporal.workflow.getHandle(knelpuntWorkflowId(id)).describe();
          return (d.raw.pendingActivities ?? []).length === 0 && !d.raw.pendingWorkflowTask;
        },
        30000,
        `${id} idle`,
      );
    }
  });

  afterAll(async () => {
    await temporal.connection.close();
    await sys.close();
  });

  it('refuses every attempt from outside the scope and changes nothing at all', async () => {
    const before = await snapshot();
    const [svb0, svb1] = svbIds as [string, string];
    const attempts: [string, () => Promise<{ status: number; body: any; headers: Record<string, unknown> }>][] = [
      // indiener of UWV: read, amend, decide on SVB's knelpunten
      ['UWV indiener reads', () => sys.request('GET', `/api/v1/knelpunten/${svb0}`, { token: uwvIndiener })],
      [
        'UWV indiener adds voortgang',
        () => sys.request('POST', `/api/v1/knelpunten/${svb0}/voortgang`, { token: uwvIndiener, body: { summary: 'Overgenomen' } }),
      ],
      [
        'UWV indiener withdraws',
        () =>
          sys.request('POST', `/api/v1/knelpunten/${svb0}/decisions`, {
            token: uwvIndiener,
            body: { decision: 'intrekken', motivation: 'Niet meer nodig' },
          }),
      ],
      [
        'UWV indiener answers',
        () =>
          sys.request('POST', `/api/v1/knelpunten/${svb1}/decisions`, {
            token: uwvIndiener,
            body: { decision: 'informatie_aanleveren', response: 'Antwoord' },
          }),
      ],
      [
        'UWV indiener submits a Stand for SVB',
        () => sys.request('POST', '/api/v1/standen', { token: uwvIndiener, body: aStand({ organisation: 'SVB' }) }),
      ],
      ['UWV indiener re-submits SVB’s Stand', () => sys.request('POST', '/api/v1/standen', { token: uwvIndiener, body: svbStand })],
      [
        'UWV indiener imports CSV for SVB',
        () =>
          sys.request('POST', `/api/v1/standen/import?organisation=SVB&period=2025&title=${encodeURIComponent(svbStand.title)}`, {
            token: uwvIndiener,
            raw: 'title,description,theme\nOvername,Door UWV,ict\n',
            headers: { 'content-type': 'text/csv' },
          }),
      ],
      // driehoek member of UWV: decide on SVB's knelpunt, read SVB's queue and knelpunten
      ['UWV driehoek reads', () => sys.request('GET', `/api/v1/knelpunten/${svb0}`, { token: uwvDriehoek })],
      ['UWV driehoek reads SVB queue', () => sys.request('GET', '/api/v1/driehoeken/SVB/queue', { token: uwvDriehoek })],
      ['UWV driehoek reads SVB queue (lower case)', () => sys.request('GET', '/api/v1/driehoeken/svb/queue', { token: uwvDriehoek })],
      [
        'UWV driehoek takes it up',
        () =>
          sys.request('POST', `/api/v1/knelpunten/${svb0}/decisions`, {
            token: uwvDriehoek,
            body: { decision: 'oppakken', owner: 'Directie UWV', targetDate: nextYear, plan: 'Overnemen' },
          }),
      ],
      [
        'UWV driehoek escalates',
        () =>
          sys.request('POST', `/api/v1/knelpunten/${svb1}/decisions`, {
            token: uwvDriehoek,
            body: { decision: 'escaleren_acu', motivation: 'Weg ermee' },
          }),
      ],
      [
        'UWV driehoek suspends a deadline',
        () =>
          sys.request('POST', `/api/v1/knelpunten/${svb0}/deadline-actions`, {
            token: uwvDriehoek,
            body: { action: 'opschorten', deadline: 'driehoek_besluit', reason: 'Zomerreces' },
          }),
      ],
      // ACU: knelpunten that were never escalated
      ['ACU reads a not-escalated knelpunt', () => sys.request('GET', `/api/v1/knelpunten/${svb0}`, { token: acu })],
      [
        'ACU sends it back',
        () =>
          sys.request('POST', `/api/v1/knelpunten/${svb0}/decisions`, {
            token: acu,
            body: { decision: 'terug_naar_driehoek', motivation: 'Niet voor ons' },
          }),
      ],
      [
        'ACU adds voortgang',
        () => sys.request('POST', `/api/v1/knelpunten/${svb1}/voortgang`, { token: acu, body: { summary: 'Voortgang' } }),
      ],
    ];
    const outcomes: string[] = [];
    for (const [name, attempt] of attempts) {
      const res = await attempt();
      outcomes.push(`${name}: ${res.status}`);
      expectRefused(res);
    }
    expect(outcomes.filter((o) => !/: 40[34]$/.test(o))).toEqual([]);

    const after = await snapshot();
    expect(after).toEqual(before);
  });

  it('lists only what is in scope, whatever the filters ask for (the SQL itself is scoped)', async () => {
    const uwvList = await sys.request('GET', '/api/v1/knelpunten?limit=100', { token: uwvIndiener });
    expect(uwvList.status).toBe(200);
    const ids = uwvList.body.items.map((k: { id: string }) => k.id);
    expect(ids).toEqual(expect.arrayContaining(uwvIds));
    for (const id of svbIds) expect(ids).not.toContain(id);
    expect(uwvList.body.items.every((k: { organisation: string }) => k.organisation === 'UWV')).toBe(true);

    for (const query of ['organisation=SVB', 'driehoek=SVB', `q=${svbWord}`, 'organisation=svb&status=bij_driehoek']) {
      const res = await sys.request('GET', `/api/v1/knelpunten?${query}`, { token: uwvIndiener });
      expect(res.status).toBe(200);
      expect(res.body.items).toEqual([]);
    }

    const driehoekList = await sys.request('GET', '/api/v1/knelpunten?limit=100', { token: uwvDriehoek });
    expect(driehoekList.body.items.map((k: { id: string }) => k.id)).toEqual(expect.arrayContaining(uwvIds));
    expect(driehoekList.body.items.every((k: { driehoek: string }) => k.driehoek === 'UWV')).toBe(true);
    const queue = await sys.request('GET', '/api/v1/driehoeken/UWV/queue', { token: uwvDriehoek });
    expect(queue.status).toBe(200);
    expect(queue.body.items.every((k: { organisation: string }) => k.organisation === 'UWV')).toBe(true);

    const acuList = await sys.request('GET', '/api/v1/knelpunten?limit=100', { token: acu });
    const acuIds = acuList.body.items.map((k: { id: string }) => k.id);
    for (const id of [...uwvIds, ...svbIds]) expect(acuIds).not.toContain(id);

    // The organisation itself and the programmadirectie do see them.
    const svbList = await sys.request('GET', '/api/v1/knelpunten?limit=100', { token: svbIndiener });
    expect(svbList.body.items.map((k: { id: string }) => k.id)).toEqual(expect.arrayContaining(svbIds));
    const pdList = await sys.request('GET', `/api/v1/knelpunten?q=${svbWord}`, { token: pd });
    expect(pdList.body.items.map((k: { id: string }) => k.id).sort()).toEqual([...svbIds].sort());
  });

  it('lets the own driehoek take the very decision that was refused to the other one (the refusal was scope, not input)', async () => {
    const id = svbIds[0]!;
    const res = await sys.request('POST', `/api/v1/knelpunten/${id}/decisions`, {
      token: svbDriehoek,
      body: { decision: 'oppakken', owner: 'Directie SVB', targetDate: nextYear, plan: 'Samen met SZW oplossen' },
    });
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('in_aanpak_driehoek');
    expect(res.body.timeline.at(-1)).toMatchObject({ type: 'oppakken', actor: expect.objectContaining({ role: 'driehoek' }) });

    // Once escalated, the ACU sees it; the other organisation still does not.
    const escalated = await sys.request('POST', `/api/v1/knelpunten/${svbIds[1]}/decisions`, {
      token: svbDriehoek,
      body: { decision: 'escaleren_acu', motivation: 'Raakt meerdere organisaties' },
    });
    expect(escalated.status).toBe(200);
    await eventually(
      async () => (await sys.request('GET', `/api/v1/knelpunten/${svbIds[1]}`, { token: acu })).status === 200,
      30000,
      'ACU sees it',
    );
    expectRefused(await sys.request('GET', `/api/v1/knelpunten/${svbIds[1]}`, { token: uwvIndiener }));
  });
});
