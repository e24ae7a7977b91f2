import { InvalidParam } from '../errors';

/** The one reason given for a string with a character no text may hold. */
export const INVALID_CHARACTER_REASON = 'bevat een ongeldig teken';

/** Reported at most per request; the walk stops there. */
const MAX_FINDINGS = 50;

/**
 * NUL, and UTF-16 surrogates that are not part of a pair: PostgreSQL cannot store them in text or jsonb
 * (22P05, 22021), and a workflow that carries them cannot project its state.
 */
// eslint-disable-next-line no-control-regex -- NUL is exactly what this rule looks for
const INVALID_CHARACTER = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

export function hasInvalidCharacter(text: string): boolean {
  return INVALID_CHARACTER.test(text);
}

/** A name for an offending key that itself can be shown and stored. */
function printable(key: string): string {
  // eslint-disable-next-line no-control-regex -- see INVALID_CHARACTER
  return key.replace(/\u0000|[\ud800-\udfff]/g, '\ufffd');
}

function childName(parent: string, key: string, isIndex: boolean): string {
  if (isIndex) return `${parent}[${key}]`;
  return parent ? `${parent}.${key}` : key;
}

/**
 * Walks a value from a request (body, query or path parameters, at any depth, keys included) and names every
 * string with an invalid character, the way validation errors are named (`knelpunten[0].title`). Iterative,
 * so a deeply nested body cannot overflow the stack.
 */
export function findInvalidCharacters(value: unknown, root: string): InvalidParam[] {
  const found: InvalidParam[] = [];
  const stack: { value: unknown; name: string }[] = [{ value, name: root }];
  const seen = new Set<object>();
  while (stack.length > 0 && found.length < MAX_FINDINGS) {
    const { value: v, name } = stack.pop()!;
    if (typeof v === 'string') {
      if (hasInvalidCharacter(v)) found.push({ name, reason: INVALID_CHARACTER_REASON });
      continue;
    }
    if (typeof v !== 'object' || v === null || seen.has(v)) continue;
    seen.add(v);
    if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push({ value: v[i], name: childName(name, String(i), true) });
      continue;
    }
    const keys = Object.keys(v);
    for (let i = keys.length - 1; i >= 0; i--) {
      const key = keys[i]!;
      const keyName = childName(name, printable(key), false);
      if (hasInvalidCharacter(key)) {
        found.push({ name: keyName, reason: INVALID_CHARACTER_REASON });
        if (found.length >= MAX_FINDINGS) break;
        continue;
      }
      stack.push({ value: (v as Record<string, unknown>)[key], name: keyName });
    }
  }
  return found;
}
