import { Injectable } from '@nestjs/common';
import { Principal } from '@kp/toegang/principal';
import { DomainException } from '@kp/shared/errors';
import { ImportStandQueryDto } from '../../dtos/submit-stand.dto';
import { CsvPreviewDto } from '../../dtos/csv-preview.dto';
import { readKnelpuntenCsv } from '../../mappers/knelpunten-csv.mapper';
import { StandReferencesValidator } from '../../validators/stand-references.validator';

/**
 * Checks a CSV Stand as the import would, and stores nothing: the same reading and row rules
 * (knelpunten-csv.mapper), the same organisation and ministry checks (StandReferencesValidator). The
 * organisation's problems are refused as the import refuses them (400 / 403); the file's and the rows'
 * problems come back per row, so the user sees every row with what is wrong in it. A cell with an invalid
 * character (NUL, a lone surrogate) is a 400 naming `rij N.column`, as in the import.
 */
@Injectable()
export class PreviewStandCsvUseCase {
  constructor(private readonly references: StandReferencesValidator) {}

  async execute(principal: Principal, meta: ImportStandQueryDto, csv: unknown): Promise<CsvPreviewDto> {
    const organisation = await this.references.organisation(principal, meta.organisation);
    const read = readKnelpuntenCsv(csv);
    // A cell no text may hold is refused as the import refuses it (one global rule for every string).
    if (read.invalidCharacters.length > 0) throw DomainException.validation(read.invalidCharacters);
    if (read.invalidParams.length === 0) {
      const ministries = await this.references.ministries(read.rows.map((r) => r.knelpunt));
      for (const p of ministries.problems) read.rows[p.index]?.invalidParams.push({ name: 'ministry', reason: p.reason });
    }
    const valid = read.invalidParams.length === 0 && read.rows.every((r) => r.invalidParams.length === 0);
    return {
      valid,
      organisation: organisation.code,
      period: meta.period,
      title: meta.title,
      rows: read.rows.map((r) => ({ row: r.row, values: r.values, invalidParams: r.invalidParams })),
      invalidParams: read.invalidParams,
    };
  }
}
