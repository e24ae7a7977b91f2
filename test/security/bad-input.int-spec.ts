/**
 * Issue 11, items 1, 5, 7, 8 and 14: bad input is a 400 problem+json naming the field, never a 500 and never a
 * hang. One global rule refuses NUL and lone UTF-16 surrogates in every string that enters the API (JSON bodies
 * at any depth and their keys, query strings, path parameters, CSV cells); a poison string in a decision is
 * refused at the edge and leaves the knelpunt's workflow healthy.
 */
import { randomUUID } from 'node:crypto';
import { TestSystem, eventually } from '../support/test-system';
import { aKnelpunt, aStand } from '../builders';
import { TemporalClientService } from '@kp/temporal';
import { knelpuntWorkflowId } from '../../workflows/knelpunt/knelpunt.contract';

const INVALID = 'bevat een ongeldig teken';
const NUL = '\u0000';
const LONE = '\ud800';

type Res = { status: number; body: any; headers: Record<string, unknown> };

function expectInvalid(res: Res, field: string, reason = INVALID): void {
  expect({ status: res.status, type: res.headers['content-type'] }).toEqual({
    status: 400,
    type: expect.stringContaining('application/problem+json'),
  });
  expect(res.body.invalidParams).toContainEqual({ name: field, reason });
}

describe('bad input (issue 11: poison strings, null, arrays for objects, Idempotency-Key)', () => {
  let sys: TestSystem;
  let indiener: string;
  let driehoek: string;
  let acu: string;
  let pd: string;
  let admin: string;
  let id: string;

  const csv = (...rows: string[]) => ['title,description,theme', ...rows].join('\n');
  const postCsv = (path: 'import' | 'import-controle', body: string, query = 'organisation=UWV&period=2025&title=CSV') =>
    sys.request('POST', `/api/v1/standen/${path}?${query}`, { token: indiener, raw: body, headers: { 'content-type': 'text/csv' } });

  beforeAll(async () => {
    sys = await TestSystem.start();
    indiener = await sys.token({ role: 'indiener', organisation: 'UWV' });
    driehoek = await sys.token({ role: 'driehoek', driehoek: 'UWV' });
    acu = await sys.token({ role: 'acu' });
    pd = await sys.token({ role: 'programmadirectie' });
    admin = await sys.token({ role: 'admin' });
    const res = await sys.request('POST', '/api/v1/standen', { token: indiener, body: aStand({}, [aKnelpunt()]) });
    expect(res.status).toBe(201);
    id = res.body.knelpunten[0].id;
    await eventually(
      async () => (await sys.request('GET', `/api/v1/knelpunten/${id}`, { token: driehoek })).body.status === 'bij_driehoek',
    );
  });
  afterAll(async () => {
    await sys.close();
  });

  describe('item 1: a poison string in a decision', () => {
    it.each([
      ['NUL', `Welke cijfers?${NUL}`],
      ['a lone surrogate', `Welke cijfers?${LONE}`],
    ])('with %s is a 400 within a second, and the next valid decision on the same knelpunt still works', async (_label, question) => {
      const started = Date.now();
      const refused = await sys.request('POST', `/api/v1/knelpunten/${id}/decisions`, {
        token: driehoek,
        body: { decision: 'informatie_opvragen', question },
      });
      expect(Date.now() - started).toBeLessThan(1000);
      expectInvalid(refused, 'question');
      const after = await sys.request('GET', `/api/v1/knelpunten/${id}`, { token: driehoek });
      expect(after.body.status).toBe('bij_driehoek');
    });

    it('leaves the workflow healthy: a valid decision and an answer go through at once', async () => {
      const asked = await sys.request('POST', `/api/v1/knelpunten/${id}/decisions`, {
        token: driehoek,
        body: { decision: 'informatie_opvragen', question: 'Welke cijfers heeft u?' },
      });
      expect(asked.status).toBe(200);
      expect(asked.body.status).toBe('wacht_op_informatie');
      const answered = await sys.request('POST', `/api/v1/knelpunten/${id}/decisions`, {
        token: indiener,
        body: { decision: 'informatie_aanleveren', response: 'Deze cijfers.' },
      });
      expect(answered.status).toBe(200);
      expect(answered.body.status).toBe('bij_driehoek');
      const described = await sys.api.get(TemporalClientService).client.workflow.getHandle(knelpuntWorkflowId(id)).describe();
      expect(described.status.name).toBe('RUNNING');
      expect(described.raw.pendingActivities ?? []).toHaveLength(0);
    });
  });

  describe('item 5: the same rule on every string that enters the API', () => {
    const cases: [string, () => Promise<Res>, string][] = [
      ['q of the knelpunten list', () => sys.request('GET', '/api/v1/knelpunten?q=%00', { token: pd }), 'q'],
      [
        'organisation of the knelpunten list',
        () => sys.request('GET', '/api/v1/knelpunten?organisation=UWV%00', { token: pd }),
        'organisation',
      ],
      ['q of the driehoek queue', () => sys.request('GET', '/api/v1/driehoeken/UWV/queue?q=a%00b', { token: driehoek }), 'q'],
      ['organisation of the public Standen', () => sys.request('GET', '/api/v1/standen?organisation=UWV%00'), 'organisation'],
      ['a path parameter', () => sys.request('GET', '/api/v1/driehoeken/UWV%00/queue', { token: pd }), 'code'],
      ['a Stand title', () => sys.request('POST', '/api/v1/standen', { token: indiener, body: aStand({ title: `T${NUL}` }) }), 'title'],
      [
        'a Stand period',
        () => sys.request('POST', '/api/v1/standen', { token: indiener, body: aStand({ period: `2025${LONE}` }) }),
        'period',
      ],
      [
        'a knelpunt title in a Stand',
        () => sys.request('POST', '/api/v1/standen', { token: indiener, body: aStand({}, [aKnelpunt({ title: `x${NUL}` })]) }),
        'knelpunten[0].title',
      ],
      [
        'a knelpunt ministry in a Stand',
        () =>
          sys.request('POST', '/api/v1/standen', {
            token: indiener,
            body: aStand({}, [aKnelpunt(), aKnelpunt({ ministry: `SZW${NUL}` })]),
          }),
        'knelpunten[1].ministry',
      ],
      [
        'a key of a Stand',
        () => sys.request('POST', '/api/v1/standen', { token: indiener, body: { ...aStand(), [`ti${NUL}tle`]: 'x' } }),
        'ti\ufffdtle',
      ],
      ['a PATCH title', () => sys.request('PATCH', `/api/v1/knelpunten/${id}`, { token: indiener, body: { title: `x${NUL}` } }), 'title'],
      ['a PATCH impact', () => sys.request('PATCH', `/api/v1/knelpunten/${id}`, { token: indiener, body: { impact: LONE } }), 'impact'],
      ['a CSV cell (import)', () => postCsv('import', csv('Goed,Prima,ict', `Fout${NUL},Iets,ict`)), 'rij 3.title'],
      ['a CSV cell (import-controle)', () => postCsv('import-controle', csv(`Goed,Pri${NUL}ma,ict`)), 'rij 2.description'],
      ['a CSV header', () => postCsv('import', `title,description,theme${NUL}\na,b,ict`), 'kopregel'],
      ['the CSV import query', () => postCsv('import', csv('a,b,ict'), 'organisation=UWV%00&period=2025&title=T'), 'organisation'],
      ['the CSV preview query', () => postCsv('import-controle', csv('a,b,ict'), 'organisation=UWV&period=2025&title=T%00'), 'title'],
      [
        'a decision motivation',
        () =>
          sys.request('POST', `/api/v1/knelpunten/${id}/decisions`, {
            token: driehoek,
            body: { decision: 'escaleren_acu', motivation: `m${NUL}` },
          }),
        'motivation',
      ],
      [
        'voortgang',
        () => sys.request('POST', `/api/v1/knelpunten/${id}/voortgang`, { token: indiener, body: { summary: `s${LONE}` } }),
        'summary',
      ],
      [
        'a deadline reason',
        () =>
          sys.request('POST', `/api/v1/knelpunten/${id}/deadline-actions`, {
            token: driehoek,
            body: { action: 'opschorten', deadline: 'driehoek_besluit', reason: `r${NUL}` },
          }),
        'reason',
      ],
      [
        'a cluster decision',
        () =>
          sys.request('POST', `/api/v1/acu/clusters/${randomUUID()}/decisions`, {
            token: acu,
            body: { decision: 'terug_naar_driehoek', motivation: `m${NUL}` },
          }),
        'motivation',
      ],
      [
        'a deadline policy',
        () =>
          sys.request('PUT', '/api/v1/deadline-policies', {
            token: pd,
            body: {
              organisation: `UWV${NUL}`,
              kind: 'driehoek_besluit',
              term: { amount: 6, unit: 'weken' },
              reminderWerkdagen: [5],
              notifyProgrammadirectieWhenOverdue: true,
            },
          }),
        'organisation',
      ],
      [
        'the unit of a deadline policy term',
        () =>
          sys.request('PUT', '/api/v1/deadline-policies', {
            token: pd,
            body: {
              kind: 'driehoek_besluit',
              term: { amount: 6, unit: `weken${NUL}` },
              reminderWerkdagen: [5],
              notifyProgrammadirectieWhenOverdue: true,
            },
          }),
        'term.unit',
      ],
      [
        'a new organisation name',
        () =>
          sys.request('POST', '/api/v1/organisations', {
            token: admin,
            body: { code: 'NULORG', name: `N${NUL}`, kind: 'koepel', active: true },
          }),
        'name',
      ],
      [
        'an organisation name',
        () =>
          sys.request('PUT', '/api/v1/organisations/UWV', {
            token: admin,
            body: { name: `UWV${NUL}`, kind: 'uitvoeringsorganisatie', active: true },
          }),
        'name',
      ],
      [
        'a new ministry name',
        () => sys.request('POST', '/api/v1/ministries', { token: admin, body: { code: 'NULMIN', name: `M${LONE}`, active: true } }),
        'name',
      ],
      [
        'a ministry name',
        () => sys.request('PUT', '/api/v1/ministries/SZW', { token: admin, body: { name: `SZW${NUL}`, active: true } }),
        'name',
      ],
      [
        'a meeting',
        () => sys.request('POST', '/api/v1/acu/meetings', { token: acu, body: { meetingDate: '2030-01-07', title: `Vergadering${NUL}` } }),
        'title',
      ],
    ];

    it.each(cases)('refuses NUL or a lone surrogate in %s with a 400 naming the field', async (_label, send, field) => {
      const started = Date.now();
      const res = await send();
      expect(Date.now() - started).toBeLessThan(2000);
      expectInvalid(res, field);
    });

    it('stored nothing and changed nothing', async () => {
      const k = await sys.request('GET', `/api/v1/knelpunten/${id}`, { token: indiener });
      expect(k.body.status).toBe('bij_driehoek');
      expect(JSON.stringify(k.body)).not.toMatch(/\\u0000|\\ud800/);
      const orgs = await sys.request('GET', '/api/v1/organisations');
      expect(orgs.body.items.find((o: { code: string }) => o.code === 'NULORG')).toBeUndefined();
      expect(orgs.body.items.find((o: { code: string }) => o.code === 'UWV').name).not.toContain(NUL);
    });

    it('lets valid text with emoji (a proper surrogate pair) and accents through', async () => {
      const res = await sys.request('GET', `/api/v1/knelpunten?q=${encodeURIComponent('café 😀')}`, { token: pd });
      expect(res.status).toBe(200);
    });
  });

  describe('item 7: null for a required field in PATCH', () => {
    it.each(['title', 'description', 'theme'])('refuses {"%s": null} with a 400 naming the field', async (field) => {
      const res = await sys.request('PATCH', `/api/v1/knelpunten/${id}`, { token: indiener, body: { [field]: null } });
      expect(res.status).toBe(400);
      expect(res.body.invalidParams.map((p: { name: string }) => p.name)).toContain(field);
    });
  });

  describe('item 8: an array where a nested object is expected', () => {
    it('refuses "knelpunten": [[]]', async () => {
      const res = await sys.request('POST', '/api/v1/standen', { token: indiener, body: aStand({ knelpunten: [[]] }) });
      expect(res.status).toBe(400);
      expect(res.body.invalidParams.map((p: { name: string }) => p.name)).toContain('knelpunten');
    });

    it('refuses "term": [] in a deadline policy', async () => {
      const res = await sys.request('PUT', '/api/v1/deadline-policies', {
        token: pd,
        body: { kind: 'driehoek_besluit', term: [], reminderWerkdagen: [5], notifyProgrammadirectieWhenOverdue: true },
      });
      expectInvalid(res, 'term', 'moet een object { amount, unit } zijn');
    });

    it('refuses "extension": [] in a deadline action', async () => {
      const res = await sys.request('POST', `/api/v1/knelpunten/${id}/deadline-actions`, {
        token: driehoek,
        body: { action: 'verlengen', deadline: 'driehoek_besluit', reason: 'Meer tijd', extension: [] },
      });
      expectInvalid(res, 'extension', 'moet een object { amount, unit } zijn');
    });
  });

  describe('item 14: the Idempotency-Key rule on every route that takes it', () => {
    const routes: [string, (key: string) => Promise<Res>][] = [
      ['intake', (key) => sys.request('POST', '/api/v1/standen', { token: indiener, body: aStand(), headers: { 'idempotency-key': key } })],
      [
        'a decision',
        (key) =>
          sys.request('POST', `/api/v1/knelpunten/${id}/decisions`, {
            token: driehoek,
            body: { decision: 'informatie_opvragen', question: 'Vraag' },
            headers: { 'idempotency-key': key },
          }),
      ],
      [
        'voortgang',
        (key) =>
          sys.request('POST', `/api/v1/knelpunten/${id}/voortgang`, {
            token: indiener,
            body: { summary: 'Voortgang' },
            headers: { 'idempotency-key': key },
          }),
      ],
      [
        'a deadline action',
        (key) =>
          sys.request('POST', `/api/v1/knelpunten/${id}/deadline-actions`, {
            token: driehoek,
            body: { action: 'opschorten', deadline: 'driehoek_besluit', reason: 'Wachten' },
            headers: { 'idempotency-key': key },
          }),
      ],
      [
        'a cluster decision',
        (key) =>
          sys.request('POST', `/api/v1/acu/clusters/${randomUUID()}/decisions`, {
            token: acu,
            body: { decision: 'terug_naar_driehoek', motivation: 'Terug' },
            headers: { 'idempotency-key': key },
          }),
      ],
    ];
    const keys: [string, string][] = [
      ['8,000 characters', 'k'.repeat(8000)],
      ['201 characters', 'k'.repeat(201)],
      ['a space', 'twee woorden'],
    ];

    it.each(routes)('refuses a bad key on %s with a 400 naming the header, and changes nothing', async (_label, send) => {
      for (const [, key] of keys) {
        const res = await send(key);
        expectInvalid(res, 'Idempotency-Key', 'moet 1 tot 200 zichtbare ASCII-tekens zijn');
      }
      const k = await sys.request('GET', `/api/v1/knelpunten/${id}`, { token: driehoek });
      expect(k.body.status).toBe('bij_driehoek');
    });

    it('accepts a key of 200 visible ASCII characters on a decision', async () => {
      const res = await routes[1]![1]('k'.repeat(199) + '!');
      expect(res.status).toBe(200);
      expect(res.body.status).toBe('wacht_op_informatie');
    });
  });
});
