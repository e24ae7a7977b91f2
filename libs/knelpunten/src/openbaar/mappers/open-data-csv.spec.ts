import { parse } from 'csv-parse/sync';
import { csvCell, csvRow } from './open-data-csv';

describe('open-data CSV (RFC 4180, formula-safe)', () => {
  it.each([
    ['=HYPERLINK("https://evil.example","klik")', `"'=HYPERLINK(""https://evil.example"",""klik"")"`],
    ['+31 6 12345678', `'+31 6 12345678`],
    ['-2+3', `'-2+3`],
    ['@SUM(A1:A9)', `'@SUM(A1:A9)`],
    ['\t=1+1', `'\t=1+1`],
    ['\r=1+1', `"'\r=1+1"`],
  ])('puts an apostrophe before a formula-looking cell: %j', (value, cell) => {
    expect(csvCell(value)).toBe(cell);
  });

  it.each([
    ['Complexe regels', 'Complexe regels'],
    ['Regels, wetten en "uitzonderingen"', '"Regels, wetten en ""uitzonderingen"""'],
    ['twee\nregels', '"twee\nregels"'],
    ['UWV-00018', 'UWV-00018'],
    ['2026-03-20', '2026-03-20'],
    ['a = b', 'a = b'],
  ])('leaves other text as it is, quoted only when it must be: %j', (value, cell) => {
    expect(csvCell(value)).toBe(cell);
  });

  it('writes null as an empty cell and ends a record with CRLF', () => {
    expect(csvRow(['a', null, 'b'])).toBe('a,,b\r\n');
  });

  it('reads back with a standard parser to the same values (apostrophe kept on formulas only)', () => {
    const values = ['=1+1', 'gewoon', 'met "aanhalingstekens", komma', 'regel\r\novergang', null];
    const [row] = parse(csvRow(values)) as string[][];
    expect(row).toEqual(["'=1+1", 'gewoon', 'met "aanhalingstekens", komma', 'regel\r\novergang', '']);
  });
});
