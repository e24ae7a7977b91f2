import { TestSystem } from '../support/test-system';
import { aKnelpunt, aStand } from '../builders';
import { expectProblem } from './support/problems';
import { MAX_INVALID_PARAMS } from '../../libs/shared/src/http/validation';

/**
 * The three stalls of issue 11 (items 2, 3 and 9), tried against the real API:
 * - an anonymous 2 MB `[[[[…]]]]` is refused before its body is read (authentication comes first);
 * - 150,000 unknown keys with a valid token are refused at parse time, not validated and echoed one by one;
 * - deep nesting under the body limit is refused by the parse-time depth limit, never overflowing a stack.
 * Only correctness is asserted here (status codes, capped error lists, the body never parsed); the latency goal
 * (/health < 50 ms during the attack) is measured by `npm run bench` (scripts/bench.ts), not by a timed test.
 */
describe('no cheap stalls: authentication before the body, parse-time shape limits, capped error lists', () => {
  let sys: TestSystem;
  let token: string;
  let parseSpy: jest.SpyInstance;

  /** How many times JSON.parse saw a text containing this marker (Fastify's parser ends in JSON.parse). */
  const parsedWith = (marker: string): number =>
    parseSpy.mock.calls.filter(([text]) => typeof text === 'string' && text.includes(marker)).length;

  const deep = (levels: number): string => '['.repeat(levels) + ']'.repeat(levels);

  beforeAll(async () => {
    sys = await TestSystem.start({ worker: false });
    token = await sys.token({ role: 'indiener', organisation: 'UWV' });
    parseSpy = jest.spyOn(JSON, 'parse');
  });

  afterAll(async () => {
    parseSpy.mockRestore();
    await sys.close();
  });

  const json = { 'content-type': 'application/json' };

  describe('item 2: an anonymous body is never read', () => {
    it('refuses an anonymous 2 MB [[[[…]]]] with the 401 of the guard, without parsing it', async () => {
      const marker = 'marker-anonymous-deep';
      const body = `{"m":"${marker}","x":${deep(1_000_000 - 20)}}`;
      expect(body.length).toBeGreaterThan(1_999_000);
      const res = await sys.request('POST', '/api/v1/standen', { raw: body, headers: json });
      expectProblem(res, 401);
      expect(res.body.code).toBe('NIET_GEAUTHENTICEERD');
      expect(parsedWith(marker)).toBe(0);

      // The same body with a token is read and refused by the depth limit.
      const authed = await sys.request('POST', '/api/v1/standen', { raw: body, headers: { ...json, authorization: `Bearer ${token}` } });
      expectProblem(authed, 400);
      expect(authed.body.detail).toContain('te diep genest');
    });

    it('answers 401, not 400, to anonymous invalid JSON; 400 with a token', async () => {
      const marker = 'marker-invalid-json';
      const body = `{"m":"${marker}", not json`;
      const anonymous = await sys.request('POST', '/api/v1/standen', { raw: body, headers: json });
      expectProblem(anonymous, 401);
      expect(parsedWith(marker)).toBe(0);
      const authed = await sys.request('POST', '/api/v1/standen', { raw: body, headers: { ...json, authorization: `Bearer ${token}` } });
      expectProblem(authed, 400);
      expect(authed.body.detail).toBe('De body is geen geldige JSON.');
      expect(parsedWith(marker)).toBe(1);
    });

    it('answers 401, not 413, to an anonymous body over the limit; 413 with a token', async () => {
      const body = `{"x":"${'a'.repeat(3 * 1024 * 1024)}"}`;
      expectProblem(await sys.request('POST', '/api/v1/standen', { raw: body, headers: json }), 401);
      expectProblem(
        await sys.request('POST', '/api/v1/standen', { raw: body, headers: { ...json, authorization: `Bearer ${token}` } }),
        413,
      );
    });

    it('refuses every kind of mutation of a closed route the same way (POST, PUT, PATCH; no, a forged or a malformed token)', async () => {
      const marker = 'marker-other-methods';
      const body = `{"m":"${marker}"`;
      for (const [method, url] of [
        ['PATCH', '/api/v1/knelpunten/00000000-0000-4000-8000-000000000000'],
        ['PUT', '/api/v1/driehoeken/UWV'],
        ['POST', '/api/v1/acu/clusters'],
      ] as const) {
        expectProblem(await sys.request(method, url, { raw: body, headers: json }), 401);
        expectProblem(await sys.request(method, url, { raw: body, headers: { ...json, authorization: 'Bearer abc.def.ghi' } }), 401);
        expectProblem(await sys.request(method, url, { raw: body, headers: { ...json, authorization: 'Basic abc' } }), 401);
      }
      expect(parsedWith(marker)).toBe(0);
    });

    it('gives a cookie without the CSRF header the 403 of the guard, and an unknown session the 401, unread', async () => {
      const marker = 'marker-cookie';
      const body = `{"m":"${marker}"`;
      const cookie = `kp_sessie=${'A'.repeat(43)}`;
      expectProblem(await sys.request('POST', '/api/v1/standen', { raw: body, headers: { ...json, cookie } }), 403);
      expectProblem(
        await sys.request('POST', '/api/v1/standen', { raw: body, headers: { ...json, cookie, 'x-requested-with': 'knelpunten-web' } }),
        401,
      );
      expect(parsedWith(marker)).toBe(0);
    });

    it('still reads the body of the public mutations (the login), found from the @Public route metadata', async () => {
      const marker = 'marker-public';
      const res = await sys.request('POST', '/api/v1/auth/dev-login', {
        raw: `{"m":"${marker}"`,
        headers: { ...json, 'x-requested-with': 'knelpunten-web' },
      });
      expectProblem(res, 400);
      expect(parsedWith(marker)).toBe(1);
    });
  });

  describe('items 2, 3 and 9: the shape of a body is limited at parse time', () => {
    it('refuses 150,000 unknown keys with a valid token before parsing, briefly (no echo of every key)', async () => {
      const stand = aStand() as Record<string, unknown>;
      for (let i = 0; i < 150_000; i++) stand[`k${i}`] = 1;
      stand.marker = 'marker-wide';
      const res = await sys.request('POST', '/api/v1/standen', { token, body: stand });
      expectProblem(res, 400);
      expect(res.body.detail).toContain('te veel velden');
      // Refused by the scan: no object of 150,000 properties was ever built.
      expect(parsedWith('marker-wide')).toBe(0);
      expect(JSON.stringify(res.body).length).toBeLessThan(2_000);
    });

    it('refuses too many values in all', async () => {
      const knelpunten = Array.from({ length: 2_000 }, () => aKnelpunt());
      const res = await sys.request('POST', '/api/v1/standen', { token, body: aStand({}, knelpunten) });
      expectProblem(res, 400);
      expect(res.body.detail).toContain('te veel waarden');
    });

    it('lists at most 50 field errors and says how many more there were', async () => {
      const stand = aStand() as Record<string, unknown>;
      for (let i = 0; i < 80; i++) stand[`onbekend${i}`] = i;
      const res = await sys.request('POST', '/api/v1/standen', { token, body: stand });
      expectProblem(res, 400);
      expect(res.body.invalidParams).toHaveLength(MAX_INVALID_PARAMS);
      expect(res.body.invalidParamsTruncated).toBe(30);
      expect(res.body.detail).toContain('en nog 30 andere fouten');
    });

    it('refuses deep nesting under the body limit, in arrays, objects and inside fields', async () => {
      const cases = [
        deep(33),
        deep(30_000),
        '{"a":'.repeat(5_000) + '1' + '}'.repeat(5_000),
        JSON.stringify(aStand({ title: JSON.parse(deep(40)) as unknown })),
      ];
      for (const raw of cases) {
        const res = await sys.request('POST', '/api/v1/standen', { raw, headers: { ...json, authorization: `Bearer ${token}` } });
        expectProblem(res, 400);
        expect(res.body.detail).toContain('te diep genest');
      }
      // Brackets inside strings do not count.
      const inString = await sys.request('POST', '/api/v1/standen', { token, body: aStand({ title: deep(100) }) });
      expect(inString.status).not.toBe(500);
      expect(inString.body.detail ?? '').not.toContain('te diep genest');
    });

    it('accepts nesting up to the limit: it reaches validation and gives field errors, never a 500', async () => {
      let nested: unknown = 'x';
      for (let i = 0; i < 30; i++) nested = { a: nested };
      const res = await sys.request('POST', '/api/v1/standen', { token, body: aStand({ extra: nested }) });
      expectProblem(res, 400);
      expect(res.body.invalidParams).toEqual([expect.objectContaining({ name: 'extra' })]);
    });
  });

  describe('item 2: the large body limit is for intake only', () => {
    it('takes a body of 200 KB on intake, and refuses it with 413 elsewhere', async () => {
      const long = 'Uitleg. '.repeat(1_500);
      const stand = aStand(
        {},
        Array.from({ length: 20 }, () => aKnelpunt({ description: long.slice(0, 10_000) })),
      );
      expect(JSON.stringify(stand).length).toBeGreaterThan(200_000);
      const intake = await sys.request('POST', '/api/v1/standen', { token, body: stand });
      expect(intake.status).toBe(201);
      const elsewhere = await sys.request('POST', `/api/v1/knelpunten/${intake.body.knelpunten[0].id}/voortgang`, {
        token,
        body: { text: 'x'.repeat(200_000) },
      });
      expectProblem(elsewhere, 413);
    });

    it('still takes the longest valid body elsewhere (a PATCH of a knelpunt in 3-byte characters)', async () => {
      const stand = await sys.request('POST', '/api/v1/standen', { token, body: aStand() });
      const patch = { description: '€'.repeat(20_000), impact: '€'.repeat(10_000), proposedSolution: '€'.repeat(10_000) };
      expect(Buffer.byteLength(JSON.stringify(patch))).toBeGreaterThan(64 * 1024);
      const res = await sys.request('PATCH', `/api/v1/knelpunten/${stand.body.knelpunten[0].id}`, { token, body: patch });
      expect(res.status).not.toBe(413);
      expect(res.status).toBeLessThan(500);
    });
  });

  it('keeps /health answering while the stalls are tried (latency goal: npm run bench)', async () => {
    const stand = aStand() as Record<string, unknown>;
    for (let i = 0; i < 150_000; i++) stand[`k${i}`] = 1;
    const wide = JSON.stringify(stand);
    const attacks = [
      ...Array.from({ length: 4 }, () => sys.request('POST', '/api/v1/standen', { raw: deep(1_000_000), headers: json })),
      ...Array.from({ length: 2 }, () =>
        sys.request('POST', '/api/v1/standen', { raw: wide, headers: { ...json, authorization: `Bearer ${token}` } }),
      ),
      ...Array.from({ length: 4 }, () =>
        sys.request('POST', '/api/v1/standen', { raw: deep(60_000), headers: { ...json, authorization: `Bearer ${token}` } }),
      ),
    ];
    const health = Array.from({ length: 10 }, () => sys.request('GET', '/api/v1/health'));
    const results = await Promise.all(attacks);
    expect(results.map((r) => r.status)).toEqual([401, 401, 401, 401, 400, 400, 400, 400, 400, 400]);
    for (const h of await Promise.all(health)) expect(h.status).toBe(200);
  });
});
