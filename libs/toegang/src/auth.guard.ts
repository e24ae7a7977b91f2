import { CanActivate, ExecutionContext, Injectable, Logger } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { DomainException, ErrorCode } from '@kp/shared/errors';
import { getRoutePolicy } from './decorators/route-policy';
import type { Principal } from './principal';
import { extractBearerToken, type RequestWithPrincipal } from './request';
import { TokenVerifier } from './token-verifier.service';

export const NO_POLICY_DETAIL = 'Deze route heeft geen toegangsregel en is daarom gesloten.';

/**
 * Global guard (APP_GUARD via ToegangModule). Default deny:
 * - no @Policy/@Public on the route or its controller → 403 and an error in the log;
 * - @Public → allowed; a valid bearer token still attaches the principal, an invalid one is ignored;
 * - @Policy(...roles) → 401 without a valid bearer token, 403 when the role is not listed.
 * The caller ends up in `request.principal` (null when anonymous).
 */
@Injectable()
export class AuthGuard implements CanActivate {
  private readonly logger = new Logger(AuthGuard.name);

  constructor(
    private readonly reflector: Reflector,
    private readonly verifier: TokenVerifier,
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

    const bearer = extractBearerToken(request.headers.authorization);

    if (policy.kind === 'public') {
      if (bearer.kind === 'token') {
        try {
          request.principal = await this.verifier.verify(bearer.token);
        } catch {
          // An invalid token on a public route: treat the caller as anonymous.
          request.principal = null;
        }
      }
      return true;
    }

    if (bearer.kind === 'absent') {
      throw DomainException.unauthenticated('Er is geen toegangstoken meegestuurd; stuur de header "Authorization: Bearer <token>" mee.');
    }
    if (bearer.kind === 'malformed') {
      throw DomainException.unauthenticated('De Authorization-header moet de vorm "Bearer <token>" hebben.');
    }

    const principal: Principal = await this.verifier.verify(bearer.token);
    request.principal = principal;
    if (!policy.roles.includes(principal.role)) {
      throw DomainException.forbidden(`Met de rol ${principal.role} heeft u geen toegang tot deze route.`);
    }
    return true;
  }
}
