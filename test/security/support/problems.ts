/** Assertions on error responses shared by the security specs. */

/** Traces of internals that must never reach a client: stack frames, source paths, SQL, driver and runtime error names. */
const LEAKS: readonly [string, RegExp][] = [
  ['stack frame', /\bat [\w$.<>]+ \(|\n\s+at /],
  ['source path', /\.(?:ts|js|mjs|cjs):\d+|node_modules|\/work\/|\/home\/|\/usr\//],
  ['SQL', /\b(?:SELECT\b[\s\S]*\bFROM|INSERT\s+INTO|UPDATE\b[\s\S]*\bSET|DELETE\s+FROM)\b/i],
  ['database error', /QueryFailedError|duplicate key value|violates|relation "|syntax error at or near|\bpg_|typeorm/i],
  [
    'runtime error name',
    /\b(?:TypeError|ReferenceError|RangeError|SyntaxError|EntityNotFound|JWSSignatureVerificationFailed|JWTExpired|ERR_JW[STK])\b/,
  ],
  ['stack member', /"stack"\s*:/],
];

/** The names of the leaks found in a response body (empty when clean). */
export function leaksIn(body: unknown): string[] {
  const text = typeof body === 'string' ? body : JSON.stringify(body ?? '');
  return LEAKS.filter(([, re]) => re.test(text)).map(([name]) => name);
}

export interface HttpResult {
  status: number;
  body: any;
  headers: Record<string, unknown>;
}

/** An RFC 9457 problem with the given status, Dutch title and detail, and nothing internal in it. */
export function expectProblem(res: HttpResult, status: number): void {
  expect(res.status).toBe(status);
  expect(String(res.headers['content-type'])).toContain('application/problem+json');
  expect(res.body).toEqual(expect.objectContaining({ status, title: expect.any(String), detail: expect.any(String) }));
  // Dutch, not the framework's English defaults.
  expect(`${res.body.title} ${res.body.detail}`).not.toMatch(
    /\b(?:Unauthorized|Forbidden|Not Found|Internal Server Error|must|should|invalid)\b/,
  );
  expect(leaksIn(res.body)).toEqual([]);
}
