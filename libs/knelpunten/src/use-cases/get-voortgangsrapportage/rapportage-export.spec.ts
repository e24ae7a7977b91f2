import { parse } from 'csv-parse/sync';
import { csvCell, rapportageCsv } from './rapportage-export';
import { kwartaalDays, kwartaalOf } from './get-voortgangsrapportage.use-case';

describe('CSV of the quarterly report', () => {
  it.each([
    ['gewoon', 'gewoon'],
    ['met, komma', '"met, komma"'],
    ['met "aanhalingstekens"', '"met ""aanhalingstekens"""'],
    ['regel\neen', '"regel\neen"'],
    ['=SOM(A1)', "'=SOM(A1)"],
    ['+31 6', "'+31 6"],
    ['-1', "'-1"],
    ['@gebruiker', "'@gebruiker"],
    ['\tinspringing', "'\tinspringing"],
    ['\rterug', `"'\rterug"`],
    ['=A1,B1', `"'=A1,B1"`],
  ])('writes the text cell %j as %j', (value, expected) => {
    expect(csvCell(value)).toBe(expected);
  });

  it('writes numbers as they are and null as an empty cell', () => {
    expect([csvCell(-3), csvCell(2.5), csvCell(null)]).toEqual(['-3', '2.5', '']);
  });

  it('writes one section per table that parses back (title, headers, rows; CRLF; byte order mark)', () => {
    const csv = rapportageCsv([
      { title: 'Eerste', sheet: 'Eerste', headers: ['Sleutel', 'Aantal'], rows: [['a, b', 1]] },
      { title: 'Tweede', sheet: 'Tweede', headers: ['Sleutel', 'Aantal'], rows: [['=x', 2]] },
    ]);
    expect(csv.startsWith('\ufeffEerste\r\n')).toBe(true);
    expect(parse(csv, { bom: true, relax_column_count: true, skip_empty_lines: true })).toEqual([
      ['Eerste'],
      ['Sleutel', 'Aantal'],
      ['a, b', '1'],
      ['Tweede'],
      ['Sleutel', 'Aantal'],
      ["'=x", '2'],
    ]);
  });
});

describe('quarters', () => {
  it('takes the quarter of an instant in Europe/Amsterdam', () => {
    expect(kwartaalOf(new Date('2026-09-30T21:59:59Z'))).toBe('2026-Q3');
    expect(kwartaalOf(new Date('2026-09-30T22:00:00Z'))).toBe('2026-Q4');
    expect(kwartaalOf(new Date('2026-12-31T23:30:00Z'))).toBe('2027-Q1');
  });

  it('knows the first and last day of each quarter', () => {
    expect(kwartaalDays('2026-Q1')).toEqual({ first: '2026-01-01', last: '2026-03-31' });
    expect(kwartaalDays('2028-Q1').last).toBe('2028-03-31');
    expect(kwartaalDays('2026-Q2')).toEqual({ first: '2026-04-01', last: '2026-06-30' });
    expect(kwartaalDays('2026-Q4')).toEqual({ first: '2026-10-01', last: '2026-12-31' });
  });
});
