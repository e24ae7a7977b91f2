import { Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '@kp/shared/config';
import { DomainException, ErrorCode } from '@kp/shared/errors';
import type { Principal } from '../principal';
import { SessionMode, SessionTokens, WebSessionRepository } from '../repositories/web-session.repository';
import { TokenVerifier } from '../token-verifier.service';
import { OidcClientService, ProviderError } from './oidc-client.service';
import { hashOpaqueId, newOpaqueId } from './session-cookie';

/** An access token this close to its expiry is renewed before it is used. */
const RENEW_MARGIN_MS = 30_000;

const UNAVAILABLE = 'De inlogdienst is tijdelijk niet bereikbaar; probeer het later opnieuw.';

const isUnauthenticated = (e: unknown): boolean => e instanceof DomainException && e.code === ErrorCode.UNAUTHENTICATED;

/**
 * The web app's server-side sessions: starts them (after a dev or OIDC login), turns the cookie of a request into
 * a principal and ends them. The session's access token is verified by the {@link TokenVerifier} on every request,
 * exactly like a bearer token, so roles, claims and scope are identical. An access token that has expired is
 * renewed with the refresh token (OIDC); when that fails the session ends.
 */
@Injectable()
export class WebSessionService {
  private readonly logger = new Logger(WebSessionService.name);

  constructor(
    readonly config: AppConfig,
    private readonly repo: WebSessionRepository,
    private readonly verifier: TokenVerifier,
    private readonly oidc: OidcClientService,
  ) {}

  get ttlSeconds(): number {
    return this.config.SESSION_TTL_HOURS * 3600;
  }

  get idleSeconds(): number {
    return this.config.SESSION_IDLE_MINUTES * 60;
  }

  /** Stores a new session and answers the opaque cookie value (only its hash is stored). */
  async start(mode: SessionMode, principal: Principal, tokens: SessionTokens): Promise<string> {
    try {
      const removed = await this.repo.deleteExpired(this.idleSeconds);
      if (removed > 0) this.logger.debug(`${removed} expired web session(s) removed`);
    } catch (e) {
      this.logger.warn(`removing expired web sessions failed: ${e instanceof Error ? e.message : String(e)}`);
    }
    const id = newOpaqueId();
    await this.repo.createSession(hashOpaqueId(id), { mode, principal, tokens, ttlSeconds: this.ttlSeconds });
    this.logger.log(`web session started (${mode}) for ${principal.subject} as ${principal.role}`);
    return id;
  }

  /**
   * The principal of the session behind a cookie value, or null when there is no (longer a) valid session.
   * Throws a 503 DomainException when the provider is needed (renewal, keys) and unreachable: the session stays.
   */
  async authenticate(cookieValue: string): Promise<Principal | null> {
    const idHash = hashOpaqueId(cookieValue);
    const session = await this.repo.findActive(idHash, this.idleSeconds);
    if (!session) return null;
    if (this.needsRenewal(session.accessExpiresAt)) return this.renew(idHash, false);
    let principal: Principal;
    try {
      principal = await this.verifier.verify(session.accessToken);
    } catch (e) {
      if (!isUnauthenticated(e)) throw e;
      // Refused although not expired by our clock (clock skew, revoked key): one renewal attempt, else the end.
      return this.renew(idHash, true);
    }
    await this.repo.touch(idHash);
    return principal;
  }

  /** Deletes the session; answers its mode and ID token (for the provider's logout), null when there was none. */
  async end(cookieValue: string): Promise<{ mode: SessionMode; idToken: string | null } | null> {
    return this.repo.deleteSession(hashOpaqueId(cookieValue));
  }

  private needsRenewal(accessExpiresAt: Date): boolean {
    return accessExpiresAt.getTime() - RENEW_MARGIN_MS <= Date.now();
  }

  /**
   * Renews the access token with the row locked: concurrent requests of the same session wait, and then find the
   * token renewed by the first one (so a provider that rotates refresh tokens is asked only once).
   */
  private renew(idHash: Buffer, force: boolean): Promise<Principal | null> {
    return this.repo.withLockedSession(idHash, this.idleSeconds, async (session, manager) => {
      if (!session) return null;
      const end = async (why: string): Promise<null> => {
        this.logger.log(`web session of ${session.principal.subject} ended: ${why}`);
        await this.repo.deleteSession(idHash, manager);
        return null;
      };
      if (!force && !this.needsRenewal(session.accessExpiresAt)) {
        // Renewed by a concurrent request meanwhile.
        try {
          return await this.verifier.verify(session.accessToken);
        } catch (e) {
          if (!isUnauthenticated(e)) throw e;
          return end('access token refused');
        }
      }
      if (session.mode !== 'oidc' || !session.refreshToken) return end('access token expired, no refresh token');

      let tokens: SessionTokens;
      try {
        tokens = await this.oidc.refresh(session.refreshToken, session.idToken);
      } catch (e) {
        if (e instanceof ProviderError && e.failure === 'niet-beschikbaar') {
          throw new DomainException(ErrorCode.SERVICE_UNAVAILABLE, UNAVAILABLE);
        }
        if (e instanceof DomainException) throw e;
        return end(`renewal refused (${e instanceof Error ? e.message : String(e)})`);
      }
      let principal: Principal;
      try {
        principal = await this.verifier.verify(tokens.accessToken);
      } catch (e) {
        if (!isUnauthenticated(e)) throw e;
        return end(`renewed access token refused (${(e as DomainException).detail})`);
      }
      await this.repo.updateTokens(idHash, principal, tokens, manager);
      this.logger.debug(`web session of ${principal.subject} renewed`);
      return principal;
    });
  }
}
