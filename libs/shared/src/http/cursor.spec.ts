import { DomainException } from '../errors';
import { decodeCursor, encodeCursor, nullable } from './cursor';

const ID = '3f2b8c1e-5d4a-4e6b-9c7d-0a1b2c3d4e5f';
const refused = (values: unknown, shape: Parameters<typeof decodeCursor>[1]): void => {
  const cursor = Buffer.from(JSON.stringify(values)).toString('base64url');
  expect(() => decodeCursor(cursor, shape)).toThrow(DomainException);
  try {
    decodeCursor(cursor, shape);
  } catch (e) {
    expect((e as DomainException).invalidParams).toEqual([{ name: 'cursor', reason: 'is geen geldige cursor' }]);
  }
};

describe('decodeCursor', () => {
  it('gives back what encodeCursor wrote, typed by the shape', () => {
    expect(decodeCursor(encodeCursor(['2026-03-20T10:00:00.123456Z', ID]), ['timestamp', 'uuid'])).toEqual([
      '2026-03-20T10:00:00.123456Z',
      ID,
    ]);
    expect(decodeCursor(encodeCursor([2, null, ID]), ['integer', nullable('timestamp'), 'uuid'])).toEqual([2, null, ID]);
    expect(decodeCursor(encodeCursor([0, '2026-03-20T10:00:00.000Z', ID]), ['integer', nullable('timestamp'), 'uuid'])).toEqual([
      0,
      '2026-03-20T10:00:00.000Z',
      ID,
    ]);
    expect(decodeCursor(encodeCursor(['komend', '2028-02-29', ID]), [['komend', 'voorbij'], 'date', 'uuid'])).toEqual([
      'komend',
      '2028-02-29',
      ID,
    ]);
  });

  it.each([
    ['a string for a timestamp', [1, ID]],
    ['a numeric string', ['1', ID]],
    ['an id of 36 dashes', ['2026-03-20T10:00:00.000Z', '-'.repeat(36)]],
    ['an id that is not a UUID', ['2026-03-20T10:00:00.000Z', `${ID.slice(0, -1)}g`]],
    ['a date that does not exist', ['2026-02-30T10:00:00.000Z', ID]],
    ['an hour that does not exist', ['2026-03-20T25:00:00.000Z', ID]],
    ['a date without time', ['2026-03-20', ID]],
    ['a timestamp with an offset', ['2026-03-20T10:00:00+01:00', ID]],
    ['too many values', ['2026-03-20T10:00:00.000Z', ID, 1]],
    ['too few values', ['2026-03-20T10:00:00.000Z']],
    ['an object', { a: 1 }],
  ])('refuses %s with a 400 naming cursor', (_what, values) => refused(values, ['timestamp', 'uuid']));

  it.each([
    ['a fractional urgency', [1.5, null, ID]],
    ['a huge urgency', [1e300, null, ID]],
    ['not a date', [1, 'not-a-date', ID]],
    ['a string urgency', ['1', null, ID]],
  ])('refuses a queue cursor with %s', (_what, values) => refused(values, ['integer', nullable('timestamp'), 'uuid']));

  it('refuses a meeting cursor with an unknown part or an impossible date', () => {
    refused(['later', '2026-03-20', ID], [['komend', 'voorbij'], 'date', 'uuid']);
    refused(['komend', '2027-02-29', ID], [['komend', 'voorbij'], 'date', 'uuid']);
  });

  it('refuses what is not base64url JSON', () => {
    expect(() => decodeCursor('bogus', ['timestamp', 'uuid'])).toThrow(DomainException);
    expect(() => decodeCursor('', ['timestamp', 'uuid'])).toThrow(DomainException);
  });
});
