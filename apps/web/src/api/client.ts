/**
 * The one way the web app talks to the back end: JSON over HTTP to /api/v1, the session in an
 * httpOnly cookie (never a token in JavaScript), the CSRF header on every request, and refusals
 * as RFC 9457 problems that the forms show next to the field they concern.
 */
export const API_BASE = '/api/v1';

export interface InvalidParam {
  name: string;
  reason: string;
}

export interface Problem {
  type?: string;
  title: string;
  status: number;
  detail?: string;
  code?: string;
  errorId?: string;
  invalidParams?: InvalidParam[];
  allowed?: string[];
}

export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail ?? problem.title);
    this.name = 'ApiError';
  }

  get status(): number {
    return this.problem.status;
  }

  /** The API's reason for one field (`invalidParams`), matched on the full name or its last segment. */
  reasonFor(field: string): string | undefined {
    const params = this.problem.invalidParams ?? [];
    return params.find((p) => p.name === field)?.reason ?? params.find((p) => p.name.split('.').pop() === field)?.reason;
  }
}

type QueryValue = string | number | boolean | undefined | null;

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  query?: Record<string, QueryValue>;
  body?: unknown;
  /** Raw text body (CSV upload) with its content type. */
  text?: { content: string; contentType: string };
  idempotencyKey?: string;
  signal?: AbortSignal;
}

const listeners = new Set<() => void>();
/** Called when the API answers 401 on a request that was meant to be authenticated (session ended). */
export function onUnauthenticated(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function buildUrl(path: string, query?: Record<string, QueryValue>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const qs = params.toString();
  return `${API_BASE}${path}${qs ? `?${qs}` : ''}`;
}

export async function apiRequest<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json, application/problem+json', 'X-Requested-With': 'knelpunten-web' };
  let body: string | undefined;
  if (options.text) {
    headers['Content-Type'] = options.text.contentType;
    body = options.text.content;
  } else if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  if (options.idempotencyKey) headers['Idempotency-Key'] = options.idempotencyKey;

  let response: Response;
  try {
    response = await fetch(buildUrl(path, options.query), {
      method: options.method ?? 'GET',
      headers,
      body,
      credentials: 'same-origin',
      signal: options.signal,
    });
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e;
    throw new ApiError({
      title: 'Geen verbinding',
      status: 0,
      detail: 'De server is niet bereikbaar. Controleer uw verbinding en probeer het opnieuw.',
    });
  }

  const text = await response.text();
  let parsed: unknown = undefined;
  if (text) {
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = text;
    }
  }
  if (!response.ok) {
    const problem: Problem =
      parsed && typeof parsed === 'object' && 'status' in parsed
        ? (parsed as Problem)
        : { title: response.statusText || 'Fout', status: response.status, detail: typeof parsed === 'string' ? parsed : undefined };
    if (response.status === 401 && !path.startsWith('/auth/')) listeners.forEach((l) => l());
    throw new ApiError(problem);
  }
  return parsed as T;
}

export const api = {
  get: <T>(path: string, query?: Record<string, QueryValue>, signal?: AbortSignal) => apiRequest<T>(path, { query, signal }),
  post: <T>(path: string, body?: unknown, opts: Omit<RequestOptions, 'method' | 'body'> = {}) =>
    apiRequest<T>(path, { ...opts, method: 'POST', body }),
  put: <T>(path: string, body?: unknown) => apiRequest<T>(path, { method: 'PUT', body }),
  patch: <T>(path: string, body?: unknown) => apiRequest<T>(path, { method: 'PATCH', body }),
};

/** A fresh idempotency key for one user action (a retry of the same action reuses it). */
export function newIdempotencyKey(): string {
  return crypto.randomUUID();
}
