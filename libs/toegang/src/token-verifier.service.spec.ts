import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Logger } from '@nestjs/common';
import { exportJWK, exportSPKI, generateKeyPair, SignJWT, type CryptoKey, type JWK } from 'jose';
import { DomainException, ErrorCode } from '@kp/shared/errors';
import { DEV_AUDIENCE, DEV_ISSUER, DevIssuer } from './dev-issuer';
import { b64url, decodePart, nowSeconds, tempDir, testConfig } from './testing/test-helpers';
import { TokenVerifier } from './token-verifier.service';

beforeAll(() => Logger.overrideLogger(false));

async function expectCode(promise: Promise<unknown>, code: ErrorCode): Promise<DomainException> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainException);
  const domain = error as DomainException;
  expect(domain.code).toBe(code);
  // Never leak jose's (English) error text.
  expect(domain.detail).not.toMatch(/JWS|JWT|JWKS|signature|\balg\b|verif|expected|failed/i);
  return domain;
}

describe('TokenVerifier (dev mode)', () => {
  const tmp = tempDir();
  const config = testConfig({ DATA_DIR: tmp.dir, AUTH_MODE: 'dev' });
  const issuer = new DevIssuer(config);
  const verifier = new TokenVerifier(config, issuer);
  let devKid: string;

  /** Signs arbitrary claims with the real dev key (to test claim checks). */
  async function signWithDevKey(claims: Record<string, unknown>, header: Record<string, unknown> = {}): Promise<string> {
    const { readFileSync } = await import('node:fs');
    const { importJWK } = await import('jose');
    const jwk = JSON.parse(readFileSync(`${issuer.keyDirectory}/dev-issuer.private.jwk.json`, 'utf8')) as JWK;
    const key = await importJWK(jwk, 'ES256');
    return new SignJWT(claims).setProtectedHeader({ alg: 'ES256', kid: devKid, ...header }).sign(key);
  }

  const baseClaims = () => ({
    iss: DEV_ISSUER,
    aud: DEV_AUDIENCE,
    sub: 'u1',
    roles: ['acu'],
    iat: nowSeconds(),
    exp: nowSeconds() + 600,
  });

  beforeAll(async () => {
    devKid = decodePart(await issuer.issue({ role: 'acu' }), 0).kid as string;
  });
  afterAll(() => tmp.cleanup());

  it('accepts a token from the dev issuer', async () => {
    const token = await issuer.issue({ role: 'indiener', organisation: 'UWV', name: 'Ina Indiener' });
    await expect(verifier.verify(token)).resolves.toEqual({
      subject: 'dev-indiener-uwv',
      name: 'Ina Indiener',
      role: 'indiener',
      organisation: 'UWV',
      driehoek: null,
    });
  });

  it('accepts driehoek, acu, programmadirectie and admin tokens', async () => {
    const d = await verifier.verify(await issuer.issue({ role: 'driehoek', driehoek: 'SVB' }));
    expect(d).toMatchObject({ role: 'driehoek', driehoek: 'SVB', organisation: null });
    for (const role of ['acu', 'programmadirectie', 'admin'] as const) {
      expect((await verifier.verify(await issuer.issue({ role }))).role).toBe(role);
    }
  });

  it('accepts signing with the dev key and arbitrary valid claims', async () => {
    await expect(verifier.verify(await signWithDevKey(baseClaims()))).resolves.toMatchObject({ role: 'acu', name: 'u1' });
  });

  it('rejects a token signed by another key', async () => {
    const other = await generateKeyPair('ES256');
    const token = await new SignJWT(baseClaims()).setProtectedHeader({ alg: 'ES256', kid: devKid }).sign(other.privateKey);
    await expectCode(verifier.verify(token), ErrorCode.UNAUTHENTICATED);
  });

  it('rejects alg none (unsigned token)', async () => {
    const token = `${b64url({ alg: 'none', typ: 'JWT' })}.${b64url(baseClaims())}.`;
    await expectCode(verifier.verify(token), ErrorCode.UNAUTHENTICATED);
  });

  it('rejects HS256 signed with the public key as secret (key confusion)', async () => {
    const publicKey = await issuer.publicKey();
    const secrets = [await exportSPKI(publicKey), JSON.stringify(await exportJWK(publicKey))];
    for (const secret of secrets) {
      const input = `${b64url({ alg: 'HS256', typ: 'JWT', kid: devKid })}.${b64url(baseClaims())}`;
      const sig = createHmac('sha256', secret).update(input).digest('base64url');
      await expectCode(verifier.verify(`${input}.${sig}`), ErrorCode.UNAUTHENTICATED);
    }
  });

  it('rejects an expired token (beyond the 30 s clock tolerance), accepts one within it', async () => {
    const expired = await signWithDevKey({ ...baseClaims(), iat: nowSeconds() - 3600, exp: nowSeconds() - 60 });
    const err = await expectCode(verifier.verify(expired), ErrorCode.UNAUTHENTICATED);
    expect(err.detail).toContain('verlopen');
    const justExpired = await signWithDevKey({ ...baseClaims(), exp: nowSeconds() - 10 });
    await expect(verifier.verify(justExpired)).resolves.toMatchObject({ role: 'acu' });
  });

  it('rejects a token without exp', async () => {
    const { exp: _exp, ...claims } = baseClaims();
    await expectCode(verifier.verify(await signWithDevKey(claims)), ErrorCode.UNAUTHENTICATED);
  });

  it('rejects a token that is not yet valid (nbf)', async () => {
    const token = await signWithDevKey({ ...baseClaims(), nbf: nowSeconds() + 300 });
    await expectCode(verifier.verify(token), ErrorCode.UNAUTHENTICATED);
  });

  it('rejects a wrong issuer', async () => {
    const err = await expectCode(verifier.verify(await signWithDevKey({ ...baseClaims(), iss: 'urn:ander' })), ErrorCode.UNAUTHENTICATED);
    expect(err.detail).toBe('Het toegangstoken is niet voor deze toepassing uitgegeven.');
  });

  it('rejects a wrong audience', async () => {
    await expectCode(verifier.verify(await signWithDevKey({ ...baseClaims(), aud: 'ander-api' })), ErrorCode.UNAUTHENTICATED);
  });

  it('rejects a tampered payload (claims changed, signature kept)', async () => {
    const token = await issuer.issue({ role: 'indiener', organisation: 'UWV' });
    const [header, , signature] = token.split('.');
    const claims = { ...decodePart(token, 1), roles: ['admin'] };
    await expectCode(verifier.verify(`${header}.${b64url(claims)}.${signature}`), ErrorCode.UNAUTHENTICATED);
  });

  it('rejects a token without a known role', async () => {
    await expectCode(verifier.verify(await signWithDevKey({ ...baseClaims(), roles: undefined })), ErrorCode.UNAUTHENTICATED);
    const err = await expectCode(
      verifier.verify(await signWithDevKey({ ...baseClaims(), roles: ['superuser'] })),
      ErrorCode.UNAUTHENTICATED,
    );
    expect(err.detail).toContain('geen geldige rol');
  });

  it('rejects an indiener without organisation and a driehoek member without driehoek', async () => {
    const a = await expectCode(verifier.verify(await signWithDevKey({ ...baseClaims(), roles: ['indiener'] })), ErrorCode.UNAUTHENTICATED);
    expect(a.detail).toContain('organisatie');
    const b = await expectCode(
      verifier.verify(await signWithDevKey({ ...baseClaims(), roles: 'driehoek', organisation: 'UWV' })),
      ErrorCode.UNAUTHENTICATED,
    );
    expect(b.detail).toContain('driehoek');
  });

  it('rejects a token without sub', async () => {
    const { sub: _sub, ...claims } = baseClaims();
    await expectCode(verifier.verify(await signWithDevKey(claims)), ErrorCode.UNAUTHENTICATED);
  });

  it('rejects garbage with 401 (never 500/503)', async () => {
    for (const junk of [
      '',
      'abc',
      'a.b.c',
      '...',
      `${b64url('{')}.${b64url('{}')}.x`,
      'x'.repeat(20000),
      `${b64url({ alg: 'ES256' })}.${b64url('[]')}.AAAA`,
    ]) {
      await expectCode(verifier.verify(junk), ErrorCode.UNAUTHENTICATED);
    }
  });
});

describe('TokenVerifier (oidc mode, Keycloak-style claims)', () => {
  let server: Server;
  let jwksUrl: string;
  let privateKey: CryptoKey;
  let jwks: { keys: JWK[] } = { keys: [] };
  let requests = 0;
  let failWith: number | null = null;
  const ISSUER = 'http://127.0.0.1/realms/knelpunten';

  beforeAll(async () => {
    const pair = await generateKeyPair('RS256');
    privateKey = pair.privateKey;
    jwks = { keys: [{ ...(await exportJWK(pair.publicKey)), kid: 'rsa-1', alg: 'RS256', use: 'sig' }] };
    server = createServer((req, res) => {
      requests++;
      if (failWith) {
        res.writeHead(failWith).end();
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(jwks));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    jwksUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/realms/knelpunten/protocol/openid-connect/certs`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  const makeVerifier = () =>
    new TokenVerifier(
      testConfig({
        AUTH_MODE: 'oidc',
        AUTH_ISSUER: ISSUER,
        AUTH_AUDIENCE: 'knelpunten-api',
        AUTH_JWKS_URL: jwksUrl,
        AUTH_ROLE_CLAIM: 'realm_access.roles',
        AUTH_ORGANISATION_CLAIM: 'kp.organisation',
        AUTH_DRIEHOEK_CLAIM: 'kp.driehoek',
      }),
      null,
    );

  const keycloakToken = (claims: Record<string, unknown> = {}, kid = 'rsa-1') =>
    new SignJWT({
      realm_access: { roles: ['offline_access', 'uma_authorization', 'driehoek'] },
      kp: { driehoek: 'UWV' },
      preferred_username: 'dirk',
      azp: 'knelpunten-web',
      ...claims,
    })
      .setProtectedHeader({ alg: 'RS256', kid, typ: 'JWT' })
      .setIssuer(ISSUER)
      .setAudience(['knelpunten-api', 'account'])
      .setSubject('6f1c0c1e-0000-4000-8000-000000000001')
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(privateKey);

  it('verifies a token against the JWKS and reads realm_access.roles', async () => {
    const verifier = makeVerifier();
    await expect(verifier.verify(await keycloakToken())).resolves.toEqual({
      subject: '6f1c0c1e-0000-4000-8000-000000000001',
      name: 'dirk',
      role: 'driehoek',
      organisation: null,
      driehoek: 'UWV',
    });
    expect(requests).toBeGreaterThan(0);
  });

  it('takes the first known role when several are present', async () => {
    const token = await keycloakToken({ realm_access: { roles: ['x', 'acu', 'admin'] } });
    expect((await makeVerifier().verify(token)).role).toBe('acu');
  });

  it('rejects the wrong issuer, an unknown kid, and the dev issuer', async () => {
    const verifier = makeVerifier();
    const wrongIss = await new SignJWT({ realm_access: { roles: ['acu'] } })
      .setProtectedHeader({ alg: 'RS256', kid: 'rsa-1' })
      .setIssuer('http://evil')
      .setAudience('knelpunten-api')
      .setSubject('s')
      .setExpirationTime('5m')
      .sign(privateKey);
    await expectCode(verifier.verify(wrongIss), ErrorCode.UNAUTHENTICATED);
    await expectCode(verifier.verify(await keycloakToken({}, 'unknown-kid')), ErrorCode.UNAUTHENTICATED);

    const tmp = tempDir();
    try {
      const devToken = await new DevIssuer(testConfig({ DATA_DIR: tmp.dir })).issue({ role: 'admin' });
      await expectCode(verifier.verify(devToken), ErrorCode.UNAUTHENTICATED);
    } finally {
      tmp.cleanup();
    }
  });

  it('rejects HS256 in oidc mode even with a matching "secret"', async () => {
    const input = `${b64url({ alg: 'HS256', kid: 'rsa-1' })}.${b64url({ iss: ISSUER, aud: 'knelpunten-api', sub: 's', exp: nowSeconds() + 60, realm_access: { roles: ['admin'] } })}`;
    const sig = createHmac('sha256', JSON.stringify(jwks.keys[0])).update(input).digest('base64url');
    await expectCode(makeVerifier().verify(`${input}.${sig}`), ErrorCode.UNAUTHENTICATED);
  });

  it('answers 503 (not 401) when the JWKS endpoint fails', async () => {
    failWith = 500;
    try {
      const err = await expectCode(makeVerifier().verify(await keycloakToken()), ErrorCode.SERVICE_UNAVAILABLE);
      expect(err.detail).toContain('inlogdienst');
    } finally {
      failWith = null;
    }
  });
});
