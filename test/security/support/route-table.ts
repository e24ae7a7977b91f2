/**
 * The route table of a running API, from two independent sources that must agree:
 * - Nest's controllers (DiscoveryService + MetadataScanner): handler, controller and access rule of every route;
 * - Fastify's router (`printRoutes`): every route that actually answers, whoever registered it.
 * Tests generate their cases from this table, so a new route cannot slip past them.
 */
import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { DiscoveryService, MetadataScanner, ModulesContainer, Reflector } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { getRoutePolicy, type RoutePolicy } from '../../../libs/toegang/src/decorators/route-policy';
import { API_BASE_PATH } from '../../../apps/api/src/openapi';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface NestRoute {
  method: HttpMethod;
  /** Fastify-style pattern with the global prefix, e.g. `/api/v1/knelpunten/:id/decisions`. */
  path: string;
  controller: string;
  handler: string;
  policy: RoutePolicy;
}

export interface FastifyRoute {
  method: string;
  path: string;
}

/**
 * Routes that Fastify serves outside Nest (registered in apps/api/src/bootstrap.ts, so no guard runs):
 * only the public documentation. Anything else outside Nest fails the route-table test.
 */
export const NON_NEST_ROUTES: readonly string[] = [`GET ${API_BASE_PATH}/openapi.json`, `GET ${API_BASE_PATH}/docs`];

const METHOD_NAMES: Partial<Record<RequestMethod, HttpMethod>> = {
  [RequestMethod.GET]: 'GET',
  [RequestMethod.POST]: 'POST',
  [RequestMethod.PUT]: 'PUT',
  [RequestMethod.PATCH]: 'PATCH',
  [RequestMethod.DELETE]: 'DELETE',
};

const asList = (value: unknown): string[] => (Array.isArray(value) ? value.map(String) : [value === undefined ? '' : String(value)]);

function joinPath(...parts: string[]): string {
  const joined = ('/' + parts.join('/')).replace(/\/+/g, '/');
  return joined.length > 1 ? joined.replace(/\/$/, '') : joined;
}

/** Every HTTP route declared by a Nest controller, with the access rule the AuthGuard will apply. */
export function nestRoutes(app: NestFastifyApplication): NestRoute[] {
  const discovery = new DiscoveryService(app.get(ModulesContainer));
  const scanner = new MetadataScanner();
  const reflector = app.get(Reflector);
  const routes: NestRoute[] = [];
  for (const wrapper of discovery.getControllers()) {
    const controller = wrapper.metatype as (new (...args: never[]) => unknown) | null;
    if (!controller) continue;
    const prototype = controller.prototype as Record<string, unknown>;
    for (const controllerPath of asList(Reflect.getMetadata(PATH_METADATA, controller))) {
      for (const name of scanner.getAllMethodNames(prototype)) {
        const handler = prototype[name] as (...args: unknown[]) => unknown;
        const routePath: unknown = Reflect.getMetadata(PATH_METADATA, handler);
        if (routePath === undefined) continue; // not a route handler
        const requestMethod = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod;
        const method = METHOD_NAMES[requestMethod];
        if (!method) throw new Error(`${controller.name}.${name}: unsupported request method ${RequestMethod[requestMethod]}`);
        for (const p of asList(routePath)) {
          routes.push({
            method,
            path: joinPath(API_BASE_PATH, controllerPath, p),
            controller: controller.name,
            handler: name,
            policy: getRoutePolicy(handler, controller, reflector),
          });
        }
      }
    }
  }
  return routes.sort((a, b) => a.path.localeCompare(b.path) || a.method.localeCompare(b.method));
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

export const routeKey = (r: { method: string; path: string }): string => `${r.method} ${r.path}`;
