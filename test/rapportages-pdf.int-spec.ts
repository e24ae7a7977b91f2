import pdfParse from 'pdf-parse';
import { TestSystem, eventually } from './support/test-system';
import { aKnelpunt, aStand } from './builders';
import { STATUS_LABELS } from '../libs/domain/src';
import { kwartaalOf } from '../libs/knelpunten/src/use-cases/get-voortgangsrapportage/get-voortgangsrapportage.use-case';

interface KeyCount {
  key: string;
  count: number;
}

/** The text of each page of a PDF, extracted by a PDF library (pdf.js inside pdf-parse). */
async function pdfPages(pdf: Buffer): Promise<string[]> {
  const pages: string[] = [];
  const result = await pdfParse(pdf, {
    pagerender: async (page: { getTextContent: () => Promise<{ items: { str: string }[] }> }) => {
      const text = (await page.getTextContent()).items.map((item) => item.str).join(' ');
      pages.push(text);
      return text;
    },
  });
  expect(pages).toHaveLength(result.numpages);
  return pages;
}

/** The part of the text from `from` up to `to` (the next heading). */
function between(text: string, from: string, to: string): string {
  const start = text.indexOf(from);
  expect(start).toBeGreaterThanOrEqual(0);
  const end = text.indexOf(to, start + from.length);
  expect(end).toBeGreaterThan(start);
  return text.slice(start, end);
}

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * GET /api/v1/rapportages/voortgang?format=pdf on the real stack (PostgreSQL, Temporal dev server, worker): knelpunten
 * of two organisations submitted and decided through the API, then the PDF downloaded, its text extracted with a PDF
 * library and every number compared with the JSON report of the same quarter.
 */
describe('rapportages: the quarterly progress report as PDF (real PostgreSQL and Temporal)', () => {
  let sys: TestSystem;
  let pd: string;
  let acu: string;
  const kwartaal = kwartaalOf(new Date());

  async function submit(organisation: string, count: number): Promise<string[]> {
    const token = await sys.token({ role: 'indiener', organisation });
    const knelpunten = Array.from({ length: count }, (_, i) => aKnelpunt({ theme: i % 2 ? 'ict' : 'gegevensdeling' }));
    const res = await sys.request('POST', '/api/v1/standen', { token, body: aStand({ organisation }, knelpunten) });
    expect(res.status).toBe(201);
    const ids: string[] = res.body.knelpunten.map((k: { id: string }) => k.id);
    for (const id of ids) {
      await eventually(
        async () => (await sys.request('GET', `/api/v1/knelpunten/${id}`, { token: pd })).body.status === 'bij_driehoek',
        30000,
        'bij_driehoek',
      );
    }
    return ids;
  }

  async function decide(token: string, id: string, body: Record<string, unknown>, status: string): Promise<void> {
    const res = await sys.request('POST', `/api/v1/knelpunten/${id}/decisions`, { token, body });
    expect({ status: res.status, to: res.body.status }).toEqual({ status: 200, to: status });
  }

  async function json(token: string): Promise<any> {
    const res = await sys.request('GET', `/api/v1/rapportages/voortgang?kwartaal=${kwartaal}`, { token });
    expect(res.status).toBe(200);
    return res.body;
  }

  async function pdf(token: string): Promise<{ status: number; headers: Record<string, unknown>; body: Buffer }> {
    const res = await sys.api
      .getHttpAdapter()
      .getInstance()
      .inject({
        method: 'GET',
        url: `/api/v1/rapportages/voortgang?kwartaal=${kwartaal}&format=pdf`,
        headers: { authorization: `Bearer ${token}` },
      });
    return { status: res.statusCode, headers: res.headers, body: res.rawPayload };
  }

  beforeAll(async () => {
    sys = await TestSystem.start();
    pd = await sys.token({ role: 'programmadirectie' });
    acu = await sys.token({ role: 'acu' });
    const [uwv0, uwv1, uwv2] = await submit('UWV', 3);
    const [svb0] = await submit('SVB', 2);
    const dUwv = await sys.token({ role: 'driehoek', driehoek: 'UWV' });
    const dSvb = await sys.token({ role: 'driehoek', driehoek: 'SVB' });
    const targetDate = new Date(Date.now() + 140 * 86_400_000).toISOString().slice(0, 10);
    await decide(
      dUwv,
      uwv0!,
      { decision: 'oppakken', owner: 'Directie Uitvoering', targetDate, plan: 'Regels versimpelen' },
      'in_aanpak_driehoek',
    );
    await decide(dUwv, uwv1!, { decision: 'escaleren_acu', motivation: 'Raakt meerdere organisaties' }, 'bij_acu');
    await decide(acu, uwv1!, { decision: 'toewijzen_doorbraakteam', team: 'gegevensdeling' }, 'in_aanpak_acu');
    await decide(dUwv, uwv2!, { decision: 'escaleren_acu', motivation: 'Ook voor de ACU' }, 'bij_acu');
    await decide(dSvb, svb0!, { decision: 'afwijzen', outcome: 'niet_oplosbaar', motivation: 'Een aanvaard dilemma' }, 'afgesloten');
  });

  afterAll(async () => {
    await sys.close();
  });

  it('downloads an A4 PDF attachment whose extracted text has every heading, the quarter, the version and page numbers', async () => {
    const res = await pdf(pd);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toBe(`attachment; filename="voortgangsrapportage-${kwartaal}.pdf"`);
    expect(res.body.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(res.body.toString('latin1')).toMatch(/\/MediaBox \[0 0 595\.28 841\.89\]/);

    const pages = await pdfPages(res.body);
    const text = pages.join('\n');
    for (const heading of [
      `Voortgangsrapportage knelpunten ${kwartaal}`,
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
    expect(text).toMatch(/Versie\s+concept \(niet gepubliceerd\)/);
    expect(text).toMatch(/Bereik\s+alle knelpunten/);
    expect(text).toContain('Gegenereerd op');
    pages.forEach((page, i) => expect(page).toContain(`Pagina ${i + 1} van ${pages.length}`));
  });

  it('holds the same numbers as the JSON report: per status, theme, organisation, doorbraakteam, flows and moved', async () => {
    const report = await json(pd);
    const text = (await pdfPages((await pdf(pd)).body)).join('\n');
    expect(report.cumulative.total).toBe(5);

    const rowsOf = (
      section: string,
      label: (key: string) => string,
      key: 'byStatus' | 'byTheme' | 'byOrganisation' | 'byDoorbraakteam',
    ) => {
      const quarter = new Map((report.quarter[key] as KeyCount[]).map((r) => [r.key, r.count]));
      for (const row of report.cumulative[key] as KeyCount[]) {
        expect(section).toMatch(new RegExp(`${escape(label(row.key))}\\s+${quarter.get(row.key) ?? 0}\\s+${row.count}\\b`));
      }
      return (report.cumulative[key] as KeyCount[]).length;
    };
    const statusLabel = (key: string): string => (STATUS_LABELS as Record<string, string>)[key]!;
    expect(rowsOf(between(text, 'Tabel: knelpunten per status', 'Per thema'), statusLabel, 'byStatus')).toBeGreaterThanOrEqual(4);
    const themeLabel = (key: string): string => (key === 'ict' ? 'ICT' : 'Gegevensdeling');
    expect(rowsOf(between(text, 'Tabel: knelpunten per thema', 'Per organisatie'), themeLabel, 'byTheme')).toBe(2);
    expect(rowsOf(between(text, 'Tabel: knelpunten per organisatie', 'Per doorbraakteam'), (k) => k, 'byOrganisation')).toBe(2);
    const teamLabel = (key: string): string => (key === 'geen' ? 'Geen doorbraakteam' : 'Gegevensdeling');
    expect(
      rowsOf(between(text, 'Tabel: knelpunten per doorbraakteam', 'Termijnen verlopen'), teamLabel, 'byDoorbraakteam'),
    ).toBeGreaterThanOrEqual(2);

    const flows = between(text, 'Tabel: stromen in het kwartaal', 'Per status');
    for (const [label, value] of [
      ['Nieuw ingediend', report.flows.new],
      ['Besloten door een driehoek', report.flows.decidedByDriehoek],
      ['Geëscaleerd naar de ACU', report.flows.escalatedToAcu],
      ['Naar de politiek', report.flows.toPolitics],
      ['Opgelost (geheel of deels)', report.flows.solved],
      ['Niet oplosbaar', report.flows.notSolvable],
      ['Ingetrokken', report.flows.withdrawn],
    ] as [string, number][]) {
      expect(flows).toMatch(new RegExp(`${escape(label)}\\s+${value}\\b`));
    }
    expect(report.flows).toMatchObject({ new: 5, escalatedToAcu: 2, notSolvable: 1 });

    expect(text).toMatch(new RegExp(`Knelpunten ingediend in het kwartaal\\s+${report.quarter.total}\\b`));
    expect(text).toMatch(new RegExp(`Knelpunten tot en met het kwartaal\\s+${report.cumulative.total}\\b`));
    expect(text).toMatch(new RegExp(`Knelpunten met een verlopen termijn op het peilmoment\\s+${report.overdue.knelpunten}\\b`));
    expect(text).toContain(`${report.moved.total} knelpunten veranderden in het kwartaal van status`);
    const moved = text.slice(text.indexOf('Tabel: knelpunten met een statuswijziging'));
    for (const m of report.moved.items as { reference: string; to: string }[]) {
      expect(moved).toContain(m.reference);
    }
    expect(report.moved.items.length).toBeGreaterThan(0);
    if (report.driehoekDecision.medianDays !== null) {
      const median = (report.driehoekDecision.medianDays as number).toLocaleString('nl-NL', { maximumFractionDigits: 1 });
      expect(text).toContain(`Mediaan: ${median} dagen`);
    }
  });

  it("gives the ACU the ACU's numbers (what was escalated to it), saying so in the document", async () => {
    const report = await json(acu);
    const res = await pdf(acu);
    expect(res.status).toBe(200);
    const text = (await pdfPages(res.body)).join('\n');
    expect(report.cumulative.total).toBe(2);
    expect(text).toMatch(/Bereik\s+de knelpunten die naar de ACU zijn geëscaleerd/);
    expect(text).toMatch(new RegExp(`Knelpunten tot en met het kwartaal\\s+${report.cumulative.total}\\b`));
  });

  it('is for the programmadirectie and the ACU only: 403 for indiener and driehoek, 401 problem+json without login', async () => {
    for (const token of [
      await sys.token({ role: 'indiener', organisation: 'UWV' }),
      await sys.token({ role: 'driehoek', driehoek: 'UWV' }),
    ]) {
      expect((await pdf(token)).status).toBe(403);
    }
    const anonymous = await sys.request('GET', `/api/v1/rapportages/voortgang?kwartaal=${kwartaal}&format=pdf`);
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers['content-type']).toContain('application/problem+json');
  });
});
