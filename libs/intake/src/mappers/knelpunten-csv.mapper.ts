import { parse } from 'csv-parse/sync';
import { VERWIJZING_SOORTEN } from '@kp/domain';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { DomainException, InvalidParam } from '@kp/shared/errors';
import { flattenValidationErrors, hasInvalidCharacter, INVALID_CHARACTER_REASON } from '@kp/shared/http';
import { KnelpuntInputDto, MAX_KNELPUNTEN_PER_STAND } from '../dtos/submit-stand.dto';

export const CSV_REQUIRED = ['title', 'description', 'theme'] as const;
export const CSV_OPTIONAL = [
  'law',
  'ministry',
  'impact',
  'proposedSolution',
  'externalRef',
  'kamerstukken',
  'moties',
  'toezeggingen',
  'bwbIds',
] as const;
/**
 * Columns that hold a list (references to parliament and law): several values in one cell, separated by semicolons,
 * commas or spaces (`29362-290; 36200-VII-12`; quote the cell when its separator is the file's delimiter).
 */
const CSV_LIST_COLUMNS: readonly string[] = VERWIJZING_SOORTEN;
const splitList = (cell: string): string[] => cell.split(/[\s;,]+/).filter((v) => v !== '');
export type CsvColumn = (typeof CSV_REQUIRED)[number] | (typeof CSV_OPTIONAL)[number];
export const CSV_COLUMNS: readonly CsvColumn[] = [...CSV_REQUIRED, ...CSV_OPTIONAL];

/** One data row of a CSV Stand as the user wrote it, with the knelpunt it becomes and what is wrong in it. */
export interface KnelpuntenCsvRow {
  /** Row number as a spreadsheet shows it: the header is row 1. */
  row: number;
  /** The cells of the known columns, as written (trimmed). */
  values: Partial<Record<CsvColumn, string>>;
  knelpunt: KnelpuntInputDto;
  /** Problems of this row, named by field (`theme`); empty when the row is valid. */
  invalidParams: InvalidParam[];
}

/** A CSV Stand read and checked: problems of the file as a whole (header, size, syntax) and per row. */
export interface KnelpuntenCsv {
  rows: KnelpuntenCsvRow[];
  /** Problems of the file itself; while there are any, the rows are listed but not checked. */
  invalidParams: InvalidParam[];
  /**
   * Cells with a character no text may hold (NUL, a lone surrogate), named `rij N.column` (`kopregel` for
   * the header): the import and the preview both refuse the whole file with a 400 for these.
   */
  invalidCharacters: InvalidParam[];
}

/**
 * Reads a CSV Stand (header row, one knelpunt a row) and checks it with the intake's own rules (the
 * KnelpuntInputDto constraints). Never throws: the import turns the result into a 400
 * (`parseKnelpuntenCsv`), the preview shows it row by row; both read the same way.
 */
export function readKnelpuntenCsv(csv: unknown): KnelpuntenCsv {
  if (typeof csv !== 'string' || csv.trim() === '') {
    return {
      rows: [],
      invalidParams: [{ name: 'body', reason: 'de CSV is leeg; verwacht een kopregel en minstens één knelpunt' }],
      invalidCharacters: [],
    };
  }
  let records: string[][];
  try {
    records = parse(csv.replace(/^\uFEFF/, ''), {
      skip_empty_lines: true,
      relax_column_count: false,
      trim: true,
      delimiter: [',', ';'],
      max_record_size: 100_000,
    }) as string[][];
  } catch (err) {
    const e = err as { lines?: number; message?: string };
    return {
      rows: [],
      invalidParams: [
        {
          name: e.lines ? `rij ${e.lines}` : 'body',
          reason: `de CSV kan niet worden gelezen (${(e.message ?? '').split(':')[0] ?? 'ongeldig'})`,
        },
      ],
      invalidCharacters: hasInvalidCharacter(csv) ? [{ name: 'body', reason: INVALID_CHARACTER_REASON }] : [],
    };
  }
  const [header, ...dataRows] = records;
  if (!header) return { rows: [], invalidParams: [{ name: 'body', reason: 'de CSV heeft geen kopregel' }], invalidCharacters: [] };
  const invalidCharacters = findInvalidCells(header, dataRows);

  const problems: InvalidParam[] = [];
  header.forEach((h) => {
    if (!(CSV_COLUMNS as readonly string[]).includes(h))
      problems.push({ name: `kolom ${h || '(leeg)'}`, reason: `onbekende kolom; toegestaan: ${CSV_COLUMNS.join(', ')}` });
  });
  for (const r of CSV_REQUIRED)
    if (!header.includes(r)) problems.push({ name: `kolom ${r}`, reason: 'verplichte kolom ontbreekt in de kopregel' });
  if (new Set(header).size !== header.length) problems.push({ name: 'kopregel', reason: 'bevat een kolom twee keer' });
  if (problems.length === 0 && dataRows.length === 0) problems.push({ name: 'body', reason: 'de CSV bevat geen knelpunten' });
  if (problems.length === 0 && dataRows.length > MAX_KNELPUNTEN_PER_STAND) {
    problems.push({ name: 'body', reason: `een Stand mag maximaal ${MAX_KNELPUNTEN_PER_STAND} knelpunten bevatten` });
  }
  const checkRows = problems.length === 0;

  const rows = dataRows.map((record, i): KnelpuntenCsvRow => {
    const plain: Record<string, string | string[]> = {};
    const values: Partial<Record<CsvColumn, string>> = {};
    header.forEach((h, c) => {
      const v = record[c];
      // An empty required cell is an empty value ("is verplicht"), an empty optional cell no value at all.
      if ((CSV_REQUIRED as readonly string[]).includes(h)) plain[h] = v ?? '';
      if (v === undefined || v === '') return;
      plain[h] = CSV_LIST_COLUMNS.includes(h) ? splitList(v) : v;
      if ((CSV_COLUMNS as readonly string[]).includes(h)) values[h as CsvColumn] = v;
    });
    const knelpunt = plainToInstance(KnelpuntInputDto, plain);
    const invalidParams = checkRows ? flattenValidationErrors(validateSync(knelpunt, { whitelist: true, forbidNonWhitelisted: true })) : [];
    return { row: i + 2, values, knelpunt, invalidParams };
  });
  return { rows, invalidParams: problems, invalidCharacters };
}

/** Every cell with an invalid character, named as the import names its errors (`rij N.column`). */
function findInvalidCells(header: string[], dataRows: string[][]): InvalidParam[] {
  const found: InvalidParam[] = [];
  if (header.some(hasInvalidCharacter)) found.push({ name: 'kopregel', reason: INVALID_CHARACTER_REASON });
  dataRows.forEach((record, i) =>
    record.forEach((cell, c) => {
      if (hasInvalidCharacter(cell)) {
        const h = header[c];
        const column = h !== undefined && !hasInvalidCharacter(h) ? h : `kolom ${c + 1}`;
        found.push({ name: `rij ${i + 2}.${column}`, reason: INVALID_CHARACTER_REASON });
      }
    }),
  );
  return found.slice(0, 50);
}

/** Every problem of a read CSV, as the import reports them: invalid characters, the file's, then `rij N.field`. */
export function csvProblems(read: KnelpuntenCsv): InvalidParam[] {
  if (read.invalidCharacters.length > 0) return read.invalidCharacters;
  return [
    ...read.invalidParams,
    ...read.rows.flatMap((r) => r.invalidParams.map((p) => ({ name: `rij ${r.row}.${p.name}`, reason: p.reason }))),
  ];
}

/** The knelpunten of a CSV Stand, or a 400 naming every wrong row and field. */
export function parseKnelpuntenCsv(csv: unknown): KnelpuntInputDto[] {
  const read = readKnelpuntenCsv(csv);
  const problems = csvProblems(read);
  if (problems.length > 0) throw DomainException.validation(problems);
  return read.rows.map((r) => r.knelpunt);
}
