import { DEFAULT_EQUATED_DAYS } from './feestdagen';
import { WerkdagenKalender } from './werkdagen-kalender';

describe('WerkdagenKalender', () => {
  const kal = new WerkdagenKalender();

  it('defaults to DEFAULT_EQUATED_DAYS', () => {
    expect(new WerkdagenKalender(DEFAULT_EQUATED_DAYS).feestdagen(2026)).toEqual(kal.feestdagen(2026));
  });

  it('knows weekends, feestdagen and equated days', () => {
    expect(kal.isWerkdag('2026-05-13')).toBe(true);
    expect(kal.isWerkdag('2026-05-14')).toBe(false); // Hemelvaartsdag
    expect(kal.isWerkdag('2026-05-15')).toBe(false); // equated day
    expect(kal.isWerkdag('2026-01-02')).toBe(false); // equated day
    expect(kal.isWerkdag('2026-04-03')).toBe(false); // Goede Vrijdag
    expect(kal.isWerkdag('2026-05-25')).toBe(false); // Tweede Pinksterdag
    expect(kal.isWerkdag('2026-04-27')).toBe(false); // Koningsdag
    expect(kal.isWerkdag('2025-04-26')).toBe(false); // Koningsdag 2025 (Saturday)
    expect(kal.isWerkdag('2026-05-05')).toBe(false);
    expect(kal.isWerkdag('2026-05-16')).toBe(false);
    expect(kal.isWerkdag('2026-05-18')).toBe(true);
  });

  it('explains why a day is not a werkdag', () => {
    expect(kal.reasonNotWerkdag('2026-05-14')).toBe('Hemelvaartsdag');
    expect(kal.reasonNotWerkdag('2026-05-15')).toBe('Gelijkgestelde dag (besluit)');
    expect(kal.reasonNotWerkdag('2026-05-25')).toBe('Tweede Pinksterdag');
    expect(kal.reasonNotWerkdag('2026-05-16')).toBe('zaterdag');
    expect(kal.reasonNotWerkdag('2026-05-17')).toBe('zondag');
    expect(kal.reasonNotWerkdag('2026-12-26')).toBe('Tweede Kerstdag');
    expect(kal.reasonNotWerkdag('2026-05-18')).toBeNull();
  });

  it('uses a supplied list of equated days instead of the defaults', () => {
    const own = new WerkdagenKalender([{ date: '2026-06-01', name: 'Extra dag' }]);
    expect(own.isWerkdag('2026-05-15')).toBe(true);
    expect(own.reasonNotWerkdag('2026-06-01')).toBe('Extra dag');
    expect(new WerkdagenKalender([]).isWerkdag('2026-01-02')).toBe(true);
  });

  it('adds werkdagen forward and backward', () => {
    expect(kal.addWerkdagen('2026-05-18', -10)).toBe('2026-04-29');
    expect(kal.addWerkdagen('2026-05-18', -5)).toBe('2026-05-07');
    expect(kal.addWerkdagen('2026-04-29', 10)).toBe('2026-05-18');
    expect(kal.addWerkdagen('2026-05-16', 0)).toBe('2026-05-16');
    expect(kal.addWerkdagen('2026-05-16', 1)).toBe('2026-05-18');
    expect(kal.addWerkdagen('2026-05-16', -1)).toBe('2026-05-13');
  });

  it('adds werkdagen across Christmas and New Year', () => {
    // Thu 24 Dec 2026; Fri 25 + Sat 26 Kerst, Sun 27, Fri 1 Jan Nieuwjaar, weekend 2-3 Jan.
    expect(kal.addWerkdagen('2026-12-24', 1)).toBe('2026-12-28');
    expect(kal.addWerkdagen('2026-12-24', 5)).toBe('2027-01-04');
    expect(kal.addWerkdagen('2027-01-04', -5)).toBe('2026-12-24');
    // Christmas 2025 (Thu/Fri) followed by 1 Jan (Thu) and equated 2 Jan 2026 (Fri).
    expect(kal.addWerkdagen('2025-12-24', 1)).toBe('2025-12-29');
    expect(kal.addWerkdagen('2025-12-31', 1)).toBe('2026-01-05');
    expect(() => kal.addWerkdagen('2026-01-01', 1.5)).toThrow(RangeError);
  });

  it('counts werkdagen between dates antisymmetrically', () => {
    expect(kal.werkdagenBetween('2026-04-29', '2026-05-18')).toBe(10);
    expect(kal.werkdagenBetween('2026-05-18', '2026-04-29')).toBe(-10);
    expect(kal.werkdagenBetween('2026-05-18', '2026-05-18')).toBe(0);
    expect(kal.werkdagenBetween('2026-12-24', '2027-01-04')).toBe(5);
    for (const n of [1, 3, 7, 20, 60]) {
      expect(kal.werkdagenBetween('2026-12-01', kal.addWerkdagen('2026-12-01', n))).toBe(n);
    }
  });

  it('finds the next werkdag with the skipped days', () => {
    expect(kal.nextWerkdagOnOrAfter('2026-05-18')).toEqual({ date: '2026-05-18', skipped: [] });
    expect(kal.nextWerkdagOnOrAfter('2026-04-03')).toEqual({
      date: '2026-04-07',
      skipped: [
        { date: '2026-04-03', reason: 'Goede Vrijdag' },
        { date: '2026-04-04', reason: 'zaterdag' },
        { date: '2026-04-05', reason: 'Eerste Paasdag' },
        { date: '2026-04-06', reason: 'Tweede Paasdag' },
      ],
    });
    expect(kal.previousWerkdagOnOrBefore('2026-04-06')).toBe('2026-04-02');
  });
});
