import { WerkdagenKalender } from '../werkdagen/werkdagen-kalender';
import { planUitvraag, sluitingsdatumProbleem } from './uitvraag-planning';

describe('planUitvraag: reminders 10 and 5 werkdagen before and on the closing date, 09:00 Europe/Amsterdam', () => {
  const kalender = new WerkdagenKalender();
  const now = '2026-12-01T10:00:00.000Z';
  const dates = (closingDate: string): [string, string, string][] =>
    planUitvraag(closingDate, now, kalender).reminders.map((r) => [r.kind, r.date, r.at]);

  it.each<[string, string, [string, string, string][]]>([
    [
      // Across Christmas and New Year: 25 and 26 December (a Saturday) and 1 January are no werkdagen.
      'around Christmas and Nieuwjaarsdag',
      '2027-01-08',
      [
        ['10_werkdagen', '2026-12-23', '2026-12-23T08:00:00.000Z'],
        ['5_werkdagen', '2026-12-31', '2026-12-31T08:00:00.000Z'],
        ['sluitingsdag', '2027-01-08', '2027-01-08T08:00:00.000Z'],
      ],
    ],
    [
      // Koningsdag (Tuesday 27 April), 5 mei, Hemelvaartsdag (6 May) and the equated 7 May 2027; summer time (UTC+2).
      'around Koningsdag, 5 mei, Hemelvaart and an equated day',
      '2027-05-12',
      [
        ['10_werkdagen', '2027-04-22', '2027-04-22T07:00:00.000Z'],
        ['5_werkdagen', '2027-04-30', '2027-04-30T07:00:00.000Z'],
        ['sluitingsdag', '2027-05-12', '2027-05-12T07:00:00.000Z'],
      ],
    ],
    [
      'over plain weekends',
      '2027-03-19',
      [
        ['10_werkdagen', '2027-03-05', '2027-03-05T08:00:00.000Z'],
        ['5_werkdagen', '2027-03-12', '2027-03-12T08:00:00.000Z'],
        ['sluitingsdag', '2027-03-19', '2027-03-19T08:00:00.000Z'],
      ],
    ],
  ])('%s (closing %s)', (_name, closingDate, expected) => {
    expect(dates(closingDate)).toEqual(expected);
  });

  it('closes at the start of the day after the closing date', () => {
    expect(planUitvraag('2027-01-08', now, kalender).closesAt).toBe('2027-01-08T23:00:00.000Z');
    expect(planUitvraag('2027-05-12', now, kalender).closesAt).toBe('2027-05-12T22:00:00.000Z');
  });

  it('skips reminders whose moment has already passed when the round is planned (never sent late in a burst)', () => {
    const plan = planUitvraag('2027-01-08', '2027-01-04T12:00:00.000Z', kalender);
    expect(plan.reminders.map((r) => [r.kind, r.skipped])).toEqual([
      ['10_werkdagen', true],
      ['5_werkdagen', true],
      ['sluitingsdag', false],
    ]);
    // Exactly at the moment it is still due.
    expect(planUitvraag('2027-01-08', '2027-01-08T08:00:00.000Z', kalender).reminders[2]!.skipped).toBe(false);
  });

  it('uses the equated days it is given (the gelijkgestelde dagen from the database)', () => {
    const met = new WerkdagenKalender([{ date: '2027-03-18', name: 'Gelijkgestelde dag (test)' }]);
    expect(planUitvraag('2027-03-19', now, met).reminders.map((r) => r.date)).toEqual(['2027-03-04', '2027-03-11', '2027-03-19']);
  });
});

describe('sluitingsdatumProbleem', () => {
  const kalender = new WerkdagenKalender();
  it.each([
    ['2026-12-01', 'moet in de toekomst liggen'],
    ['2026-11-30', 'moet in de toekomst liggen'],
    ['2026-12-05', 'moet een werkdag zijn: zaterdag 5 december 2026 valt in het weekend'],
    ['2026-12-25', 'moet een werkdag zijn: vrijdag 25 december 2026 is Eerste Kerstdag'],
    ['2027-04-27', 'moet een werkdag zijn: dinsdag 27 april 2027 is Koningsdag'],
    ['2026-12-02', null],
  ])('%s → %s', (date, problem) => {
    expect(sluitingsdatumProbleem(date, '2026-12-01', kalender)).toBe(problem);
  });
});
