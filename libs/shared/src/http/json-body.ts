import type { FastifyInstance } from 'fastify';
import { DomainException } from '../errors';

/** Limits on the shape of a JSON body, checked at parse time (before validation). */
export interface JsonShapeLimits {
  /** Deepest allowed nesting of arrays and objects (`{"a":[1]}` is 2). */
  maxDepth: number;
  /** Most properties in one object. */
  maxKeysPerObject: number;
  /** Most values in the whole body (every object, array, string, number, boolean and null counts). */
  maxValues: number;
}

/**
 * Checks the shape of a JSON text before it is parsed, in one linear scan over its characters outside strings (no
 * recursion, no objects built): nesting depth, properties per object and values in all (every object, array,
 * string, number, boolean and null that is not a property name). Stops at the first limit passed and answers its
 * Dutch reason, or null when the text keeps within the limits. Malformed JSON is left to the parser.
 */
export function jsonShapeProblem(text: string, limits: JsonShapeLimits): string | null {
  // Per open container: -1 for an array, else the number of properties seen so far in the object.
  const keys = new Int32Array(limits.maxDepth + 1);
  let depth = 0;
  let values = 0;
  let inString = false;
  let inLiteral = false;
  let expectKey = false;
  const tooMany = `De body bevat te veel waarden (meer dan ${limits.maxValues}).`;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c /* \ */) i++;
      else if (c === 0x22 /* " */) inString = false;
      continue;
    }
    switch (c) {
      case 0x22 /* " */:
        inString = true;
        inLiteral = false;
        if (depth > 0 && keys[depth]! >= 0 && expectKey) {
          if (++keys[depth]! > limits.maxKeysPerObject) {
            return `Een object in de body heeft te veel velden (meer dan ${limits.maxKeysPerObject}).`;
          }
          expectKey = false;
        } else if (++values > limits.maxValues) return tooMany;
        break;
      case 0x7b /* { */:
      case 0x5b /* [ */:
        inLiteral = false;
        if (++values > limits.maxValues) return tooMany;
        if (++depth > limits.maxDepth) return `De body is te diep genest (meer dan ${limits.maxDepth} niveaus).`;
        keys[depth] = c === 0x7b ? 0 : -1;
        expectKey = c === 0x7b;
        break;
      case 0x7d /* } */:
      case 0x5d /* ] */:
        inLiteral = false;
        expectKey = false;
        if (depth > 0) depth--;
        break;
      case 0x2c /* , */:
        inLiteral = false;
        expectKey = depth > 0 && keys[depth]! >= 0;
        break;
      case 0x3a /* : */:
      case 0x20 /* space */:
      case 0x09 /* tab */:
      case 0x0a /* \n */:
      case 0x0d /* \r */:
        inLiteral = false;
        break;
      default:
        // The first character of a number, true, false or null.
        if (!inLiteral) {
          inLiteral = true;
          if (++values > limits.maxValues) return tooMany;
        }
    }
  }
  return null;
}

/**
 * Replaces Fastify's application/json parser by one that first checks the shape with {@link jsonShapeProblem} (a
 * deep `[[[[…]]]]` or 150,000 properties never reach JSON.parse, validation or the error list, which build objects
 * or recurse) — a 400 problem+json — and then parses with Fastify's own safe parser (prototype poisoning refused).
 */
export function registerJsonBodyParser(fastify: FastifyInstance, limits: JsonShapeLimits): void {
  const parse = fastify.getDefaultJsonParser('error', 'error');
  fastify.removeContentTypeParser('application/json');
  fastify.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = body as string;
    const problem = jsonShapeProblem(text, limits);
    if (problem) done(DomainException.validation([], problem), undefined);
    else parse(request, text, done);
  });
}

/**
 * A small body limit for every route, and a large one only for the listed routes (`METHOD /path`, the Fastify
 * pattern): set per route as Fastify registers it (`onRoute`), so it holds for every content type. Register before
 * the routes (before `app.init()`); {@link BodyLimits.check} afterwards fails when a listed route does not exist.
 */
export function registerBodyLimits(
  fastify: FastifyInstance,
  options: { defaultLimit: number; largeLimit: number; largeRoutes: readonly string[] },
): { check(): void } {
  const seen = new Set<string>();
  fastify.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    const large = methods.some((m) => options.largeRoutes.includes(`${m} ${route.url}`));
    if (large) for (const m of methods) seen.add(`${m} ${route.url}`);
    route.bodyLimit = large ? options.largeLimit : (route.bodyLimit ?? options.defaultLimit);
  });
  return {
    check() {
      const missing = options.largeRoutes.filter((r) => !seen.has(r));
      if (missing.length > 0) throw new Error(`body limit: no such route ${missing.join(', ')}`);
    },
  };
}
