import { CanActivate, ExecutionContext, Injectable, Logger, Optional } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyReply } from 'fastify';
import { DomainException, ErrorCode } from '@kp/shared/errors';
import { CSRF_HEADER_KEY } from './decorators/csrf.decorator';
import { getRoutePolicy } from './decorators/route-policy';
import type { Principal } from './principal';
import { extractBearerToken, type RequestWithPrincipal } from './request';
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

export const NO_POLICY_DETAIL = 'Deze route heeft geen toegangsregel en is daarom gesloten.';
export const SESSION_ENDED_DETAIL = 'Uw sessie is verlopen of beëindigd; log opnieuw in.';

/**
 * Global guard (APP_GUARD via ToegangModule). Default deny:
 * - no @Policy/@Public on the route or its controller → 403 and an error in the log;
 * - @Public → allowed; a valid bearer token (or session cookie) still attaches the principal, an invalid one is ignored;
 * - @Policy(...roles) → 401 without a valid bearer token or session cookie, 403 when the role is not listed.
 * The caller ends up in `request.principal` (null when anonymous).
 *
 * A bearer header always wins. Without one, the web app's session cookie (kp_sessie, see {@link WebSessionService})
 * authenticates: its access token is verified exactly like a bearer token. A state-changing request authenticated by
 * the cookie must carry `X-Requested-With: knelpunten-web` (CSRF), else 403; on a @Public route such a request is
 * simply treated as anonymous. Routes marked @CsrfHeaderRequired() need that header from every caller.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  private readonly logger = new Logger(AuthGuard.name);

  constructor(
    private readonly reflector: Reflector,
    private readonly verifier: TokenVerifier,
    /** Present when the web session module is loaded (the API); absent in bare ToegangModule set-ups. */
    @Optional() private readonly sessions?: WebSessionService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const handler = context.getHandler();
    const controller = context.getClass();
    const route = `${controller?.name ?? '?'}.${handler?.name ?? '?'}`;

    if (context.getType() !== 'http') {
      this.logger.error(`Refused ${context.getType()} call ${route}: only HTTP routes are supported by the AuthGuard`);
      throw DomainException.forbidden(NO_POLICY_DETAIL);
    }

    const request = context.switchToHttp().getRequest<RequestWithPrincipal>();
    request.principal = null;
    const policy = getRoutePolicy(handler, controller, this.reflector);

    if (policy.kind === 'none') {
      this.logger.error(`Route ${route} declares no @Policy or @Public; access refused (default deny)`);
      throw new DomainException(ErrorCode.FORBIDDEN, NO_POLICY_DETAIL);
    }

    if (this.reflector.getAllAndOverride<boolean>(CSRF_HEADER_KEY, [handler, controller]) && !hasCsrfHeader(request)) {
      throw DomainException.forbidden(CSRF_DETAIL);
    }

    const bearer = extractBearerToken(request.headers.authorization);
    const cookie = bearer.kind === 'absent' && this.sessions ? readCookie(request, SESSION_COOKIE) : undefined;
    const csrfOk = SAFE_METHODS.has(request.method) || hasCsrfHeader(request);

    if (policy.kind === 'public') {
      if (bearer.kind === 'token') {
        try {
          request.principal = await this.verifier.verify(bearer.token);
        } catch {
          // An invalid token on a public route: treat the caller as anonymous.
          request.principal = null;
        }
      } else if (cookie && csrfOk) {
        try {
          request.principal = await this.fromSession(cookie, context);
        } catch {
          // The provider is unreachable: anonymous on a public route, the session stays.
          request.principal = null;
        }
      }
      return true;
    }

    let principal: Principal;
    if (cookie) {
      if (!csrfOk) throw DomainException.forbidden(CSRF_DETAIL);
      const fromSession = await this.fromSession(cookie, context);
      if (!fromSession) throw DomainException.unauthenticated(SESSION_ENDED_DETAIL);
      principal = fromSession;
    } else {
      if (bearer.kind === 'absent') {
        throw DomainException.unauthenticated('Er is geen toegangstoken meegestuurd; stuur de header "Authorization: Bearer <token>" mee.');
      }
      if (bearer.kind === 'malformed') {
        throw DomainException.unauthenticated('De Authorization-header moet de vorm "Bearer <token>" hebben.');
      }
      principal = await this.verifier.verify(bearer.token);
    }
    request.principal = principal;
    if (!policy.roles.includes(principal.role)) {
      throw DomainException.forbidden(`Met de rol ${principal.role} heeft u geen toegang tot deze route.`);
    }
    return true;
  }

  /** The session's principal; null (and the cookie cleared) when the session does not exist or has ended. */
  private async fromSession(cookie: string, context: ExecutionContext): Promise<Principal | null> {
    const principal = (await this.sessions?.authenticate(cookie)) ?? null;
    if (!principal && this.sessions) {
      const reply = context.switchToHttp().getResponse<FastifyReply>();
      if (typeof reply.clearCookie === 'function') reply.clearCookie(SESSION_COOKIE, clearing(sessionCookieOptions(this.sessions.config)));
    }
    return principal;
  }
}
