import { Injectable, Optional } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainException } from '@kp/shared/errors';
import type { Principal } from './principal';
import { extractBearerToken } from './request';
import { TokenVerifier } from './token-verifier.service';
import {
  clearing,
  CSRF_DETAIL,
  hasCsrfHeader,
  readCookie,
  SAFE_METHODS,
  SESSION_COOKIE,
  sessionCookieOptions,
} from './web-session/session-cookie';
import { WebSessionService } from './web-session/web-session.service';

export const SESSION_ENDED_DETAIL = 'Uw sessie is verlopen of beëindigd; log opnieuw in.';
export const NO_TOKEN_DETAIL = 'Er is geen toegangstoken meegestuurd; stuur de header "Authorization: Bearer <token>" mee.';
export const MALFORMED_HEADER_DETAIL = 'De Authorization-header moet de vorm "Bearer <token>" hebben.';

/**
 * Who is calling: the one place that turns a request's credentials into a {@link Principal}. Used by the
 * {@link AuthGuard} and, before the body is read, by the hook of `authenticate-before-body.ts`.
 *
 * A bearer header always wins. Without one, the web app's session cookie (kp_sessie, see {@link WebSessionService})
 * authenticates: its access token is verified exactly like a bearer token. A state-changing request authenticated by
 * the cookie must carry `X-Requested-With: knelpunten-web` (CSRF).
 *
 * {@link required} is remembered per request, so the hook and the guard verify a token (and touch a session) once.
 */
@Injectable()
export class CallerAuthenticator {
  private readonly byRequest = new WeakMap<FastifyRequest, Promise<Principal>>();

  constructor(
    private readonly verifier: TokenVerifier,
    /** Present when the web session module is loaded (the API); absent in bare ToegangModule set-ups. */
    @Optional() private readonly sessions?: WebSessionService,
  ) {}

  /**
   * The caller of a route that needs one: a 401 DomainException without valid credentials, a 403 when a cookie
   * session sends a state-changing request without the CSRF header.
   */
  required(request: FastifyRequest, reply: FastifyReply): Promise<Principal> {
    let principal = this.byRequest.get(request);
    if (!principal) {
      principal = this.resolve(request, reply);
      this.byRequest.set(request, principal);
    }
    return principal;
  }

  /** The caller of a public route, or null: invalid credentials or an unreachable provider count as anonymous. */
  async optional(request: FastifyRequest, reply: FastifyReply): Promise<Principal | null> {
    const bearer = extractBearerToken(request.headers.authorization);
    if (bearer.kind === 'token') {
      try {
        return await this.verifier.verify(bearer.token);
      } catch {
        return null;
      }
    }
    const cookie = bearer.kind === 'absent' ? this.sessionCookie(request) : undefined;
    if (cookie && this.csrfOk(request)) {
      try {
        return await this.fromSession(cookie, reply);
      } catch {
        // The provider is unreachable: anonymous on a public route, the session stays.
        return null;
      }
    }
    return null;
  }

  private async resolve(request: FastifyRequest, reply: FastifyReply): Promise<Principal> {
    const bearer = extractBearerToken(request.headers.authorization);
    const cookie = bearer.kind === 'absent' ? this.sessionCookie(request) : undefined;
    if (cookie) {
      if (!this.csrfOk(request)) throw DomainException.forbidden(CSRF_DETAIL);
      const fromSession = await this.fromSession(cookie, reply);
      if (!fromSession) throw DomainException.unauthenticated(SESSION_ENDED_DETAIL);
      return fromSession;
    }
    if (bearer.kind === 'absent') throw DomainException.unauthenticated(NO_TOKEN_DETAIL);
    if (bearer.kind === 'malformed') throw DomainException.unauthenticated(MALFORMED_HEADER_DETAIL);
    return this.verifier.verify(bearer.token);
  }

  private sessionCookie(request: FastifyRequest): string | undefined {
    return this.sessions ? readCookie(request, SESSION_COOKIE) : undefined;
  }

  private csrfOk(request: FastifyRequest): boolean {
    return SAFE_METHODS.has(request.method) || hasCsrfHeader(request);
  }

  /** The session's principal; null (and the cookie cleared) when the session does not exist or has ended. */
  private async fromSession(cookie: string, reply: FastifyReply): Promise<Principal | null> {
    const principal = (await this.sessions?.authenticate(cookie)) ?? null;
    if (!principal && this.sessions && typeof reply.clearCookie === 'function') {
      reply.clearCookie(SESSION_COOKIE, clearing(sessionCookieOptions(this.sessions.config)));
    }
    return principal;
  }
}
