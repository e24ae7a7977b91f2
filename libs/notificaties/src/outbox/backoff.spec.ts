import { backoffMs, deliveryStateOf } from './backoff';

describe('backoffMs', () => {
  it.each([
    [1, 1000, 60_000, 1000],
    [2, 1000, 60_000, 2000],
    [3, 1000, 60_000, 4000],
    [6, 1000, 60_000, 32_000],
    [7, 1000, 60_000, 60_000],
    [500, 1000, 60_000, 60_000],
    [0, 1000, 60_000, 1000],
    [1, 10_000, 3_600_000, 10_000],
    [10, 10_000, 3_600_000, 3_600_000],
  ])('after %i failed attempt(s) with base %i and max %i waits %i ms', (n, base, max, expected) => {
    expect(backoffMs(n, base, max)).toBe(expected);
  });
});

describe('deliveryStateOf', () => {
  it.each([
    ['failed', 'mislukt'],
    ['mislukt', 'mislukt'],
    ['pending', 'wachtend'],
    ['wachtend', 'wachtend'],
    ['sending', 'bezig'],
    ['sent', 'verzonden'],
    ['skipped', 'overgeslagen'],
    ['FAILED', null],
    ['kapot', null],
  ])('%s → %s', (value, expected) => {
    expect(deliveryStateOf(value)).toBe(expected);
  });
});
