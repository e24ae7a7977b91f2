import { TestSystem, eventually } from './support/test-system';
import { aKnelpunt, aStand } from './builders';

/**
 * End to end through the HTTP API on the real dev server, PostgreSQL and worker: one knelpunt from intake
 * via driehoek, ACU and politiek to afgesloten; and one ACU decision for a cluster of two organisations.
 */
describe('knelpunt lifecycle end to end', () => {
  let sys: TestSystem;

  beforeAll(async () => {
    sys = await TestSystem.start();
  });
  afterAll(async () => {
    await sys.close();
  });

  async function submit(organisation: string, count = 1): Promise<string[]> {
    const token = await sys.token({ role: 'indiener', organisation });
    const res = await sys.request('POST', '/api/v1/standen', {
      token,
      body: aStand(
        { organisation },
        Array.from({ length: count }, () => aKnelpunt()),
      ),
    });
    expect(res.status).toBe(201);
    const ids: string[] = res.body.knelpunten.map((k: { id: string }) => k.id);
    const pd = await sys.token({ role: 'programmadirectie' });
    for (const id of ids) {
      await eventually(
        async () => (await sys.request('GET', `/api/v1/knelpunten/${id}`, { token: pd })).body.status === 'bij_driehoek',
        30000,
        'bij_driehoek',
      );
    }
    return ids;
  }

  it('goes from intake via driehoek, ACU and politiek to afgesloten, with every actor in the timeline', async () => {
    const [id] = await submit('DUO');
    const driehoek = await sys.token({ role: 'driehoek', driehoek: 'DUO', name: 'Dirk Driehoek' });
    const acu = await sys.token({ role: 'acu', name: 'Anna ACU' });
    const pd = await sys.token({ role: 'programmadirectie', name: 'Pieter Programma' });
    const indiener = await sys.token({ role: 'indiener', organisation: 'DUO', name: 'Ina Indiener' });
    const decide = (token: string, body: Record<string, unknown>) =>
      sys.request('POST', `/api/v1/knelpunten/${id}/decisions`, { token, body });

    let r = await decide(driehoek, { decision: 'informatie_opvragen', question: 'Hoeveel studenten raakt dit?' });
    expect(r.status).toBe(200);
    expect(r.body.status).toBe('wacht_op_informatie');
    expect(r.body.deadlines.find((d: { kind: string }) => d.kind === 'driehoek_besluit').state).toBe('opgeschort');

    r = await decide(indiener, { decision: 'informatie_aanleveren', response: 'Ongeveer 12.000 per jaar.' });
    expect(r.status).toBe(200);
    expect(r.body.status).toBe('bij_driehoek');

    r = await decide(driehoek, { decision: 'escaleren_acu', motivation: 'Raakt ook DUO en UWV: overkoepelend.' });
    expect(r.status).toBe(200);
    expect(r.body.status).toBe('bij_acu');
    expect(r.body.escalated).toBe(true);
    const meetingId = r.body.details.acuMeetingId as string;
    expect(meetingId).toEqual(expect.any(String));
    const agenda = await sys.request('GET', `/api/v1/acu/meetings/${meetingId}/agenda`, { token: acu });
    expect(agenda.status).toBe(200);
    expect(JSON.stringify(agenda.body)).toContain(id);

    r = await decide(acu, { decision: 'naar_politiek', instrument: 'kamerbrief', motivation: 'Alleen de wetgever kan dit oplossen.' });
    expect(r.status).toBe(200);
    expect(r.body.status).toBe('politieke_opvolging');
    const politiek = r.body.deadlines.find((d: { kind: string }) => d.kind === 'politieke_reactie');
    expect(politiek.state).toBe('lopend');
    expect(politiek.term).toEqual({ amount: 6, unit: 'weken' });

    r = await decide(pd, { decision: 'politieke_uitkomst', result: 'opgelost', summary: 'Wetswijziging aangekondigd in kamerbrief.' });
    expect(r.status).toBe(200);
    expect(r.body.status).toBe('afgesloten');
    expect(r.body.outcome).toBe('opgelost');
    expect(r.body.deadlines.every((d: { state: string }) => d.state !== 'lopend')).toBe(true);

    const types = r.body.timeline.map((t: { type: string }) => t.type);
    expect(types).toEqual(
      expect.arrayContaining([
        'ingediend',
        'bij_driehoek',
        'informatie_opvragen',
        'informatie_aanleveren',
        'escaleren_acu',
        'op_acu_agenda',
        'naar_politiek',
        'politieke_uitkomst',
      ]),
    );
    const actorOf = (type: string) => r.body.timeline.find((t: { type: string }) => t.type === type).actor;
    expect(actorOf('informatie_opvragen')).toMatchObject({ name: 'Dirk Driehoek', role: 'driehoek' });
    expect(actorOf('informatie_aanleveren')).toMatchObject({ name: 'Ina Indiener', role: 'indiener', organisation: 'DUO' });
    expect(actorOf('naar_politiek')).toMatchObject({ name: 'Anna ACU', role: 'acu' });
    expect(actorOf('politieke_uitkomst')).toMatchObject({ name: 'Pieter Programma', role: 'programmadirectie' });

    const again = await decide(pd, { decision: 'politieke_uitkomst', result: 'opgelost', summary: 'nog eens' });
    expect(again.status).toBe(409);
    expect(again.body.allowed).toEqual([]);

    // The notifications of that path reached the right inboxes.
    const inbox = await sys.request('GET', '/api/v1/notifications', { token: indiener });
    expect(inbox.status).toBe(200);
    const kinds = inbox.body.items.map((n: { kind: string }) => n.kind);
    expect(kinds).toContain('afgesloten');
    // The acknowledgement names the driehoek's due date, written out in Dutch (the template of 'ontvangen').
    const ontvangen = inbox.body.items.find((n: { kind: string; body: string }) => n.kind === 'ontvangen');
    expect(ontvangen.body).toMatch(
      /besluit van de driehoek volgt uiterlijk op \d{1,2} (januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december) \d{4}/,
    );
  });

  it('lets the ACU take one decision for a cluster of knelpunten of two organisations', async () => {
    const [a] = await submit('CJIB');
    const [b] = await submit('RDW');
    const acu = await sys.token({ role: 'acu' });
    for (const [id, dh] of [
      [a, 'CJIB'],
      [b, 'RDW'],
    ] as const) {
      const token = await sys.token({ role: 'driehoek', driehoek: dh });
      const r = await sys.request('POST', `/api/v1/knelpunten/${id}/decisions`, {
        token,
        body: { decision: 'escaleren_acu', motivation: 'gegevensdeling' },
      });
      expect(r.status).toBe(200);
    }
    const cluster = await sys.request('POST', '/api/v1/acu/clusters', {
      token: acu,
      body: { title: 'Gegevensdeling tussen uitvoerders', knelpuntIds: [a, b] },
    });
    expect(cluster.status).toBe(201);
    const refused = await sys.request('POST', `/api/v1/acu/clusters/${cluster.body.id}/decisions`, {
      token: acu,
      body: { decision: 'afronden', outcome: 'opgelost', summary: 'te vroeg' },
    });
    expect(refused.status).toBe(409);
    expect(refused.body.allowed).toContain('toewijzen_doorbraakteam');
    const decided = await sys.request('POST', `/api/v1/acu/clusters/${cluster.body.id}/decisions`, {
      token: acu,
      body: { decision: 'toewijzen_doorbraakteam', team: 'gegevensdeling' },
      headers: { 'idempotency-key': 'cluster-1' },
    });
    expect(decided.status).toBe(200);
    expect(decided.body.items).toHaveLength(2);
    expect(decided.body.items.every((i: { status: string }) => i.status === 'in_aanpak_acu')).toBe(true);
    // A retry with the same key changes nothing.
    const retried = await sys.request('POST', `/api/v1/acu/clusters/${cluster.body.id}/decisions`, {
      token: acu,
      body: { decision: 'toewijzen_doorbraakteam', team: 'gegevensdeling' },
      headers: { 'idempotency-key': 'cluster-1' },
    });
    expect(retried.status).toBe(200);
    const detail = await sys.request('GET', `/api/v1/knelpunten/${a}`, { token: acu });
    expect(detail.body.timeline.filter((t: { type: string }) => t.type === 'toewijzen_doorbraakteam')).toHaveLength(1);
    expect(detail.body.details.team).toBe('gegevensdeling');
  });

  it('merges a knelpunt into an existing one only', async () => {
    const [a, b] = await submit('IND', 2);
    const driehoek = await sys.token({ role: 'driehoek', driehoek: 'IND' });
    const missing = await sys.request('POST', `/api/v1/knelpunten/${a}/decisions`, {
      token: driehoek,
      body: { decision: 'samenvoegen', targetKnelpuntId: '00000000-0000-4000-8000-000000000000' },
    });
    expect(missing.status).toBe(400);
    expect(missing.body.invalidParams).toEqual([
      { name: 'targetKnelpuntId', reason: 'dit knelpunt bestaat niet of valt buiten uw bereik' },
    ]);
    const merged = await sys.request('POST', `/api/v1/knelpunten/${a}/decisions`, {
      token: driehoek,
      body: { decision: 'samenvoegen', targetKnelpuntId: b, motivation: 'Hetzelfde probleem' },
    });
    expect(merged.status).toBe(200);
    expect(merged.body).toMatchObject({ status: 'afgesloten', outcome: 'samengevoegd', details: { mergedInto: { knelpuntId: b } } });
  });
});
