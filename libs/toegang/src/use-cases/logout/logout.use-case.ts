import { Injectable } from '@nestjs/common';
import { AppConfig } from '@kp/shared/config';
import { OidcClientService } from '../../web-session/oidc-client.service';
import { WebSessionService } from '../../web-session/web-session.service';

/**
 * Ends the browser session (deletes the row; the controller clears the cookie). In oidc mode it also answers the
 * provider's end-session URL (with the session's ID token as id_token_hint when there was one), so the browser can
 * end the single sign-on session at the provider too.
 */
@Injectable()
export class LogoutUseCase {
  constructor(
    private readonly config: AppConfig,
    private readonly sessions: WebSessionService,
    private readonly oidc: OidcClientService,
  ) {}

  async execute(sessionCookie: string | undefined): Promise<{ logoutUrl?: string }> {
    const ended = sessionCookie ? await this.sessions.end(sessionCookie) : null;
    if (this.config.AUTH_MODE !== 'oidc') return {};
    const logoutUrl = await this.oidc.endSessionUrl(ended?.idToken ?? null);
    return logoutUrl ? { logoutUrl } : {};
  }
}
