import { randomBytes, randomUUID } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { Injectable } from '@nestjs/common';
import { calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK, SignJWT, type CryptoKey, type JWK } from 'jose';
import { AppConfig } from '@kp/shared/config';
import { writeClaim } from './claims';
import { isRol, Rol, ROLLEN } from './principal';

/** Issuer and audience of tokens made by the local development issuer. */
export const DEV_ISSUER = 'urn:knelpunten:dev';
export const DEV_AUDIENCE = 'knelpunten-api';
export const DEV_ALGORITHM = 'ES256';

const PRIVATE_FILE = 'dev-issuer.private.jwk.json';
const PUBLIC_FILE = 'dev-issuer.public.jwk.json';

export interface DevTokenOptions {
  role: Rol;
  organisation?: string;
  driehoek?: string;
  name?: string;
  subject?: string;
  /** A jose time span such as '8h', '30m', '2 days'. Default '8h'. */
  expiresIn?: string;
}

/** Invalid options for {@link DevIssuer.issue} (the message is Dutch and fit for the user). */
export class DevTokenError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DevTokenError';
  }
}

interface LoadedKeys {
  privateKey: CryptoKey;
  publicKey: CryptoKey;
  publicJwk: JWK;
  kid: string;
}

/** Positive spans as accepted by jose's setExpirationTime ('30m', '8h', '2 days'). */
const SPAN = /^\d+(?:\.\d+)? ?(?:seconds?|secs?|s|minutes?|mins?|m|hours?|hrs?|h|days?|d|weeks?|w|years?|yrs?|y)$/i;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Local token issuer for development and tests: an ES256 key pair kept as JWK files under
 * `${DATA_DIR}/keys/` (created on first use, mode 0600). Never available in production.
 */
@Injectable()
export class DevIssuer {
  private readonly keyDir: string;
  private keys?: Promise<LoadedKeys>;

  constructor(private readonly config: AppConfig) {
    if (config.NODE_ENV === 'production') {
      throw new Error('De ontwikkel-issuer is niet beschikbaar in productie (NODE_ENV=production).');
    }
    this.keyDir = path.resolve(config.DATA_DIR, 'keys');
  }

  /** Directory holding the key files. */
  get keyDirectory(): string {
    return this.keyDir;
  }

  async publicKey(): Promise<CryptoKey> {
    return (await this.load()).publicKey;
  }

  /** The public key as a JWKS document (e.g. to point an external verifier at). */
  async jwks(): Promise<{ keys: JWK[] }> {
    return { keys: [(await this.load()).publicJwk] };
  }

  async issue(options: DevTokenOptions): Promise<string> {
    const { role } = options;
    if (!isRol(role)) throw new DevTokenError(`Onbekende rol "${String(role)}"; kies uit: ${ROLLEN.join(', ')}.`);
    const organisation = options.organisation?.trim() || undefined;
    const driehoek = options.driehoek?.trim() || undefined;
    if (role === 'indiener' && !organisation) throw new DevTokenError('De rol indiener vereist een organisatie (--organisation CODE).');
    if (role === 'driehoek' && !driehoek) throw new DevTokenError('De rol driehoek vereist een driehoek (--driehoek CODE).');
    const expiresIn = options.expiresIn ?? '8h';
    if (!SPAN.test(expiresIn.trim())) {
      throw new DevTokenError(`Ongeldige geldigheidsduur "${expiresIn}"; gebruik bijvoorbeeld 30m, 8h of 2d.`);
    }

    const scope = organisation ?? driehoek;
    const subject = options.subject?.trim() || `dev-${role}${scope ? `-${scope.toLowerCase()}` : ''}`;
    const name = options.name?.trim() || `Ontwikkelaar (${role}${scope ? ` ${scope}` : ''})`;

    const payload: Record<string, unknown> = { preferred_username: subject };
    writeClaim(payload, this.config.AUTH_ROLE_CLAIM, [role]);
    writeClaim(payload, this.config.AUTH_NAME_CLAIM, name);
    if (organisation) writeClaim(payload, this.config.AUTH_ORGANISATION_CLAIM, organisation);
    if (driehoek) writeClaim(payload, this.config.AUTH_DRIEHOEK_CLAIM, driehoek);

    const keys = await this.load();
    return new SignJWT(payload)
      .setProtectedHeader({ alg: DEV_ALGORITHM, typ: 'JWT', kid: keys.kid })
      .setIssuer(DEV_ISSUER)
      .setAudience(DEV_AUDIENCE)
      .setSubject(subject)
      .setJti(randomUUID())
      .setIssuedAt()
      .setExpirationTime(expiresIn.trim())
      .sign(keys.privateKey);
  }

  private load(): Promise<LoadedKeys> {
    if (!this.keys) {
      this.keys = this.loadOrCreate();
      // A failed attempt (e.g. unreadable directory) may be retried on the next call.
      this.keys.catch(() => (this.keys = undefined));
    }
    return this.keys;
  }

  private async loadOrCreate(): Promise<LoadedKeys> {
    const privatePath = path.join(this.keyDir, PRIVATE_FILE);
    let jwk = await this.readPrivate(privatePath);
    if (!jwk) {
      await fs.mkdir(this.keyDir, { recursive: true, mode: 0o700 });
      await this.createPrivate(privatePath);
      // Whoever won the race, everyone uses the key that is now on disk.
      jwk = await this.readPrivate(privatePath);
      if (!jwk) throw new Error(`Het sleutelbestand ${privatePath} kon niet worden aangemaakt.`);
    }
    const { d: _d, ...publicPart } = jwk;
    const kid = await calculateJwkThumbprint(publicPart);
    const publicJwk: JWK = { ...publicPart, kid, alg: DEV_ALGORITHM, use: 'sig' };
    const [privateKey, publicKey] = await Promise.all([
      importJWK(jwk, DEV_ALGORITHM) as Promise<CryptoKey>,
      importJWK(publicJwk, DEV_ALGORITHM) as Promise<CryptoKey>,
    ]);
    await this.writePublic(publicJwk);
    return { privateKey, publicKey, publicJwk, kid };
  }

  /** Reads the private JWK; undefined when absent. Retries briefly when a concurrent writer is mid-write. */
  private async readPrivate(file: string): Promise<JWK | undefined> {
    for (let attempt = 0; ; attempt++) {
      let text: string;
      try {
        text = await fs.readFile(file, 'utf8');
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw e;
      }
      try {
        const jwk = JSON.parse(text) as JWK;
        if (jwk.kty === 'EC' && jwk.crv === 'P-256' && jwk.x && jwk.y && jwk.d) return jwk;
      } catch {
        /* fall through */
      }
      if (attempt >= 20) {
        throw new Error(`Het sleutelbestand ${file} is ongeldig; verwijder het om een nieuw sleutelpaar te laten aanmaken.`);
      }
      await sleep(50);
    }
  }

  /**
   * Writes a fresh private key without ever overwriting an existing one: write a temp file,
   * then hard-link it into place (fails with EEXIST if another process was first).
   */
  private async createPrivate(file: string): Promise<void> {
    const { privateKey } = await generateKeyPair(DEV_ALGORITHM, { extractable: true });
    const jwk = await exportJWK(privateKey);
    const data = JSON.stringify(jwk, null, 2) + '\n';
    const tmp = `${file}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
    await fs.writeFile(tmp, data, { mode: 0o600, flag: 'wx' });
    try {
      await fs.link(tmp, file);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code !== 'EEXIST') {
        // File systems without hard links: exclusive create (a reader may briefly see a partial file; readPrivate retries).
        try {
          await fs.writeFile(file, data, { mode: 0o600, flag: 'wx' });
        } catch (e2) {
          if ((e2 as NodeJS.ErrnoException).code !== 'EEXIST') throw e2;
        }
      }
    } finally {
      await fs.rm(tmp, { force: true });
    }
  }

  /** Informational copy of the public key (verification always derives it from the private file). */
  private async writePublic(publicJwk: JWK): Promise<void> {
    const file = path.join(this.keyDir, PUBLIC_FILE);
    const tmp = `${file}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
    try {
      await fs.writeFile(tmp, JSON.stringify(publicJwk, null, 2) + '\n', { mode: 0o600 });
      await fs.rename(tmp, file);
    } catch {
      await fs.rm(tmp, { force: true }).catch(() => undefined);
    }
  }
}
