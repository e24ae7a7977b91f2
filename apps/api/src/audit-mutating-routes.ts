import { INestApplication, RequestMethod } from '@nestjs/common';
import { INTERCEPTORS_METADATA, METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { MetadataScanner, ModulesContainer } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { AuditInterceptor } from '@kp/shared/audit';

/** Routes of these methods change nothing: the audit interceptor would only pass them through. */
const READ_METHODS: ReadonlySet<RequestMethod> = new Set([RequestMethod.GET, RequestMethod.HEAD, RequestMethod.OPTIONS]);

/**
 * Puts the {@link AuditInterceptor} on every controller route that can change something: every route except those
 * declared GET, HEAD or OPTIONS (a route without a declared method, or @All, gets it too; the interceptor itself still
 * skips read requests). It is the first (outermost) of the route's own interceptors. Call it before `app.init()`, which
 * registers the routes and reads this metadata.
 *
 * Why not a global APP_INTERCEPTOR: that puts Nest's interceptor pipeline (an execution context, two
 * `AsyncResource.bind`s, rxjs `defer`/`mergeAll` and a promise round-trip) on every read as well, where the interceptor
 * does nothing: ~0.25 ms of CPU on every GET /health. Coverage stays by default: a new mutating route is audited
 * without declaring anything.
 *
 * Returns the number of routes it was put on.
 */
export function auditMutatingRoutes(app: INestApplication): number {
  const interceptor = new AuditInterceptor(app.get(DataSource));
  const scanner = new MetadataScanner();
  let routes = 0;
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const prototype = (wrapper.metatype as { prototype?: Record<string, unknown> } | null)?.prototype;
      if (!prototype) continue;
      for (const name of scanner.getAllMethodNames(prototype)) {
        const handler = prototype[name];
        if (typeof handler !== 'function' || Reflect.getMetadata(PATH_METADATA, handler) === undefined) continue;
        const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
        if (method !== undefined && READ_METHODS.has(method)) continue;
        // Replaces the instance of an app built before in this process (tests build several): one audit row per request.
        const own = ((Reflect.getMetadata(INTERCEPTORS_METADATA, handler) as unknown[] | undefined) ?? []).filter(
          (i) => !(i instanceof AuditInterceptor),
        );
        Reflect.defineMetadata(INTERCEPTORS_METADATA, [interceptor, ...own], handler);
        routes += 1;
      }
    }
  }
  return routes;
}
