/**
 * One CSV cell (RFC 4180) for every export of the product: quoted when it holds a comma, a quote, CR or LF, quotes
 * doubled. A text cell a spreadsheet would run as a formula (OWASP "CSV injection": = + - @, a tab or CR first) gets
 * a leading apostrophe, so it is shown as text. Numbers are written as they are; null is an empty cell.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
