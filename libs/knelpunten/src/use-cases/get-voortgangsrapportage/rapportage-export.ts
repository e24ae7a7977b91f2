import { csvCell } from '@kp/shared/csv/csv-cell';
import { Workbook } from 'exceljs';
import type { KeyCountDto } from '../../dtos/statistieken.dto';
import type { VoortgangsrapportageDto } from '../../dtos/voortgangsrapportage.dto';

export type Cell = string | number | null;

/** One table of the report: a CSV section, an XLSX sheet. */
export interface RapportageTabel {
  /** Section title in the CSV. */
  title: string;
  /** Sheet name in the XLSX (at most 31 characters, no : \ / ? * [ ]). */
  sheet: string;
  headers: string[];
  rows: Cell[][];
}

const TZ = 'Europe/Amsterdam';

/** '2 december 2026 03:10' in Europe/Amsterdam. */
export function formatMoment(iso: string): string {
  return new Intl.DateTimeFormat('nl-NL', { timeZone: TZ, dateStyle: 'long', timeStyle: 'short' }).format(new Date(iso));
}

/** The quarter's and the cumulative counts of one dimension side by side, keyed as the cumulative list orders them. */
function sideBySide(quarter: KeyCountDto[], cumulative: KeyCountDto[]): Cell[][] {
  const inQuarter = new Map(quarter.map((r) => [r.key, r.count]));
  return cumulative.map((r) => [r.key, inQuarter.get(r.key) ?? 0, r.count]);
}

/** The report as tables with Dutch headers, in the order of the document; the same numbers as the JSON. */
export function rapportageTabellen(r: VoortgangsrapportageDto): RapportageTabel[] {
  const counts = (title: string, sheet: string, label: string, key: 'byStatus' | 'byTheme' | 'byOrganisation' | 'byDoorbraakteam') => ({
    title,
    sheet,
    headers: [label, 'Ingediend in het kwartaal', 'Tot en met het kwartaal'],
    rows: sideBySide(r.quarter[key], r.cumulative[key]),
  });
  return [
    {
      title: 'Samenvatting',
      sheet: 'Samenvatting',
      headers: ['Onderdeel', 'Waarde'],
      rows: [
        ['Kwartaal', r.kwartaal],
        ['Eerste dag', r.periodStart],
        ['Laatste dag', r.periodEnd],
        ['Peilmoment', formatMoment(r.peilmoment)],
        ['Kwartaal loopt nog', r.lopend ? 'ja' : 'nee'],
        ['Gegenereerd op', formatMoment(r.generatedAt)],
        ['Knelpunten ingediend in het kwartaal', r.quarter.total],
        ['Knelpunten tot en met het kwartaal', r.cumulative.total],
        ['Mediaan dagen tot het eerste besluit van de driehoek', r.driehoekDecision.medianDays],
        ['Aantal knelpunten in die mediaan', r.driehoekDecision.basedOn],
        ['Knelpunten met een verlopen termijn', r.overdue.knelpunten],
        ['Verlopen termijnen: basis', r.overdue.explanation],
        ['Knelpunten met een statuswijziging in het kwartaal', r.moved.total],
      ],
    },
    {
      title: 'Stromen in het kwartaal',
      sheet: 'Stromen',
      headers: ['Stroom', 'Aantal knelpunten'],
      rows: [
        ['Nieuw ingediend', r.flows.new],
        ['Besloten door een driehoek', r.flows.decidedByDriehoek],
        ['Geëscaleerd naar de ACU', r.flows.escalatedToAcu],
        ['Naar de politiek', r.flows.toPolitics],
        ['Opgelost (geheel of deels)', r.flows.solved],
        ['Niet oplosbaar', r.flows.notSolvable],
        ['Ingetrokken', r.flows.withdrawn],
      ],
    },
    counts('Knelpunten per status', 'Per status', 'Status', 'byStatus'),
    counts('Knelpunten per thema', 'Per thema', 'Thema', 'byTheme'),
    counts('Knelpunten per organisatie', 'Per organisatie', 'Organisatie', 'byOrganisation'),
    counts('Knelpunten per doorbraakteam', 'Per doorbraakteam', 'Doorbraakteam', 'byDoorbraakteam'),
    {
      title: 'Verlopen termijnen per termijnsoort',
      sheet: 'Verlopen termijnen',
      headers: ['Termijnsoort', 'Verlopen termijnen'],
      rows: r.overdue.byDeadlineKind.map((k) => [k.key, k.count]),
    },
    {
      title: `Knelpunten met een statuswijziging (${r.moved.items.length} van ${r.moved.total})`,
      sheet: 'Statuswijzigingen',
      headers: ['Kenmerk', 'Titel', 'Organisatie', 'Van', 'Naar', 'Laatste wijziging'],
      rows: r.moved.items.map((m) => [m.reference, m.title, m.organisation, m.from, m.to, formatMoment(m.lastMovedAt)]),
    },
  ];
}

export { csvCell };

/**
 * The report as CSV (RFC 4180, UTF-8 with a byte order mark so spreadsheets read the accents, CRLF): one section per
 * table — a row with the section's title, a header row, the data rows — separated by an empty line.
 */
export function rapportageCsv(tabellen: RapportageTabel[]): string {
  const lines: string[] = [];
  for (const [i, t] of tabellen.entries()) {
    if (i > 0) lines.push('');
    lines.push(csvCell(t.title));
    lines.push(t.headers.map(csvCell).join(','));
    for (const row of t.rows) lines.push(row.map(csvCell).join(','));
  }
  return `\ufeff${lines.join('\r\n')}\r\n`;
}

/**
 * The report as XLSX: one sheet per table, each with a title row (the quarter and when it was generated), the header
 * row and the data. Cells are values, never formulas, so text from users cannot run as one.
 */
export async function rapportageXlsx(r: VoortgangsrapportageDto, tabellen: RapportageTabel[]): Promise<Buffer> {
  const wb = new Workbook();
  wb.creator = 'Knelpunten Standen van de Uitvoering';
  wb.created = new Date(r.generatedAt);
  for (const t of tabellen) {
    const ws = wb.addWorksheet(t.sheet);
    ws.addRow([`Kwartaalrapportage ${r.kwartaal}: ${t.title} (gegenereerd op ${formatMoment(r.generatedAt)})`]).font = {
      bold: true,
      size: 13,
    };
    ws.addRow(t.headers).font = { bold: true };
    for (const row of t.rows) ws.addRow(row);
    t.headers.forEach((header, i) => {
      const widest = Math.max(header.length, ...t.rows.map((row) => String(row[i] ?? '').length));
      ws.getColumn(i + 1).width = Math.min(Math.max(widest + 2, 10), 80);
    });
    ws.views = [{ state: 'frozen', ySplit: 2 }];
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
