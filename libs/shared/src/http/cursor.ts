import { DomainException } from '../errors';

/** Opaque keyset cursors: base64url of a small JSON array of the last row's sort key. */
export function encodeCursor(values: (string | number | null)[]): string {
  return Buffer.from(JSON.stringify(values), 'utf8').toString('base64url');
}

/**
 * The kind of one value of a cursor, checked strictly so a forged cursor is a 400 naming `cursor` and never reaches
 * the SQL: `timestamp` an ISO instant in UTC (`2026-03-20T10:00:00.123456Z`, up to microseconds) whose date and time
 * round-trip, `date` a calendar date (`2026-03-20`) that round-trips, `uuid` a real UUID (hex groups 8-4-4-4-12),
 * `integer` a safe integer, a list of strings one of those literals; `nullable(...)` also allows null.
 */
type PlainField = 'timestamp' | 'date' | 'uuid' | 'integer' | readonly string[];
export type CursorField = PlainField | { nullable: PlainField };

type PlainValue<F> = F extends 'integer'
  ? number
  : F extends 'timestamp' | 'date' | 'uuid'
    ? string
    : F extends readonly (infer L)[]
      ? L
      : never;
type ValueOf<F> = F extends { nullable: infer G } ? PlainValue<G> | null : PlainValue<F>;

export type CursorValues<S extends readonly CursorField[]> = { -readonly [K in keyof S]: ValueOf<S[K]> };

export function nullable<F extends PlainField>(field: F): { nullable: F } {
  return { nullable: field };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d{1,6})?Z$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether year-month-day (and the time) exist: Date.UTC normalises 2026-02-30 to March, so compare back. */
function roundTrips(parts: string[]): boolean {
  const [y, mo, d, h = 0, mi = 0, s = 0] = parts.map(Number);
  if (y < 1 || mo < 1 || mo > 12 || d < 1) return false;
  const t = new Date(Date.UTC(y, mo - 1, d, h, mi, s));
  t.setUTCFullYear(y); // Date.UTC maps years 0–99 to 1900–1999
  return (
    t.getUTCFullYear() === y &&
    t.getUTCMonth() === mo - 1 &&
    t.getUTCDate() === d &&
    t.getUTCHours() === h &&
    t.getUTCMinutes() === mi &&
    t.getUTCSeconds() === s
  );
}

export function isCursorValue(field: CursorField, value: unknown): boolean {
  if (typeof field === 'object' && 'nullable' in field) return value === null || isCursorValue(field.nullable, value);
  if (typeof field === 'object') return typeof value === 'string' && field.includes(value);
  switch (field) {
    case 'integer':
      return typeof value === 'number' && Number.isSafeInteger(value);
    case 'uuid':
      return typeof value === 'string' && UUID.test(value);
    case 'timestamp': {
      const m = typeof value === 'string' ? TIMESTAMP.exec(value) : null;
      return m !== null && roundTrips(m.slice(1));
    }
    case 'date': {
      const m = typeof value === 'string' ? DATE.exec(value) : null;
      return m !== null && roundTrips(m.slice(1));
    }
    default:
      return false;
  }
}

/**
 * Decodes a cursor against its shape (one {@link CursorField} per value). Anything else — not base64url JSON, another
 * length, a value of the wrong kind — is a 400 naming `cursor`.
 */
export function decodeCursor<const S extends readonly CursorField[]>(cursor: string, shape: S): CursorValues<S> {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(parsed) && parsed.length === shape.length && shape.every((field, i) => isCursorValue(field, parsed[i]))) {
      return parsed as CursorValues<S>;
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
