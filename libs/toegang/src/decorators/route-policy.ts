import type { Reflector } from '@nestjs/core';
import type { Rol } from '../principal';
import { POLICY_KEY, PUBLIC_KEY } from './policy.decorator';

export type RoutePolicy = { kind: 'public' } | { kind: 'roles'; roles: Rol[] } | { kind: 'none' };

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
type Target = Function;

function policyOf(target: Target, reflector: Reflector): RoutePolicy | null {
  const roles = reflector.get<Rol[] | undefined>(POLICY_KEY, target);
  // @Policy beats @Public on the same level: the stricter rule wins.
  if (roles && roles.length > 0) return { kind: 'roles', roles: [...roles] };
  if (reflector.get<boolean | undefined>(PUBLIC_KEY, target) === true) return { kind: 'public' };
  return null;
}

/**
 * The access rule of a route: the handler's own @Policy/@Public, else its controller's,
 * else `none` (which the guard treats as closed).
 */
export function getRoutePolicy(handler: Target, controller: Target, reflector: Reflector): RoutePolicy {
  return policyOf(handler, reflector) ?? policyOf(controller, reflector) ?? { kind: 'none' };
}
