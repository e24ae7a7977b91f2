import { ArgumentMetadata } from '@nestjs/common';
import { DomainException } from '../errors';
import { findInvalidCharacters, hasInvalidCharacter, INVALID_CHARACTER_REASON } from './invalid-characters';
import { createValidationPipe } from './validation';

const bad = (name: string) => ({ name, reason: INVALID_CHARACTER_REASON });

describe('hasInvalidCharacter', () => {
  it('finds NUL and lone surrogates, and lets every other text through', () => {
    expect(hasInvalidCharacter('a\u0000b')).toBe(true);
    expect(hasInvalidCharacter('\ud800')).toBe(true);
    expect(hasInvalidCharacter('x\udc00')).toBe(true);
    expect(hasInvalidCharacter('\udc00\ud800')).toBe(true);
    expect(hasInvalidCharacter('gewoon tekst, met ë, € en \u2028')).toBe(false);
    expect(hasInvalidCharacter('emoji \ud83d\ude00 is een geldig paar')).toBe(false);
    expect(hasInvalidCharacter('')).toBe(false);
  });
});

describe('findInvalidCharacters', () => {
  it('names every offending string at any depth the way validation names fields', () => {
    const body = {
      title: 'ok',
      knelpunten: [{ title: 'a\u0000' }, { description: 'fine', theme: '\ud800' }],
      extension: { unit: 'weken\u0000', nested: { deeper: ['ok', 'x\udfff'] } },
    };
    expect(findInvalidCharacters(body, '')).toEqual([
      bad('knelpunten[0].title'),
      bad('knelpunten[1].theme'),
      bad('extension.unit'),
      bad('extension.nested.deeper[1]'),
    ]);
  });

  it('checks keys too, and names them printably', () => {
    expect(findInvalidCharacters({ 'ti\u0000tle': 'x' }, '')).toEqual([bad('ti\ufffdtle')]);
  });

  it('uses the root name for a single value (a path or query parameter)', () => {
    expect(findInvalidCharacters('UWV\u0000', 'organisation')).toEqual([bad('organisation')]);
    expect(findInvalidCharacters({ q: ['a', '\u0000'] }, '')).toEqual([bad('q[1]')]);
  });

  it('finds nothing in valid input, numbers, booleans and null', () => {
    expect(findInvalidCharacters({ a: 1, b: true, c: null, d: ['x', { e: 'ë' }] }, '')).toEqual([]);
  });

  it('walks deep nesting without overflowing the stack and stops after 50 findings', () => {
    let deep: unknown = '\u0000';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(findInvalidCharacters(deep, '')).toHaveLength(1);
    expect(
      findInvalidCharacters(
        Array.from({ length: 500 }, () => '\u0000'),
        'x',
      ),
    ).toHaveLength(50);
  });
});

describe('the global validation pipe', () => {
  const pipe = createValidationPipe();
  const meta = (type: ArgumentMetadata['type'], data?: string): ArgumentMetadata => ({ type, data, metatype: undefined });

  it('refuses a body, query or path parameter with an invalid character with a 400 naming the field', async () => {
    for (const [value, m, name] of [
      [{ question: 'wat\u0000' }, meta('body'), 'question'],
      [{ q: '\u0000' }, meta('query'), 'q'],
      ['UWV\ud800', meta('param', 'code'), 'code'],
    ] as const) {
      const err = await pipe.transform(value, m).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(DomainException);
      expect((err as DomainException).invalidParams).toEqual([bad(name)]);
    }
  });

  it('leaves custom parameters (the principal) alone', async () => {
    await expect(pipe.transform({ name: '\u0000' }, meta('custom'))).resolves.toEqual({ name: '\u0000' });
  });
});
