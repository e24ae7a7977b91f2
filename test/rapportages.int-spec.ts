import { randomUUID } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import { Workbook } from 'exceljs';
import { DataSource } from 'typeorm';
import { TestSystem, eventually } from './support/test-system';
import { aKnelpunt, aStand } from './builders';
import { DOORBRAAKTEAMS, STATUSES, THEMES } from '../libs/domain/src';
import { kwartaalOf } from '../libs/knelpunten/src/use-cases/get-voortgangsrapportage/get-voortgangsrapportage.use-case';

const WEEK = 7 * 86_400_000;
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

interface KeyCount {
  key: string;
  count: number;
}

/**
 * GET /api/v1/rapportages/voortgang on the real stack (PostgreSQL, Temporal dev server, worker): Standen of three
 * organisations taken through decisions via the API, and every number of the report checked against what the list
 * endpoint answers for the same question, against the decisions taken, and in the CSV and XLSX read back.
 *
 * Time cannot pass here, so one knelpunt "from the past" (2026-Q2/Q3) is written straight into the read model and the
 * append-only timeline as the projection would have left them; it has no workflow, so nothing moves it. It checks
 * the reconstruction of a past quarter (status, flows, median, overdue from the deadline log).
 */
describe('rapportages: the quarterly progress report (real PostgreSQL and Temporal)', () => {
  let sys: TestSystem;
  let ds: DataSource;
  let pd: string;
  let acu: string;
  const kwartaal = kwartaalOf(new Date());
  const ids: Record<string, string> = {};
  const past = randomUUID();

  async function submit(organisation: string, knelpunten: ReturnType<typeof aKnelpunt>[]): Promise<{ standId: string; ids: string[] }> {
    const token = await sys.token({ role: 'indiener', organisation });
    const res = await sys.request('POST', '/api/v1/standen', { token, body: aStand({ organisation }, knelpunten) });
    expect(res.status).toBe(201);
    const created: string[] = res.body.knelpunten.map((k: { id: string }) => k.id);
    for (const id of created) {
      await eventually(
        async () => (await sys.request('GET', `/api/v1/knelpunten/${id}`, { token: pd })).body.status === 'bij_driehoek',
        30000,
        'bij_driehoek',
      );
    }
    return { standId: res.body.id as string, ids: created };
  }

  async function decide(token: string, id: string, body: Record<string, unknown>, status: string): Promise<void> {
    const res = await sys.request('POST', `/api/v1/knelpunten/${id}/decisions`, { token, body });
    expect({ status: res.status, to: res.body.status }).toEqual({ status: 200, to: status });
  }

  const rapportage = async (token: string, query = ''): Promise<any> => {
    const res = await sys.request('GET', `/api/v1/rapportages/voortgang${query}`, { token });
    expect(res.status).toBe(200);
    return res.body;
  };

  /** How many knelpunten GET /knelpunten returns for a filter, through every page. */
  async function listCount(token: string, filter: string): Promise<number> {
    let n = 0;
    let cursor: string | undefined;
    do {
      const res = await sys.request(
        'GET',
        `/api/v1/knelpunten?limit=100&${filter}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
        {
          token,
        },
      );
      expect(res.status).toBe(200);
      n += res.body.items.length;
      cursor = res.body.nextCursor ?? undefined;
    } while (cursor);
    return n;
  }

  const countOf = (list: KeyCount[], key: string): number => list.find((r) => r.key === key)?.count ?? 0;
  /** A list in key order (the documents list the quarter's counts in the cumulative's order). */
  const byKey = (list: { key: unknown; count: unknown }[]): { key: unknown; count: unknown }[] =>
    [...list].sort((a, b) => String(a.key).localeCompare(String(b.key)));

  /** Every count of a report section equals the list's answer for the same filter, and every key the list knows is there. */
  async function expectCountsMatchList(token: string, section: any): Promise<void> {
    const dimensions: [string, string, readonly string[]][] = [
      ['byStatus', 'status', STATUSES],
      ['byTheme', 'theme', THEMES],
      ['byOrganisation', 'organisation', ['UWV', 'SVB', 'DUO', 'IND']],
      ['byDoorbraakteam', 'doorbraakteam', [...DOORBRAAKTEAMS, 'geen']],
    ];
    for (const [field, filter, keys] of dimensions) {
      const list = section[field] as KeyCount[];
      for (const r of list) expect(keys).toContain(r.key);
      for (const key of keys) {
        expect({ field, key, count: countOf(list, key) }).toEqual({ field, key, count: await listCount(token, `${filter}=${key}`) });
      }
      expect(list.reduce((sum, r) => sum + r.count, 0)).toBe(section.total);
    }
    expect(section.total).toBe(await listCount(token, ''));
  }

  beforeAll(async () => {
    sys = await TestSystem.start();
    ds = sys.api.get(DataSource);
    pd = await sys.token({ role: 'programmadirectie' });
    acu = await sys.token({ role: 'acu' });
    const uwv = await submit('UWV', [
      aKnelpunt({ theme: 'ict', title: '=SOM(A1,A2) "rekent" verkeerd' }),
      aKnelpunt({ theme: 'gegevensdeling' }),
      aKnelpunt({ theme: 'wetgeving' }),
    ]);
    const svb = await submit('SVB', [
      aKnelpunt({ theme: 'vereenvoudiging' }),
      aKnelpunt({ theme: 'schaarste' }),
      aKnelpunt({ theme: 'ict' }),
    ]);
    const duo = await submit('DUO', [aKnelpunt({ theme: 'vereenvoudiging' }), aKnelpunt({ theme: 'maatwerk' })]);
    ids.standUwv = uwv.standId;
    [ids.uwv0, ids.uwv1, ids.uwv2] = uwv.ids;
    [ids.svb0, ids.svb1, ids.svb2] = svb.ids;
    [ids.duo0, ids.duo1] = duo.ids;

    const driehoek = async (code: string) => sys.token({ role: 'driehoek', driehoek: code });
    const targetDate = new Date(Date.now() + 20 * WEEK).toISOString().slice(0, 10);
    const oppakken = { decision: 'oppakken', owner: 'Directie Uitvoering', targetDate, plan: 'Regels versimpelen' };
    const dUwv = await driehoek('UWV');
    const dSvb = await driehoek('SVB');
    const dDuo = await driehoek('DUO');
    await decide(dUwv, ids.uwv0!, oppakken, 'in_aanpak_driehoek');
    await decide(dUwv, ids.uwv0!, { decision: 'afronden', outcome: 'opgelost', summary: 'Rekenregel hersteld' }, 'afgesloten');
    await decide(dUwv, ids.uwv1!, { decision: 'escaleren_acu', motivation: 'Raakt meerdere organisaties' }, 'bij_acu');
    await decide(acu, ids.uwv1!, { decision: 'toewijzen_doorbraakteam', team: 'gegevensdeling' }, 'in_aanpak_acu');
    await decide(
      dUwv,
      ids.uwv2!,
      { decision: 'naar_politiek', instrument: 'kamerbrief', motivation: 'Alleen de wetgever' },
      'politieke_opvolging',
    );
    await decide(dSvb, ids.svb0!, { decision: 'afwijzen', outcome: 'niet_oplosbaar', motivation: 'Een aanvaard dilemma' }, 'afgesloten');
    await decide(
      await sys.token({ role: 'indiener', organisation: 'SVB' }),
      ids.svb1!,
      { decision: 'intrekken', motivation: 'Vervallen' },
      'afgesloten',
    );
    await decide(dDuo, ids.duo0!, oppakken, 'in_aanpak_driehoek');
    await decide(dDuo, ids.duo0!, { decision: 'afronden', outcome: 'deels_opgelost', summary: 'Deels opgelost' }, 'afgesloten');

    // The knelpunt from the past: ingediend 10 May 2026, opgepakt 1 June (22 days later), afgerond 1 August; its
    // streefdatum lapsed on 20 June and the term ended (vervallen) at the close.
    const driehoekActor = JSON.stringify({ subject: 'd', name: 'Dirk', role: 'driehoek', organisation: null });
    const systeem = JSON.stringify({ subject: 'systeem', name: 'Systeem', role: 'systeem', organisation: null });
    const deadlines = JSON.stringify([
      {
        id: randomUUID(),
        kind: 'streefdatum',
        state: 'vervallen',
        dueAt: '2026-06-19T22:00:00.000Z',
        log: [
          { at: '2026-06-01T10:00:00.000Z', type: 'gestart', actor: {}, reason: 'gestart' },
          { at: '2026-06-20T07:00:00.000Z', type: 'verlopen', actor: {}, reason: 'verlopen' },
          { at: '2026-08-01T10:00:00.000Z', type: 'vervallen', actor: {}, reason: 'afgesloten' },
        ],
      },
    ]);
    await ds.query(
      `INSERT INTO knelpunten (id, reference, stand_id, organisation_code, driehoek_code, position, title, description, theme,
         status, outcome, overdue, deadlines, created_at, updated_at)
       VALUES ($1, 'UWV-90001', $2, 'UWV', 'UWV', 100, 'Knelpunt uit het verleden', 'Beschrijving', 'financiering',
         'afgesloten', 'opgelost', false, $3::jsonb, '2026-05-10T10:00:00Z', '2026-08-01T10:00:00Z')`,
      [past, ids.standUwv, deadlines],
    );
    const entry = (at: string, type: string, actor: string, data: Record<string, unknown>) =>
      ds.query(`INSERT INTO knelpunt_timeline (id, knelpunt_id, at, type, actor, data) VALUES ($1, $2, $3, $4, $5::jsonb, $6::jsonb)`, [
        randomUUID(),
        past,
        at,
        type,
        actor,
        JSON.stringify(data),
      ]);
    await entry('2026-05-10T10:00:00Z', 'bij_driehoek', systeem, { van: 'ingediend', naar: 'bij_driehoek' });
    await entry('2026-06-01T10:00:00Z', 'oppakken', driehoekActor, { van: 'bij_driehoek', naar: 'in_aanpak_driehoek' });
    await entry('2026-08-01T10:00:00Z', 'afronden', driehoekActor, { outcome: 'opgelost', van: 'in_aanpak_driehoek', naar: 'afgesloten' });
  });

  afterAll(async () => {
    await sys.close();
  });

  it('defaults to the current quarter and counts exactly what the list endpoint returns for the same filter', async () => {
    const r = await rapportage(pd);
    expect(r).toMatchObject({ kwartaal, lopend: true });
    expect(r.overdue.basis).toBe('huidige_stand');
    expect(Date.parse(r.peilmoment)).toBeLessThanOrEqual(Date.now());
    await expectCountsMatchList(pd, r.cumulative);
    expect(r.cumulative.total).toBe(9);
    // The quarter: the eight submitted through the API (the ninth is from Q2).
    expect(r.quarter.total).toBe(8);
    expect(r.quarter.byOrganisation).toEqual([
      { key: 'SVB', count: 3 },
      { key: 'UWV', count: 3 },
      { key: 'DUO', count: 2 },
    ]);
    expect(countOf(r.quarter.byStatus, 'afgesloten')).toBe(4);
    expect(r.quarter.byDoorbraakteam).toEqual([
      { key: 'geen', count: 7 },
      { key: 'gegevensdeling', count: 1 },
    ]);
    expect(r.overdue.knelpunten).toBe(await listCount(pd, 'overdue=true'));
    expect(r.overdue.byDeadlineKind).toEqual([]);
  });

  it('counts the flows of the quarter as the decisions were taken', async () => {
    const r = await rapportage(pd, `?kwartaal=${kwartaal}`);
    expect(r.flows).toEqual({
      new: 8,
      decidedByDriehoek: 5, // uwv0, uwv1, uwv2, svb0, duo0 (the withdrawal and the ACU's assignment are no driehoek decision)
      escalatedToAcu: 1,
      toPolitics: 1,
      solved: 2, // opgelost and deels opgelost
      notSolvable: 1,
      withdrawn: 1,
    });
    expect(r.driehoekDecision.basedOn).toBe(5);
    expect(r.driehoekDecision.medianDays).toBeGreaterThanOrEqual(0);
    expect(r.driehoekDecision.medianDays).toBeLessThan(1);
    expect(r.moved.total).toBe(8);
    expect(r.moved.items).toHaveLength(8);
    const byReference = new Map<string, any>(r.moved.items.map((m: any) => [m.reference, m]));
    for (const id of Object.values(ids).filter((v) => v !== ids.standUwv)) {
      const k = (await sys.request('GET', `/api/v1/knelpunten/${id}`, { token: pd })).body;
      expect(byReference.get(k.reference)).toMatchObject({
        title: k.title,
        organisation: k.organisation,
        from: 'ingediend',
        to: k.status,
      });
    }
  });

  it('scopes the ACU to what was escalated to it, as its list does', async () => {
    const r = await rapportage(acu);
    await expectCountsMatchList(acu, r.cumulative);
    expect(r.cumulative.total).toBe(1);
    expect(r.flows).toMatchObject({ new: 1, escalatedToAcu: 1, decidedByDriehoek: 1 });
  });

  it('reconstructs a past quarter from the timeline and the deadline log', async () => {
    const q2 = await rapportage(pd, '?kwartaal=2026-Q2');
    expect(q2).toMatchObject({ kwartaal: '2026-Q2', periodStart: '2026-04-01', periodEnd: '2026-06-30', lopend: false });
    expect(q2.peilmoment).toBe('2026-06-30T22:00:00.000Z');
    expect(q2.quarter).toEqual({
      total: 1,
      byStatus: [{ key: 'in_aanpak_driehoek', count: 1 }],
      byTheme: [{ key: 'financiering', count: 1 }],
      byOrganisation: [{ key: 'UWV', count: 1 }],
      byDoorbraakteam: [{ key: 'geen', count: 1 }],
    });
    expect(q2.flows).toEqual({ new: 1, decidedByDriehoek: 1, escalatedToAcu: 0, toPolitics: 0, solved: 0, notSolvable: 0, withdrawn: 0 });
    expect(q2.driehoekDecision).toEqual({ medianDays: 22, basedOn: 1 });
    expect(q2.overdue).toMatchObject({ basis: 'termijnlogboek', knelpunten: 1, byDeadlineKind: [{ key: 'streefdatum', count: 1 }] });
    expect(q2.moved).toMatchObject({ total: 1, items: [{ reference: 'UWV-90001', from: 'ingediend', to: 'in_aanpak_driehoek' }] });

    const q3 = await rapportage(pd, '?kwartaal=2026-Q3');
    expect(q3.quarter.total).toBe(0);
    expect(q3.cumulative.byStatus).toEqual([{ key: 'afgesloten', count: 1 }]);
    expect(q3.flows).toMatchObject({ new: 0, decidedByDriehoek: 1, solved: 1 });
    expect(q3.driehoekDecision).toEqual({ medianDays: null, basedOn: 0 });
    expect(q3.overdue).toMatchObject({ knelpunten: 0, byDeadlineKind: [] });
    expect(q3.moved.items).toEqual([expect.objectContaining({ reference: 'UWV-90001', from: 'in_aanpak_driehoek', to: 'afgesloten' })]);

    const q1 = await rapportage(pd, '?kwartaal=2026-Q1');
    expect({ quarter: q1.quarter.total, cumulative: q1.cumulative.total, moved: q1.moved.total }).toEqual({
      quarter: 0,
      cumulative: 0,
      moved: 0,
    });
  });

  it('gives the same numbers as CSV (RFC 4180, a section per table, formula cells escaped)', async () => {
    const json = await rapportage(pd, `?kwartaal=${kwartaal}`);
    const res = await sys.request('GET', `/api/v1/rapportages/voortgang?kwartaal=${kwartaal}&format=csv`, { token: pd });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe(`attachment; filename="kwartaalrapportage-${kwartaal}.csv"`);
    const text = String(res.body);
    expect(text).toContain('\r\n');
    const records = parse(text, { bom: true, relax_column_count: true, skip_empty_lines: true }) as string[][];
    const sections = new Map<string, string[][]>();
    let current: string[][] = [];
    for (const record of records) {
      if (record.length === 1) sections.set(record[0]!, (current = []));
      else current.push(record);
    }
    const section = (prefix: string): string[][] => [...sections.entries()].find(([title]) => title.startsWith(prefix))![1];

    const status = section('Knelpunten per status');
    expect(status[0]).toEqual(['Status', 'Ingediend in het kwartaal', 'Tot en met het kwartaal']);
    expect(status.slice(1).map(([key, , cumulative]) => ({ key, count: Number(cumulative) }))).toEqual(json.cumulative.byStatus);
    expect(
      byKey(
        status
          .slice(1)
          .map(([key, quarter]) => ({ key, count: Number(quarter) }))
          .filter((r) => r.count > 0),
      ),
    ).toEqual(byKey(json.quarter.byStatus));
    for (const [prefix, field] of [
      ['Knelpunten per thema', 'byTheme'],
      ['Knelpunten per organisatie', 'byOrganisation'],
      ['Knelpunten per doorbraakteam', 'byDoorbraakteam'],
    ] as const) {
      expect(
        section(prefix)
          .slice(1)
          .map(([key, , cumulative]) => ({ key, count: Number(cumulative) })),
      ).toEqual(json.cumulative[field]);
    }
    const flows = new Map(section('Stromen in het kwartaal').slice(1) as [string, string][]);
    expect(Number(flows.get('Nieuw ingediend'))).toBe(json.flows.new);
    expect(Number(flows.get('Besloten door een driehoek'))).toBe(json.flows.decidedByDriehoek);
    expect(Number(flows.get('Geëscaleerd naar de ACU'))).toBe(json.flows.escalatedToAcu);
    expect(Number(flows.get('Naar de politiek'))).toBe(json.flows.toPolitics);
    expect(Number(flows.get('Opgelost (geheel of deels)'))).toBe(json.flows.solved);
    expect(Number(flows.get('Niet oplosbaar'))).toBe(json.flows.notSolvable);
    expect(Number(flows.get('Ingetrokken'))).toBe(json.flows.withdrawn);
    const summary = new Map(section('Samenvatting').slice(1) as [string, string][]);
    expect(summary.get('Kwartaal')).toBe(kwartaal);
    expect(Number(summary.get('Knelpunten tot en met het kwartaal'))).toBe(json.cumulative.total);

    const moved = section('Knelpunten met een statuswijziging');
    expect(moved[0]).toEqual(['Kenmerk', 'Titel', 'Organisatie', 'Van', 'Naar', 'Laatste wijziging']);
    expect(moved).toHaveLength(1 + json.moved.items.length);
    // The title with a comma and quotes came back whole, and a spreadsheet shows it as text, never as a formula.
    expect(moved.map((row) => row[1])).toContain(`'=SOM(A1,A2) "rekent" verkeerd`);
  });

  it('gives the same numbers as XLSX (a sheet per table with a title row), read back with exceljs', async () => {
    const json = await rapportage(pd, `?kwartaal=${kwartaal}`);
    const res = await sys.api
      .getHttpAdapter()
      .getInstance()
      .inject({
        method: 'GET',
        url: `/api/v1/rapportages/voortgang?kwartaal=${kwartaal}&format=xlsx`,
        headers: { authorization: `Bearer ${pd}` },
      });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe(XLSX);
    expect(res.headers['content-disposition']).toBe(`attachment; filename="kwartaalrapportage-${kwartaal}.xlsx"`);
    const wb = new Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((ws) => ws.name)).toEqual([
      'Samenvatting',
      'Stromen',
      'Per status',
      'Per thema',
      'Per organisatie',
      'Per doorbraakteam',
      'Verlopen termijnen',
      'Statuswijzigingen',
    ]);
    /** Data rows of a sheet (row 1 the title, row 2 the headers). */
    const rows = (name: string): unknown[][] => {
      const ws = wb.getWorksheet(name)!;
      expect(String(ws.getRow(1).getCell(1).value)).toContain(`Kwartaalrapportage ${kwartaal}`);
      expect(String(ws.getRow(1).getCell(1).value)).toContain('gegenereerd op');
      const out: unknown[][] = [];
      ws.eachRow((row, n) => {
        if (n > 2) out.push((row.values as unknown[]).slice(1));
      });
      return out;
    };
    expect(wb.getWorksheet('Per status')!.getRow(2).values).toEqual([
      undefined,
      'Status',
      'Ingediend in het kwartaal',
      'Tot en met het kwartaal',
    ]);
    for (const [sheet, field] of [
      ['Per status', 'byStatus'],
      ['Per thema', 'byTheme'],
      ['Per organisatie', 'byOrganisation'],
      ['Per doorbraakteam', 'byDoorbraakteam'],
    ] as const) {
      expect(rows(sheet).map(([key, , count]) => ({ key, count }))).toEqual(json.cumulative[field]);
      expect(
        byKey(
          rows(sheet)
            .map(([key, count]) => ({ key, count }))
            .filter((r) => (r.count as number) > 0),
        ),
      ).toEqual(byKey(json.quarter[field]));
    }
    expect(new Map(rows('Stromen') as [string, number][])).toEqual(
      new Map([
        ['Nieuw ingediend', json.flows.new],
        ['Besloten door een driehoek', json.flows.decidedByDriehoek],
        ['Geëscaleerd naar de ACU', json.flows.escalatedToAcu],
        ['Naar de politiek', json.flows.toPolitics],
        ['Opgelost (geheel of deels)', json.flows.solved],
        ['Niet oplosbaar', json.flows.notSolvable],
        ['Ingetrokken', json.flows.withdrawn],
      ]),
    );
    expect(rows('Statuswijzigingen').map((r) => r[0])).toEqual(json.moved.items.map((m: { reference: string }) => m.reference));
  });

  it('refuses a malformed or future quarter and a bad format with a 400 naming the field', async () => {
    for (const [query, name] of [
      ['?kwartaal=2026-Q5', 'kwartaal'],
      ['?kwartaal=2026Q4', 'kwartaal'],
      ['?kwartaal=2999-Q4', 'kwartaal'],
      ['?format=pdfx', 'format'],
    ]) {
      const res = await sys.request('GET', `/api/v1/rapportages/voortgang${query}`, { token: pd });
      expect({ query, status: res.status, type: res.headers['content-type'] }).toEqual({
        query,
        status: 400,
        type: expect.stringContaining('application/problem+json'),
      });
      expect(res.body.invalidParams.map((p: { name: string }) => p.name)).toEqual([name]);
    }
  });

  it('documents the four formats in the OpenAPI document, errors as problem+json', async () => {
    const doc = (await sys.request('GET', '/api/v1/openapi.json')).body;
    const op = doc.paths['/rapportages/voortgang'].get;
    expect(Object.keys(op.responses['200'].content).sort()).toEqual(['application/json', 'text/csv', XLSX, 'application/pdf'].sort());
    expect(op.responses['200'].content['application/json'].schema.$ref).toBe('#/components/schemas/VoortgangsrapportageDto');
    expect(op.parameters.map((p: { name: string }) => p.name).sort()).toEqual(['format', 'kwartaal']);
    for (const status of ['400', '401', '403']) expect(Object.keys(op.responses[status].content)).toEqual(['application/problem+json']);
  });

  it('is for the programmadirectie and the ACU only: 403 for indiener and driehoek, 401 without login', async () => {
    const indiener = await sys.token({ role: 'indiener', organisation: 'UWV' });
    const driehoek = await sys.token({ role: 'driehoek', driehoek: 'UWV' });
    for (const format of ['', '?format=csv', '?format=xlsx']) {
      expect((await sys.request('GET', `/api/v1/rapportages/voortgang${format}`, { token: indiener })).status).toBe(403);
      expect((await sys.request('GET', `/api/v1/rapportages/voortgang${format}`, { token: driehoek })).status).toBe(403);
      const anonymous = await sys.request('GET', `/api/v1/rapportages/voortgang${format}`);
      expect(anonymous.status).toBe(401);
      expect(anonymous.headers['content-type']).toContain('application/problem+json');
    }
  });
});
