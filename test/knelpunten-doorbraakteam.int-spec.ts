import { KnelpuntProjectionActivities } from '../libs/knelpunten/src/activities/knelpunt-projection.activities';
import type { KnelpuntState } from '../workflows/knelpunt/knelpunt.contract';
import { TestSystem } from './support/test-system';
import { aKnelpunt, aStand } from './builders';

/**
 * The ACU board's list: `GET /api/v1/knelpunten?status=…&doorbraakteam=…` filters on the doorbraakteam the
 * projection stored (`geen` for none) and shows it on every summary, paged with the keyset cursor.
 * Real PostgreSQL; no worker: the states are written through the projection activity as the workflow would.
 */
describe('knelpunten list: doorbraakteam (real PostgreSQL)', () => {
  let sys: TestSystem;
  let acu: string;
  let project: KnelpuntProjectionActivities;
  let uwv: { id: string; reference: string }[];
  let svb: { id: string; reference: string }[];

  const state = (
    k: { id: string; reference: string },
    organisation: string,
    status: KnelpuntState['status'],
    team?: string,
  ): KnelpuntState => ({
    knelpuntId: k.id,
    reference: k.reference,
    organisation,
    driehoek: organisation,
    submittedAt: new Date().toISOString(),
    status,
    outcome: null,
    escalated: true,
    details: { flags: [], ...(team ? { team } : {}) },
    deadlines: [],
    version: 10,
    appliedDecisionIds: [],
  });

  const list = async (query: string): Promise<{ status: number; body: any }> =>
    sys.request('GET', `/api/v1/knelpunten?${query}`, { token: acu });

  beforeAll(async () => {
    sys = await TestSystem.start({ worker: false });
    project = sys.api.get(KnelpuntProjectionActivities, { strict: false });
    acu = await sys.token({ role: 'acu' });
    const a = await sys.request('POST', '/api/v1/standen', {
      token: await sys.token({ role: 'indiener', organisation: 'UWV' }),
      body: aStand({}, [aKnelpunt(), aKnelpunt(), aKnelpunt(), aKnelpunt()]),
    });
    const b = await sys.request('POST', '/api/v1/standen', {
      token: await sys.token({ role: 'indiener', organisation: 'SVB' }),
      body: aStand({ organisation: 'SVB' }, [aKnelpunt(), aKnelpunt()]),
    });
    expect([a.status, b.status]).toEqual([201, 201]);
    uwv = a.body.knelpunten;
    svb = b.body.knelpunten;
    const at = new Date().toISOString();
    const states = [
      state(uwv[0]!, 'UWV', 'in_aanpak_acu', 'gegevensdeling'),
      state(uwv[1]!, 'UWV', 'in_aanpak_acu', 'gegevensdeling'),
      state(svb[0]!, 'SVB', 'in_aanpak_acu', 'gegevensdeling'),
      state(svb[1]!, 'SVB', 'in_aanpak_acu', 'vereenvoudiging'),
      state(uwv[2]!, 'UWV', 'bij_acu'),
    ];
    for (const s of states) await project.projectKnelpunt({ state: s, timeline: [], at });
  });

  afterAll(async () => {
    await sys.close();
  });

  it('filters on the projected doorbraakteam and shows it on each summary, page by page', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res = await list(
        `status=in_aanpak_acu&doorbraakteam=gegevensdeling&limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      );
      expect(res.status).toBe(200);
      for (const item of res.body.items) {
        expect(item).toMatchObject({ status: 'in_aanpak_acu', doorbraakteam: 'gegevensdeling' });
        seen.push(item.reference);
      }
      cursor = res.body.nextCursor;
      pages += 1;
    } while (cursor);
    expect(pages).toBe(2);
    expect(seen.sort()).toEqual([uwv[0]!.reference, uwv[1]!.reference, svb[0]!.reference].sort());

    const other = await list('doorbraakteam=vereenvoudiging');
    expect(other.body.items.map((k: { reference: string }) => k.reference)).toEqual([svb[1]!.reference]);
  });

  it('finds the knelpunten without a doorbraakteam with `geen`', async () => {
    const res = await list('status=bij_acu&doorbraakteam=geen');
    expect(res.status).toBe(200);
    expect(res.body.items).toEqual([expect.objectContaining({ reference: uwv[2]!.reference, doorbraakteam: null })]);
    // The ACU sees only what was escalated: the UWV knelpunt that never was is not in `geen` either.
    const all = await list('doorbraakteam=geen');
    expect(all.body.items.map((k: { reference: string }) => k.reference)).not.toContain(uwv[3]!.reference);
  });

  it('refuses an unknown doorbraakteam with a reason naming the field', async () => {
    const res = await list('doorbraakteam=onbekend');
    expect(res.status).toBe(400);
    expect(res.body.invalidParams).toEqual([{ name: 'doorbraakteam', reason: expect.stringContaining('gegevensdeling') }]);
  });
});
