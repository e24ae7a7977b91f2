import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { TestSystem, eventually } from '../support/test-system';
import { aKnelpunt, aStand } from '../builders';
import { expectProblem } from './support/problems';

/** samenvoegen only into a knelpunt the caller may read; a cluster only by the ACU (issue 11, item 13). */
describe("samenvoegen within the caller's scope", () => {
  let sys: TestSystem;
  let driehoekUwv: string;
  let uwvIds: string[];
  let svbId: string;
  let svbIds: string[];

  const status = async (id: string): Promise<string> =>
    (await sys.request('GET', `/api/v1/knelpunten/${id}`, { token: await sys.token({ role: 'programmadirectie' }) })).body.status;

  beforeAll(async () => {
    sys = await TestSystem.start();
    driehoekUwv = await sys.token({ role: 'driehoek', driehoek: 'UWV' });
    const uwv = await sys.token({ role: 'indiener', organisation: 'UWV' });
    const svb = await sys.token({ role: 'indiener', organisation: 'SVB' });
    const a = await sys.request('POST', '/api/v1/standen', {
      token: uwv,
      body: aStand({}, [aKnelpunt({ title: 'Eerste' }), aKnelpunt({ title: 'Tweede' }), aKnelpunt({ title: 'Derde' })]),
    });
    const b = await sys.request('POST', '/api/v1/standen', {
      token: svb,
      body: aStand({ organisation: 'SVB', title: 'Stand SVB' }, [aKnelpunt({ title: 'Van SVB' }), aKnelpunt({ title: 'Ook van SVB' })]),
    });
    expect([a.status, b.status]).toEqual([201, 201]);
    uwvIds = a.body.knelpunten.map((k: { id: string }) => k.id);
    svbIds = b.body.knelpunten.map((k: { id: string }) => k.id);
    svbId = svbIds[0];
    const all = [...uwvIds, ...svbIds];
    await eventually(async () => (await Promise.all(all.map(status))).every((s) => s === 'bij_driehoek'));
  });

  afterAll(async () => {
    await sys.close();
  });

  const merge = (id: string, token: string, fields: Record<string, string>) =>
    sys.request('POST', `/api/v1/knelpunten/${id}/decisions`, { token, body: { decision: 'samenvoegen', ...fields } });

  it("refuses a driehoek merging into another driehoek's knelpunt with 400 naming targetKnelpuntId, revealing nothing", async () => {
    const other = await merge(uwvIds[0], driehoekUwv, { targetKnelpuntId: svbId });
    expectProblem(other, 400);
    expect(other.body.invalidParams).toEqual([{ name: 'targetKnelpuntId', reason: 'dit knelpunt bestaat niet of valt buiten uw bereik' }]);
    // The same answer as for a knelpunt that does not exist.
    const unknown = await merge(uwvIds[0], driehoekUwv, { targetKnelpuntId: randomUUID() });
    expect(unknown.body.invalidParams).toEqual(other.body.invalidParams);
    expect(await status(uwvIds[0])).toBe('bij_driehoek');
  });

  it('refuses clusterId from anyone but the ACU with 400 naming clusterId', async () => {
    const res = await merge(uwvIds[0], driehoekUwv, { clusterId: randomUUID() });
    expectProblem(res, 400);
    expect(res.body.invalidParams).toEqual([{ name: 'clusterId', reason: 'alleen de ACU kan een knelpunt in een cluster samenvoegen' }]);
    expect(await status(uwvIds[0])).toBe('bij_driehoek');
  });

  it("checks a cluster decision's merge target the same way: within the ACU's scope, not a member, not the cluster itself", async () => {
    const acu = await sys.token({ role: 'acu' });
    // Escalated as the ACU sees them (the workflow is not asked: every refusal below comes before it).
    await sys.api
      .get(DataSource)
      .query(`UPDATE knelpunten SET escalated = true, status = 'bij_acu' WHERE id = ANY($1::uuid[])`, [[uwvIds[2], svbIds[1]]]);
    const cluster = await sys.request('POST', '/api/v1/acu/clusters', {
      token: acu,
      body: { title: 'Samen', knelpuntIds: [uwvIds[2], svbIds[1]] },
    });
    expect(cluster.status).toBe(201);
    const decide = (fields: Record<string, string>) =>
      sys.request('POST', `/api/v1/acu/clusters/${cluster.body.id}/decisions`, {
        token: acu,
        body: { decision: 'samenvoegen', ...fields },
      });

    const notEscalated = await decide({ targetKnelpuntId: uwvIds[1] });
    expectProblem(notEscalated, 400);
    expect(notEscalated.body.invalidParams).toEqual([
      { name: 'targetKnelpuntId', reason: 'dit knelpunt bestaat niet of valt buiten uw bereik' },
    ]);
    const member = await decide({ targetKnelpuntId: svbIds[1] });
    expect(member.body.invalidParams).toEqual([
      { name: 'targetKnelpuntId', reason: 'een knelpunt kan niet met zichzelf worden samengevoegd' },
    ]);
    const itself = await decide({ clusterId: cluster.body.id });
    expect(itself.body.invalidParams).toEqual([{ name: 'clusterId', reason: 'een cluster kan niet met zichzelf worden samengevoegd' }]);
    const unknown = await decide({ clusterId: randomUUID() });
    expect(unknown.body.invalidParams).toEqual([{ name: 'clusterId', reason: 'dit cluster bestaat niet' }]);
  });

  it('merges into a knelpunt of the own driehoek', async () => {
    const res = await merge(uwvIds[0], driehoekUwv, { targetKnelpuntId: uwvIds[1] });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'afgesloten', outcome: 'samengevoegd' });
  });
});
