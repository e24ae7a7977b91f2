import { describe, expect, it } from 'vitest';
import { quarterLabels } from './quarter';

describe('quarterLabels', () => {
  it('names a quarter short for the axis and in words for the table', () => {
    expect(quarterLabels('2026-Q4')).toEqual({ short: 'K4 2026', long: '4e kwartaal 2026' });
    expect(quarterLabels('2027-Q1')).toEqual({ short: 'K1 2027', long: '1e kwartaal 2027' });
  });

  it('shows anything else as it came', () => {
    expect(quarterLabels('2026-Q5')).toEqual({ short: '2026-Q5', long: '2026-Q5' });
  });
});
