import { isoWeekday, WerkdagenKalender } from '@kp/domain';
import { agendaClosesOn, defaultMeetingDate, defaultMeetingsFrom } from './acu-calendar';

const kalender = new WerkdagenKalender();

describe('default ACU calendar', () => {
  it('meets on the first Thursday of the month', () => {
    expect(defaultMeetingDate(2026, 2, kalender)).toBe('2026-02-05');
    expect(defaultMeetingDate(2026, 10, kalender)).toBe('2026-10-01');
    expect(isoWeekday(defaultMeetingDate(2026, 3, kalender))).toBe(4);
  });

  it('takes the second Thursday when the first is a feestdag', () => {
    expect(defaultMeetingDate(2026, 1, kalender)).toBe('2026-01-08'); // 1 January: Nieuwjaarsdag
    expect(defaultMeetingDate(2027, 5, kalender)).toBe('2027-05-13'); // 6 May 2027: Hemelvaartsdag
  });

  it('closes the agenda 5 werkdagen before, skipping feestdagen and equated days', () => {
    expect(agendaClosesOn('2026-02-05', kalender)).toBe('2026-01-29');
    // 2 January 2026 is an equated day and 1 January Nieuwjaarsdag: back into December.
    expect(agendaClosesOn('2026-01-08', kalender)).toBe('2025-12-30');
  });

  it('lists the meetings whose agenda is still open, from the month of today', () => {
    const it = defaultMeetingsFrom('2026-01-29', kalender);
    expect(it.next().value).toEqual({ meetingDate: '2026-02-05', agendaClosesOn: '2026-01-29' });
    const later = defaultMeetingsFrom('2026-01-30', kalender);
    expect(later.next().value).toEqual({ meetingDate: '2026-03-05', agendaClosesOn: '2026-02-26' });
    expect(later.next().value).toEqual({ meetingDate: '2026-04-02', agendaClosesOn: '2026-03-26' });
  });
});
