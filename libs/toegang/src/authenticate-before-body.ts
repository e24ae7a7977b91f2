import type { INestApplicationContext } from '@nestjs/common';
import type { FastifyInstance } from 'fastify';
import { CallerAuthenticator } from './caller-authenticator';
import { nestRoutes, routeKey } from './route-table';

/** Methods whose requests carry a body that Fastify would parse. */
export const BODY_METHODS: ReadonlySet<string> = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export interface AuthenticateBeforeBody {
  /** Reads the public routes from the Nest route metadata; call once after `app.init()`. */
  seal(): void;
  /** `METHOD /path` of the public routes with a body (known after {@link seal}). */
  readonly publicMutations: ReadonlySet<string>;
}

/**
 * Authentication before the body is read (issue 11, item 2): an `onRequest` hook that refuses a POST, PUT, PATCH
 * or DELETE to a route that is not @Public without valid credentials — the same 401 (or CSRF 403) problem+json
 * the {@link AuthGuard} gives, from the same {@link CallerAuthenticator} — before Fastify reads or parses a byte
 * of the body. So an anonymous caller cannot make the API parse anything but the few public mutations (login,
 * logout). The guard stays the authority for roles and reuses the principal found here.
 *
 * The public routes come from the Nest route metadata (@Public) once the application is initialised; until
 * {@link AuthenticateBeforeBody.seal} ran every route counts as closed, and so does any route with a body that is
 * not a Nest @Public route. Requests for unknown routes (404) pass untouched: Fastify does not parse their bodies.
 *
 * Register it after the cookie plugin (it reads kp_sessie) and after helmet/CORS (their headers stay on the 401).
 */
export function authenticateBeforeBody(fastify: FastifyInstance, app: INestApplicationContext, basePath: string): AuthenticateBeforeBody {
  const callers = app.get(CallerAuthenticator);
  let publicMutations: ReadonlySet<string> = new Set();

  fastify.addHook('onRequest', async (request, reply) => {
    if (!BODY_METHODS.has(request.method)) return;
    const pattern = request.routeOptions.url;
    if (pattern === undefined) return;
    if (publicMutations.has(`${request.method} ${pattern}`)) return;
    request.principal = await callers.required(request, reply);
  });

  return {
    get publicMutations() {
      return publicMutations;
    },
    seal() {
      const routes = nestRoutes(app, basePath).filter((r) => BODY_METHODS.has(r.method) && r.policy.kind === 'public');
      publicMutations = new Set(routes.map(routeKey));
    },
  };
}
