import PDFDocument from 'pdfkit';
import { DEADLINE_LABELS, STATUS_LABELS } from '@kp/domain';
import type { KeyCountDto } from '../../dtos/statistieken.dto';
import type { VoortgangsrapportageDto } from '../../dtos/voortgangsrapportage.dto';
import { formatMoment } from './rapportage-export';

/**
 * The quarterly progress report as a print-ready A4 PDF (pdfkit, the PDF standard font Helvetica, so no font files):
 * a title block, a section per part of the report with a heading, every chart drawn as vector shapes with a table of
 * the same numbers behind it, long tables broken across pages with their header repeated, and on every page a footer
 * with the quarter, the version, the moment of generation and "Pagina n van m". It renders the numbers of the report
 * object and computes none of its own.
 */
export interface VoortgangPdfOptions {
  /** The published version this document shows; without it the document is a concept (the live report). */
  versie?: number;
  /** Whose knelpunten the numbers cover, in words (the ACU's report counts only what was escalated to it). */
  bereik?: string;
}

// Rijkshuisstijl-like colours: Rijksoverheid donkerblauw, lintblauw, and a light hemelblauw for the second series.
const DONKERBLAUW = '#154273';
const LINTBLAUW = '#01689B';
const HEMELBLAUW = '#8FCAE7';
const TEXT = '#1A1A1A';
const MUTED = '#535353';
const RULE = '#B2B2B2';
const ZEBRA = '#EFF4F8';

const FONT = 'Helvetica';
const BOLD = 'Helvetica-Bold';

const PAGE = { width: 595.28, height: 841.89 }; // A4 in points
const MARGIN = { left: 62, right: 62, top: 78, bottom: 70 };
const CONTENT_WIDTH = PAGE.width - MARGIN.left - MARGIN.right;
const BOTTOM = PAGE.height - MARGIN.bottom;

type Doc = InstanceType<typeof PDFDocument>;
type Align = 'left' | 'right';

interface Column {
  header: string;
  width: number;
  align?: Align;
}

const integer = (n: number): string => n.toLocaleString('nl-NL');
const decimal = (n: number): string => n.toLocaleString('nl-NL', { minimumFractionDigits: 0, maximumFractionDigits: 1 });

/** Dutch dates of the period: '1 oktober 2026'. */
const dateLong = (isoDate: string): string =>
  new Intl.DateTimeFormat('nl-NL', { timeZone: 'UTC', dateStyle: 'long' }).format(new Date(`${isoDate}T00:00:00Z`));

/** '15-11-2026 11:00' in Europe/Amsterdam, for narrow table columns. */
const momentShort = (iso: string): string =>
  new Intl.DateTimeFormat('nl-NL', {
    timeZone: 'Europe/Amsterdam',
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  })
    .format(new Date(iso))
    .replace(',', '');

const statusLabel = (key: string): string => (STATUS_LABELS as Record<string, string>)[key] ?? keyLabel(key);
const deadlineLabel = (key: string): string => (DEADLINE_LABELS as Record<string, string>)[key] ?? keyLabel(key);

/** A theme or doorbraakteam code as words: 'beleid_zoekt_uitvoerder' → 'Beleid zoekt uitvoerder'. */
function keyLabel(key: string): string {
  if (key === 'ict') return 'ICT';
  if (key === 'geen') return 'Geen doorbraakteam';
  const words = key.replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

// The characters of WinAnsiEncoding above 0x7F that are not Latin-1 (the standard fonts can show these and Latin-1).
const WIN_ANSI_EXTRA = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');

/**
 * Text the standard fonts can show (WinAnsiEncoding): other characters lose their accent marks where that leaves a
 * Latin letter, or become '?', so a user's title never turns into garbage glyphs.
 */
export function pdfText(text: string): string {
  let out = '';
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0x3f;
    if ((code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) || WIN_ANSI_EXTRA.has(ch)) out += ch;
    else if (ch === '\n' || ch === '\t') out += ' ';
    else {
      const base = ch.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
      out += /^[\x20-\x7e]+$/.test(base) ? base : '?';
    }
  }
  return out;
}

/** Cuts text with an ellipsis so it fits on one line of the given width. */
function fitLine(doc: Doc, text: string, width: number): string {
  if (doc.widthOfString(text) <= width) return text;
  let cut = text;
  while (cut.length > 1 && doc.widthOfString(`${cut}…`) > width) cut = cut.slice(0, -1);
  return `${cut.trimEnd()}…`;
}

class Renderer {
  readonly doc: Doc;
  private y = MARGIN.top;

  constructor(
    private readonly r: VoortgangsrapportageDto,
    private readonly versie: string,
    private readonly versieKort: string,
    private readonly bereik: string | undefined,
  ) {
    const title = `Voortgangsrapportage knelpunten ${r.kwartaal}`;
    this.doc = new PDFDocument({
      size: 'A4',
      margins: MARGIN,
      bufferPages: true,
      autoFirstPage: false,
      lang: 'nl-NL',
      displayTitle: true,
      pdfVersion: '1.7',
      info: {
        Title: title,
        Author: 'Programmadirectie Werkagenda Standen van de Uitvoering',
        Subject: `Voortgang van de knelpunten in ${r.kwartaal} (${versie})`,
        Keywords: `knelpunten, Standen van de Uitvoering, kwartaalrapportage, ${r.kwartaal}`,
        Creator: 'Knelpunten Standen van de Uitvoering',
        CreationDate: new Date(r.generatedAt),
      },
    });
    this.doc.on('pageAdded', () => this.decoratePage());
  }

  /** Every page: the ribbon (lint) at the top centre, as on Rijksoverheid documents; the footer comes at the end. */
  private decoratePage(): void {
    const { doc } = this;
    doc.save();
    doc.rect(PAGE.width / 2 - 14, 0, 28, 46).fill(DONKERBLAUW);
    doc.restore();
    this.y = MARGIN.top;
  }

  newPage(): void {
    this.doc.addPage();
  }

  /** Starts a new page unless `height` more points fit on this one. */
  ensure(height: number): void {
    if (this.y + height > BOTTOM) this.newPage();
  }

  space(points: number): void {
    this.y += points;
  }

  /** Wrapped text at the current position, on a new page if it does not fit on this one. */
  text(text: string, opts: { size?: number; font?: string; color?: string; x?: number; width?: number; gap?: number } = {}): void {
    const { doc } = this;
    const width = opts.width ?? CONTENT_WIDTH;
    doc.font(opts.font ?? FONT).fontSize(opts.size ?? 10);
    const safe = pdfText(text);
    const height = doc.heightOfString(safe, { width, lineGap: 1.5 });
    this.ensure(height);
    doc.fillColor(opts.color ?? TEXT).text(safe, opts.x ?? MARGIN.left, this.y, { width, lineGap: 1.5 });
    this.y += height + (opts.gap ?? 4);
  }

  titleBlock(): void {
    const { doc, r } = this;
    this.y = 70;
    this.text('Werkagenda Standen van de Uitvoering', { size: 10, font: BOLD, color: LINTBLAUW, gap: 6 });
    this.text(`Voortgangsrapportage knelpunten ${r.kwartaal}`, { size: 22, font: BOLD, color: DONKERBLAUW, gap: 4 });
    this.text(`Kwartaal ${r.kwartaal}: ${dateLong(r.periodStart)} tot en met ${dateLong(r.periodEnd)}`, { size: 12, gap: 10 });
    doc
      .save()
      .moveTo(MARGIN.left, this.y)
      .lineTo(MARGIN.left + CONTENT_WIDTH, this.y)
      .lineWidth(1.5)
      .stroke(LINTBLAUW)
      .restore();
    this.space(10);
    const meta: [string, string][] = [
      ['Kwartaal', r.kwartaal],
      ['Peilmoment', `${formatMoment(r.peilmoment)}${r.lopend ? ' (het kwartaal loopt nog; de getallen kunnen nog veranderen)' : ''}`],
      ['Gegenereerd op', formatMoment(r.generatedAt)],
      ['Versie', this.versie],
      ...(this.bereik ? [['Bereik', this.bereik] as [string, string]] : []),
    ];
    for (const [label, value] of meta) {
      doc.font(BOLD).fontSize(9.5).fillColor(TEXT);
      const height = doc.font(FONT).heightOfString(pdfText(value), { width: CONTENT_WIDTH - 110 });
      doc.font(BOLD).text(label, MARGIN.left, this.y, { width: 105 });
      doc.font(FONT).text(pdfText(value), MARGIN.left + 110, this.y, { width: CONTENT_WIDTH - 110 });
      this.y += height + 3;
    }
    this.space(8);
  }

  /** A section heading; keeps at least `keep` points of what follows on the same page. */
  heading(title: string, keep = 90): void {
    this.ensure(30 + keep);
    this.space(10);
    this.text(title, { size: 14, font: BOLD, color: DONKERBLAUW, gap: 6 });
  }

  subheading(title: string, keep = 60): void {
    this.ensure(20 + keep);
    this.text(title, { size: 10.5, font: BOLD, color: DONKERBLAUW, gap: 4 });
  }

  /**
   * A horizontal bar chart of vector shapes: a row per key with a bar per series, its value at the end of the bar, a
   * legend when there are two series. Rows that do not fit continue on the next page.
   */
  barChart(rows: { label: string; values: number[] }[], series: { name: string; color: string }[]): void {
    const { doc } = this;
    const labelWidth = 150;
    const barHeight = 9;
    const x0 = MARGIN.left + labelWidth + 8;
    const maxBar = CONTENT_WIDTH - labelWidth - 8 - 40;
    const max = Math.max(1, ...rows.flatMap((row) => row.values));
    const rowHeight = series.length * (barHeight + 2) + 7;

    if (series.length > 1) {
      this.ensure(16 + rowHeight);
      let x = x0;
      doc.font(FONT).fontSize(8.5);
      for (const s of series) {
        doc
          .save()
          .rect(x, this.y + 1, 9, 9)
          .fill(s.color)
          .restore();
        doc.fillColor(TEXT).text(s.name, x + 13, this.y + 1.5, { lineBreak: false });
        x += 13 + doc.widthOfString(s.name) + 18;
      }
      this.y += 16;
    }
    let top = this.y;
    for (const row of rows) {
      if (this.y + rowHeight > BOTTOM) {
        this.axis(x0, top, this.y);
        this.newPage();
        top = this.y;
      }
      doc.font(FONT).fontSize(9).fillColor(TEXT);
      const label = fitLine(doc, pdfText(row.label), labelWidth);
      const labelY = this.y + (rowHeight - 7) / 2 - 4;
      doc.text(label, MARGIN.left, labelY, { width: labelWidth, align: 'right', lineBreak: false });
      row.values.forEach((value, i) => {
        const barY = this.y + 2 + i * (barHeight + 2);
        const width = value > 0 ? Math.max(1.5, (value / max) * maxBar) : 0;
        if (width > 0)
          doc
            .save()
            .rect(x0, barY, width, barHeight)
            .fill(series[i]?.color ?? LINTBLAUW)
            .restore();
        doc
          .font(FONT)
          .fontSize(8)
          .fillColor(TEXT)
          .text(integer(value), x0 + width + 4, barY + 1, { lineBreak: false });
      });
      this.y += rowHeight;
    }
    this.axis(x0, top, this.y);
    this.space(8);
  }

  private axis(x: number, top: number, bottom: number): void {
    this.doc.save().moveTo(x, top).lineTo(x, bottom).lineWidth(0.75).stroke(MUTED).restore();
  }

  /**
   * A table: a dark-blue header row, zebra rows, numbers right-aligned; a row that does not fit goes to the next page,
   * where the header is drawn again.
   */
  table(caption: string, columns: Column[], rows: string[][], size = 8.5): void {
    const { doc } = this;
    const pad = 4;
    const total = columns.reduce((sum, c) => sum + c.width, 0);
    const scale = CONTENT_WIDTH / total;
    const cols = columns.map((c) => ({ ...c, width: c.width * scale }));
    const heightOf = (cells: string[], font: string): number => {
      doc.font(font).fontSize(size);
      return Math.max(...cells.map((cell, i) => doc.heightOfString(cell, { width: (cols[i]?.width ?? 0) - 2 * pad }))) + 2 * pad;
    };
    const drawRow = (cells: string[], font: string, fill: string | null, color: string): void => {
      const height = heightOf(cells, font);
      if (fill) doc.save().rect(MARGIN.left, this.y, CONTENT_WIDTH, height).fill(fill).restore();
      let x = MARGIN.left;
      doc.font(font).fontSize(size).fillColor(color);
      cells.forEach((cell, i) => {
        const col = cols[i]!;
        doc.text(cell, x + pad, this.y + pad, { width: col.width - 2 * pad, align: col.align ?? 'left' });
        x += col.width;
      });
      this.y += height;
      doc
        .save()
        .moveTo(MARGIN.left, this.y)
        .lineTo(MARGIN.left + CONTENT_WIDTH, this.y)
        .lineWidth(0.4)
        .stroke(RULE)
        .restore();
    };
    const headers = cols.map((c) => pdfText(c.header));
    const header = (continued: boolean): void => {
      this.text(continued ? `${caption} (vervolg)` : caption, { size: 9, font: BOLD, color: TEXT, gap: 3 });
      drawRow(headers, BOLD, DONKERBLAUW, '#FFFFFF');
    };
    const safeRows = rows.map((row) => row.map(pdfText));
    this.ensure(14 + heightOf(headers, BOLD) + (safeRows[0] ? heightOf(safeRows[0], FONT) : 0));
    header(false);
    safeRows.forEach((row, i) => {
      if (this.y + heightOf(row, FONT) > BOTTOM) {
        this.newPage();
        header(true);
      }
      drawRow(row, FONT, i % 2 === 1 ? ZEBRA : null, TEXT);
    });
    this.space(10);
  }

  /** Writes the footer on every buffered page: quarter, version, generated, "Pagina n van m". */
  footers(): void {
    const { doc, r } = this;
    const range = doc.bufferedPageRange();
    const generated = formatMoment(r.generatedAt);
    for (let i = range.start; i < range.start + range.count; i++) {
      doc.switchToPage(i);
      const bottomMargin = doc.page.margins.bottom;
      doc.page.margins.bottom = 0; // text below the bottom margin must not start a new page
      const y = PAGE.height - 44;
      doc
        .save()
        .moveTo(MARGIN.left, y - 6)
        .lineTo(MARGIN.left + CONTENT_WIDTH, y - 6)
        .lineWidth(0.5)
        .stroke(RULE)
        .restore();
      doc.font(FONT).fontSize(8).fillColor(MUTED);
      doc.text(
        pdfText(`Voortgangsrapportage knelpunten ${r.kwartaal} · ${this.versieKort} · gegenereerd op ${generated}`),
        MARGIN.left,
        y,
        {
          width: CONTENT_WIDTH - 90,
          lineBreak: false,
        },
      );
      doc.text(`Pagina ${i - range.start + 1} van ${range.count}`, MARGIN.left + CONTENT_WIDTH - 90, y, {
        width: 90,
        align: 'right',
        lineBreak: false,
      });
      doc.page.margins.bottom = bottomMargin;
    }
  }
}

const dimensionColumns = (label: string): Column[] => [
  { header: label, width: 52 },
  { header: 'Ingediend in het kwartaal', width: 24, align: 'right' },
  { header: 'Tot en met het kwartaal', width: 24, align: 'right' },
];

/** The quarter's and the cumulative count per key, in the order of the cumulative list (as the CSV and XLSX). */
function sideBySide(quarter: KeyCountDto[], cumulative: KeyCountDto[]): { key: string; quarter: number; cumulative: number }[] {
  const inQuarter = new Map(quarter.map((row) => [row.key, row.count]));
  const rows = cumulative.map((row) => ({ key: row.key, quarter: inQuarter.get(row.key) ?? 0, cumulative: row.count }));
  for (const row of quarter) if (!rows.some((r) => r.key === row.key)) rows.push({ key: row.key, quarter: row.count, cumulative: 0 });
  return rows;
}

const SERIES = [
  { name: 'Ingediend in het kwartaal', color: HEMELBLAUW },
  { name: 'Tot en met het kwartaal', color: LINTBLAUW },
];

/** Renders the report as a PDF: a pure function of the report object (and its version), no I/O. */
export function voortgangPdf(r: VoortgangsrapportageDto, options: VoortgangPdfOptions = {}): Promise<Buffer> {
  const versie = options.versie === undefined ? 'concept (niet gepubliceerd)' : `versie ${options.versie}`;
  const out = new Renderer(r, versie, options.versie === undefined ? 'concept' : versie, options.bereik);
  const { doc } = out;
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  out.newPage();
  out.titleBlock();

  out.heading('Samenvatting', 120);
  out.table(
    'Kerncijfers',
    [
      { header: 'Onderdeel', width: 75 },
      { header: 'Waarde', width: 25, align: 'right' },
    ],
    [
      ['Knelpunten ingediend in het kwartaal', integer(r.quarter.total)],
      ['Knelpunten tot en met het kwartaal', integer(r.cumulative.total)],
      ['Knelpunten met een statuswijziging in het kwartaal', integer(r.moved.total)],
      ['Knelpunten met een verlopen termijn op het peilmoment', integer(r.overdue.knelpunten)],
      [
        'Mediaan dagen tot het eerste besluit van de driehoek',
        r.driehoekDecision.medianDays === null ? 'geen besluit' : decimal(r.driehoekDecision.medianDays),
      ],
    ],
  );

  const flows: [string, number][] = [
    ['Nieuw ingediend', r.flows.new],
    ['Besloten door een driehoek', r.flows.decidedByDriehoek],
    ['Geëscaleerd naar de ACU', r.flows.escalatedToAcu],
    ['Naar de politiek', r.flows.toPolitics],
    ['Opgelost (geheel of deels)', r.flows.solved],
    ['Niet oplosbaar', r.flows.notSolvable],
    ['Ingetrokken', r.flows.withdrawn],
  ];
  out.heading('Stromen in het kwartaal', 150);
  out.text('Hoeveel knelpunten er in het kwartaal bij elke stap van het proces kwamen.', { size: 9.5, color: MUTED, gap: 8 });
  out.barChart(
    flows.map(([label, value]) => ({ label, values: [value] })),
    [{ name: 'Aantal knelpunten', color: LINTBLAUW }],
  );
  out.table(
    'Tabel: stromen in het kwartaal',
    [
      { header: 'Stroom', width: 70 },
      { header: 'Aantal knelpunten', width: 30, align: 'right' },
    ],
    flows.map(([label, value]) => [label, integer(value)]),
  );

  const dimensions: {
    title: string;
    label: string;
    key: 'byStatus' | 'byTheme' | 'byOrganisation' | 'byDoorbraakteam';
    name: (k: string) => string;
  }[] = [
    { title: 'Per status', label: 'Status', key: 'byStatus', name: statusLabel },
    { title: 'Per thema', label: 'Thema', key: 'byTheme', name: keyLabel },
    { title: 'Per organisatie', label: 'Organisatie', key: 'byOrganisation', name: (k) => k },
    { title: 'Per doorbraakteam', label: 'Doorbraakteam', key: 'byDoorbraakteam', name: keyLabel },
  ];
  for (const d of dimensions) {
    const rows = sideBySide(r.quarter[d.key], r.cumulative[d.key]);
    out.heading(d.title, rows.length === 0 ? 30 : 110);
    if (rows.length === 0) {
      out.text('Geen knelpunten tot en met dit kwartaal.', { size: 9.5 });
      continue;
    }
    out.barChart(
      rows.map((row) => ({ label: d.name(row.key), values: [row.quarter, row.cumulative] })),
      SERIES,
    );
    out.table(
      `Tabel: knelpunten ${d.title.toLowerCase()}`,
      dimensionColumns(d.label),
      rows.map((row) => [d.name(row.key), integer(row.quarter), integer(row.cumulative)]),
    );
  }

  out.heading('Termijnen verlopen aan het einde van het kwartaal', 110);
  out.text(
    `${integer(r.overdue.knelpunten)} knelpunten hadden op het peilmoment ten minste één verlopen termijn. ${r.overdue.explanation}`,
    { size: 9.5, gap: 8 },
  );
  if (r.overdue.byDeadlineKind.length === 0) {
    out.text('Geen verlopen termijnen.', { size: 9.5 });
  } else {
    out.barChart(
      r.overdue.byDeadlineKind.map((k) => ({ label: deadlineLabel(k.key), values: [k.count] })),
      [{ name: 'Verlopen termijnen', color: LINTBLAUW }],
    );
    out.table(
      'Tabel: verlopen termijnen per termijnsoort',
      [
        { header: 'Termijnsoort', width: 70 },
        { header: 'Verlopen termijnen', width: 30, align: 'right' },
      ],
      r.overdue.byDeadlineKind.map((k) => [deadlineLabel(k.key), integer(k.count)]),
    );
  }

  out.heading('Mediane doorlooptijd tot besluit driehoek', 50);
  out.text(
    r.driehoekDecision.medianDays === null
      ? 'In dit kwartaal nam geen driehoek een eerste besluit over een knelpunt; er is geen mediaan.'
      : `Mediaan: ${decimal(r.driehoekDecision.medianDays)} dagen van de indiening tot het eerste besluit van de driehoek, ` +
          `over ${integer(r.driehoekDecision.basedOn)} knelpunten waarvan dat eerste besluit in het kwartaal viel.`,
    { size: 9.5 },
  );

  out.heading('Knelpunten die in het kwartaal bewogen', 80);
  const listed = r.moved.items.length;
  out.text(
    listed === r.moved.total
      ? `${integer(r.moved.total)} knelpunten veranderden in het kwartaal van status.`
      : `${integer(r.moved.total)} knelpunten veranderden in het kwartaal van status; de ${integer(listed)} die het laatst ` +
          'veranderden staan hieronder.',
    { size: 9.5, gap: 8 },
  );
  if (listed > 0) {
    out.table(
      'Tabel: knelpunten met een statuswijziging, laatst gewijzigd eerst',
      [
        { header: 'Kenmerk', width: 54 },
        { header: 'Titel', width: 127 },
        { header: 'Organisatie', width: 54 },
        { header: 'Van', width: 82 },
        { header: 'Naar', width: 82 },
        { header: 'Laatste wijziging', width: 72 },
      ],
      r.moved.items.map((m) => [m.reference, m.title, m.organisation, statusLabel(m.from), statusLabel(m.to), momentShort(m.lastMovedAt)]),
      8,
    );
  }

  out.footers();
  doc.end();
  return done;
}
