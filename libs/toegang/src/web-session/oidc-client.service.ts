import { Injectable, Logger } from '@nestjs/common';
import * as oidc from 'openid-client';
import { decodeJwt } from 'jose';
import { AppConfig } from '@kp/shared/config';
import { DomainException, ErrorCode } from '@kp/shared/errors';
import { publicBaseUrl } from './session-cookie';

/** Tokens from the provider's token endpoint (code exchange or refresh). */
export interface ProviderTokens {
  accessToken: string;
  accessExpiresAt: Date;
  refreshToken: string | null;
  idToken: string | null;
}

/**
 * Why a login or renewal at the provider failed, as a short code for the web app (`/inloggen?fout=<code>`):
 * - `geannuleerd`: the user (or the provider) refused the login (error=access_denied);
 * - `provider-fout`: the provider answered the authorization request with another error;
 * - `ongeldig`: state, PKCE, nonce, ID token or the code exchange did not check out;
 * - `niet-beschikbaar`: the provider could not be reached or answered with a server error.
 */
export type ProviderFailure = 'geannuleerd' | 'provider-fout' | 'ongeldig' | 'niet-beschikbaar';

export class ProviderError extends Error {
  constructor(
    readonly failure: ProviderFailure,
    message: string,
  ) {
    super(message);
    this.name = 'ProviderError';
  }
}

const UNAVAILABLE = 'De inlogdienst is tijdelijk niet bereikbaar; probeer het later opnieuw.';
const TIMEOUT_SECONDS = 10;

function describe(e: unknown): string {
  if (e instanceof oidc.ResponseBodyError) return `${e.error}${e.error_description ? `: ${e.error_description}` : ''} (HTTP ${e.status})`;
  if (e instanceof oidc.AuthorizationResponseError) return `${e.error}${e.error_description ? `: ${e.error_description}` : ''}`;
  if (typeof e === 'object' && e !== null && 'message' in e) {
    const { code, message, cause } = e as { code?: unknown; message?: unknown; cause?: unknown };
    const inner = cause !== undefined && cause !== e ? ` (${describe(cause)})` : '';
    return `${typeof code === 'string' ? `${code}: ` : ''}${String(message)}${inner}`;
  }
  return String(e);
}

/** Network failures, time-outs and 5xx answers are the provider's problem, not the user's. */
function isUnavailable(e: unknown): boolean {
  if (e instanceof oidc.ResponseBodyError) return e.status >= 500;
  if (typeof e !== 'object' || e === null) return false;
  // Duck-typed: errors of fetch (undici) may come from another realm.
  const { code, name, message, cause } = e as { code?: unknown; name?: unknown; message?: unknown; cause?: unknown };
  if (code === 'OAUTH_TIMEOUT' || code === 'OAUTH_RESPONSE_IS_NOT_CONFORM') return true;
  if (typeof code === 'string' && /^(?:ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|UND_ERR_\w+)$/.test(code))
    return true;
  if (name === 'TimeoutError' || name === 'AbortError') return true;
  if (name === 'TypeError' && typeof message === 'string' && /fetch failed/i.test(message)) return true;
  return cause !== undefined && cause !== e && isUnavailable(cause);
}

/**
 * The API's side of the OIDC authorization-code flow with PKCE (openid-client): discovery from
 * `${AUTH_ISSUER}/.well-known/openid-configuration` (cached; retried after a failure), the authorization URL,
 * the code exchange (state, PKCE, nonce and the ID token's claims and signature are checked), the refresh grant and
 * the provider's end-session URL. The client is AUTH_CLIENT_ID, public (PKCE only) unless AUTH_CLIENT_SECRET is set.
 */
@Injectable()
export class OidcClientService {
  private readonly logger = new Logger(OidcClientService.name);
  private discovered?: Promise<oidc.Configuration>;

  constructor(private readonly config: AppConfig) {}

  get enabled(): boolean {
    return this.config.AUTH_MODE === 'oidc';
  }

  /** `${PUBLIC_BASE_URL}/api/v1/auth/callback`: register it at the provider. */
  get redirectUri(): string {
    return `${publicBaseUrl(this.config)}/api/v1/auth/callback`;
  }

  get postLogoutRedirectUri(): string {
    return `${publicBaseUrl(this.config)}/`;
  }

  /** Fresh state, nonce and PKCE code_verifier for one login. */
  newLoginChecks(): { state: string; nonce: string; codeVerifier: string } {
    return { state: oidc.randomState(), nonce: oidc.randomNonce(), codeVerifier: oidc.randomPKCECodeVerifier() };
  }

  /** `prompt: 'login'` makes the provider ask for credentials even when its own session is still alive. */
  async authorizationUrl(input: { state: string; nonce: string; codeVerifier: string }, prompt?: 'login'): Promise<string> {
    const configuration = await this.configuration();
    const url = oidc.buildAuthorizationUrl(configuration, {
      redirect_uri: this.redirectUri,
      response_type: 'code',
      scope: this.config.AUTH_SCOPES,
      state: input.state,
      nonce: input.nonce,
      code_challenge: await oidc.calculatePKCECodeChallenge(input.codeVerifier),
      code_challenge_method: 'S256',
      ...(prompt ? { prompt } : {}),
    });
    return url.href;
  }

  /**
   * Exchanges the code of a callback. `query` is the callback's query string (`?code=…&state=…`); the redirect URI
   * sent along is always the configured one. Throws {@link ProviderError}.
   */
  async exchangeCode(query: string, checks: { state: string; nonce: string; codeVerifier: string }): Promise<ProviderTokens> {
    const configuration = await this.providerConfiguration();
    const currentUrl = new URL(`${this.redirectUri}${query.startsWith('?') ? query : `?${query}`}`);
    try {
      const tokens = await oidc.authorizationCodeGrant(configuration, currentUrl, {
        expectedState: checks.state,
        expectedNonce: checks.nonce,
        pkceCodeVerifier: checks.codeVerifier,
        idTokenExpected: true,
      });
      return this.toProviderTokens(tokens, null);
    } catch (e) {
      throw this.failure(e, 'code exchange');
    }
  }

  /** The refresh grant. Throws {@link ProviderError} (`ongeldig` when the refresh token is no longer accepted). */
  async refresh(refreshToken: string, previousIdToken: string | null): Promise<ProviderTokens> {
    const configuration = await this.providerConfiguration();
    try {
      const tokens = await oidc.refreshTokenGrant(configuration, refreshToken);
      return this.toProviderTokens(tokens, refreshToken, previousIdToken);
    } catch (e) {
      throw this.failure(e, 'refresh');
    }
  }

  /** The provider's end_session_endpoint with id_token_hint (or client_id) and post_logout_redirect_uri; undefined when unknown. */
  async endSessionUrl(idTokenHint: string | null): Promise<string | undefined> {
    let configuration: oidc.Configuration;
    try {
      configuration = await this.configuration();
    } catch {
      return undefined;
    }
    if (!configuration.serverMetadata().end_session_endpoint) return undefined;
    const parameters: Record<string, string> = { post_logout_redirect_uri: this.postLogoutRedirectUri };
    if (idTokenHint) parameters.id_token_hint = idTokenHint;
    return oidc.buildEndSessionUrl(configuration, parameters).href;
  }

  private toProviderTokens(
    tokens: oidc.TokenEndpointResponse & oidc.TokenEndpointResponseHelpers,
    previousRefreshToken: string | null,
    previousIdToken: string | null = null,
  ): ProviderTokens {
    if (!tokens.access_token) throw new ProviderError('ongeldig', 'the token response has no access_token');
    let expiresAt: Date | undefined;
    try {
      const exp = decodeJwt(tokens.access_token).exp;
      if (typeof exp === 'number') expiresAt = new Date(exp * 1000);
    } catch {
      // not a JWT: the TokenVerifier refuses it later
    }
    const expiresIn = tokens.expiresIn();
    expiresAt ??= new Date(Date.now() + (expiresIn ?? 300) * 1000);
    return {
      accessToken: tokens.access_token,
      accessExpiresAt: expiresAt,
      refreshToken: tokens.refresh_token ?? previousRefreshToken,
      idToken: tokens.id_token ?? previousIdToken,
    };
  }

  private failure(e: unknown, what: string): ProviderError {
    if (e instanceof ProviderError) return e;
    let failure: ProviderFailure;
    if (e instanceof oidc.AuthorizationResponseError) failure = e.error === 'access_denied' ? 'geannuleerd' : 'provider-fout';
    else if (isUnavailable(e)) failure = 'niet-beschikbaar';
    else failure = 'ongeldig';
    const message = `${what} failed: ${describe(e)}`;
    if (failure === 'niet-beschikbaar') this.logger.error(message);
    else this.logger.warn(message);
    return new ProviderError(failure, message);
  }

  private async providerConfiguration(): Promise<oidc.Configuration> {
    try {
      return await this.configuration();
    } catch (e) {
      throw new ProviderError('niet-beschikbaar', `discovery failed: ${describe(e)}`);
    }
  }

  /** The provider's metadata (discovery); a 503 DomainException when it cannot be had. */
  async configuration(): Promise<oidc.Configuration> {
    if (!this.enabled || !this.config.AUTH_ISSUER || !this.config.AUTH_CLIENT_ID) {
      throw DomainException.notFound('Inloggen via de OIDC-provider is niet ingeschakeld (AUTH_MODE is niet oidc).');
    }
    if (!this.discovered) {
      this.discovered = this.discover(this.config.AUTH_ISSUER, this.config.AUTH_CLIENT_ID);
      this.discovered.catch(() => (this.discovered = undefined));
    }
    return this.discovered;
  }

  private async discover(issuer: string, clientId: string): Promise<oidc.Configuration> {
    const insecure = issuer.toLowerCase().startsWith('http:');
    if (insecure && this.config.NODE_ENV === 'production') {
      this.logger.error(`AUTH_ISSUER ${issuer} is not https; refused in production`);
      throw new DomainException(ErrorCode.SERVICE_UNAVAILABLE, UNAVAILABLE);
    }
    const secret = this.config.AUTH_CLIENT_SECRET;
    try {
      const configuration = await oidc.discovery(
        new URL(issuer),
        clientId,
        secret ? { client_secret: secret } : undefined,
        secret ? oidc.ClientSecretBasic(secret) : oidc.None(),
        { execute: insecure ? [oidc.allowInsecureRequests] : [], timeout: TIMEOUT_SECONDS },
      );
      // Also verify the ID token's signature against the provider's JWKS (its claims are always checked).
      oidc.enableNonRepudiationChecks(configuration);
      this.logger.log(`OIDC provider ${configuration.serverMetadata().issuer} discovered (client ${clientId})`);
      return configuration;
    } catch (e) {
      this.logger.error(`OIDC discovery of ${issuer} failed: ${describe(e)}`);
      throw new DomainException(ErrorCode.SERVICE_UNAVAILABLE, UNAVAILABLE);
    }
  }
}
