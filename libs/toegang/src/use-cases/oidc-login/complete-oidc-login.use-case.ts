import { Injectable, Logger } from '@nestjs/common';
import { DomainException, ErrorCode } from '@kp/shared/errors';
import type { Principal } from '../../principal';
import { WebSessionRepository } from '../../repositories/web-session.repository';
import { TokenVerifier } from '../../token-verifier.service';
import { OidcClientService, ProviderError, ProviderFailure, ProviderTokens } from '../../web-session/oidc-client.service';
import { hashOpaqueId } from '../../web-session/session-cookie';
import { WebSessionService } from '../../web-session/web-session.service';

/**
 * Why a login did not complete, for `/inloggen?fout=<code>`: the provider's and the exchange's reasons
 * ({@link ProviderFailure}), plus
 * - `verlopen`: no login in progress for this browser (kp_login missing, expired after 10 minutes, or already used);
 * - `geen-toegang`: the provider's access token is not acceptable for this API (no known role, indiener without
 *   organisation, driehoek without driehoek, wrong audience or issuer).
 */
export type LoginFailure = ProviderFailure | 'verlopen' | 'geen-toegang';

export const LOGIN_PAGE = '/inloggen';

export type LoginOutcome =
  { ok: true; location: string; cookie: string; principal: Principal } | { ok: false; location: string; failure: LoginFailure };

/**
 * Completes a login at the callback: takes the pending login (once), exchanges the code (state, PKCE, nonce and
 * the ID token are checked by openid-client), verifies the access token with the {@link TokenVerifier} (the same
 * check as every later request) and starts the session. Every failure becomes a redirect to the login page with a
 * short code, never an error page.
 */
@Injectable()
export class CompleteOidcLoginUseCase {
  private readonly logger = new Logger(CompleteOidcLoginUseCase.name);

  constructor(
    private readonly oidc: OidcClientService,
    private readonly repo: WebSessionRepository,
    private readonly verifier: TokenVerifier,
    private readonly sessions: WebSessionService,
  ) {}

  async execute(query: string, loginCookie: string | undefined, previousSessionCookie?: string): Promise<LoginOutcome> {
    const params = new URLSearchParams(query);
    const pending = loginCookie ? await this.repo.takePendingLogin(hashOpaqueId(loginCookie)) : null;
    if (!pending) {
      const error = params.get('error');
      return this.fail(
        error ? (error === 'access_denied' ? 'geannuleerd' : 'provider-fout') : 'verlopen',
        `no pending login (${error ?? 'no error'})`,
      );
    }

    let tokens: ProviderTokens;
    try {
      tokens = await this.oidc.exchangeCode(query, pending);
    } catch (e) {
      if (e instanceof ProviderError) return this.fail(e.failure, e.message);
      if (e instanceof DomainException && e.code === ErrorCode.SERVICE_UNAVAILABLE) return this.fail('niet-beschikbaar', e.detail);
      throw e;
    }

    let principal: Principal;
    try {
      principal = await this.verifier.verify(tokens.accessToken);
    } catch (e) {
      if (e instanceof DomainException && e.code === ErrorCode.UNAUTHENTICATED) return this.fail('geen-toegang', e.detail);
      if (e instanceof DomainException && e.code === ErrorCode.SERVICE_UNAVAILABLE) return this.fail('niet-beschikbaar', e.detail);
      throw e;
    }

    if (previousSessionCookie) await this.sessions.end(previousSessionCookie);
    const cookie = await this.sessions.start('oidc', principal, tokens);
    return { ok: true, location: pending.returnTo, cookie, principal };
  }

  private fail(failure: LoginFailure, why: string): LoginOutcome {
    this.logger.warn(`login refused (${failure}): ${why}`);
    return { ok: false, failure, location: `${LOGIN_PAGE}?fout=${failure}` };
  }
}
