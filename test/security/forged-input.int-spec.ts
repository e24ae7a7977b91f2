import { randomUUID } from 'node:crypto';
import { TestSystem } from '../support/test-system';
import { expectProblem } from './support/problems';

const b64 = (values: unknown): string => Buffer.from(JSON.stringify(values), 'utf8').toString('base64url');

/** Forged page cursors and out-of-range dates: a 400 naming the parameter, never a 500 (issue 11, items 6 and 10). */
describe('forged cursors and out-of-range dates', () => {
  let sys: TestSystem;
  let tokens: Record<'pd' | 'acu', string>;

  beforeAll(async () => {
    sys = await TestSystem.start({ worker: false });
    tokens = { pd: await sys.token({ role: 'programmadirectie' }), acu: await sys.token({ role: 'acu' }) };
  });

  afterAll(async () => {
    await sys.close();
  });

  const id = randomUUID();
  /** Every list that takes a cursor, with who may read it and a well-formed cursor of its own shape. */
  const LISTS: { url: string; token: 'pd' | 'acu' | null; valid: unknown[] }[] = [
    { url: '/api/v1/standen', token: null, valid: ['2026-03-20T10:00:00.123456Z', id] },
    { url: '/api/v1/knelpunten', token: 'pd', valid: ['2026-03-20T10:00:00.123Z', id] },
    { url: '/api/v1/driehoeken/UWV/queue', token: 'pd', valid: [1, '2026-03-20T10:00:00.000Z', id] },
    { url: '/api/v1/notifications', token: 'pd', valid: ['2026-03-20T10:00:00.123456Z', id] },
    { url: '/api/v1/acu/clusters', token: 'acu', valid: ['2026-03-20T10:00:00.123456Z', id] },
    { url: '/api/v1/acu/meetings', token: 'acu', valid: ['komend', '2026-03-20', id] },
  ];
  const FORGED: [string, string][] = [
    ['a numeric string for a timestamp', b64(['1', id])],
    ['an id of 36 dashes', b64(['2026-03-20T10:00:00.000Z', '-'.repeat(36)])],
    ['a fractional queue urgency', b64([1.5, null, id])],
    ['a queue cursor with not-a-date', b64([1, 'not-a-date', id])],
    ['a date that does not exist', b64(['2026-02-30T10:00:00.000Z', id])],
    ['a meeting cursor with month 13', b64(['komend', '2026-13-01', id])],
    ['a meeting cursor with 36 dashes', b64(['voorbij', '2026-03-20', '-'.repeat(36)])],
    ['an object', b64({ createdAt: '2026-03-20T10:00:00.000Z', id })],
    ['no base64url JSON', 'bogus'],
  ];

  it.each(LISTS)(
    'refuses every forged cursor on $url with 400 naming cursor, and takes a well-formed one',
    async ({ url, token, valid }) => {
      const auth = token ? { token: tokens[token] } : {};
      for (const [what, cursor] of FORGED) {
        const res = await sys.request('GET', `${url}?cursor=${cursor}`, auth);
        expect({ what, status: res.status }).toEqual({ what, status: 400 });
        expectProblem(res, 400);
        expect(res.body.invalidParams).toEqual([{ name: 'cursor', reason: 'is geen geldige cursor' }]);
      }
      const ok = await sys.request('GET', `${url}?cursor=${b64(valid)}`, auth);
      expect(ok.status).toBe(200);
    },
  );

  describe('GET /werkdagen/berekening', () => {
    const calc = (query: string) => sys.request('GET', `/api/v1/werkdagen/berekening?${query}`);

    it('refuses a start outside 1900–2200 with 400 naming start', async () => {
      for (const start of ['9999-12-31', '1899-12-31', '0001-01-01', '2201-01-01']) {
        const res = await calc(`start=${start}&amount=1&unit=dagen`);
        expectProblem(res, 400);
        expect({ start, names: [...new Set(res.body.invalidParams.map((p: { name: string }) => p.name))] }).toEqual({
          start,
          names: ['start'],
        });
      }
    });

    it('refuses a term that ends after 2200 with 400 naming amount', async () => {
      const res = await calc('start=2200-12-01&amount=2&unit=maanden');
      expectProblem(res, 400);
      expect(res.body.invalidParams.map((p: { name: string }) => p.name)).toEqual(['amount']);
    });

    it('still calculates at the edges of the range', async () => {
      expect((await calc('start=1900-01-01&amount=1&unit=dagen')).status).toBe(200);
      const res = await calc('start=2200-12-01&amount=5&unit=werkdagen');
      expect(res.status).toBe(200);
      expect(res.body.dueDate).toMatch(/^2200-12-/);
    });
  });
});
