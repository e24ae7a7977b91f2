import { Injectable } from '@nestjs/common';
import { ExportFormat, OpenbaarFilterQueryDto } from '../../dtos/openbaar-knelpunten.dto';
import { csvRow } from '../../mappers/open-data-csv';
import { toPublicKnelpunt } from '../../mappers/public-knelpunt.mapper';
import { PUBLIC_KNELPUNT_FIELD_NAMES, PublicKnelpunt } from '../../public-fields';
import { OpenbaarKnelpuntRepository, PublicKnelpuntFilter, PublicKnelpuntRow } from '../../repositories/openbaar-knelpunt.repository';

type Filter = Omit<PublicKnelpuntFilter, 'limit' | 'after'>;

/** Rows read from PostgreSQL per step of an export: the memory an export holds, whatever its size. */
export const EXPORT_PAGE_SIZE = 500;

export interface OpenDataExport {
  contentType: string;
  fileName: string;
  /** The document in pieces, one page of rows at a time, read from the database only as the client takes it. */
  chunks: AsyncIterable<string>;
}

/**
 * The open-data export of the public register: every knelpunt that matches the filters, as CSV (RFC 4180, see
 * open-data-csv.ts) or as JSON (`{ "items": [...] }`, the same objects as the list), with exactly the allow-listed
 * fields. It pages through the database by keyset (no transaction held open while a slow client reads), so a
 * knelpunt that changes during a long export appears once, as it was when its page was read.
 */
@Injectable()
export class ExportOpenbareKnelpuntenUseCase {
  constructor(private readonly knelpunten: OpenbaarKnelpuntRepository) {}

  /** Reads the first page before answering, so a failing database is a problem+json and not a cut-off file. */
  async execute(query: OpenbaarFilterQueryDto, format: ExportFormat): Promise<OpenDataExport> {
    const filter: Filter = {
      organisation: query.organisation,
      theme: query.theme,
      status: query.status,
      outcome: query.outcome,
      q: query.q || undefined,
    };
    const first = await this.knelpunten.list({ ...filter, limit: EXPORT_PAGE_SIZE });
    const pages = this.pages(filter, first);
    return format === 'csv'
      ? { contentType: 'text/csv; charset=utf-8; header=present', fileName: 'knelpunten-openbaar.csv', chunks: csv(pages) }
      : { contentType: 'application/json; charset=utf-8', fileName: 'knelpunten-openbaar.json', chunks: json(pages) };
  }

  /** The pages in keyset order, starting with the one already read. */
  private async *pages(filter: Filter, first: PublicKnelpuntRow[]): AsyncGenerator<PublicKnelpunt[]> {
    let rows = first;
    for (;;) {
      const page = rows.slice(0, EXPORT_PAGE_SIZE);
      if (page.length > 0) yield page.map(toPublicKnelpunt);
      const last = page[page.length - 1];
      if (rows.length <= EXPORT_PAGE_SIZE || !last) return;
      rows = await this.knelpunten.list({ ...filter, limit: EXPORT_PAGE_SIZE, after: { createdAt: last.cursorAt, id: last.id } });
    }
  }
}

async function* csv(pages: AsyncIterable<PublicKnelpunt[]>): AsyncGenerator<string> {
  yield csvRow(PUBLIC_KNELPUNT_FIELD_NAMES);
  for await (const page of pages) yield page.map((k) => csvRow(PUBLIC_KNELPUNT_FIELD_NAMES.map((f) => k[f]))).join('');
}

async function* json(pages: AsyncIterable<PublicKnelpunt[]>): AsyncGenerator<string> {
  yield '{"items":[';
  let separator = '';
  for await (const page of pages) {
    yield separator + page.map((k) => JSON.stringify(k)).join(',');
    separator = ',';
  }
  yield ']}';
}
