import { DataSource } from 'typeorm';
import { TestSystem } from './support/test-system';
import { aKnelpunt, aStand } from './builders';

/**
 * The CSV preview (POST /standen/import-controle) checks with the import's own code and stores nothing;
 * the public list of Standen pages by keyset. Real PostgreSQL; no worker is needed (nothing here waits
 * for a workflow).
 */
describe('CSV preview and the public Standen list (real PostgreSQL)', () => {
  let sys: TestSystem;
  let ds: DataSource;
  let indiener: string;

  beforeAll(async () => {
    sys = await TestSystem.start({ worker: false });
    ds = sys.api.get(DataSource);
    indiener = await sys.token({ role: 'indiener', organisation: 'UWV' });
  });

  afterAll(async () => {
    await sys.close();
  });

  const counts = async () => {
    const [row] = await ds.query(
      `SELECT (SELECT count(*) FROM standen)::int AS standen, (SELECT count(*) FROM knelpunten)::int AS knelpunten`,
    );
    return row as { standen: number; knelpunten: number };
  };

  const preview = (csv: string, query = 'organisation=UWV&period=2025&title=Voorbeeld', token: string | null = indiener) =>
    sys.request('POST', `/api/v1/standen/import-controle?${query}`, {
      token: token ?? undefined,
      raw: csv,
      headers: { 'content-type': 'text/csv' },
    });
  const importCsv = (csv: string, query = 'organisation=UWV&period=2025&title=Voorbeeld') =>
    sys.request('POST', `/api/v1/standen/import?${query}`, { token: indiener, raw: csv, headers: { 'content-type': 'text/csv' } });

  it('shows every row with the wrong fields named by the API, stores nothing, and agrees with the import', async () => {
    const before = await counts();
    const csv = [
      'title,description,theme,ministry',
      'Goed,Prima beschreven,ict,SZW',
      ',Geen titel,ict,',
      'Fout thema,Iets,onbekend,',
      'Onbekend ministerie,Iets,wetgeving,MINXYZ',
    ].join('\n');
    const res = await preview(csv);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ valid: false, organisation: 'UWV', period: '2025', title: 'Voorbeeld', invalidParams: [] });
    expect(res.body.rows).toEqual([
      { row: 2, values: { title: 'Goed', description: 'Prima beschreven', theme: 'ict', ministry: 'SZW' }, invalidParams: [] },
      {
        row: 3,
        values: { description: 'Geen titel', theme: 'ict' },
        invalidParams: [{ name: 'title', reason: 'is verplicht en mag niet leeg zijn' }],
      },
      {
        row: 4,
        values: { title: 'Fout thema', description: 'Iets', theme: 'onbekend' },
        invalidParams: [{ name: 'theme', reason: expect.stringContaining("moet een van de volgende thema's zijn") }],
      },
      {
        row: 5,
        values: { title: 'Onbekend ministerie', description: 'Iets', theme: 'wetgeving', ministry: 'MINXYZ' },
        invalidParams: [{ name: 'ministry', reason: "onbekend ministerie 'MINXYZ'" }],
      },
    ]);
    expect(await counts()).toEqual(before);

    // The import refuses the same rows for the same reasons (it reads the CSV with the same code).
    const refused = await importCsv(csv);
    expect(refused.status).toBe(400);
    const reasons = Object.fromEntries(refused.body.invalidParams.map((p: { name: string; reason: string }) => [p.name, p.reason]));
    expect(reasons['rij 3.title']).toBe(res.body.rows[1].invalidParams[0].reason);
    expect(reasons['rij 4.theme']).toBe(res.body.rows[2].invalidParams[0].reason);
    expect(await counts()).toEqual(before);
  });

  it('reports problems of the file itself without checking its rows', async () => {
    const header = await preview('title,description,theme,kleur\na,b,ict,rood\n');
    expect(header.status).toBe(200);
    expect(header.body.valid).toBe(false);
    expect(header.body.invalidParams).toEqual([expect.objectContaining({ name: 'kolom kleur' })]);
    expect(header.body.rows).toEqual([{ row: 2, values: { title: 'a', description: 'b', theme: 'ict' }, invalidParams: [] }]);

    const empty = await preview('   ');
    expect(empty.status).toBe(200);
    expect(empty.body).toMatchObject({ valid: false, rows: [], invalidParams: [expect.objectContaining({ name: 'body' })] });

    const unbalanced = await preview('title,description,theme\n"open quote,b,ict\n');
    expect(unbalanced.status).toBe(200);
    expect(unbalanced.body.valid).toBe(false);
    expect(unbalanced.body.invalidParams[0].reason).toMatch(/kan niet worden gelezen/);
  });

  it('says valid for a CSV the import then accepts', async () => {
    const csv = 'title;description;theme;law\nWachttijden;Te weinig artsen;schaarste;Wet WIA\nOude ICT;Kernsysteem verouderd;ict;\n';
    const before = await counts();
    const res = await preview(csv, 'organisation=uwv&period=2025-H2&title=Geldige%20CSV');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ valid: true, organisation: 'UWV', invalidParams: [] });
    expect(res.body.rows.map((r: { invalidParams: unknown[] }) => r.invalidParams)).toEqual([[], []]);
    expect(await counts()).toEqual(before);
    const stored = await importCsv(csv, 'organisation=UWV&period=2025-H2&title=Geldige%20CSV');
    expect(stored.status).toBe(201);
    expect(stored.body.knelpunten).toHaveLength(2);
  });

  it('refuses the Stand fields and the scope as the import does (400 / 403), and needs text/csv', async () => {
    const missing = await preview('title,description,theme\na,b,ict\n', 'organisation=UWV&title=Zonder%20periode');
    expect(missing.status).toBe(400);
    expect(missing.body.invalidParams.map((p: { name: string }) => p.name)).toContain('period');

    const unknown = await preview('title,description,theme\na,b,ict\n', 'organisation=XYZ&period=2025&title=T');
    expect(unknown.status).toBe(400);
    expect(unknown.body.invalidParams).toEqual([{ name: 'organisation', reason: "onbekende organisatie 'XYZ'" }]);

    const other = await preview('title,description,theme\na,b,ict\n', 'organisation=SVB&period=2025&title=T');
    expect(other.status).toBe(403);

    const json = await sys.request('POST', '/api/v1/standen/import-controle?organisation=UWV&period=2025&title=T', {
      token: indiener,
      body: { title: 'a' },
    });
    expect(json.status).toBe(400);
    expect(json.body.invalidParams).toEqual([{ name: 'Content-Type', reason: 'moet text/csv zijn' }]);

    const anonymous = await preview('title,description,theme\na,b,ict\n', undefined, null);
    expect(anonymous.status).toBe(401);
  });

  it('lists the published Standen publicly, newest first, one keyset page at a time', async () => {
    const svb = await sys.token({ role: 'indiener', organisation: 'SVB' });
    const created: string[] = [];
    for (let i = 0; i < 3; i++) {
      const res = await sys.request('POST', '/api/v1/standen', {
        token: svb,
        body: aStand({ organisation: 'SVB', title: `SVB-Stand ${i}` }, [aKnelpunt()]),
      });
      expect(res.status).toBe(201);
      created.unshift(res.body.id);
    }
    const first = await sys.request('GET', '/api/v1/standen?organisation=SVB&limit=2');
    expect(first.status).toBe(200);
    expect(first.body.items.map((s: { id: string }) => s.id)).toEqual(created.slice(0, 2));
    expect(first.body.items[0]).not.toHaveProperty('createdBy');
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await sys.request('GET', `/api/v1/standen?organisation=SVB&limit=2&cursor=${first.body.nextCursor}`);
    expect(second.body.items.map((s: { id: string }) => s.id)).toEqual(created.slice(2));
    expect(second.body.nextCursor).toBeNull();

    const forged = await sys.request('GET', '/api/v1/standen?cursor=bm90LWEtY3Vyc29y');
    expect(forged.status).toBe(400);

    // One Stand, publicly, with its knelpunten' titles and statuses and nothing personal.
    const one = await sys.request('GET', `/api/v1/standen/${created[0]}`);
    expect(one.status).toBe(200);
    expect(one.body.knelpunten[0]).toEqual(
      expect.objectContaining({ reference: expect.stringMatching(/^SVB-/), title: expect.any(String), status: 'ingediend' }),
    );
    expect(JSON.stringify(one.body)).not.toMatch(/createdBy|subject/);
  });
});
