import { Connection, Client } from '@temporalio/client';
import { TestSystem, eventually } from './support/test-system';
import { aKnelpunt, aStand } from './builders';
import { freePort } from '../scripts/infra/ports';
import { DataSource } from 'typeorm';

describe('intake (real PostgreSQL, real Temporal dev server)', () => {
  let sys: TestSystem;
  let indiener: string;
  let temporal: Client;

  beforeAll(async () => {
    sys = await TestSystem.start();
    indiener = await sys.token({ role: 'indiener', organisation: 'UWV', name: 'Ina Indiener' });
    temporal = new Client({ connection: await Connection.connect({ address: process.env.KP_TEST_TEMPORAL_ADDRESS }) });
  });

  afterAll(async () => {
    await temporal.connection.close();
    await sys.close();
  });

  it('accepts a Stand with three knelpunten and starts one running workflow per knelpunt', async () => {
    const res = await sys.request('POST', '/api/v1/standen', { token: indiener, body: aStand() });
    expect(res.status).toBe(201);
    expect(res.headers['api-version']).toBe('1.0.0');
    expect(res.body.knelpunten).toHaveLength(3);
    for (const k of res.body.knelpunten) {
      expect(k.id).toMatch(/^[0-9a-f-]{36}$/);
      expect(k.reference).toMatch(/^UWV-\d{5}$/);
      const handle = temporal.workflow.getHandle(`knelpunt-${k.id}`);
      const desc = await eventually(() => handle.describe().catch(() => null), 30000, 'workflow exists');
      expect(desc.status.name).toBe('RUNNING');
      const detail = await eventually(
        async () => {
          const r = await sys.request('GET', `/api/v1/knelpunten/${k.id}`, { token: indiener });
          return r.body.status === 'bij_driehoek' ? r.body : null;
        },
        30000,
        'status bij_driehoek',
      );
      expect(detail.timeline.map((t: { type: string }) => t.type)).toEqual(['ingediend', 'bij_driehoek']);
      expect(detail.timeline[0].actor).toMatchObject({ name: 'Ina Indiener', role: 'indiener', organisation: 'UWV' });
      expect(detail.deadlines).toEqual([expect.objectContaining({ kind: 'driehoek_besluit', state: 'lopend' })]);
    }
  });

  it('recognises the same Stand posted twice and creates nothing new', async () => {
    const stand = aStand();
    const first = await sys.request('POST', '/api/v1/standen', { token: indiener, body: stand });
    const second = await sys.request('POST', '/api/v1/standen', { token: indiener, body: stand });
    expect(first.status).toBe(201);
    expect(second.status).toBe(200);
    expect(second.body.id).toBe(first.body.id);
    expect(second.body.knelpunten.map((k: { id: string }) => k.id)).toEqual(first.body.knelpunten.map((k: { id: string }) => k.id));
    const changed = await sys.request('POST', '/api/v1/standen', { token: indiener, body: { ...stand, knelpunten: [aKnelpunt()] } });
    expect(changed.status).toBe(409);
    expect(changed.headers['content-type']).toContain('application/problem+json');
  });

  it('replays the stored response for a retried Idempotency-Key and refuses it for another body', async () => {
    const key = `retry-${Date.now()}`;
    const stand = aStand();
    const a = await sys.request('POST', '/api/v1/standen', { token: indiener, body: stand, headers: { 'idempotency-key': key } });
    const b = await sys.request('POST', '/api/v1/standen', { token: indiener, body: stand, headers: { 'idempotency-key': key } });
    expect(a.status).toBe(201);
    expect(b.status).toBe(201);
    expect(b.body).toEqual(a.body);
    const c = await sys.request('POST', '/api/v1/standen', { token: indiener, body: aStand(), headers: { 'idempotency-key': key } });
    expect(c.status).toBe(409);
  });

  it('imports a Stand as CSV', async () => {
    const csv =
      'title,description,theme,law,ministry\n"Hardheid, terugvordering",Kleine fouten leiden tot grote terugvorderingen,wetgeving,Wet WIA,SZW\nOude ICT,Het kernsysteem is verouderd,ict,,\n';
    const res = await sys.request('POST', '/api/v1/standen/import?organisation=UWV&period=2025-H2&title=CSV-Stand', {
      token: indiener,
      raw: csv,
      headers: { 'content-type': 'text/csv' },
    });
    expect(res.status).toBe(201);
    expect(res.body.knelpunten.map((k: { title: string }) => k.title)).toEqual(['Hardheid, terugvordering', 'Oude ICT']);
  });

  it('names the CSV row and field that is wrong, and stores nothing', async () => {
    const before = await sys.request('GET', '/api/v1/knelpunten?limit=100', { token: indiener });
    const csv = 'title,description,theme\nGoed,Prima,ict\n,Geen titel,ict\nFout thema,Iets,onbekend\n';
    const res = await sys.request('POST', '/api/v1/standen/import?organisation=UWV&period=2025&title=Kapotte CSV', {
      token: indiener,
      raw: csv,
      headers: { 'content-type': 'text/csv' },
    });
    expect(res.status).toBe(400);
    const names = res.body.invalidParams.map((p: { name: string }) => p.name);
    expect(names).toEqual(expect.arrayContaining(['rij 3.title', 'rij 4.theme']));
    const bad = await sys.request('POST', '/api/v1/standen/import?organisation=UWV&period=2025&title=X', {
      token: indiener,
      raw: 'title,description,theme,kleur\na,b,ict,rood\n',
      headers: { 'content-type': 'text/csv' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.invalidParams[0].name).toBe('kolom kleur');
    const unbalanced = await sys.request('POST', '/api/v1/standen/import?organisation=UWV&period=2025&title=Y', {
      token: indiener,
      raw: 'title,description,theme\n"open quote,b,ict\n',
      headers: { 'content-type': 'text/csv' },
    });
    expect(unbalanced.status).toBe(400);
    const after = await sys.request('GET', '/api/v1/knelpunten?limit=100', { token: indiener });
    expect(after.body.items.length).toBe(before.body.items.length);
  });

  it.each([
    ['unknown field', { ...aStand(), kleur: 'rood' }, 'kleur'],
    ['wrong theme', aStand({}, [aKnelpunt({ theme: 'weer' })]), 'knelpunten[0].theme'],
    ['unknown organisation', aStand({ organisation: 'XYZ' }), 'organisation'],
    ['empty title', aStand({}, [aKnelpunt({ title: '   ' })]), 'knelpunten[0].title'],
    ['oversized description', aStand({}, [aKnelpunt({ description: 'x'.repeat(20001) })]), 'knelpunten[0].description'],
    [
      'too many knelpunten',
      aStand(
        {},
        Array.from({ length: 251 }, () => aKnelpunt()),
      ),
      'knelpunten',
    ],
    ['no knelpunten', aStand({}, []), 'knelpunten'],
    ['unknown ministry', aStand({}, [aKnelpunt({ ministry: 'MINBUZA' })]), 'knelpunten[0].ministry'],
    ['bad date', aStand({ publishedOn: '2025-02-30' }), 'publishedOn'],
  ])('refuses %s with a Dutch problem naming the field', async (_name, body, field) => {
    const res = await sys.request('POST', '/api/v1/standen', { token: indiener, body });
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body).toMatchObject({ status: 400, title: 'Ongeldige invoer' });
    expect(res.body.invalidParams.map((p: { name: string }) => p.name)).toContain(field);
    for (const p of res.body.invalidParams) expect(p.reason).not.toMatch(/\b(must|should)\b/);
  });

  it('refuses malformed JSON with a 400 problem', async () => {
    const res = await sys.request('POST', '/api/v1/standen', {
      token: indiener,
      raw: '{"organisation": "UWV",',
      headers: { 'content-type': 'application/json' },
    });
    expect(res.status).toBe(400);
    expect(res.body.detail).toBe('De body is geen geldige JSON.');
  });

  it('lists knelpunten with filters and keyset pagination', async () => {
    await sys.request('POST', '/api/v1/standen', {
      token: indiener,
      body: aStand({}, [
        aKnelpunt({ theme: 'gegevensdeling', title: 'Gegevensdeling met gemeenten' }),
        aKnelpunt(),
        aKnelpunt(),
        aKnelpunt(),
      ]),
    });
    const page1 = await sys.request('GET', '/api/v1/knelpunten?limit=2', { token: indiener });
    expect(page1.status).toBe(200);
    expect(page1.body.items).toHaveLength(2);
    expect(page1.body.nextCursor).toEqual(expect.any(String));
    const page2 = await sys.request('GET', `/api/v1/knelpunten?limit=2&cursor=${page1.body.nextCursor}`, { token: indiener });
    const ids1 = page1.body.items.map((k: { id: string }) => k.id);
    for (const k of page2.body.items) expect(ids1).not.toContain(k.id);
    const byTheme = await sys.request('GET', '/api/v1/knelpunten?theme=gegevensdeling', { token: indiener });
    expect(byTheme.body.items.every((k: { theme: string }) => k.theme === 'gegevensdeling')).toBe(true);
    const byText = await sys.request('GET', '/api/v1/knelpunten?q=gemeenten', { token: indiener });
    expect(byText.body.items.map((k: { title: string }) => k.title)).toContain('Gegevensdeling met gemeenten');
    const bad = await sys.request('GET', '/api/v1/knelpunten?status=zoek', { token: indiener });
    expect(bad.status).toBe(400);
    expect(bad.body.invalidParams[0].name).toBe('status');
    const badCursor = await sys.request('GET', '/api/v1/knelpunten?cursor=rommel', { token: indiener });
    expect(badCursor.status).toBe(400);
  });
});

describe('intake while Temporal is down', () => {
  it('accepts the Stand and starts its workflows once Temporal is back', async () => {
    const deadPort = await freePort();
    const down = await TestSystem.start({ temporalAddress: `127.0.0.1:${deadPort}`, worker: false });
    const token = await down.token({ role: 'indiener', organisation: 'SVB' });
    let created: { id: string; knelpunten: { id: string; status: string }[] };
    try {
      const res = await down.request('POST', '/api/v1/standen', { token, body: aStand({ organisation: 'SVB' }) });
      expect(res.status).toBe(201);
      created = res.body;
      expect(created.knelpunten.every((k) => k.status === 'ingediend')).toBe(true);
      const health = await down.request('GET', '/api/v1/health');
      expect(health.body).toMatchObject({ status: 'degraded', postgres: { status: 'up' }, temporal: { status: 'down' } });
    } finally {
      down.keepDataDir = true;
      await down.close();
    }
    // Temporal is "back": the same database, now with the real server and a worker.
    const back = await TestSystem.reopen(down.config, { temporalAddress: process.env.KP_TEST_TEMPORAL_ADDRESS });
    try {
      for (const k of created.knelpunten) {
        await eventually(
          async () => {
            const r = await back.request('GET', `/api/v1/knelpunten/${k.id}`, { token });
            return r.body.status === 'bij_driehoek';
          },
          60000,
          `workflow of ${k.id} started after Temporal came back`,
        );
      }
    } finally {
      await back.close();
    }
  });

  it('starts a not-yet-started workflow itself when a decision arrives before the outbox got to it', async () => {
    const deadPort = await freePort();
    const down = await TestSystem.start({ temporalAddress: `127.0.0.1:${deadPort}`, worker: false });
    const indiener = await down.token({ role: 'indiener', organisation: 'CBR' });
    const driehoek = await down.token({ role: 'driehoek', driehoek: 'CBR' });
    let id: string;
    try {
      const res = await down.request('POST', '/api/v1/standen', { token: indiener, body: aStand({ organisation: 'CBR' }, [aKnelpunt()]) });
      expect(res.status).toBe(201);
      id = res.body.knelpunten[0].id;
      // The outbox "has not got to it yet": nothing left for the dispatcher to start.
      const ds = down.api.get(DataSource);
      await ds.query(`UPDATE workflow_starts SET started_at = now() WHERE knelpunt_id = $1`, [id]);
    } finally {
      down.keepDataDir = true;
      await down.close();
    }
    const back = await TestSystem.reopen(down.config, { temporalAddress: process.env.KP_TEST_TEMPORAL_ADDRESS });
    try {
      const before = await back.request('GET', `/api/v1/knelpunten/${id}`, { token: driehoek });
      expect(before.body.status).toBe('ingediend');
      const decided = await back.request('POST', `/api/v1/knelpunten/${id}/decisions`, {
        token: driehoek,
        body: { decision: 'escaleren_acu', motivation: 'Raakt meerdere organisaties' },
      });
      expect(decided.status).toBe(200);
      expect(decided.body.status).toBe('bij_acu');
      expect(decided.body.timeline.map((t: { type: string }) => t.type)).toEqual(
        expect.arrayContaining(['ingediend', 'bij_driehoek', 'escaleren_acu']),
      );
    } finally {
      await back.close();
    }
  });
});
