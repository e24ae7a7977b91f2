import pdfParse from 'pdf-parse';
import type { VoortgangsrapportageDto } from '../../dtos/voortgangsrapportage.dto';
import { pdfText, voortgangPdf } from './voortgang-pdf';

const tellingen = (total: number, byStatus: [string, number][] = []) => ({
  total,
  byStatus: byStatus.map(([key, count]) => ({ key, count })),
  byTheme: total ? [{ key: 'ict', count: total }] : [],
  byOrganisation: total ? [{ key: 'UWV', count: total }] : [],
  byDoorbraakteam: total ? [{ key: 'geen', count: total }] : [],
});

function report(moved: number, overrides: Partial<VoortgangsrapportageDto> = {}): VoortgangsrapportageDto {
  return {
    kwartaal: '2026-Q4',
    periodStart: '2026-10-01',
    periodEnd: '2026-12-31',
    peilmoment: '2026-12-31T23:00:00.000Z',
    lopend: false,
    generatedAt: '2027-01-05T09:30:00.000Z',
    quarter: tellingen(0),
    cumulative: tellingen(0),
    flows: { new: 0, decidedByDriehoek: 0, escalatedToAcu: 0, toPolitics: 0, solved: 0, notSolvable: 0, withdrawn: 0 },
    overdue: { basis: 'termijnlogboek', explanation: 'Afgeleid uit het termijnlogboek.', knelpunten: 0, byDeadlineKind: [] },
    driehoekDecision: { medianDays: null, basedOn: 0 },
    moved: {
      total: moved,
      limit: 200,
      items: Array.from({ length: Math.min(moved, 200) }, (_, i) => ({
        reference: `UWV-${String(i + 1).padStart(5, '0')}`,
        title:
          i % 7 === 0
            ? `Een lange titel over gegevensdeling tussen uitvoeringsorganisaties die over meer regels loopt (${i})`
            : `Knelpunt ${i}`,
        organisation: 'UWV',
        from: 'bij_driehoek',
        to: 'in_aanpak_driehoek',
        lastMovedAt: '2026-11-15T10:00:00.000Z',
      })),
    },
    ...overrides,
  };
}

/** The text of every page, extracted by a PDF library (pdf.js in pdf-parse). */
async function pagesOf(pdf: Buffer): Promise<{ numpages: number; pages: string[]; info: Record<string, unknown> }> {
  const pages: string[] = [];
  const result = await pdfParse(pdf, {
    pagerender: async (page: { getTextContent: () => Promise<{ items: { str: string }[] }> }) => {
      const content = await page.getTextContent();
      const text = content.items.map((item) => item.str).join(' ');
      pages.push(text);
      return text;
    },
  });
  return { numpages: result.numpages, pages, info: result.info as Record<string, unknown> };
}

describe('voortgangPdf', () => {
  it('renders a report without a single knelpunt: every heading, the quarter, "concept", one page number per page', async () => {
    const pdf = await voortgangPdf(report(0));
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const { numpages, pages, info } = await pagesOf(pdf);
    const text = pages.join('\n');
    for (const heading of [
      'Voortgangsrapportage knelpunten 2026-Q4',
      'Samenvatting',
      'Stromen in het kwartaal',
      'Per status',
      'Per thema',
      'Per organisatie',
      'Per doorbraakteam',
      'Termijnen verlopen aan het einde van het kwartaal',
      'Mediane doorlooptijd tot besluit driehoek',
      'Knelpunten die in het kwartaal bewogen',
    ]) {
      expect(text).toContain(heading);
    }
    expect(text).toContain('concept (niet gepubliceerd)');
    expect(text).toContain('Geen knelpunten tot en met dit kwartaal.');
    expect(text).toContain('er is geen mediaan');
    pages.forEach((page, i) => expect(page).toContain(`Pagina ${i + 1} van ${numpages}`));
    expect(info).toMatchObject({ Title: 'Voortgangsrapportage knelpunten 2026-Q4' });
    expect(pdf.toString('latin1')).toContain('/Lang (nl-NL)');
  });

  it('breaks 200 moved knelpunten over several pages, repeats the table header and numbers every page', async () => {
    const pdf = await voortgangPdf(
      report(230, {
        quarter: tellingen(5, [['bij_driehoek', 5]]),
        cumulative: tellingen(9, [
          ['bij_driehoek', 7],
          ['afgesloten', 2],
        ]),
        driehoekDecision: { medianDays: 23.5, basedOn: 8 },
      }),
      { versie: 3 },
    );
    const { numpages, pages } = await pagesOf(pdf);
    expect(numpages).toBeGreaterThan(3);
    expect(pages).toHaveLength(numpages);
    pages.forEach((page, i) => {
      expect(page).toContain(`Pagina ${i + 1} van ${numpages}`);
      expect(page).toContain('versie 3');
    });
    const text = pages.join('\n');
    expect(text).toContain('230 knelpunten veranderden in het kwartaal van status; de 200 die het laatst');
    for (const n of [1, 100, 200]) expect(text).toContain(`UWV-${String(n).padStart(5, '0')}`);
    expect(text).not.toContain('UWV-00201');
    // every page the moved table runs onto starts with its caption and header again
    const continued = pages.filter((page) => page.includes('(vervolg)'));
    expect(continued.length).toBeGreaterThanOrEqual(2);
    for (const page of continued) expect(page).toMatch(/Kenmerk\s+Titel\s+Organisatie\s+Van\s+Naar\s+Laatste\s+wijziging/);
    expect(text).toContain('Mediaan: 23,5 dagen');
    expect(text).toMatch(/Bij de driehoek\s+5\s+7/);
    expect(text).toMatch(/Afgesloten\s+0\s+2/);
  });

  it('keeps text the standard fonts can show and replaces the rest', () => {
    expect(pdfText('Geëscaleerd – “€ 5” ő → ✓')).toBe('Geëscaleerd – “€ 5” o ? ?');
  });
});
