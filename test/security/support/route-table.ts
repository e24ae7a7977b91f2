/**
 * The route table of a running API, from two independent sources that must agree:
 * - Nest's controllers (DiscoveryService + MetadataScanner): handler, controller and access rule of every route;
 * - Fastify's router (`printRoutes`): every route that actually answers, whoever registered it.
 * Tests generate their cases from this table, so a new route cannot slip past them.
 */
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { nestRoutes as routesOf, routeKey, type HttpMethod, type NestRoute } from '../../../libs/toegang/src/route-table';
import { API_BASE_PATH } from '../../../apps/api/src/openapi';

export { routeKey, type HttpMethod, type NestRoute };

export interface FastifyRoute {
  method: string;
  path: string;
}

/**
 * Routes that Fastify serves outside Nest (registered in apps/api/src/bootstrap.ts, so no guard runs):
 * only the public documentation. Anything else outside Nest fails the route-table test.
 */
export const NON_NEST_ROUTES: readonly string[] = [`GET ${API_BASE_PATH}/openapi.json`, `GET ${API_BASE_PATH}/docs`];

/** Every HTTP route declared by a Nest controller, with the access rule the AuthGuard will apply. */
export function nestRoutes(app: NestFastifyApplication): NestRoute[] {
  return routesOf(app, API_BASE_PATH);
}

/**
 * Every route in Fastify's router, parsed from `printRoutes({ commonPrefix: false })`: a tree whose lines are
 * `<indent>├── <segment> (GET, HEAD)`, each segment continuing its parent's path.
 */
export function fastifyRoutes(app: NestFastifyApplication): FastifyRoute[] {
  const tree = app.getHttpAdapter().getInstance().printRoutes({ commonPrefix: false });
  const stack: string[] = [];
  const routes: FastifyRoute[] = [];
  for (const line of tree.split('\n')) {
    const match = /^((?:│ {3}| {4})*)[├└]── (.+?)(?: \(([A-Z, ]+)\))?$/u.exec(line);
    if (!match) continue;
    const depth = match[1].length / 4;
    const full = (depth > 0 ? stack[depth - 1] : '') + match[2];
    stack.length = depth;
    stack.push(full);
    for (const method of (match[3] ?? '').split(',').map((m) => m.trim())) {
      if (method) routes.push({ method, path: full });
    }
  }
  return routes;
}

/** Fills the path parameters of a pattern; every parameter needs a value (a test names the missing one). */
export function fillPath(pattern: string, valueFor: (param: string, pattern: string) => string): string {
  return pattern.replace(/:([A-Za-z0-9_]+)/g, (_m, name: string) => encodeURIComponent(valueFor(name, pattern)));
}
