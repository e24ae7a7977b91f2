import { describe, expect, it } from 'vitest';
import { remindersText, toNumber } from './policy-text';

describe('remindersText', () => {
  it.each([
    [[10, 5, 0], '10 en 5 werkdagen vooraf en op de dag zelf'],
    [[10, 5], '10 en 5 werkdagen vooraf'],
    [[15, 10, 5], '15, 10 en 5 werkdagen vooraf'],
    [[5], '5 werkdagen vooraf'],
    [[0], 'Op de dag zelf'],
    [[], 'Geen'],
  ])('%j → %s', (days, text) => {
    expect(remindersText(days)).toBe(text);
  });
});

describe('toNumber', () => {
  it('passes numbers on and turns what is none into null, for the API to refuse by name', () => {
    expect(toNumber('8')).toBe(8);
    expect(toNumber(' 0 ')).toBe(0);
    expect(toNumber('2.5')).toBe(2.5);
    expect(toNumber('')).toBeNull();
    expect(toNumber('acht')).toBeNull();
  });
});
