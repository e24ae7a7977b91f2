/**
 * Errors that mean "the database cannot be reached right now" (not "this query is wrong"): the server is down,
 * shutting down, starting up, refusing connections, or the pool could not get a connection in time. The API
 * answers them with 503 (and Retry-After) instead of 500: a retry later will work.
 */

/** SQLSTATE class 08 (connection exception) and the 57P0x shutdown/startup states, 53300 too many connections. */
const UNAVAILABLE_SQLSTATES = new Set(['08000', '08001', '08003', '08004', '08006', '57P01', '57P02', '57P03', '53300']);
/** Node socket errors on the way to the database. */
const UNAVAILABLE_ERRNOS = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN']);
/** node-postgres' own messages for a lost connection or a pool that could not connect in time. */
const UNAVAILABLE_MESSAGES = [
  /^Connection terminated/i,
  /timeout exceeded when trying to connect/i,
  /^Client has encountered a connection error/i,
  /the database system is (starting up|shutting down|in recovery mode)/i,
];

export function isDatabaseUnavailable(err: unknown, depth = 0): boolean {
  if (typeof err !== 'object' || err === null || depth > 3) return false;
  const { code, message, driverError, errors } = err as { code?: unknown; message?: unknown; driverError?: unknown; errors?: unknown };
  if (typeof code === 'string' && (UNAVAILABLE_SQLSTATES.has(code) || UNAVAILABLE_ERRNOS.has(code))) return true;
  if (typeof message === 'string' && UNAVAILABLE_MESSAGES.some((re) => re.test(message))) return true;
  // TypeORM wraps the driver's error; a connect to several addresses fails with an AggregateError.
  if (driverError !== undefined && isDatabaseUnavailable(driverError, depth + 1)) return true;
  return Array.isArray(errors) && errors.some((e) => isDatabaseUnavailable(e, depth + 1));
}
