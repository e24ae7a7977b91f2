import { berekenTermijn, reminderDates } from './termijn';
import { WerkdagenKalender } from './werkdagen-kalender';

describe('berekenTermijn', () => {
  const kal = new WerkdagenKalender();

  it('8 weeks from 2026-03-20 ends on the equated day 15 May and moves to Monday 18 May', () => {
    const r = berekenTermijn({ start: '2026-03-20', term: { amount: 8, unit: 'weken' } }, kal);
    expect(r.nominalEnd).toBe('2026-05-15');
    expect(r.unshiftedEnd).toBe('2026-05-15');
    expect(r.dueDate).toBe('2026-05-18');
    expect(r.suspendedDays).toBe(0);
    expect(r.extension).toBeNull();
    expect(r.shiftedBy).toEqual([
      { date: '2026-05-15', reason: 'Gelijkgestelde dag (besluit)' },
      { date: '2026-05-16', reason: 'zaterdag' },
      { date: '2026-05-17', reason: 'zondag' },
    ]);
    expect(r.explanation).toEqual([
      'Startdatum: vrijdag 20 maart 2026 (de dag van de gebeurtenis); de termijn loopt vanaf de dag daarna.',
      'Termijn van 8 weken: bij gewone telling eindigt de termijn op vrijdag 15 mei 2026.',
      'Vrijdag 15 mei 2026 is geen werkdag: Gelijkgestelde dag (besluit).',
      'Zaterdag 16 mei 2026 valt in het weekend.',
      'Zondag 17 mei 2026 valt in het weekend.',
      'Op grond van artikel 1 van de Algemene termijnenwet loopt de termijn door tot en met maandag 18 mei 2026.',
      'Uiterste datum: maandag 18 mei 2026.',
    ]);
  });

  it('a term ending on Saturday 26 December 2026 (Tweede Kerstdag) moves to Monday 28 December', () => {
    const r = berekenTermijn({ start: '2026-12-19', term: { amount: 1, unit: 'weken' } }, kal);
    expect(r.nominalEnd).toBe('2026-12-26');
    expect(r.dueDate).toBe('2026-12-28');
    expect(r.shiftedBy).toEqual([
      { date: '2026-12-26', reason: 'Tweede Kerstdag' },
      { date: '2026-12-27', reason: 'zondag' },
    ]);
    expect(r.explanation).toContain('Zaterdag 26 december 2026 is geen werkdag: Tweede Kerstdag.');
    expect(r.explanation).toContain('Zondag 27 december 2026 valt in het weekend.');
  });

  it('a term ending on Goede Vrijdag 2026 moves to Tuesday 7 April', () => {
    const r = berekenTermijn({ start: '2026-03-06', term: { amount: 4, unit: 'weken' } }, kal);
    expect(r.nominalEnd).toBe('2026-04-03');
    expect(r.dueDate).toBe('2026-04-07');
    expect(r.shiftedBy.map((s) => s.date)).toEqual(['2026-04-03', '2026-04-04', '2026-04-05', '2026-04-06']);
    expect(r.explanation).toContain('Maandag 6 april 2026 is geen werkdag: Tweede Paasdag.');
    expect(r.explanation).toContain(
      'Op grond van artikel 1 van de Algemene termijnenwet loopt de termijn door tot en met dinsdag 7 april 2026.',
    );
  });

  it('does not shift an end that is a werkdag', () => {
    const r = berekenTermijn({ start: '2026-06-01', term: { amount: 3, unit: 'weken' } }, kal);
    expect(r.dueDate).toBe('2026-06-22');
    expect(r.shiftedBy).toEqual([]);
    expect(r.explanation).toContain('Maandag 22 juni 2026 is een werkdag; de einddatum verschuift niet.');
  });

  it('counts dagen, maanden and werkdagen', () => {
    expect(berekenTermijn({ start: '2026-01-31', term: { amount: 1, unit: 'maanden' } }, kal).nominalEnd).toBe('2026-02-28');
    expect(berekenTermijn({ start: '2026-01-31', term: { amount: 1, unit: 'maanden' } }, kal).dueDate).toBe('2026-03-02');
    expect(berekenTermijn({ start: '2026-05-01', term: { amount: 13, unit: 'dagen' } }, kal).dueDate).toBe('2026-05-18');
    const w = berekenTermijn({ start: '2026-04-29', term: { amount: 10, unit: 'werkdagen' } }, kal);
    expect(w.nominalEnd).toBe('2026-05-18');
    expect(w.dueDate).toBe('2026-05-18');
    expect(w.explanation[1]).toBe(
      'Termijn van 10 werkdagen (zaterdagen, zondagen en feestdagen tellen niet mee): bij gewone telling eindigt de termijn op maandag 18 mei 2026.',
    );
  });

  it('adds suspended days and then extensions before the Algemene termijnenwet shift', () => {
    const r = berekenTermijn(
      {
        start: '2026-03-20',
        term: { amount: 8, unit: 'weken' },
        suspendedDays: 3,
        extensions: [
          { amount: 1, unit: 'weken' },
          { amount: 1, unit: 'weken' },
        ],
      },
      kal,
    );
    // 15 May + 3 = 18 May; + 2 weeks = 1 June (Monday, a werkdag).
    expect(r.unshiftedEnd).toBe('2026-06-01');
    expect(r.dueDate).toBe('2026-06-01');
    expect(r.extension).toEqual({ amount: 2, unit: 'weken' });
    expect(r.extensions).toHaveLength(2);
    expect(r.explanation).toContain('De termijn is 3 kalenderdagen opgeschort; de einddatum schuift op naar maandag 18 mei 2026.');
    expect(r.explanation).toContain('De termijn is verlengd met 1 week; de einddatum schuift op naar maandag 25 mei 2026.');
  });

  it('expresses mixed-unit extensions in calendar days', () => {
    const r = berekenTermijn(
      {
        start: '2026-06-01',
        term: { amount: 1, unit: 'weken' },
        extensions: [
          { amount: 1, unit: 'weken' },
          { amount: 3, unit: 'dagen' },
        ],
      },
      kal,
    );
    expect(r.unshiftedEnd).toBe('2026-06-18');
    expect(r.extension).toEqual({ amount: 10, unit: 'dagen' });
  });

  it('validates its input', () => {
    expect(() => berekenTermijn({ start: '2026-02-30', term: { amount: 1, unit: 'weken' } }, kal)).toThrow(RangeError);
    expect(() => berekenTermijn({ start: '2026-02-01', term: { amount: -1, unit: 'weken' } }, kal)).toThrow(RangeError);
    expect(() => berekenTermijn({ start: '2026-02-01', term: { amount: 1, unit: 'jaren' as never } }, kal)).toThrow(RangeError);
    expect(() => berekenTermijn({ start: '2026-02-01', term: { amount: 1, unit: 'weken' }, suspendedDays: -2 }, kal)).toThrow(RangeError);
  });
});

describe('reminderDates', () => {
  const kal = new WerkdagenKalender();

  it('gives 10 and 5 werkdagen before the due date and the day itself', () => {
    expect(reminderDates('2026-05-18', [10, 5, 0], kal)).toEqual([
      { werkdagenBefore: 10, date: '2026-04-29' },
      { werkdagenBefore: 5, date: '2026-05-07' },
      { werkdagenBefore: 0, date: '2026-05-18' },
    ]);
  });

  it('skips Christmas when counting back', () => {
    expect(reminderDates('2027-01-04', [5, 1], kal)).toEqual([
      { werkdagenBefore: 5, date: '2026-12-24' },
      { werkdagenBefore: 1, date: '2026-12-31' },
    ]);
  });
});
