import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DomainException } from '../errors';
import { INVALID_CHARACTER_REASON } from './invalid-characters';
import { ProblemDetailsFilter } from './problem-details.filter';

const problems = new ProblemDetailsFilter();

function sendProblem(reply: FastifyReply, url: string, exception: unknown): void {
  const problem = { ...problems.toProblem(exception), instance: url.split('?')[0] };
  void reply.status(problem.status).header('Content-Type', 'application/problem+json').send(problem);
}

/**
 * Fastify's `frameworkErrors`: what its router refuses before any route runs (a path that is not valid UTF-8 once
 * decoded, a path parameter longer than the router takes) as problem+json like every other refusal (issue 11).
 */
export function frameworkErrorsAsProblems(
  error: Error & { statusCode?: number; code?: string },
  request: FastifyRequest,
  reply: FastifyReply,
): void {
  if (error.code === 'FST_ERR_BAD_URL') {
    sendProblem(
      reply,
      request.url,
      DomainException.validation([{ name: 'pad', reason: INVALID_CHARACTER_REASON }], 'De URL bevat een ongeldig teken.'),
    );
    return;
  }
  if (error.code === 'FST_ERR_MAX_PARAM_LENGTH') {
    sendProblem(reply, request.url, DomainException.validation([{ name: 'pad', reason: 'is te lang' }], 'Een deel van de URL is te lang.'));
    return;
  }
  sendProblem(reply, request.url, error);
}

/**
 * The names of the query parameters whose percent-encoding is not valid UTF-8 (`%ED%A0%80` is a lone surrogate,
 * `%FF` no character at all). Fastify's query parser keeps such a value as the raw text; it is refused instead,
 * like a lone surrogate in a body.
 */
export function malformedQueryParams(rawQuery: string): string[] {
  const names: string[] = [];
  for (const part of rawQuery.split('&')) {
    if (!part) continue;
    const eq = part.indexOf('=');
    const rawName = eq < 0 ? part : part.slice(0, eq);
    const rawValue = eq < 0 ? '' : part.slice(eq + 1);
    const decode = (s: string): string | undefined => {
      try {
        return decodeURIComponent(s.replace(/\+/g, ' '));
      } catch {
        return undefined;
      }
    };
    const name = decode(rawName);
    if (name === undefined || decode(rawValue) === undefined) names.push(name ?? rawName);
    if (names.length >= 50) break;
  }
  return names;
}

/** Refuses a request whose query string holds invalid percent-encoding: 400 naming each parameter. */
export function refuseMalformedQuery(fastify: FastifyInstance): void {
  fastify.addHook('onRequest', async (request, reply) => {
    const q = request.url.indexOf('?');
    if (q < 0) return;
    const names = malformedQueryParams(request.url.slice(q + 1));
    if (names.length === 0) return;
    sendProblem(reply, request.url, DomainException.validation(names.map((name) => ({ name, reason: INVALID_CHARACTER_REASON }))));
    return reply;
  });
}
