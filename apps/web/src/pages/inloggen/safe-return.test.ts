import { describe, expect, it } from 'vitest';
import { safeReturn } from './safe-return';

describe('safeReturn', () => {
  it.each([
    ['/werkvoorraad', '/werkvoorraad'],
    ['/knelpunten/UWV-00018?tab=tijdlijn', '/knelpunten/UWV-00018?tab=tijdlijn'],
    ['//evil.example/', null],
    ['/\\evil.example', null],
    ['https://evil.example/', null],
    ['werkvoorraad', null],
    ['', null],
    [null, null],
  ])('%s → %s', (input, expected) => {
    expect(safeReturn(input)).toBe(expected);
  });
});
