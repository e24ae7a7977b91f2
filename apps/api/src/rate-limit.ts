import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyRequest } from 'fastify';
import rateLimit from '@fastify/rate-limit';
import { AppConfig } from '@kp/shared/config';
import { CallerAuthenticator, rateLimitKey } from '@kp/toegang';
import { API_BASE_PATH } from './openapi';

const READ_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The rate limit: RATE_LIMIT_PER_MINUTE mutating requests per caller per minute, ten times that for reads. One
 * `onRequest` hook for every request (also unknown routes), registered before authentication so a request with
 * bad credentials counts too: the caller's bucket is its verified subject, or its address when it has no valid
 * credentials (see {@link rateLimitKey}). Register it before any hook that can refuse a request.
 */
export async function registerRateLimit(app: NestFastifyApplication, config: AppConfig): Promise<void> {
  const fastify = app.getHttpAdapter().getInstance();
  const callers = app.get(CallerAuthenticator);
  const keys = new WeakMap<FastifyRequest, string>();
  await app.register(rateLimit, {
    global: false,
    max: (request) => (READ_METHODS.has(request.method) ? config.RATE_LIMIT_PER_MINUTE * 10 : config.RATE_LIMIT_PER_MINUTE),
    timeWindow: 60_000,
    keyGenerator: (request) => `${keys.get(request) ?? `address:${request.ip}`}:${READ_METHODS.has(request.method) ? 'r' : 'w'}`,
    errorResponseBuilder: (_req, ctx) => ({
      statusCode: 429,
      type: 'https://knelpunten.example/problemen/te_veel_verzoeken',
      title: 'Te veel verzoeken',
      status: 429,
      detail: `Te veel verzoeken; probeer het over ${Math.ceil(ctx.ttl / 1000)} seconden opnieuw.`,
      code: 'TE_VEEL_VERZOEKEN',
    }),
  });
  const limit = fastify.rateLimit();
  fastify.addHook('onRequest', async (request, reply) => {
    keys.set(request, await rateLimitKey(callers, request, reply, API_BASE_PATH));
    await limit.call(fastify, request, reply);
  });
}
