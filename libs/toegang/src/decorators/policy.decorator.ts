import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth } from '@nestjs/swagger';
import { isRol, Rol } from '../principal';

export const POLICY_KEY = 'toegang:policy';
export const PUBLIC_KEY = 'toegang:public';

/** Name of the OpenAPI security scheme the @Policy routes refer to (register it with DocumentBuilder.addBearerAuth). */
export const BEARER_SCHEME = 'bearer';

/**
 * Only callers with one of these roles may use the route (on a method, or on a controller
 * for all its methods; a method-level @Policy/@Public overrides the controller's).
 */
export function Policy(...roles: Rol[]): MethodDecorator & ClassDecorator {
  if (roles.length === 0) throw new Error('@Policy() needs at least one role');
  const unknown = roles.filter((r) => !isRol(r));
  if (unknown.length > 0) throw new Error(`@Policy(): unknown role(s) ${unknown.join(', ')}`);
  return applyDecorators(SetMetadata(POLICY_KEY, [...new Set(roles)]), ApiBearerAuth(BEARER_SCHEME));
}

/** No token required. A valid token, when sent, still attaches the principal; an invalid one is ignored. */
export function Public(): MethodDecorator & ClassDecorator {
  return SetMetadata(PUBLIC_KEY, true);
}
