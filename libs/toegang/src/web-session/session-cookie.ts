import { createHash, randomBytes } from 'node:crypto';
import type { CookieSerializeOptions } from '@fastify/cookie';
import type { FastifyRequest } from 'fastify';
import type { AppConfig } from '@kp/shared/config';

/** The browser session: an opaque random id; PostgreSQL keeps only its SHA-256 hash (web_sessions.id_hash). */
export const SESSION_COOKIE = 'kp_sessie';

/** A login in progress at the OIDC provider (between GET /auth/login and GET /auth/callback). */
export const LOGIN_COOKIE = 'kp_login';

/** How long a login at the provider may take. */
export const LOGIN_TTL_SECONDS = 10 * 60;

/**
 * CSRF defence for cookie sessions (in addition to SameSite=Strict): a state-changing request that is authenticated
 * by the cookie must carry this header with this value. A cross-site form cannot set it, and a cross-origin fetch
 * that sets it needs a CORS preflight that the API does not grant.
 */
export const CSRF_HEADER = 'x-requested-with';
export const CSRF_HEADER_VALUE = 'knelpunten-web';
export const CSRF_DETAIL = `Dit verzoek is geweigerd ter bescherming tegen cross-site request forgery: stuur de header "X-Requested-With: ${CSRF_HEADER_VALUE}" mee.`;

/** Methods that change nothing (no CSRF header needed). */
export const SAFE_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD', 'OPTIONS']);

/** 32 random bytes, base64url: 256 bits. */
export function newOpaqueId(): string {
  return randomBytes(32).toString('base64url');
}

/** The form of an id made by {@link newOpaqueId}; anything else is ignored without touching the database. */
export function isOpaqueId(value: unknown): value is string {
  return typeof value === 'string' && /^[A-Za-z0-9_-]{43}$/.test(value);
}

export function hashOpaqueId(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}

export function hasCsrfHeader(request: FastifyRequest): boolean {
  const value = request.headers[CSRF_HEADER];
  return typeof value === 'string' && value.trim().toLowerCase() === CSRF_HEADER_VALUE;
}

export function readCookie(request: FastifyRequest, name: string): string | undefined {
  const value = (request as FastifyRequest & { cookies?: Record<string, string | undefined> }).cookies?.[name];
  return isOpaqueId(value) ? value : undefined;
}

const isHttps = (config: AppConfig): boolean => config.PUBLIC_BASE_URL.toLowerCase().startsWith('https:');

/** kp_sessie: HttpOnly, SameSite=Strict, Path=/, Secure behind https, Max-Age = SESSION_TTL_HOURS. */
export function sessionCookieOptions(config: AppConfig): CookieSerializeOptions {
  return { httpOnly: true, sameSite: 'strict', path: '/', secure: isHttps(config), maxAge: config.SESSION_TTL_HOURS * 3600 };
}

/**
 * kp_login: only for the callback. SameSite=Lax, because the provider sends the browser back with a top-level
 * navigation from its own site, which does not carry Strict cookies.
 */
export function loginCookieOptions(config: AppConfig): CookieSerializeOptions {
  return { httpOnly: true, sameSite: 'lax', path: '/api/v1/auth', secure: isHttps(config), maxAge: LOGIN_TTL_SECONDS };
}

/** Options to clear a cookie (must match path, SameSite and Secure of the one that was set). */
export function clearing(options: CookieSerializeOptions): CookieSerializeOptions {
  const { maxAge: _maxAge, ...rest } = options;
  return rest;
}

/** PUBLIC_BASE_URL without a trailing slash. */
export function publicBaseUrl(config: AppConfig): string {
  return config.PUBLIC_BASE_URL.replace(/\/+$/, '');
}

/**
 * Where to send the browser after login: a same-site relative path (starts with "/", not "//" or "/\\"),
 * otherwise "/".
 */
export function safeReturnTo(value: unknown): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > 2000) return '/';
  if (!value.startsWith('/') || value.startsWith('//') || value.includes('\\')) return '/';
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(value)) return '/';
  try {
    const base = 'http://same-site.invalid';
    const url = new URL(value, base);
    if (url.origin !== base) return '/';
    return `${url.pathname}${url.search}${url.hash}`;
  } catch {
    return '/';
  }
}
