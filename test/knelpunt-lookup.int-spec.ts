/**
 * Finding a knelpunt the way people quote it: GET /api/v1/knelpunten/{id} by UUID or by reference
 * (UWV-00018), with the same scope checks; and the driehoek queue's filters (status, theme, overdue, q)
 * over the keyset cursor. Real PostgreSQL; no worker (nothing here needs a workflow).
 */
import { DataSource } from 'typeorm';
import { TestSystem } from './support/test-system';
import { aKnelpunt, aStand } from './builders';

describe('knelpunt by reference, and the queue filters', () => {
  let sys: TestSystem;
  let uwv: string;
  let uwvDriehoek: string;
  let knelpunten: { id: string; reference: string }[];
  let svbReference: string;

  beforeAll(async () => {
    sys = await TestSystem.start({ worker: false });
    uwv = await sys.token({ role: 'indiener', organisation: 'UWV' });
    uwvDriehoek = await sys.token({ role: 'driehoek', driehoek: 'UWV' });
    const stand = await sys.request('POST', '/api/v1/standen', {
      token: uwv,
      body: aStand({}, [
        aKnelpunt({ title: 'Verzekeringsartsen schaars', theme: 'schaarste', description: 'Wachttijden voor keuringen lopen op' }),
        aKnelpunt({ title: 'Verouderde ICT', theme: 'ict', description: 'Kernsystemen zijn verouderd' }),
        aKnelpunt({ title: 'Complexe WIA', theme: 'vereenvoudiging', description: 'De regels zijn te complex' }),
      ]),
    });
    expect(stand.status).toBe(201);
    knelpunten = stand.body.knelpunten;
    const svb = await sys.request('POST', '/api/v1/standen', {
      token: await sys.token({ role: 'indiener', organisation: 'SVB' }),
      body: aStand({ organisation: 'SVB', sourceUrl: 'https://www.svb.nl/stand' }, [aKnelpunt()]),
    });
    expect(svb.status).toBe(201);
    svbReference = svb.body.knelpunten[0].reference;
    // States the workflow would have reached (no worker runs here): one waits for information and is overdue.
    const ds = sys.api.get(DataSource);
    await ds.query(`UPDATE knelpunten SET status = 'bij_driehoek' WHERE id = ANY($1::uuid[])`, [knelpunten.map((k) => k.id)]);
    await ds.query(`UPDATE knelpunten SET status = 'wacht_op_informatie', overdue = true WHERE id = $1`, [knelpunten[1]!.id]);
  });

  afterAll(async () => {
    await sys.close();
  });

  it('answers the same knelpunt by its reference as by its id, in any case', async () => {
    const [first] = knelpunten;
    expect(first!.reference).toMatch(/^UWV-\d{5}$/);
    const byId = await sys.request('GET', `/api/v1/knelpunten/${first!.id}`, { token: uwvDriehoek });
    const byRef = await sys.request('GET', `/api/v1/knelpunten/${first!.reference}`, { token: uwvDriehoek });
    const lower = await sys.request('GET', `/api/v1/knelpunten/${first!.reference.toLowerCase()}`, { token: uwvDriehoek });
    expect(byId.status).toBe(200);
    expect(byRef.status).toBe(200);
    expect(lower.status).toBe(200);
    expect(byRef.body).toEqual(byId.body);
    expect(lower.body.id).toBe(first!.id);
  });

  it('keeps the scope by reference: 403 for someone else’s, 404 for an unknown one, 400 for neither form', async () => {
    const other = await sys.request('GET', `/api/v1/knelpunten/${svbReference}`, { token: uwvDriehoek });
    expect(other.status).toBe(403);
    expect(JSON.stringify(other.body)).not.toContain('samenloop');
    const otherIndiener = await sys.request('GET', `/api/v1/knelpunten/${svbReference}`, { token: uwv });
    expect(otherIndiener.status).toBe(403);
    const acu = await sys.request('GET', `/api/v1/knelpunten/${knelpunten[0]!.reference}`, { token: await sys.token({ role: 'acu' }) });
    expect(acu.status).toBe(403); // not escalated

    const unknown = await sys.request('GET', '/api/v1/knelpunten/UWV-99999999', { token: uwvDriehoek });
    expect(unknown.status).toBe(404);
    expect(unknown.body.detail).toContain('UWV-99999999');

    for (const bad of ['UWV_00018', 'niet-een-kenmerk', '12345', 'U-1']) {
      const res = await sys.request('GET', `/api/v1/knelpunten/${bad}`, { token: uwvDriehoek });
      expect({ bad, status: res.status }).toEqual({ bad, status: 400 });
      expect(res.body.invalidParams).toEqual([{ name: 'id', reason: 'moet een geldige UUID of een kenmerk zoals UWV-00018 zijn' }]);
    }
    // The other routes still take only the id.
    const decide = await sys.request('POST', `/api/v1/knelpunten/${knelpunten[0]!.reference}/decisions`, {
      token: uwvDriehoek,
      body: { decision: 'informatie_opvragen', question: 'Welke?' },
    });
    expect(decide.status).toBe(400);
  });

  it('filters the queue by status, theme, overdue and text, and pages the filtered result with the cursor', async () => {
    const queue = (query: string) => sys.request('GET', `/api/v1/driehoeken/UWV/queue?${query}`, { token: uwvDriehoek });
    const titles = (res: { body: { items: { title: string }[] } }) => res.body.items.map((k) => k.title).sort();

    const all = await queue('');
    expect(all.status).toBe(200);
    expect(all.body.items[0].title).toBe('Verouderde ICT'); // overdue first
    expect(titles(await queue('status=wacht_op_informatie'))).toEqual(['Verouderde ICT']);
    expect(titles(await queue('theme=schaarste'))).toEqual(['Verzekeringsartsen schaars']);
    expect(titles(await queue('overdue=false'))).toEqual(['Complexe WIA', 'Verzekeringsartsen schaars']);
    expect(titles(await queue('q=keuringen'))).toEqual(['Verzekeringsartsen schaars']);
    expect(titles(await queue('status=bij_driehoek&theme=ict'))).toEqual([]);

    const first = await queue('status=bij_driehoek&limit=1');
    expect(first.body.items).toHaveLength(1);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await queue(`status=bij_driehoek&limit=1&cursor=${encodeURIComponent(first.body.nextCursor)}`);
    expect(second.body.items).toHaveLength(1);
    expect(second.body.nextCursor).toBeNull();
    expect([first.body.items[0].title, second.body.items[0].title].sort()).toEqual(['Complexe WIA', 'Verzekeringsartsen schaars']);

    const bad = await queue('status=bestaat_niet&theme=x');
    expect(bad.status).toBe(400);
    expect(bad.body.invalidParams.map((p: { name: string }) => p.name).sort()).toEqual(['status', 'theme']);
  });
});
