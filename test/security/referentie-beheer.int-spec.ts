import { TestSystem } from '../support/test-system';
import { aStand } from '../builders';
import { expectProblem } from './support/problems';

/** Reference data management by the admin: organisations, ministries, driehoeken (real PostgreSQL, no worker). */
describe('reference data management (admin)', () => {
  let sys: TestSystem;
  let admin: string;
  let pd: string;

  const fieldsOf = (body: { invalidParams?: { name: string }[] }): string[] => (body.invalidParams ?? []).map((p) => p.name);

  beforeAll(async () => {
    sys = await TestSystem.start({ worker: false });
    admin = await sys.token({ role: 'admin' });
    pd = await sys.token({ role: 'programmadirectie' });
  });

  afterAll(async () => {
    await sys.close();
  });

  it('publishes the driehoeken (public)', async () => {
    const res = await sys.request('GET', '/api/v1/driehoeken');
    expect(res.status).toBe(200);
    expect(res.body.items).toHaveLength(30);
    expect(res.body.items).toContainEqual({ code: 'SVB', eigenaar: 'SZW', opdrachtgevers: ['SZW', 'VWS', 'BuZa'], opdrachtnemer: 'SVB' });
  });

  it('adds an organisation, refuses a duplicate and changes it with PUT', async () => {
    const created = await sys.request('POST', '/api/v1/organisations', {
      token: admin,
      body: { code: 'PROEF', name: 'Proefdienst', kind: 'uitvoeringsorganisatie', active: true },
    });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({ code: 'PROEF', name: 'Proefdienst', kind: 'uitvoeringsorganisatie', active: true, driehoek: null });

    const again = await sys.request('POST', '/api/v1/organisations', {
      token: admin,
      body: { code: 'PROEF', name: 'Nog een', kind: 'koepel', active: true },
    });
    expectProblem(again, 409);
    expect(again.body.detail).toContain('PROEF');

    const renamed = await sys.request('PUT', '/api/v1/organisations/proef', {
      token: admin,
      body: { name: 'Proefdienst Uitvoering', kind: 'uitvoeringsorganisatie', active: true },
    });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ code: 'PROEF', name: 'Proefdienst Uitvoering' });
    const list = await sys.request('GET', '/api/v1/organisations');
    expect(list.body.items).toContainEqual(expect.objectContaining({ code: 'PROEF', name: 'Proefdienst Uitvoering' }));

    expectProblem(
      await sys.request('PUT', '/api/v1/organisations/NIEMAND', { token: admin, body: { name: 'X', kind: 'koepel', active: true } }),
      404,
    );
  });

  it.each([
    ['a lower-case code', { code: 'proef', name: 'X', kind: 'koepel', active: true }, 'code'],
    ['a code with digits', { code: 'ORG1', name: 'X', kind: 'koepel', active: true }, 'code'],
    ['an empty name', { code: 'LEEG', name: '  ', kind: 'koepel', active: true }, 'name'],
    ['an unknown kind', { code: 'SOORT', name: 'X', kind: 'gemeente', active: true }, 'kind'],
    ['active as text', { code: 'TEKST', name: 'X', kind: 'koepel', active: 'ja' }, 'active'],
    ['an unknown field', { code: 'EXTRA', name: 'X', kind: 'koepel', active: true, kleur: 'rood' }, 'kleur'],
  ])('refuses an organisation with %s, naming the field in Dutch', async (_name, body, field) => {
    const res = await sys.request('POST', '/api/v1/organisations', { token: admin, body });
    expectProblem(res, 400);
    expect(fieldsOf(res.body)).toContain(field);
  });

  it('adds a ministry (codes unique whatever the case) and renames it', async () => {
    const created = await sys.request('POST', '/api/v1/ministries', {
      token: admin,
      body: { code: 'DigZ', name: 'Ministerie van Digitale Zaken', active: true },
    });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({ code: 'DigZ', name: 'Ministerie van Digitale Zaken', active: true });
    expectProblem(
      await sys.request('POST', '/api/v1/ministries', { token: admin, body: { code: 'DIGZ', name: 'Dubbel', active: true } }),
      409,
    );

    const renamed = await sys.request('PUT', '/api/v1/ministries/digz', {
      token: admin,
      body: { name: 'Ministerie van Digitalisering', active: true },
    });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toEqual({ code: 'DigZ', name: 'Ministerie van Digitalisering', active: true });

    expectProblem(await sys.request('PUT', '/api/v1/ministries/GEEN', { token: admin, body: { name: 'X', active: true } }), 404);
    const bad = await sys.request('POST', '/api/v1/ministries', { token: admin, body: { code: 'M-1', name: '', active: 1 } });
    expectProblem(bad, 400);
    expect(fieldsOf(bad.body)).toEqual(expect.arrayContaining(['code', 'name', 'active']));
  });

  it('sets a driehoek whose ministries exist (canonical codes), 201 when new and 200 when replaced', async () => {
    const created = await sys.request('PUT', '/api/v1/driehoeken/PROEF', {
      token: admin,
      body: { eigenaar: 'digz', opdrachtgevers: ['DIGZ', 'szw'] },
    });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({ code: 'PROEF', eigenaar: 'DigZ', opdrachtgevers: ['DigZ', 'SZW'], opdrachtnemer: 'PROEF' });

    const replaced = await sys.request('PUT', '/api/v1/driehoeken/PROEF', {
      token: admin,
      body: { eigenaar: 'BZK', opdrachtgevers: ['BZK', 'DigZ'] },
    });
    expect(replaced.status).toBe(200);
    expect(replaced.body).toMatchObject({ eigenaar: 'BZK', opdrachtgevers: ['BZK', 'DigZ'] });
    const list = await sys.request('GET', '/api/v1/driehoeken');
    expect(list.body.items).toContainEqual({ code: 'PROEF', eigenaar: 'BZK', opdrachtgevers: ['BZK', 'DigZ'], opdrachtnemer: 'PROEF' });
  });

  it.each([
    ['an unknown eigenaar', { eigenaar: 'MINFIN', opdrachtgevers: ['Fin'] }, ['eigenaar']],
    [
      'an unknown opdrachtgever',
      { eigenaar: 'Fin', opdrachtgevers: ['Fin', 'XYZ', 'EZ', 'QQ'] },
      ['opdrachtgevers[1]', 'opdrachtgevers[3]'],
    ],
    ['no opdrachtgevers', { eigenaar: 'Fin', opdrachtgevers: [] }, ['opdrachtgevers']],
    ['a ministry twice', { eigenaar: 'Fin', opdrachtgevers: ['Fin', 'FIN'] }, ['opdrachtgevers']],
    ['opdrachtgevers that are not a list', { eigenaar: 'Fin', opdrachtgevers: 'Fin' }, ['opdrachtgevers']],
    ['a missing eigenaar', { opdrachtgevers: ['Fin'] }, ['eigenaar']],
  ])('refuses a driehoek with %s, naming the field', async (_name, body, fields) => {
    const res = await sys.request('PUT', '/api/v1/driehoeken/UWV', { token: admin, body });
    expectProblem(res, 400);
    expect(fieldsOf(res.body)).toEqual(expect.arrayContaining(fields));
    for (const p of res.body.invalidParams) expect(p.reason).not.toMatch(/\b(must|should)\b/);
    // Nothing changed.
    const list = await sys.request('GET', '/api/v1/driehoeken');
    expect(list.body.items).toContainEqual({ code: 'UWV', eigenaar: 'SZW', opdrachtgevers: ['SZW'], opdrachtnemer: 'UWV' });
  });

  it('refuses a driehoek for an organisation that does not exist, and a deactivated ministry', async () => {
    expectProblem(
      await sys.request('PUT', '/api/v1/driehoeken/NIEMAND', { token: admin, body: { eigenaar: 'SZW', opdrachtgevers: ['SZW'] } }),
      404,
    );
    await sys.request('POST', '/api/v1/ministries', { token: admin, body: { code: 'OudM', name: 'Opgeheven ministerie', active: false } });
    const res = await sys.request('PUT', '/api/v1/driehoeken/UWV', {
      token: admin,
      body: { eigenaar: 'SZW', opdrachtgevers: ['SZW', 'OudM'] },
    });
    expectProblem(res, 400);
    expect(res.body.invalidParams).toEqual([{ name: 'opdrachtgevers[1]', reason: expect.stringContaining('niet meer actief') }]);
  });

  it('makes the new reference data live: the new organisation submits a Stand; deactivated, it cannot', async () => {
    const indiener = await sys.token({ role: 'indiener', organisation: 'PROEF' });
    const submitted = await sys.request('POST', '/api/v1/standen', { token: indiener, body: aStand({ organisation: 'PROEF' }) });
    expect(submitted.status).toBe(201);
    expect(submitted.body.knelpunten[0].reference).toMatch(/^PROEF-/);

    const off = await sys.request('PUT', '/api/v1/organisations/PROEF', {
      token: admin,
      body: { name: 'Proefdienst Uitvoering', kind: 'uitvoeringsorganisatie', active: false },
    });
    expect(off.status).toBe(200);
    const refused = await sys.request('POST', '/api/v1/standen', { token: indiener, body: aStand({ organisation: 'PROEF' }) });
    expectProblem(refused, 400);
    expect(fieldsOf(refused.body)).toContain('organisation');
  });

  it('is for the admin only: the programmadirectie is refused and nothing changes', async () => {
    const before = await sys.request('GET', '/api/v1/ministries');
    for (const [method, url, body] of [
      ['POST', '/api/v1/organisations', { code: 'PDORG', name: 'X', kind: 'koepel', active: true }],
      ['PUT', '/api/v1/organisations/UWV', { name: 'Overgenomen', kind: 'koepel', active: false }],
      ['POST', '/api/v1/ministries', { code: 'PdM', name: 'X', active: true }],
      ['PUT', '/api/v1/ministries/SZW', { name: 'Overgenomen', active: false }],
      ['PUT', '/api/v1/driehoeken/UWV', { eigenaar: 'Fin', opdrachtgevers: ['Fin'] }],
    ] as const) {
      expectProblem(await sys.request(method, url, { token: pd, body }), 403);
      expectProblem(await sys.request(method, url, { body }), 401);
    }
    expect((await sys.request('GET', '/api/v1/ministries')).body).toEqual(before.body);
    const orgs = (await sys.request('GET', '/api/v1/organisations')).body.items;
    expect(orgs.find((o: { code: string }) => o.code === 'UWV')).toMatchObject({
      name: 'Uitvoeringsinstituut Werknemersverzekeringen',
      active: true,
    });
  });
});
