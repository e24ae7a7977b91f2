import { DomainException } from '../errors';

/** Opaque keyset cursors: base64url of a small JSON array of the last row's sort key. */
export function encodeCursor(values: (string | number | null)[]): string {
  return Buffer.from(JSON.stringify(values), 'utf8').toString('base64url');
}

/**
 * Decodes a cursor of `arity` values; `isValid` checks their types, so a forged cursor is a 400
 * and never reaches the SQL.
 */
export function decodeCursor(
  cursor: string,
  arity: number,
  isValid: (values: (string | number | null)[]) => boolean = () => true,
): (string | number | null)[] {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(parsed) && parsed.length === arity && isValid(parsed as (string | number | null)[])) {
      return parsed as (string | number | null)[];
    }
  } catch {
    // fall through
  }
  throw DomainException.validation([{ name: 'cursor', reason: 'is geen geldige cursor' }]);
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}
