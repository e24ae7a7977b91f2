import { algemeenErkendeFeestdagen, DEFAULT_EQUATED_DAYS, Feestdag, GELIJKGESTELDE_DAG_NAAM, koningsdag, pasen } from './feestdagen';

function byName(list: Feestdag[], name: string): Feestdag[] {
  return list.filter((f) => f.name === name);
}

describe('pasen (Meeus/Jones/Butcher)', () => {
  it.each([
    [2024, '2024-03-31'],
    [2025, '2025-04-20'],
    [2026, '2026-04-05'],
    [2027, '2027-03-28'],
    [2028, '2028-04-16'],
    [2019, '2019-04-21'],
    [2038, '2038-04-25'], // latest possible date
    [2285, '2285-03-22'], // earliest possible date
  ])('Easter %i is %s', (year, expected) => {
    expect(pasen(year)).toBe(expected);
  });

  it('rejects years outside the Gregorian range', () => {
    expect(() => pasen(1500)).toThrow(RangeError);
    expect(() => pasen(2026.5)).toThrow(RangeError);
  });
});

describe('koningsdag', () => {
  it('is 27 April, or 26 April when the 27th is a Sunday', () => {
    expect(koningsdag(2025).date).toBe('2025-04-26');
    expect(koningsdag(2026).date).toBe('2026-04-27');
    expect(koningsdag(2031).date).toBe('2031-04-26');
    expect(koningsdag(2026).name).toBe('Koningsdag');
  });
});

describe('algemeenErkendeFeestdagen', () => {
  const f2026 = algemeenErkendeFeestdagen(2026, DEFAULT_EQUATED_DAYS);

  it('lists the statutory feestdagen of 2026 with correct dates', () => {
    const expected: Record<string, string> = {
      Nieuwjaarsdag: '2026-01-01',
      'Goede Vrijdag': '2026-04-03',
      'Eerste Paasdag': '2026-04-05',
      'Tweede Paasdag': '2026-04-06',
      Koningsdag: '2026-04-27',
      Bevrijdingsdag: '2026-05-05',
      Hemelvaartsdag: '2026-05-14',
      'Eerste Pinksterdag': '2026-05-24',
      'Tweede Pinksterdag': '2026-05-25',
      'Eerste Kerstdag': '2026-12-25',
      'Tweede Kerstdag': '2026-12-26',
    };
    for (const [name, date] of Object.entries(expected)) {
      const found = byName(f2026, name);
      expect(found).toEqual([{ date, name, kind: 'wettelijk' }]);
    }
  });

  it('includes the equated days of that year only, as gelijkgesteld', () => {
    const equated = f2026.filter((f) => f.kind === 'gelijkgesteld');
    expect(equated).toEqual([
      { date: '2026-01-02', name: GELIJKGESTELDE_DAG_NAAM, kind: 'gelijkgesteld' },
      { date: '2026-05-15', name: GELIJKGESTELDE_DAG_NAAM, kind: 'gelijkgesteld' },
    ]);
    expect(
      algemeenErkendeFeestdagen(2028)
        .filter((f) => f.kind === 'gelijkgesteld')
        .map((f) => f.date),
    ).toEqual(['2028-04-28', '2028-05-26']);
  });

  it('is sorted by date', () => {
    const dates = f2026.map((f) => f.date);
    expect([...dates].sort()).toEqual(dates);
  });

  it('accepts an application-supplied list of equated days and ignores duplicates of statutory days', () => {
    const list = algemeenErkendeFeestdagen(2030, [
      { date: '2030-05-31', name: 'Dag na Hemelvaart (besluit)' },
      { date: '2030-12-25', name: 'dubbel' },
      { date: '2030-05-31', name: 'nogmaals' },
      { date: '2031-01-02', name: 'ander jaar' },
    ]);
    expect(list.filter((f) => f.kind === 'gelijkgesteld')).toEqual([
      { date: '2030-05-31', name: 'Dag na Hemelvaart (besluit)', kind: 'gelijkgesteld' },
    ]);
    expect(algemeenErkendeFeestdagen(2026, []).some((f) => f.kind === 'gelijkgesteld')).toBe(false);
  });

  it('rejects malformed equated dates', () => {
    expect(() => algemeenErkendeFeestdagen(2026, [{ date: '2026-02-30', name: 'x' }])).toThrow(RangeError);
  });

  it('keeps both feestdagen when Hemelvaartsdag falls on 5 May (2005)', () => {
    const onMay5 = algemeenErkendeFeestdagen(2005, []).filter((f) => f.date === '2005-05-05');
    expect(onMay5.map((f) => f.name).sort()).toEqual(['Bevrijdingsdag', 'Hemelvaartsdag']);
  });
});
