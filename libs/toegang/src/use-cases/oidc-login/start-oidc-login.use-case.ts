import { Injectable } from '@nestjs/common';
import { WebSessionRepository } from '../../repositories/web-session.repository';
import { OidcClientService } from '../../web-session/oidc-client.service';
import { hashOpaqueId, LOGIN_TTL_SECONDS, newOpaqueId, safeReturnTo } from '../../web-session/session-cookie';
import { WebSessionService } from '../../web-session/web-session.service';

/**
 * Starts a login at the OIDC provider: authorization-code flow with PKCE (S256), state and nonce. The checks and
 * returnTo are kept server-side in a pending row of web_sessions, keyed by the hash of the short-lived kp_login
 * cookie. Throws a 503 DomainException when the provider's metadata cannot be had.
 */
@Injectable()
export class StartOidcLoginUseCase {
  constructor(
    private readonly oidc: OidcClientService,
    private readonly repo: WebSessionRepository,
    private readonly sessions: WebSessionService,
  ) {}

  async execute(
    returnTo: unknown,
    previousLoginCookie?: string,
    prompt?: 'login',
  ): Promise<{ authorizationUrl: string; loginCookie: string }> {
    const checks = this.oidc.newLoginChecks();
    const authorizationUrl = await this.oidc.authorizationUrl(checks, prompt);
    if (previousLoginCookie) await this.repo.deletePendingLogin(hashOpaqueId(previousLoginCookie));
    // Abandoned logins (and ended sessions) do not pile up.
    await this.repo.deleteExpired(this.sessions.idleSeconds);
    const loginCookie = newOpaqueId();
    await this.repo.createPendingLogin(hashOpaqueId(loginCookie), { ...checks, returnTo: safeReturnTo(returnTo) }, LOGIN_TTL_SECONDS);
    return { authorizationUrl, loginCookie };
  }
}
