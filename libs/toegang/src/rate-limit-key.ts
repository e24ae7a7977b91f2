import type { FastifyReply, FastifyRequest } from 'fastify';
import { CallerAuthenticator } from './caller-authenticator';

/**
 * The bucket of a request in the rate limit (issue 11, item 4): `subject:<sub>` for a caller with valid credentials
 * (a bearer token or the web app's session cookie; every textual variant of one token — another last base64url
 * character, `=` padding, the high-S ECDSA twin of the signature — verifies to the same subject, so all share the
 * bucket), else `address:<ip>` (Fastify's `request.ip`: the socket's peer unless TRUST_PROXY names the proxies that
 * may set X-Forwarded-For). Credentials are resolved by the {@link CallerAuthenticator}, which remembers the result
 * per request: the guard and the pre-body hook reuse it, so a token is not verified twice.
 *
 * Only requests under `apiPrefix` are authenticated here: the web app's files are keyed by address, so a page load
 * does not look its session up once per file.
 */
export async function rateLimitKey(
  callers: CallerAuthenticator,
  request: FastifyRequest,
  reply: FastifyReply,
  apiPrefix: string,
): Promise<string> {
  const address = `address:${request.ip}`;
  const path = request.url.split('?', 1)[0];
  if (path !== apiPrefix && !path.startsWith(`${apiPrefix}/`)) return address;
  if (request.headers.authorization === undefined && request.headers.cookie === undefined) return address;
  try {
    const principal = await callers.required(request, reply);
    return `subject:${principal.subject}`;
  } catch {
    // No valid credentials: the guard (or the pre-body hook) refuses or treats the caller as anonymous.
    return address;
  }
}
