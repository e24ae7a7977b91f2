/**
 * CSV for open data, RFC 4180: comma-separated, CRLF line ends, a header row, UTF-8 without a byte order mark. That is
 * what data portals (data.overheid.nl) and tools (pandas, R, csvkit, DuckDB, LibreOffice) read without settings;
 * `;` and a BOM only suit one spreadsheet in one locale, and a BOM ends up in the first column name elsewhere.
 */

import { csvCell } from '@kp/shared/csv/csv-cell';

export { csvCell };

/** One record, CRLF-terminated. */
export function csvRow(values: readonly (string | null)[]): string {
  return `${values.map(csvCell).join(',')}\r\n`;
}
