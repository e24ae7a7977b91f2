import { createHash } from 'node:crypto';
import { testConfig } from '../testing/test-helpers';
import {
  clearing,
  hashOpaqueId,
  isOpaqueId,
  loginCookieOptions,
  newOpaqueId,
  publicBaseUrl,
  safeReturnTo,
  sessionCookieOptions,
} from './session-cookie';

describe('session cookie values', () => {
  it('are 256 random bits, base64url, never the same twice', () => {
    const ids = new Set(Array.from({ length: 1000 }, () => newOpaqueId()));
    expect(ids.size).toBe(1000);
    for (const id of ids) {
      expect(isOpaqueId(id)).toBe(true);
      expect(Buffer.from(id, 'base64url')).toHaveLength(32);
    }
  });

  it('accepts only that form', () => {
    expect(isOpaqueId('A'.repeat(43))).toBe(true);
    for (const bad of [undefined, '', 'A'.repeat(42), 'A'.repeat(44), `${'A'.repeat(42)}=`, `${'A'.repeat(42)}.`, 42]) {
      expect(isOpaqueId(bad)).toBe(false);
    }
  });

  it('are stored as their SHA-256 hash', () => {
    const id = newOpaqueId();
    expect(hashOpaqueId(id)).toEqual(createHash('sha256').update(id).digest());
    expect(hashOpaqueId(id)).toHaveLength(32);
  });
});

describe('cookie options', () => {
  it('kp_sessie: HttpOnly, SameSite=Strict, Path=/, Max-Age = SESSION_TTL_HOURS; Secure only behind https', () => {
    const http = testConfig({ SESSION_TTL_HOURS: '8' });
    expect(sessionCookieOptions(http)).toEqual({ httpOnly: true, sameSite: 'strict', path: '/', secure: false, maxAge: 8 * 3600 });
    const https = testConfig({ PUBLIC_BASE_URL: 'https://knelpunten.example.nl', SESSION_TTL_HOURS: '2' });
    expect(sessionCookieOptions(https)).toEqual(expect.objectContaining({ secure: true, maxAge: 7200 }));
    expect(clearing(sessionCookieOptions(https))).not.toHaveProperty('maxAge');
  });

  it('kp_login: SameSite=Lax (the provider sends the browser back cross-site), only for the auth routes, 10 minutes', () => {
    expect(loginCookieOptions(testConfig({}))).toEqual({
      httpOnly: true,
      sameSite: 'lax',
      path: '/api/v1/auth',
      secure: false,
      maxAge: 600,
    });
  });

  it('uses PUBLIC_BASE_URL without a trailing slash', () => {
    expect(publicBaseUrl(testConfig({ PUBLIC_BASE_URL: 'https://knelpunten.example.nl/' }))).toBe('https://knelpunten.example.nl');
  });
});

describe('safeReturnTo', () => {
  it.each([
    ['/knelpunten', '/knelpunten'],
    ['/knelpunten?status=bij_driehoek#lijst', '/knelpunten?status=bij_driehoek#lijst'],
    ['/', '/'],
    ['/a/../b', '/b'],
  ])('keeps the same-site path %s', (input, expected) => {
    expect(safeReturnTo(input)).toBe(expected);
  });

  it.each([
    undefined,
    '',
    'knelpunten',
    '//evil.example/x',
    '/\\evil.example',
    '\\\\evil.example',
    'https://evil.example/',
    'javascript:alert(1)',
    '/x\r\nSet-Cookie: a=b',
    `/${'a'.repeat(2001)}`,
    42,
  ])('turns %j into /', (input) => {
    expect(safeReturnTo(input)).toBe('/');
  });
});

describe('web session configuration', () => {
  it('defaults: 8 hours, 60 minutes idle, scopes openid profile, client id = audience', () => {
    const config = testConfig({
      AUTH_MODE: 'oidc',
      AUTH_ISSUER: 'https://sso.example.nl/realms/rijk',
      AUTH_AUDIENCE: 'knelpunten-api',
      AUTH_JWKS_URL: 'https://sso.example.nl/realms/rijk/protocol/openid-connect/certs',
    });
    expect(config.SESSION_TTL_HOURS).toBe(8);
    expect(config.SESSION_IDLE_MINUTES).toBe(60);
    expect(config.AUTH_SCOPES).toBe('openid profile');
    expect(config.AUTH_CLIENT_ID).toBe('knelpunten-api');
    expect(config.AUTH_CLIENT_SECRET).toBeUndefined();
  });

  it('lists bad values in Dutch', () => {
    expect(() =>
      testConfig({
        AUTH_MODE: 'oidc',
        AUTH_ISSUER: 'sso.example.nl',
        AUTH_AUDIENCE: 'knelpunten-api',
        AUTH_JWKS_URL: 'https://sso.example.nl/certs',
        AUTH_SCOPES: 'profile',
        PUBLIC_BASE_URL: 'knelpunten.example.nl',
        SESSION_TTL_HOURS: '0',
      }),
    ).toThrow(
      /SESSION_TTL_HOURS[\s\S]*AUTH_ISSUER: moet een http\(s\)-URL zijn[\s\S]*AUTH_SCOPES: moet openid bevatten[\s\S]*PUBLIC_BASE_URL/,
    );
  });
});
