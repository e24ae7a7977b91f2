import { TestSystem } from '../support/test-system';
import { TokenVerifier } from '../../libs/toegang/src/token-verifier.service';
import { expectProblem } from './support/problems';

/** The order n of the P-256 group: (r, n - s) is the high-S twin of an ES256 signature (r, s). */
const P256_ORDER = BigInt('0xFFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551');

/** Textual variants of one token: other last base64url characters, `=` padding, the high-S signature. */
function tokenVariants(token: string): string[] {
  const [header, payload, signature] = token.split('.');
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  const stem = signature.slice(0, -1);
  const lastChar = [...alphabet].map((c) => `${header}.${payload}.${stem}${c}`).filter((t) => t !== token);
  const sig = Buffer.from(signature, 'base64url');
  const r = sig.subarray(0, 32);
  const s = BigInt(`0x${sig.subarray(32).toString('hex')}`);
  const highS = Buffer.from((P256_ORDER - s).toString(16).padStart(64, '0'), 'hex');
  return [...lastChar, `${token}=`, `${token}==`, `${header}.${payload}.${Buffer.concat([r, highS]).toString('base64url')}`];
}

describe('rate limit keyed on the verified subject, else the real client address (issue 11, item 4)', () => {
  describe('without a trusted proxy (the default)', () => {
    let sys: TestSystem;

    beforeAll(async () => {
      sys = await TestSystem.start({ worker: false, env: { RATE_LIMIT_PER_MINUTE: '5' } });
    });

    afterAll(async () => {
      await sys.close();
    });

    const post = (remoteAddress: string, headers: Record<string, string>) =>
      sys.api
        .getHttpAdapter()
        .getInstance()
        .inject({
          method: 'POST',
          url: '/api/v1/standen',
          remoteAddress,
          headers: { 'content-type': 'application/json', ...headers },
          payload: '{}',
        });

    it('puts every spoofed X-Forwarded-For (and Forwarded, X-Real-IP) of one client into the bucket of its real address', async () => {
      const statuses: number[] = [];
      for (let i = 0; i < 8; i++) {
        const res = await post('192.0.2.10', {
          'x-forwarded-for': `198.51.100.${i}`,
          forwarded: `for=198.51.100.${i}`,
          'x-real-ip': `198.51.100.${i}`,
        });
        statuses.push(res.statusCode);
      }
      // Anonymous writes count before authentication refuses them.
      expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429, 429]);
      // Another real address has its own bucket.
      expect((await post('192.0.2.11', { 'x-forwarded-for': '192.0.2.10' })).statusCode).toBe(401);
    });

    it('puts every textual variant of one valid token into the bucket of its subject, from whatever address', async () => {
      const token = await sys.token({ role: 'indiener', organisation: 'UWV', subject: 'varianten-indiener' });
      const verifier = sys.api.get(TokenVerifier);
      const valid: string[] = [token];
      const invalid: string[] = [];
      for (const variant of tokenVariants(token)) {
        const subject = await verifier.verify(variant).then(
          (p) => p.subject,
          () => null,
        );
        if (subject === 'varianten-indiener') valid.push(variant);
        else invalid.push(variant);
      }
      // The attack of the issue: such variants do verify (base64url's unused bits, padding, ECDSA malleability).
      expect(valid.length).toBeGreaterThan(1);

      const statuses: number[] = [];
      for (const [i, variant] of valid.slice(0, 8).entries()) {
        const res = await post(`192.0.2.${20 + i}`, { authorization: `Bearer ${variant}`, 'x-forwarded-for': `198.51.100.${i}` });
        statuses.push(res.statusCode);
      }
      while (statuses.length < 7) {
        statuses.push((await post('192.0.2.40', { authorization: `Bearer ${token}` })).statusCode);
      }
      expect(statuses.slice(0, 5)).toEqual([400, 400, 400, 400, 400]);
      expect(new Set(statuses.slice(5))).toEqual(new Set([429]));
      const last = await post('192.0.2.41', { authorization: `Bearer ${valid[valid.length - 1]}` });
      expectProblem({ status: last.statusCode, body: last.json(), headers: last.headers }, 429);

      // Variants that do not verify are anonymous: they share the bucket of the address they come from.
      const fromOneAddress: number[] = [];
      for (const variant of [...invalid, 'kapot.token.hier'].slice(0, 7)) {
        fromOneAddress.push((await post('192.0.2.50', { authorization: `Bearer ${variant}` })).statusCode);
      }
      expect(fromOneAddress.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
      expect(new Set(fromOneAddress.slice(5))).toEqual(new Set([429]));

      // Another subject is not affected.
      const other = await sys.token({ role: 'indiener', organisation: 'UWV', subject: 'rustige-indiener' });
      expect((await post('192.0.2.20', { authorization: `Bearer ${other}` })).statusCode).toBe(400);
    });

    it('keeps reads at ten times the write budget per subject', async () => {
      const token = await sys.token({ role: 'programmadirectie', subject: 'lezer' });
      const fastify = sys.api.getHttpAdapter().getInstance();
      const statuses: number[] = [];
      for (let i = 0; i < 51; i++) {
        const res = await fastify.inject({
          method: 'GET',
          url: '/api/v1/knelpunten?limit=1',
          remoteAddress: `192.0.2.${100 + (i % 50)}`,
          headers: { authorization: `Bearer ${token}` },
        });
        statuses.push(res.statusCode);
      }
      expect(statuses.slice(0, 50).every((s) => s === 200)).toBe(true);
      expect(statuses[50]).toBe(429);
    });
  });

  describe('with TRUST_PROXY naming the proxy', () => {
    let sys: TestSystem;

    beforeAll(async () => {
      sys = await TestSystem.start({ worker: false, env: { RATE_LIMIT_PER_MINUTE: '5', TRUST_PROXY: '10.0.0.1' } });
    });

    afterAll(async () => {
      await sys.close();
    });

    const post = (remoteAddress: string, forwardedFor: string) =>
      sys.api
        .getHttpAdapter()
        .getInstance()
        .inject({
          method: 'POST',
          url: '/api/v1/standen',
          remoteAddress,
          headers: { 'content-type': 'application/json', 'x-forwarded-for': forwardedFor },
          payload: '{}',
        });

    it('takes the client address the trusted proxy appended, and ignores what the client wrote before it', async () => {
      const statuses: number[] = [];
      for (let i = 0; i < 7; i++) statuses.push((await post('10.0.0.1', `198.51.100.${i}, 203.0.113.7`)).statusCode);
      expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429]);
      // Another client behind the same proxy has its own bucket.
      expect((await post('10.0.0.1', '203.0.113.8')).statusCode).toBe(401);
      // A sender that is not the trusted proxy is the client itself, whatever it forwards.
      const direct: number[] = [];
      for (let i = 0; i < 6; i++) direct.push((await post('192.0.2.60', `203.0.113.${100 + i}`)).statusCode);
      expect(direct).toEqual([401, 401, 401, 401, 401, 429]);
    });
  });
});
