import { addDays, addMonths, addWeeks, daysBetween, formatDatumNl, fromEpochDay, isLocalDate, isoWeekday, toEpochDay } from './local-date';
import { amsterdamInstant, amsterdamOffsetMinutes, endOfDayAmsterdam, startOfDayAmsterdam, toLocalDateAmsterdam } from './amsterdam-tijd';

describe('LocalDate arithmetic', () => {
  it('validates dates', () => {
    expect(isLocalDate('2028-02-29')).toBe(true);
    expect(isLocalDate('2027-02-29')).toBe(false);
    expect(isLocalDate('2026-13-01')).toBe(false);
    expect(isLocalDate('2026-1-01')).toBe(false);
    expect(isLocalDate(20260101)).toBe(false);
    expect(() => addDays('2026-02-30', 1)).toThrow(RangeError);
  });

  it('round-trips epoch days', () => {
    expect(toEpochDay('1970-01-01')).toBe(0);
    expect(fromEpochDay(0)).toBe('1970-01-01');
    for (let e = -700_000; e <= 2_900_000; e += 997) {
      expect(toEpochDay(fromEpochDay(e))).toBe(e);
    }
  });

  it('adds days, weeks and months', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2028-03-01', -1)).toBe('2028-02-29');
    expect(addWeeks('2026-03-20', 8)).toBe('2026-05-15');
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2028-01-31', 1)).toBe('2028-02-29');
    expect(addMonths('2026-11-15', 3)).toBe('2027-02-15');
    expect(addMonths('2026-03-31', -1)).toBe('2026-02-28');
    expect(addMonths('2026-01-15', -13)).toBe('2024-12-15');
    expect(daysBetween('2026-01-01', '2027-01-01')).toBe(365);
    expect(() => addDays('2026-01-01', 1.5)).toThrow(RangeError);
  });

  it('computes ISO weekdays and Dutch dates', () => {
    expect(isoWeekday('2026-12-26')).toBe(6);
    expect(isoWeekday('2026-12-27')).toBe(7);
    expect(isoWeekday('2026-12-28')).toBe(1);
    expect(isoWeekday('1969-12-31')).toBe(3);
    expect(formatDatumNl('2026-05-15')).toBe('vrijdag 15 mei 2026');
  });
});

describe('Europe/Amsterdam time', () => {
  it('converts wall-clock times around the DST transitions', () => {
    expect(amsterdamInstant('2026-03-28', 9).toISOString()).toBe('2026-03-28T08:00:00.000Z');
    expect(amsterdamInstant('2026-03-29', 9).toISOString()).toBe('2026-03-29T07:00:00.000Z');
    expect(amsterdamInstant('2026-10-24', 9).toISOString()).toBe('2026-10-24T07:00:00.000Z');
    expect(amsterdamInstant('2026-10-25', 9).toISOString()).toBe('2026-10-25T08:00:00.000Z');
    expect(amsterdamInstant('2026-07-01', 17, 30).toISOString()).toBe('2026-07-01T15:30:00.000Z');
  });

  it('resolves the transition hours like Temporal "compatible"', () => {
    // Spring gap: 02:30 does not exist -> 03:30 CEST.
    expect(amsterdamInstant('2026-03-29', 2, 30).toISOString()).toBe('2026-03-29T01:30:00.000Z');
    expect(amsterdamInstant('2026-03-29', 1, 59).toISOString()).toBe('2026-03-29T00:59:00.000Z');
    expect(amsterdamInstant('2026-03-29', 3, 0).toISOString()).toBe('2026-03-29T01:00:00.000Z');
    // Autumn overlap: 02:30 occurs twice -> the earlier (CEST) instant.
    expect(amsterdamInstant('2026-10-25', 2, 30).toISOString()).toBe('2026-10-25T00:30:00.000Z');
    expect(amsterdamInstant('2026-10-25', 3, 0).toISOString()).toBe('2026-10-25T02:00:00.000Z');
  });

  it('gives the Amsterdam calendar date of an instant', () => {
    expect(toLocalDateAmsterdam(new Date('2026-12-31T23:30:00Z'))).toBe('2027-01-01');
    expect(toLocalDateAmsterdam(new Date('2026-12-31T22:59:59Z'))).toBe('2026-12-31');
    expect(toLocalDateAmsterdam(new Date('2026-06-30T22:00:00Z'))).toBe('2026-07-01');
    expect(toLocalDateAmsterdam(new Date('2026-06-30T21:59:59Z'))).toBe('2026-06-30');
  });

  it('knows the offset at the exact transition instants', () => {
    expect(amsterdamOffsetMinutes(new Date('2026-03-29T00:59:59.999Z'))).toBe(60);
    expect(amsterdamOffsetMinutes(new Date('2026-03-29T01:00:00Z'))).toBe(120);
    expect(amsterdamOffsetMinutes(new Date('2026-10-25T00:59:59.999Z'))).toBe(120);
    expect(amsterdamOffsetMinutes(new Date('2026-10-25T01:00:00Z'))).toBe(60);
  });

  it('gives start and end of an Amsterdam day, also on 23- and 25-hour days', () => {
    expect(startOfDayAmsterdam('2026-05-18').toISOString()).toBe('2026-05-17T22:00:00.000Z');
    expect(endOfDayAmsterdam('2026-05-18').toISOString()).toBe('2026-05-18T21:59:59.999Z');
    expect(endOfDayAmsterdam('2026-12-28').toISOString()).toBe('2026-12-28T22:59:59.999Z');
    expect(endOfDayAmsterdam('2026-03-29').toISOString()).toBe('2026-03-29T21:59:59.999Z');
    expect(endOfDayAmsterdam('2026-10-25').toISOString()).toBe('2026-10-25T22:59:59.999Z');
  });

  it('agrees with Intl for every hour of several years (test-only cross-check)', () => {
    const fmt = new Intl.DateTimeFormat('en-CA', {
      timeZone: 'Europe/Amsterdam',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    const start = Date.UTC(2024, 0, 1);
    const end = Date.UTC(2031, 0, 1);
    for (let ms = start; ms < end; ms += 3_600_000) {
      const parts = Object.fromEntries(fmt.formatToParts(new Date(ms)).map((p) => [p.type, p.value]));
      const date = `${parts['year']}-${parts['month']}-${parts['day']}`;
      expect(toLocalDateAmsterdam(new Date(ms))).toBe(date);
      const hour = Number(parts['hour']);
      const back = amsterdamInstant(date, hour, Number(parts['minute']));
      // In the autumn overlap the second (CET) occurrence maps back to the earlier CEST instant.
      if (back.getTime() !== ms) expect(ms - back.getTime()).toBe(3_600_000);
    }
  });
});
