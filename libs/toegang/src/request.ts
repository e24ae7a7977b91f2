import type { FastifyRequest } from 'fastify';
import type { Principal } from './principal';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the AuthGuard: the caller, or null on a @Public route called without a (valid) token. */
    principal?: Principal | null;
  }
}

export type RequestWithPrincipal = FastifyRequest;

export type BearerResult = { kind: 'absent' } | { kind: 'malformed' } | { kind: 'token'; token: string };

/** Tokens longer than this are refused before any parsing. */
export const MAX_TOKEN_LENGTH = 16 * 1024;

/** Reads `Authorization: Bearer <token>` (scheme case-insensitive, RFC 6750). */
export function extractBearerToken(header: string | string[] | undefined): BearerResult {
  if (header === undefined || header === '') return { kind: 'absent' };
  if (typeof header !== 'string') return { kind: 'malformed' };
  const match = /^Bearer[ \t]+([A-Za-z0-9\-._~+/]+=*)[ \t]*$/i.exec(header);
  if (!match || match[1].length > MAX_TOKEN_LENGTH) return { kind: 'malformed' };
  return { kind: 'token', token: match[1] };
}
