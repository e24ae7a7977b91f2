import { DomainException } from '../errors';
import { checkIdempotencyKey } from './idempotency-key';

describe('checkIdempotencyKey', () => {
  it('accepts no header, and 1 to 200 visible ASCII characters', () => {
    expect(checkIdempotencyKey(undefined)).toBeUndefined();
    expect(checkIdempotencyKey('a')).toBe('a');
    expect(checkIdempotencyKey('besluit-2026-01-01_#1')).toBe('besluit-2026-01-01_#1');
    expect(checkIdempotencyKey('k'.repeat(200))).toBe('k'.repeat(200));
  });

  it.each([
    ['empty', ''],
    ['too long', 'k'.repeat(201)],
    ['8000 characters', 'k'.repeat(8000)],
    ['a space', 'a b'],
    ['NUL', 'a\u0000'],
    ['non-ASCII', 'sleutel-ë'],
    ['a repeated header', ['a', 'b']],
  ])('refuses %s with a 400 naming the header', (_label, key) => {
    let err: unknown;
    try {
      checkIdempotencyKey(key);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(DomainException);
    expect((err as DomainException).invalidParams).toEqual([
      { name: 'Idempotency-Key', reason: 'moet 1 tot 200 zichtbare ASCII-tekens zijn' },
    ]);
  });
});
