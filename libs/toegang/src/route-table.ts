/**
 * The access rule of every HTTP route declared by a Nest controller, read from the route metadata
 * (DiscoveryService + MetadataScanner). Used at start-up by the hook that authenticates before the body is read,
 * and by the security tests that generate their cases from the route table.
 */
import type { INestApplicationContext } from '@nestjs/common';
import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { DiscoveryService, MetadataScanner, ModulesContainer, Reflector } from '@nestjs/core';
import { getRoutePolicy, type RoutePolicy } from './decorators/route-policy';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface NestRoute {
  method: HttpMethod;
  /** Fastify-style pattern with the global prefix, e.g. `/api/v1/knelpunten/:id/decisions`. */
  path: string;
  controller: string;
  handler: string;
  policy: RoutePolicy;
}

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

export const routeKey = (r: { method: string; path: string }): string => `${r.method} ${r.path}`;

/** Every HTTP route declared by a Nest controller, with the access rule the AuthGuard will apply. */
export function nestRoutes(app: INestApplicationContext, basePath: string): NestRoute[] {
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
            path: joinPath(basePath, controllerPath, p),
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
