import 'reflect-metadata';
import { DynamicModule, LogLevel, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import helmet from '@fastify/helmet';
import cors from '@fastify/cors';
import rateLimit from '@fastify/rate-limit';
import cookie from '@fastify/cookie';
import { DataSource } from 'typeorm';
import { AppConfig } from '@kp/shared/config';
import { createValidationPipe } from '@kp/shared/http';
import { seedReferenceData } from '@kp/referentie/seed/seed-reference-data';
import { AppModule } from './app.module';
import { API_BASE_PATH, API_VERSION, buildOpenApi } from './openapi';
import { DOCS_CSP, DOCS_HTML } from './docs-page';
import { registerWebApp } from './web/web-app';

export interface CreateApiOptions {
  /** Replaces the root module (tests use AppModule with an explicit config). */
  module?: Type<unknown> | DynamicModule;
  logger?: LogLevel[] | false;
}

/** Builds the API application (used by main.ts and by the integration tests). */
export async function createApiApp(config: AppConfig, options: CreateApiOptions = {}): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({ bodyLimit: config.BODY_LIMIT_BYTES, trustProxy: true });
  const app = await NestFactory.create<NestFastifyApplication>(options.module ?? AppModule.forConfig(config), adapter, {
    logger: options.logger ?? ['error', 'warn', 'log'],
    bufferLogs: false,
  });
  app.setGlobalPrefix(API_BASE_PATH.slice(1));
  app.useGlobalPipes(createValidationPipe());
  app.enableShutdownHooks();

  const fastify = app.getHttpAdapter().getInstance();
  fastify.addContentTypeParser(
    ['text/csv', 'application/csv'],
    { parseAs: 'string', bodyLimit: config.BODY_LIMIT_BYTES },
    (_req, body, done) => done(null, body),
  );
  // Parses and sets cookies: the web app's session cookie kp_sessie (opaque random id, see libs/toegang web-session).
  await app.register(cookie);
  await app.register(helmet, {
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
  await app.register(cors, { origin: config.CORS_ORIGINS.length > 0 ? config.CORS_ORIGINS : false, exposedHeaders: ['API-Version'] });
  await app.register(rateLimit, {
    global: true,
    // Reads are cheap; intake and decisions get the configured budget per client per minute.
    max: (request) =>
      request.method === 'GET' || request.method === 'HEAD' ? config.RATE_LIMIT_PER_MINUTE * 10 : config.RATE_LIMIT_PER_MINUTE,
    timeWindow: 60_000,
    keyGenerator: (request) =>
      `${request.ip}:${request.method === 'GET' ? 'r' : 'w'}:${String(request.headers.authorization ?? '').slice(-24)}`,
    errorResponseBuilder: (_req, ctx) => ({
      statusCode: 429,
      type: 'https://knelpunten.example/problemen/te_veel_verzoeken',
      title: 'Te veel verzoeken',
      status: 429,
      detail: `Te veel verzoeken; probeer het over ${Math.ceil(ctx.ttl / 1000)} seconden opnieuw.`,
      code: 'TE_VEEL_VERZOEKEN',
    }),
  });
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

  await app.init();
  if (config.RUN_MIGRATIONS) await seedReferenceData(app.get(DataSource));
  return app;
}
