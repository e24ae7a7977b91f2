import { Injectable } from '@nestjs/common';
import { parse } from 'csv-parse/sync';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { DomainException, InvalidParam } from '@kp/shared/errors';
import { flattenValidationErrors } from '@kp/shared/http';
import { Principal } from '@kp/toegang/principal';
import { ImportStandQueryDto, KnelpuntInputDto, MAX_KNELPUNTEN_PER_STAND, SubmitStandDto } from '../../dtos/submit-stand.dto';
import { SubmitStandResult, SubmitStandUseCase } from '../submit-stand/submit-stand.use-case';

export const CSV_REQUIRED = ['title', 'description', 'theme'] as const;
export const CSV_OPTIONAL = ['law', 'ministry', 'impact', 'proposedSolution', 'externalRef'] as const;
const CSV_COLUMNS: readonly string[] = [...CSV_REQUIRED, ...CSV_OPTIONAL];

/** Parses a CSV Stand (header row, one knelpunt a row) and submits it like the JSON intake. */
@Injectable()
export class ImportStandCsvUseCase {
  constructor(private readonly submit: SubmitStandUseCase) {}

  execute(principal: Principal, meta: ImportStandQueryDto, csv: unknown): Promise<SubmitStandResult> {
    const knelpunten = parseKnelpuntenCsv(csv);
    const stand = Object.assign(new SubmitStandDto(), meta, { knelpunten });
    return this.submit.execute({ stand, principal, source: 'csv' });
  }
}

export function parseKnelpuntenCsv(csv: unknown): KnelpuntInputDto[] {
  if (typeof csv !== 'string' || csv.trim() === '') {
    throw DomainException.validation([{ name: 'body', reason: 'de CSV is leeg; verwacht een kopregel en minstens één knelpunt' }]);
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
    throw DomainException.validation([
      {
        name: e.lines ? `rij ${e.lines}` : 'body',
        reason: `de CSV kan niet worden gelezen (${(e.message ?? '').split(':')[0] ?? 'ongeldig'})`,
      },
    ]);
  }
  const [header, ...rows] = records;
  if (!header) throw DomainException.validation([{ name: 'body', reason: 'de CSV heeft geen kopregel' }]);
  const problems: InvalidParam[] = [];
  header.forEach((h) => {
    if (!CSV_COLUMNS.includes(h))
      problems.push({ name: `kolom ${h || '(leeg)'}`, reason: `onbekende kolom; toegestaan: ${CSV_COLUMNS.join(', ')}` });
  });
  for (const r of CSV_REQUIRED)
    if (!header.includes(r)) problems.push({ name: `kolom ${r}`, reason: 'verplichte kolom ontbreekt in de kopregel' });
  if (new Set(header).size !== header.length) problems.push({ name: 'kopregel', reason: 'bevat een kolom twee keer' });
  if (problems.length > 0) throw DomainException.validation(problems);
  if (rows.length === 0) throw DomainException.validation([{ name: 'body', reason: 'de CSV bevat geen knelpunten' }]);
  if (rows.length > MAX_KNELPUNTEN_PER_STAND) {
    throw DomainException.validation([{ name: 'body', reason: `een Stand mag maximaal ${MAX_KNELPUNTEN_PER_STAND} knelpunten bevatten` }]);
  }
  const result: KnelpuntInputDto[] = [];
  rows.forEach((row, i) => {
    const plain: Record<string, string> = {};
    header.forEach((h, c) => {
      const v = row[c];
      if (v !== undefined && v !== '') plain[h] = v;
    });
    const dto = plainToInstance(KnelpuntInputDto, plain);
    const errors = validateSync(dto, { whitelist: true, forbidNonWhitelisted: true });
    // Row numbers as a spreadsheet shows them: the header is row 1.
    for (const p of flattenValidationErrors(errors)) problems.push({ name: `rij ${i + 2}.${p.name}`, reason: p.reason });
    result.push(dto);
  });
  if (problems.length > 0) throw DomainException.validation(problems);
  return result;
}
