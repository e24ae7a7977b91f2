import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { randomUUID } from 'node:crypto';
import { SignJWT, calculateJwkThumbprint, generateKeyPair, importJWK, type CryptoKey, type JWK, type JWTPayload } from 'jose';
import { TestSystem } from '../support/test-system';
import { DEV_AUDIENCE, DEV_ISSUER } from '../../libs/toegang/src/dev-issuer';
import { expectProblem } from './support/problems';

const b64url = (value: unknown): string => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');
const now = (): number => Math.floor(Date.now() / 1000);

/**
 * Bearer tokens over HTTP against a @Policy route: everything that is not a valid token of this issuer, for this
 * audience, signed with its key, is a 401 problem in Dutch that says nothing about the internals.
 */
describe('bearer tokens over HTTP', () => {
  let sys: TestSystem;
  let valid: string;
  let devKey: CryptoKey;
  let devJwk: JWK;
  let kid: string;
  const PROTECTED = '/api/v1/knelpunten';

  /** Claims as the dev issuer writes them (default claim paths), valid for an hour. */
  const claims = (overrides: JWTPayload = {}): JWTPayload => ({
    sub: 'test-indiener-uwv',
    roles: ['indiener'],
    organisation: 'UWV',
    name: 'Ina Indiener',
    iss: DEV_ISSUER,
    aud: DEV_AUDIENCE,
    iat: now(),
    exp: now() + 3600,
    jti: randomUUID(),
    ...overrides,
  });

  /** Signs with the real dev key: the signature is right, only the claims are at fault. */
  const signWithDevKey = (payload: JWTPayload): Promise<string> =>
    new SignJWT(payload).setProtectedHeader({ alg: 'ES256', typ: 'JWT', kid }).sign(devKey);

  const call = (token: string) => sys.request('GET', PROTECTED, { headers: { authorization: `Bearer ${token}` } });

  beforeAll(async () => {
    sys = await TestSystem.start({ worker: false });
    valid = await sys.token({ role: 'indiener', organisation: 'UWV' });
    // The dev issuer created its key pair on first use; sign test tokens with the same private key.
    devJwk = JSON.parse(readFileSync(path.join(sys.config.DATA_DIR, 'keys', 'dev-issuer.private.jwk.json'), 'utf8')) as JWK;
    devKey = (await importJWK(devJwk, 'ES256')) as CryptoKey;
    const { d: _d, ...publicPart } = devJwk;
    kid = await calculateJwkThumbprint(publicPart);
  });

  afterAll(async () => {
    await sys.close();
  });

  it('accepts a valid token and one signed here with the dev key (the harness itself is sound)', async () => {
    expect((await call(valid)).status).toBe(200);
    expect((await call(await signWithDevKey(claims()))).status).toBe(200);
  });

  const cases: [string, () => Promise<string>, RegExp][] = [
    [
      'a wrong signature (another key, same kid)',
      async () => {
        const { privateKey } = await generateKeyPair('ES256');
        return new SignJWT(claims()).setProtectedHeader({ alg: 'ES256', typ: 'JWT', kid }).sign(privateKey);
      },
      /toegangstoken is ongeldig/,
    ],
    ['alg none (unsigned)', async () => `${b64url({ alg: 'none', typ: 'JWT' })}.${b64url(claims())}.`, /toegangstoken is ongeldig/],
    [
      'alg none with the original signature',
      async () => {
        const [, , signature] = valid.split('.');
        return `${b64url({ alg: 'none', typ: 'JWT' })}.${b64url(claims())}.${signature}`;
      },
      /toegangstoken is ongeldig/,
    ],
    [
      'HS256 keyed with the public key (algorithm confusion)',
      async () => {
        const { d: _d, ...publicPart } = devJwk;
        const secret = new TextEncoder().encode(JSON.stringify(publicPart));
        return new SignJWT(claims()).setProtectedHeader({ alg: 'HS256', typ: 'JWT', kid }).sign(secret);
      },
      /toegangstoken is ongeldig/,
    ],
    ['expired', () => signWithDevKey(claims({ iat: now() - 7200, exp: now() - 3600 })), /verlopen/],
    ['not yet valid (nbf in the future)', () => signWithDevKey(claims({ nbf: now() + 3600 })), /nog niet geldig/],
    ['a wrong issuer', () => signWithDevKey(claims({ iss: 'https://elders.example/realms/kwaadwillend' })), /niet voor deze toepassing/],
    ['a wrong audience', () => signWithDevKey(claims({ aud: 'een-andere-api' })), /niet voor deze toepassing/],
    ['no expiry', () => signWithDevKey(claims({ exp: undefined })), /toegangstoken is ongeldig/],
    ['no subject', () => signWithDevKey(claims({ sub: undefined })), /toegangstoken/],
    ['an unknown role', () => signWithDevKey(claims({ roles: ['superuser'] })), /geen geldige rol/],
    ['an indiener without organisation', () => signWithDevKey(claims({ organisation: undefined })), /organisatie/],
    [
      'tampered claims (role raised to admin, signature kept)',
      async () => {
        const [header, payload, signature] = valid.split('.') as [string, string, string];
        const raised = { ...JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')), roles: ['admin'] };
        return `${header}.${b64url(raised)}.${signature}`;
      },
      /toegangstoken is ongeldig/,
    ],
    [
      'tampered claims (organisation changed, signature kept)',
      async () => {
        const [header, payload, signature] = valid.split('.') as [string, string, string];
        const moved = { ...JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')), organisation: 'SVB' };
        return `${header}.${b64url(moved)}.${signature}`;
      },
      /toegangstoken is ongeldig/,
    ],
    ['garbage', async () => 'dit.is.geentoken', /toegangstoken is ongeldig/],
    ['a truncated token', async () => valid.slice(0, -10), /toegangstoken is ongeldig/],
  ];

  it.each(cases)('refuses %s with a 401 problem in Dutch', async (_name, make, detail) => {
    const res = await call(await make());
    expectProblem(res, 401);
    expect(res.body).toMatchObject({ title: 'Niet geauthenticeerd', code: 'NIET_GEAUTHENTICEERD' });
    expect(res.body.detail).toMatch(detail);
  });

  it.each([
    ['no Authorization header', undefined, /geen toegangstoken/],
    ['another scheme', `Basic ${Buffer.from('admin:admin').toString('base64')}`, /Bearer/],
    ['an empty bearer', 'Bearer ', /Bearer/],
    ['a token with spaces', 'Bearer een token met spaties', /Bearer/],
    ['an oversized token', `Bearer ${'a'.repeat(20_000)}`, /Bearer/],
  ])('refuses %s with a 401 problem in Dutch', async (_name, authorization, detail) => {
    const res = await sys.request('GET', PROTECTED, { headers: authorization === undefined ? {} : { authorization } });
    expectProblem(res, 401);
    expect(res.body.detail).toMatch(detail);
  });

  it('ignores an invalid token on a public route (the caller is anonymous there), without error', async () => {
    const forged = `${b64url({ alg: 'none', typ: 'JWT' })}.${b64url(claims({ roles: ['admin'] }))}.`;
    const res = await sys.request('GET', '/api/v1/organisations', { token: forged });
    expect(res.status).toBe(200);
    // … and it grants nothing: an admin-only mutation with the same forged token is still refused.
    const put = await sys.request('PUT', '/api/v1/ministries/SZW', { token: forged, body: { name: 'Overgenomen', active: true } });
    expectProblem(put, 401);
  });
});
