import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { DomainException } from '@kp/shared/errors';
import type { Principal } from '../principal';
import type { RequestWithPrincipal } from '../request';

function principalOf(ctx: ExecutionContext): Principal | null {
  return ctx.switchToHttp().getRequest<RequestWithPrincipal>().principal ?? null;
}

/** The authenticated caller; 401 when there is none (e.g. on a @Public route called without a token). */
export const CurrentPrincipal = createParamDecorator((_data: unknown, ctx: ExecutionContext): Principal => {
  const principal = principalOf(ctx);
  if (!principal) throw DomainException.unauthenticated('Voor deze handeling moet u ingelogd zijn.');
  return principal;
});

/** The caller when a valid token was sent, else null (for @Public routes that show more to logged-in users). */
export const OptionalPrincipal = createParamDecorator((_data: unknown, ctx: ExecutionContext): Principal | null => principalOf(ctx));
