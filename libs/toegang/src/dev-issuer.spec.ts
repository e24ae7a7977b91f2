import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { jwtVerify } from 'jose';
import { AppConfig } from '@kp/shared/config';
import { DEV_AUDIENCE, DEV_ISSUER, DevIssuer, DevTokenError } from './dev-issuer';
import { decodePart, tempDir, testConfig } from './testing/test-helpers';

describe('DevIssuer', () => {
  const tmp = tempDir();
  afterAll(() => tmp.cleanup());
  const dataDir = (name: string) => path.join(tmp.dir, name);

  it('refuses to construct in production', () => {
    const config = Object.assign(new AppConfig(), { NODE_ENV: 'production', DATA_DIR: dataDir('prod') });
    expect(() => new DevIssuer(config)).toThrow(/niet beschikbaar in productie/);
    expect(existsSync(dataDir('prod'))).toBe(false);
  });

  it('creates the key pair on first use under DATA_DIR/keys with mode 0600', async () => {
    const issuer = new DevIssuer(testConfig({ DATA_DIR: dataDir('a') }));
    expect(existsSync(dataDir('a'))).toBe(false); // nothing happens before first use
    const token = await issuer.issue({ role: 'admin' });
    const keys = path.join(dataDir('a'), 'keys');
    expect(readdirSync(keys).sort()).toEqual(['dev-issuer.private.jwk.json', 'dev-issuer.public.jwk.json']);
    for (const f of readdirSync(keys)) expect(statSync(path.join(keys, f)).mode & 0o777).toBe(0o600);
    expect(statSync(keys).mode & 0o077).toBe(0);
    const pub = JSON.parse(readFileSync(path.join(keys, 'dev-issuer.public.jwk.json'), 'utf8')) as Record<string, unknown>;
    expect(pub.d).toBeUndefined();
    expect(decodePart(token, 0)).toMatchObject({ alg: 'ES256', kid: pub.kid });
  });

  it('issues verifiable tokens with the expected claims and default lifetime 8h', async () => {
    const issuer = new DevIssuer(testConfig({ DATA_DIR: dataDir('a') }));
    const token = await issuer.issue({ role: 'indiener', organisation: 'DUO', name: 'Ina', subject: 'ina' });
    const { payload } = await jwtVerify(token, await issuer.publicKey(), { issuer: DEV_ISSUER, audience: DEV_AUDIENCE });
    expect(payload).toMatchObject({ sub: 'ina', name: 'Ina', roles: ['indiener'], organisation: 'DUO' });
    expect(payload.exp! - payload.iat!).toBe(8 * 3600);
    const short = decodePart(await issuer.issue({ role: 'acu', expiresIn: '30m' }), 1);
    expect((short.exp as number) - (short.iat as number)).toBe(1800);
  });

  it('reuses the key across instances (e.g. the token script and the API)', async () => {
    const one = new DevIssuer(testConfig({ DATA_DIR: dataDir('a') }));
    const two = new DevIssuer(testConfig({ DATA_DIR: dataDir('a') }));
    const token = await one.issue({ role: 'acu' });
    await expect(jwtVerify(token, await two.publicKey())).resolves.toBeDefined();
  });

  it('ends up with one key when instances generate concurrently', async () => {
    const issuers = Array.from({ length: 8 }, () => new DevIssuer(testConfig({ DATA_DIR: dataDir('race') })));
    const kids = await Promise.all(issuers.map(async (i) => decodePart(await i.issue({ role: 'acu' }), 0).kid));
    expect(new Set(kids).size).toBe(1);
    const files = readdirSync(path.join(dataDir('race'), 'keys'));
    expect(files.filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('writes claims at the configured dotted paths', async () => {
    const issuer = new DevIssuer(
      testConfig({ DATA_DIR: dataDir('a'), AUTH_ROLE_CLAIM: 'realm_access.roles', AUTH_DRIEHOEK_CLAIM: 'kp.driehoek' }),
    );
    const payload = decodePart(await issuer.issue({ role: 'driehoek', driehoek: 'UWV' }), 1);
    expect(payload).toMatchObject({ realm_access: { roles: ['driehoek'] }, kp: { driehoek: 'UWV' } });
  });

  it('validates its options with Dutch messages', async () => {
    const issuer = new DevIssuer(testConfig({ DATA_DIR: dataDir('a') }));
    await expect(issuer.issue({ role: 'baas' as never })).rejects.toThrow(DevTokenError);
    await expect(issuer.issue({ role: 'indiener' })).rejects.toThrow(/organisatie/);
    await expect(issuer.issue({ role: 'driehoek', organisation: 'UWV' })).rejects.toThrow(/driehoek/);
    await expect(issuer.issue({ role: 'acu', expiresIn: '-1h' })).rejects.toThrow(/geldigheidsduur/);
    await expect(issuer.issue({ role: 'acu', expiresIn: 'morgen' })).rejects.toThrow(/geldigheidsduur/);
  });

  it('reports a corrupt key file instead of overwriting it', async () => {
    const dir = path.join(dataDir('corrupt'), 'keys');
    await new DevIssuer(testConfig({ DATA_DIR: dataDir('corrupt') })).publicKey();
    writeFileSync(path.join(dir, 'dev-issuer.private.jwk.json'), '{"kty":"oct"}');
    await expect(new DevIssuer(testConfig({ DATA_DIR: dataDir('corrupt') })).publicKey()).rejects.toThrow(/ongeldig/);
  }, 10_000);
});
