import { describe, expect, it } from 'vitest';
import { recentQuarters } from './quarters';

describe('recentQuarters', () => {
  it('lists the current quarter first, then the ones before it, across a year', () => {
    expect(recentQuarters(new Date('2026-12-02T03:00:00Z'))).toEqual([
      '2026-Q4',
      '2026-Q3',
      '2026-Q2',
      '2026-Q1',
      '2025-Q4',
      '2025-Q3',
      '2025-Q2',
      '2025-Q1',
    ]);
  });

  it('takes the quarter in Europe/Amsterdam: New Year there is still December in UTC', () => {
    expect(recentQuarters(new Date('2026-12-31T23:30:00Z'), 2)).toEqual(['2027-Q1', '2026-Q4']);
  });
});
