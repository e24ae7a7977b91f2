import { Injectable } from '@nestjs/common';
import { Principal } from '@kp/toegang/principal';
import { ImportStandQueryDto, SubmitStandDto } from '../../dtos/submit-stand.dto';
import { parseKnelpuntenCsv } from '../../mappers/knelpunten-csv.mapper';
import { SubmitStandResult, SubmitStandUseCase } from '../submit-stand/submit-stand.use-case';

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
