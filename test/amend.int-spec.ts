import { DataSource } from 'typeorm';
import { TestSystem, eventually } from './support/test-system';
import { aKnelpunt, aStand } from './builders';

describe('amending a knelpunt (indiener, own organisation only)', () => {
  let sys: TestSystem;
  let id: string;
  let uwv: string;

  beforeAll(async () => {
    sys = await TestSystem.start();
    uwv = await sys.token({ role: 'indiener', organisation: 'UWV', name: 'Ina Indiener' });
    const res = await sys.request('POST', '/api/v1/standen', { token: uwv, body: aStand({}, [aKnelpunt({ title: 'Oude titel' })]) });
    id = res.body.knelpunten[0].id;
    await eventually(async () => (await sys.request('GET', `/api/v1/knelpunten/${id}`, { token: uwv })).body.status === 'bij_driehoek');
  });
  afterAll(async () => {
    await sys.close();
  });

  it('changes the content and records the old and new values with the actor in the timeline', async () => {
    const res = await sys.request('PATCH', `/api/v1/knelpunten/${id}`, { token: uwv, body: { title: 'Nieuwe titel', theme: 'wetgeving' } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ title: 'Nieuwe titel', theme: 'wetgeving', status: 'bij_driehoek' });
    const entry = res.body.timeline.find((t: { type: string }) => t.type === 'gewijzigd');
    expect(entry.actor).toMatchObject({ name: 'Ina Indiener', role: 'indiener', organisation: 'UWV' });
    expect(entry.data.wijzigingen.title).toEqual({ van: 'Oude titel', naar: 'Nieuwe titel' });
  });

  it('refuses another organisation, other roles, empty and invalid input, and leaves the knelpunt unchanged', async () => {
    const before = (await sys.request('GET', `/api/v1/knelpunten/${id}`, { token: uwv })).body;
    const svb = await sys.token({ role: 'indiener', organisation: 'SVB' });
    expect((await sys.request('PATCH', `/api/v1/knelpunten/${id}`, { token: svb, body: { title: 'Kaping' } })).status).toBe(403);
    const driehoek = await sys.token({ role: 'driehoek', driehoek: 'UWV' });
    expect((await sys.request('PATCH', `/api/v1/knelpunten/${id}`, { token: driehoek, body: { title: 'Kaping' } })).status).toBe(403);
    const empty = await sys.request('PATCH', `/api/v1/knelpunten/${id}`, { token: uwv, body: {} });
    expect(empty.status).toBe(400);
    const blank = await sys.request('PATCH', `/api/v1/knelpunten/${id}`, { token: uwv, body: { title: '  ' } });
    expect(blank.status).toBe(400);
    expect(blank.body.invalidParams[0].name).toBe('title');
    const status = await sys.request('PATCH', `/api/v1/knelpunten/${id}`, { token: uwv, body: { status: 'afgesloten' } });
    expect(status.status).toBe(400);
    const after = (await sys.request('GET', `/api/v1/knelpunten/${id}`, { token: uwv })).body;
    expect(after.title).toBe(before.title);
    expect(after.timeline).toHaveLength(before.timeline.length);
  });

  it("answers 409, not 500, when the knelpunt is closed between the amendment's read and its write", async () => {
    const created = await sys.request('POST', '/api/v1/standen', { token: uwv, body: aStand({}, [aKnelpunt({ title: 'Race' })]) });
    const raceId: string = created.body.knelpunten[0].id;
    const ds = sys.api.get(DataSource);
    // The projection closing the knelpunt holds its row; the amendment reads the open knelpunt and then waits to write.
    const closer = ds.createQueryRunner();
    await closer.connect();
    await closer.startTransaction();
    try {
      await closer.query(`SELECT 1 FROM knelpunten WHERE id = $1 FOR UPDATE`, [raceId]);
      const patch = sys.request('PATCH', `/api/v1/knelpunten/${raceId}`, { token: uwv, body: { title: 'Net te laat' } });
      await eventually(async () => {
        const waiting: unknown[] = await ds.query(
          `SELECT 1 FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE 'UPDATE knelpunten SET title%'`,
        );
        return waiting.length > 0;
      });
      await closer.query(`UPDATE knelpunten SET status = 'afgesloten', outcome = 'ingetrokken' WHERE id = $1`, [raceId]);
      await closer.commitTransaction();
      const res = await patch;
      expect(res.status).toBe(409);
      expect(res.body).toMatchObject({ status: 409, allowed: [] });
    } finally {
      if (closer.isTransactionActive) await closer.rollbackTransaction();
      await closer.release();
    }
    const timeline: unknown[] = await ds.query(`SELECT 1 FROM knelpunt_timeline WHERE knelpunt_id = $1 AND type = 'gewijzigd'`, [raceId]);
    expect(timeline).toHaveLength(0);
  });

  it('refuses to amend a closed knelpunt', async () => {
    const closed = await sys.request('POST', `/api/v1/knelpunten/${id}/decisions`, {
      token: uwv,
      body: { decision: 'intrekken', motivation: 'Opgelost door wetswijziging' },
    });
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({ status: 'afgesloten', outcome: 'ingetrokken' });
    const res = await sys.request('PATCH', `/api/v1/knelpunten/${id}`, { token: uwv, body: { title: 'Te laat' } });
    expect(res.status).toBe(409);
  });
});
