import 'reflect-metadata';
import { DynamicModule, LogLevel, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import helmet from 'helmet';
import cors from '@fastify/cors';
import cookie from '@fastify/cookie';
import { DataSource } from 'typeorm';
import { AppConfig, trustProxyOf } from '@kp/shared/config';
import {
  createValidationPipe,
  frameworkErrorsAsProblems,
  refuseMalformedQuery,
  registerBodyLimits,
  registerJsonBodyParser,
} from '@kp/shared/http';
import { authenticateBeforeBody } from '@kp/toegang';
import { seedReferenceData } from '@kp/referentie/seed/seed-reference-data';
import { AppModule } from './app.module';
import { API_BASE_PATH, API_VERSION, buildOpenApi } from './openapi';
import { DOCS_CSP, DOCS_HTML } from './docs-page';
import { registerWebApp } from './web/web-app';
import { registerRateLimit } from './rate-limit';
import { auditMutatingRoutes } from './audit-mutating-routes';

/** TRUST_PROXY (validated by loadConfig): which hops may name the client in X-Forwarded-For; none by default. */
function trustProxy(config: AppConfig): boolean | number | string[] {
  const value = trustProxyOf(config.TRUST_PROXY);
  if (typeof value === 'object' && !Array.isArray(value)) throw new Error(`TRUST_PROXY: ${value.problem}`);
  return value;
}

/** The intake routes, the only ones that take BODY_LIMIT_BYTES; every other route takes BODY_LIMIT_DEFAULT_BYTES. */
export const LARGE_BODY_ROUTES: readonly string[] = [
  `POST ${API_BASE_PATH}/standen`,
  `POST ${API_BASE_PATH}/standen/import`,
  `POST ${API_BASE_PATH}/standen/import-controle`,
];

export interface CreateApiOptions {
  /** Replaces the root module (tests use AppModule with an explicit config). */
  module?: Type<unknown> | DynamicModule;
  logger?: LogLevel[] | false;
}

/** Builds the API application (used by main.ts and by the integration tests). */
export async function createApiApp(config: AppConfig, options: CreateApiOptions = {}): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    bodyLimit: config.BODY_LIMIT_DEFAULT_BYTES,
    trustProxy: trustProxy(config),
    // A path the router cannot decode or take (issue 11): problem+json like every other refusal.
    frameworkErrors: frameworkErrorsAsProblems,
  });
  const app = await NestFactory.create<NestFastifyApplication>(options.module ?? AppModule.forConfig(config), adapter, {
    logger: options.logger ?? ['error', 'warn', 'log'],
    bufferLogs: false,
    // The body parsers are registered below (JSON with shape limits, CSV); no urlencoded forms.
    bodyParser: false,
  });
  app.setGlobalPrefix(API_BASE_PATH.slice(1));
  app.useGlobalPipes(createValidationPipe());
  app.enableShutdownHooks();

  const fastify = app.getHttpAdapter().getInstance();
  // A small body limit everywhere but intake; JSON depth, keys and values checked while parsing (issue 11, 2/3/9).
  const bodyLimits = registerBodyLimits(fastify, {
    defaultLimit: config.BODY_LIMIT_DEFAULT_BYTES,
    largeLimit: config.BODY_LIMIT_BYTES,
    largeRoutes: LARGE_BODY_ROUTES,
  });
  registerJsonBodyParser(fastify, {
    maxDepth: config.JSON_MAX_DEPTH,
    maxKeysPerObject: config.JSON_MAX_KEYS_PER_OBJECT,
    maxValues: config.JSON_MAX_VALUES,
  });
  fastify.addContentTypeParser(['text/csv', 'application/csv'], { parseAs: 'string' }, (_req, body, done) => done(null, body));
  // Parses and sets cookies: the web app's session cookie kp_sessie (opaque random id, see libs/toegang web-session).
  await app.register(cookie);
  // The security headers on every response (also errors and unknown routes). Helmet's middleware is built once here:
  // @fastify/helmet builds it anew, parsing the CSP, on every request (~0.1 ms of CPU each on /health).
  const securityHeaders = helmet({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        // Strict everywhere (the web app has no inline code); only the small docs page relaxes it below.
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
      },
    },
  });
  fastify.addHook('onRequest', (request, reply, done) => securityHeaders(request.raw, reply.raw, (err) => done(err as Error | undefined)));
  await app.register(cors, { origin: config.CORS_ORIGINS.length > 0 ? config.CORS_ORIGINS : false, exposedHeaders: ['API-Version'] });
  // Per verified subject, else per client address; before the hook below, so bad credentials count too.
  await registerRateLimit(app, config);
  // Requests with a body to routes that are not @Public: authenticated before a byte of the body is read.
  const bodyAuth = authenticateBeforeBody(fastify, app, API_BASE_PATH);
  // Query strings with percent-encoding that is not valid UTF-8: 400, like a lone surrogate in a body (issue 11);
  // after the rate limit and the authentication of bodies, so such a request is counted and refused like others.
  refuseMalformedQuery(fastify);
  fastify.addHook('onSend', async (request, reply, payload) => {
    reply.header('API-Version', API_VERSION);
    // A response to a request that carried credentials is the caller's own: never stored by a cache
    // (the web app's static files set their own Cache-Control).
    if (!reply.hasHeader('Cache-Control') && (request.headers.authorization || /(?:^|;\s*)kp_sessie=/.test(request.headers.cookie ?? ''))) {
      reply.header('Cache-Control', 'no-store');
    }
    return payload;
  });

  const document = buildOpenApi(app, config);
  fastify.get(`${API_BASE_PATH}/openapi.json`, async (_req, reply) => reply.header('Content-Type', 'application/json').send(document));
  fastify.get(`${API_BASE_PATH}/docs`, async (_req, reply) =>
    reply.header('Content-Type', 'text/html; charset=utf-8').header('Content-Security-Policy', DOCS_CSP).send(DOCS_HTML),
  );
  await registerWebApp(fastify, config);

  // Every successful mutation is audited (before app.init, which registers the routes with their interceptors).
  auditMutatingRoutes(app);
  await app.init();
  bodyLimits.check();
  bodyAuth.seal();
  if (config.RUN_MIGRATIONS) await seedReferenceData(app.get(DataSource));
  return app;
}
