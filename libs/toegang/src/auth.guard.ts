import { CanActivate, ExecutionContext, Injectable, Logger } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyReply } from 'fastify';
import { DomainException, ErrorCode } from '@kp/shared/errors';
import { CSRF_HEADER_KEY } from './decorators/csrf.decorator';
import { getRoutePolicy } from './decorators/route-policy';
import { CallerAuthenticator } from './caller-authenticator';
import type { RequestWithPrincipal } from './request';
import { CSRF_DETAIL, hasCsrfHeader } from './web-session/session-cookie';

export const NO_POLICY_DETAIL = 'Deze route heeft geen toegangsregel en is daarom gesloten.';

/**
 * Global guard (APP_GUARD via ToegangModule). Default deny:
 * - no @Policy/@Public on the route or its controller → 403 and an error in the log;
 * - @Public → allowed; a valid bearer token (or session cookie) still attaches the principal, an invalid one is ignored;
 * - @Policy(...roles) → 401 without a valid bearer token or session cookie, 403 when the role is not listed.
 * The caller ends up in `request.principal` (null when anonymous).
 *
 * Who the caller is (bearer token or the web app's session cookie, with its CSRF header) is decided by the
 * {@link CallerAuthenticator}; on a @Public route a cookie request without the CSRF header is simply treated as
 * anonymous. Routes marked @CsrfHeaderRequired() need that header from every caller. For requests with a body, the
 * hook of `authenticate-before-body.ts` has already authenticated the caller before the body was read; the guard
 * reuses that result and stays the authority for roles.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  private readonly logger = new Logger(AuthGuard.name);

  constructor(
    private readonly reflector: Reflector,
    private readonly callers: CallerAuthenticator,
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

    const reply = context.switchToHttp().getResponse<FastifyReply>();
    if (policy.kind === 'public') {
      request.principal = await this.callers.optional(request, reply);
      return true;
    }

    const principal = await this.callers.required(request, reply);
    request.principal = principal;
    if (!policy.roles.includes(principal.role)) {
      throw DomainException.forbidden(`Met de rol ${principal.role} heeft u geen toegang tot deze route.`);
    }
    return true;
  }
}
