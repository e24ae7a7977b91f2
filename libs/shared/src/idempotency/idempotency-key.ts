import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { DomainException } from '../errors';

/** 1 to 200 visible ASCII characters: the key is stored, and it names a workflow command. */
const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,200}$/;

/**
 * The one rule for an `Idempotency-Key` header, on every route that takes it (intake, decisions, voortgang,
 * deadline actions, cluster decisions): absent is fine, present it must be 1–200 visible ASCII characters,
 * else a 400 naming the header.
 */
export function checkIdempotencyKey(key: unknown): string | undefined {
  if (key === undefined) return undefined;
  if (typeof key !== 'string' || !IDEMPOTENCY_KEY.test(key)) {
    throw DomainException.validation([{ name: 'Idempotency-Key', reason: 'moet 1 tot 200 zichtbare ASCII-tekens zijn' }]);
  }
  return key;
}

/** The request's checked `Idempotency-Key` header (see {@link checkIdempotencyKey}). */
export const IdempotencyKey = createParamDecorator((_data: unknown, ctx: ExecutionContext): string | undefined =>
  checkIdempotencyKey(ctx.switchToHttp().getRequest<FastifyRequest>().headers['idempotency-key']),
);
