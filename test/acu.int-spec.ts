import { DataSource } from 'typeorm';
import { AcuActivities } from '../libs/acu/src/activities/acu.activities';
import { ClusterRepository } from '../libs/acu/src/repositories/cluster.repository';
import { TestSystem } from './support/test-system';
import { aKnelpunt, aStand } from './builders';

/**
 * ACU on a real PostgreSQL: the agenda activities (with explicit `now`, so the default calendar is predictable),
 * the meeting API and clusters. No worker runs: the knelpunten stay where the test puts them.
 */
describe('acu (real PostgreSQL)', () => {
  let sys: TestSystem;
  let ds: DataSource;
  let acts: AcuActivities;
  let acu: string;
  let pd: string;
  let indiener: string;
  let uwv: { id: string; reference: string }[];
  let svb: { id: string; reference: string }[];

  const escalate = async (ids: string[]): Promise<void> => {
    await ds.query(`UPDATE knelpunten SET escalated = true, status = 'bij_acu' WHERE id = ANY($1::uuid[])`, [ids]);
  };
  const itemsOf = (knelpuntId: string): Promise<{ meeting_date: string; status: string; carry_over_count: number }[]> =>
    ds.query(
      `SELECT m.meeting_date::text AS meeting_date, i.status, i.carry_over_count FROM acu_agenda_items i JOIN acu_meetings m ON m.id = i.meeting_id
        WHERE i.knelpunt_id = $1 ORDER BY m.meeting_date`,
      [knelpuntId],
    );

  beforeAll(async () => {
    sys = await TestSystem.start({ worker: false });
    ds = sys.api.get(DataSource);
    acts = sys.api.get(AcuActivities, { strict: false });
    acu = await sys.token({ role: 'acu', name: 'Anne ACU' });
    pd = await sys.token({ role: 'programmadirectie' });
    indiener = await sys.token({ role: 'indiener', organisation: 'UWV' });
    const svbIndiener = await sys.token({ role: 'indiener', organisation: 'SVB' });
    const a = await sys.request('POST', '/api/v1/standen', {
      token: indiener,
      body: aStand({}, [aKnelpunt(), aKnelpunt(), aKnelpunt(), aKnelpunt(), aKnelpunt(), aKnelpunt()]),
    });
    const b = await sys.request('POST', '/api/v1/standen', {
      token: svbIndiener,
      body: aStand({ organisation: 'SVB' }, [aKnelpunt(), aKnelpunt()]),
    });
    expect([a.status, b.status]).toEqual([201, 201]);
    uwv = a.body.knelpunten;
    svb = b.body.knelpunten;
  });

  afterAll(async () => {
    await sys.close();
  });

  it('places a knelpunt on the next meeting whose agenda is open, creating it on the default calendar, once', async () => {
    const k = uwv[0]!.id;
    const first = await acts.placeOnAcuAgenda({ knelpuntId: k, reason: 'Geëscaleerd door de driehoek', now: '2027-01-20T10:00:00.000Z' });
    // January's meeting (7 Jan) closed on 30 Dec; February's (first Thursday, 4 Feb) closes on 28 Jan.
    expect(first).toMatchObject({ meetingDate: '2027-02-04', carryOvers: 0 });
    const again = await acts.placeOnAcuAgenda({ knelpuntId: k, reason: 'opnieuw', now: '2027-01-21T10:00:00.000Z' });
    expect(again).toEqual(first);
    const other = await acts.placeOnAcuAgenda({ knelpuntId: uwv[1]!.id, reason: 'Geëscaleerd', now: '2027-01-20T12:00:00.000Z' });
    expect(other.meetingId).toBe(first.meetingId);
    expect(await itemsOf(k)).toEqual([{ meeting_date: '2027-02-04', status: 'geagendeerd', carry_over_count: 0 }]);
  });

  it('gives concurrent placements of one knelpunt one item', async () => {
    const k = uwv[2]!.id;
    const results = await Promise.all(
      Array.from({ length: 5 }, () => acts.placeOnAcuAgenda({ knelpuntId: k, reason: 'tegelijk', now: '2027-01-20T10:00:00.000Z' })),
    );
    expect(new Set(results.map((r) => r.meetingId)).size).toBe(1);
    expect(await itemsOf(k)).toHaveLength(1);
  });

  it('carries an undecided item to the next meeting, idempotently, counting carry-overs', async () => {
    const k = uwv[0]!.id;
    const [feb] = await ds.query(`SELECT id FROM acu_meetings WHERE meeting_date = '2027-02-04'`);
    const march = await acts.carryOverAcuItem({ knelpuntId: k, fromMeetingId: feb.id, now: '2027-02-05T08:00:00.000Z' });
    expect(march).toMatchObject({ meetingDate: '2027-03-04', carryOvers: 1 });
    expect(await acts.carryOverAcuItem({ knelpuntId: k, fromMeetingId: feb.id, now: '2027-02-05T09:00:00.000Z' })).toEqual(march);
    // April: first Thursday 1 April; its agenda closes on 23 March (Goede Vrijdag and Tweede Paasdag skipped).
    const april = await acts.carryOverAcuItem({ knelpuntId: k, fromMeetingId: march.meetingId, now: '2027-03-05T08:00:00.000Z' });
    expect(april).toMatchObject({ meetingDate: '2027-04-01', carryOvers: 2 });
    expect(await itemsOf(k)).toEqual([
      { meeting_date: '2027-02-04', status: 'doorgeschoven', carry_over_count: 0 },
      { meeting_date: '2027-03-04', status: 'doorgeschoven', carry_over_count: 1 },
      { meeting_date: '2027-04-01', status: 'geagendeerd', carry_over_count: 2 },
    ]);
  });

  it('closes the open item with the decision (a no-op the second time); a new escalation goes to a later meeting', async () => {
    const k = uwv[0]!.id;
    await acts.closeAcuItem({ knelpuntId: k, decision: 'terug_naar_driehoek', now: '2027-03-10T10:00:00.000Z' });
    await acts.closeAcuItem({ knelpuntId: k, decision: 'terug_naar_driehoek', now: '2027-03-11T10:00:00.000Z' });
    const rows: { status: string; decision: string }[] = await ds.query(
      `SELECT status, decision FROM acu_agenda_items WHERE knelpunt_id = $1 AND status = 'besloten'`,
      [k],
    );
    expect(rows).toEqual([{ status: 'besloten', decision: 'terug_naar_driehoek' }]);
    // Still before April's agenda closes, but the knelpunt was already on April's agenda: May (13th; 6 May is Hemelvaartsdag).
    const again = await acts.placeOnAcuAgenda({ knelpuntId: k, reason: 'Opnieuw geëscaleerd', now: '2027-03-12T10:00:00.000Z' });
    expect(again).toMatchObject({ meetingDate: '2027-05-13', carryOvers: 2 });
  });

  it('refuses unknown knelpunten and malformed input non-retryably', async () => {
    await expect(
      acts.placeOnAcuAgenda({ knelpuntId: '00000000-0000-4000-8000-000000000000', reason: 'x', now: '2027-01-20T10:00:00.000Z' }),
    ).rejects.toMatchObject({ type: 'NIET_GEVONDEN', nonRetryable: true });
    await expect(acts.placeOnAcuAgenda({ knelpuntId: 'nope', reason: 'x', now: 'gisteren' })).rejects.toMatchObject({
      type: 'VALIDATIE_FOUT',
      nonRetryable: true,
    });
  });

  it('lets the ACU plan meetings on future werkdagen only, one per day', async () => {
    const post = (token: string, body: unknown) => sys.request('POST', '/api/v1/acu/meetings', { token, body });
    expect((await post(pd, { meetingDate: '2029-01-18' })).status).toBe(403);
    const past = await post(acu, { meetingDate: '2020-01-09' });
    expect(past.status).toBe(400);
    expect(past.body.invalidParams).toEqual([{ name: 'meetingDate', reason: 'moet in de toekomst liggen' }]);
    const holiday = await post(acu, { meetingDate: '2029-12-25' });
    expect(holiday.status).toBe(400);
    expect(holiday.body.invalidParams[0].reason).toContain('Eerste Kerstdag');
    const created = await post(acu, { meetingDate: '2029-01-18', title: 'ACU januari 2029', location: 'Den Haag' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ meetingDate: '2029-01-18', agendaClosesOn: '2029-01-11', autoCreated: false, itemCount: 0 });
    expect(created.body.createdBy).toMatchObject({ name: 'Anne ACU', role: 'acu' });
    const dup = await post(acu, { meetingDate: '2029-01-18' });
    expect(dup.status).toBe(409);
    expect(dup.headers['content-type']).toContain('application/problem+json');

    // A planned meeting is used before the default calendar is consulted.
    const placed = await acts.placeOnAcuAgenda({ knelpuntId: uwv[3]!.id, reason: 'Geëscaleerd', now: '2029-01-05T10:00:00.000Z' });
    expect(placed).toMatchObject({ meetingId: created.body.id, meetingDate: '2029-01-18' });
  });

  it('lists meetings upcoming first, then past, with a cursor', async () => {
    await ds.query(
      `INSERT INTO acu_meetings (id, meeting_date, agenda_closes_on, created_by) VALUES (gen_random_uuid(), '2020-03-05', '2020-02-27', '{"subject":"t","name":"t","role":"acu","organisation":null}')`,
    );
    const dates: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await sys.request('GET', `/api/v1/acu/meetings?limit=2${cursor ? `&cursor=${cursor}` : ''}`, { token: pd });
      expect(res.status).toBe(200);
      dates.push(...res.body.items.map((m: any) => m.meetingDate));
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(dates).toEqual(['2027-02-04', '2027-03-04', '2027-04-01', '2027-05-13', '2029-01-18', '2020-03-05']);
    expect((await sys.request('GET', '/api/v1/acu/meetings', { token: indiener })).status).toBe(403);
  });

  it('shows the agenda of a meeting with the knelpunten', async () => {
    const [feb] = await ds.query(`SELECT id FROM acu_meetings WHERE meeting_date = '2027-02-04'`);
    const res = await sys.request('GET', `/api/v1/acu/meetings/${feb.id}/agenda`, { token: acu });
    expect(res.status).toBe(200);
    expect(res.body.meeting).toMatchObject({ meetingDate: '2027-02-04', autoCreated: true, itemCount: 3, openItemCount: 2 });
    const byRef = new Map(res.body.items.map((i: any) => [i.reference, i]));
    expect(byRef.get(uwv[0]!.reference)).toMatchObject({ status: 'doorgeschoven', organisation: 'UWV', carryOverCount: 0 });
    expect(byRef.get(uwv[1]!.reference)).toMatchObject({
      status: 'geagendeerd',
      title: expect.any(String),
      knelpuntStatus: expect.any(String),
    });
    expect((await sys.request('GET', '/api/v1/acu/meetings/00000000-0000-4000-8000-000000000000/agenda', { token: acu })).status).toBe(404);
    expect((await sys.request('GET', '/api/v1/acu/meetings/geen-id/agenda', { token: acu })).status).toBe(400);
  });

  it('clusters escalated knelpunten of several organisations; a knelpunt is in one cluster at most', async () => {
    await escalate([uwv[4]!.id, svb[0]!.id, svb[1]!.id]);
    const post = (body: unknown, token = acu) => sys.request('POST', '/api/v1/acu/clusters', { token, body });

    const notEscalated = await post({ title: 'Samenloop', knelpuntIds: [uwv[4]!.id, uwv[5]!.id] });
    expect(notEscalated.status).toBe(400);
    expect(notEscalated.body.invalidParams).toEqual([
      { name: 'knelpuntIds[1]', reason: expect.stringContaining('niet naar de ACU geëscaleerd') },
    ]);
    expect((await post({ title: 'Eén', knelpuntIds: [uwv[4]!.id] })).status).toBe(400);
    expect((await post({ title: 'Samenloop', knelpuntIds: [uwv[4]!.id, svb[0]!.id] }, pd)).status).toBe(403);

    const created = await post({ title: 'Gegevensdeling inkomen', description: 'Overkoepelend', knelpuntIds: [uwv[4]!.id, svb[0]!.id] });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ title: 'Gegevensdeling inkomen', organisations: ['SVB', 'UWV'] });
    expect(created.body.members.map((m: any) => m.knelpuntId).sort()).toEqual([uwv[4]!.id, svb[0]!.id].sort());
    expect(created.body.members.map((m: any) => m.doorbraakteam)).toEqual([null, null]);

    const taken = await post({ title: 'Nog een', knelpuntIds: [svb[0]!.id, svb[1]!.id] });
    expect(taken.status).toBe(409);
    expect(taken.body.invalidParams).toEqual([{ name: 'knelpuntIds[0]', reason: expect.stringContaining(created.body.id) }]);

    // What the caller may decide for the whole cluster now: the ACU its bij_acu decisions, the programmadirectie only naar_politiek.
    expect(created.body.allowedDecisions).toEqual([
      'naar_politiek',
      'afwijzen',
      'samenvoegen',
      'toewijzen_doorbraakteam',
      'overheidsbreed_oppakken',
      'terug_naar_driehoek',
    ]);
    const got = await sys.request('GET', `/api/v1/acu/clusters/${created.body.id}`, { token: pd });
    expect(got.status).toBe(200);
    expect(got.body).toEqual({ ...created.body, allowedDecisions: ['naar_politiek'] });
    const list = await sys.request('GET', '/api/v1/acu/clusters', { token: acu });
    expect(list.body.items.map((c: any) => c.id)).toContain(created.body.id);
    expect((await sys.request('GET', '/api/v1/acu/clusters/00000000-0000-4000-8000-000000000000', { token: acu })).status).toBe(404);

    const members = await sys.api.get(ClusterRepository, { strict: false }).members(created.body.id);
    expect(members.sort()).toEqual([uwv[4]!.id, svb[0]!.id].sort());
  });
});
