import {
  ALLOWED_FROM,
  DECISIONS,
  DECISION_FIELDS,
  DecisionName,
  Status,
  addDays,
  allowedDecisionsFor,
  decisionEffect,
  rolesFor,
  toLocalDateAmsterdam,
} from '../../libs/domain/src';
import { TestSystem, eventually } from '../support/test-system';
import { aKnelpunt, aStand } from '../builders';

/**
 * Every decision of the DOMAIN.md table through the HTTP API, taken by the workflow's Update on the real Temporal
 * dev server and projected into the real PostgreSQL: allowed and refused transitions, field validation, roles and
 * scopes, two decisions at once, voortgang and the deadline actions.
 */
describe('decisions through the API (real PostgreSQL, real Temporal dev server)', () => {
  let sys: TestSystem;
  const tokens: Record<string, string> = {};
  let pool: string[] = [];

  type Role = 'indiener' | 'driehoek' | 'acu' | 'programmadirectie';
  const targetDate = addDays(toLocalDateAmsterdam(new Date()), 120);

  /** Valid fields of each decision (besides `decision`). */
  /** A merge target the ACU may see: an escalated knelpunt (the ACU's scope); set in beforeAll. */
  let acuTarget = '';

  const fieldsOf = (decision: DecisionName, variant?: string, role?: Role): Record<string, unknown> => {
    switch (decision) {
      case 'oppakken':
        return { owner: 'Directie Uitvoeringsbeleid', targetDate, plan: 'Peildata gelijktrekken' };
      case 'informatie_opvragen':
        return { question: 'Om hoeveel huishoudens gaat het?' };
      case 'informatie_aanleveren':
        return { response: 'Ongeveer 12.000 huishoudens per jaar.' };
      case 'escaleren_acu':
        return { motivation: 'Raakt meerdere organisaties.' };
      case 'naar_politiek':
        return { instrument: 'kamerbrief', motivation: 'Vraagt een politieke keuze.' };
      case 'afwijzen':
        return { outcome: 'niet_oplosbaar', motivation: 'Een aanvaard dilemma: nee is ook een antwoord.' };
      case 'samenvoegen':
        // The target must be within the caller's scope (issue 11): for the ACU an escalated knelpunt.
        return { targetKnelpuntId: role === 'acu' ? acuTarget : pool[pool.length - 1], motivation: 'Hetzelfde knelpunt.' };
      case 'toewijzen_doorbraakteam':
        return { team: 'gegevensdeling' };
      case 'overheidsbreed_oppakken':
        return { lead: 'BZK', targetDate };
      case 'terug_naar_driehoek':
        return { motivation: 'Niet overkoepelend.' };
      case 'afronden':
        return { outcome: 'opgelost', summary: 'Regeling aangepast.' };
      case 'politieke_uitkomst':
        return { result: variant ?? 'opgelost', summary: 'Kamerbrief verstuurd en besproken.' };
      case 'intrekken':
        return { motivation: 'Opgelost door een eerdere wetswijziging.' };
    }
  };

  /** How a fresh knelpunt (bij_driehoek) gets to each status. */
  const PATHS: Record<Exclude<Status, 'ingediend'>, [DecisionName, Role][]> = {
    bij_driehoek: [],
    wacht_op_informatie: [['informatie_opvragen', 'driehoek']],
    in_aanpak_driehoek: [['oppakken', 'driehoek']],
    bij_acu: [['escaleren_acu', 'driehoek']],
    in_aanpak_acu: [
      ['escaleren_acu', 'driehoek'],
      ['toewijzen_doorbraakteam', 'acu'],
    ],
    politieke_opvolging: [['naar_politiek', 'driehoek']],
    afgesloten: [['afwijzen', 'driehoek']],
  };
  const OPEN: Exclude<Status, 'ingediend' | 'afgesloten'>[] = [
    'bij_driehoek',
    'wacht_op_informatie',
    'in_aanpak_driehoek',
    'bij_acu',
    'in_aanpak_acu',
    'politieke_opvolging',
  ];
  const ESCALATED = new Set<Status>(['bij_acu', 'in_aanpak_acu']);

  const decide = (id: string, role: Role | string, body: Record<string, unknown>, headers?: Record<string, string>) =>
    sys.request('POST', `/api/v1/knelpunten/${id}/decisions`, { token: tokens[role] ?? role, body, headers });
  const get = async (id: string): Promise<any> =>
    (await sys.request('GET', `/api/v1/knelpunten/${id}`, { token: tokens.programmadirectie })).body;

  /** A fresh knelpunt whose workflow runs and that is bij_driehoek. */
  const fresh = (): string => {
    const id = pool.shift();
    if (!id) throw new Error('knelpunt pool exhausted: raise POOL');
    return id;
  };

  const bring = async (status: Exclude<Status, 'ingediend'>): Promise<string> => {
    const id = fresh();
    for (const [decision, role] of PATHS[status]) {
      const res = await decide(id, role, { decision, ...fieldsOf(decision) });
      if (res.status !== 200) throw new Error(`${decision} → ${res.status} ${JSON.stringify(res.body)}`);
    }
    return id;
  };

  const POOL = 70;

  beforeAll(async () => {
    sys = await TestSystem.start();
    tokens.indiener = await sys.token({ role: 'indiener', organisation: 'UWV', name: 'Ina Indiener' });
    tokens.driehoek = await sys.token({ role: 'driehoek', driehoek: 'UWV', name: 'Dirk Driehoek' });
    tokens.acu = await sys.token({ role: 'acu', name: 'Anne ACU' });
    tokens.programmadirectie = await sys.token({ role: 'programmadirectie', name: 'Paula Programma' });
    tokens.admin = await sys.token({ role: 'admin' });
    tokens.driehoekSvb = await sys.token({ role: 'driehoek', driehoek: 'SVB', name: 'Sanne SVB' });
    tokens.indienerSvb = await sys.token({ role: 'indiener', organisation: 'SVB' });
    const res = await sys.request('POST', '/api/v1/standen', {
      token: tokens.indiener,
      body: aStand(
        {},
        Array.from({ length: POOL }, () => aKnelpunt()),
      ),
    });
    expect(res.status).toBe(201);
    const ids: string[] = res.body.knelpunten.map((k: { id: string }) => k.id);
    await eventually(
      async () => {
        const list = await sys.request('GET', '/api/v1/knelpunten?status=bij_driehoek&limit=100', { token: tokens.programmadirectie });
        return list.body.items.length === POOL;
      },
      120_000,
      'all workflows started and bij_driehoek',
    );
    pool = ids;
    acuTarget = await bring('bij_acu');
  });

  afterAll(async () => {
    await sys?.close();
  });

  // ---------- every allowed transition ----------

  const allowedCases: [DecisionName, Exclude<Status, 'ingediend'>, Role, string | undefined][] = [];
  for (const decision of DECISIONS) {
    for (const from of ALLOWED_FROM[decision]) {
      if (from === 'ingediend') continue;
      const variants = decision === 'politieke_uitkomst' ? ['opgelost', 'terug_naar_driehoek', 'niet_oplosbaar'] : [undefined];
      for (const role of rolesFor(decision, from)) for (const v of variants) allowedCases.push([decision, from, role, v]);
    }
  }

  it.each(allowedCases)('%s from %s by %s (%s): 200 with the new status', async (decision, from, role, variant) => {
    const id = await bring(from);
    const before = await get(id);
    const fields = fieldsOf(decision, variant, role);
    const res = await decide(id, role, { decision, ...fields });
    expect(res.status).toBe(200);
    const effect = decisionEffect(decision, from, fields);
    expect(res.body).toMatchObject({ id, status: effect.status, outcome: effect.outcome });
    expect(res.body.allowedDecisions).toEqual(allowedDecisionsFor(effect.status, role));
    const added = res.body.timeline.slice(before.timeline.length);
    expect(added[0]).toMatchObject({ type: decision, actor: { role }, data: { van: from, naar: effect.status } });
  });

  // ---------- every refused transition ----------

  it.each(OPEN)('refuses every decision that is not allowed in %s with 409 and the decisions allowed for the caller', async (status) => {
    const id = await bring(status);
    const before = await get(id);
    const refused = DECISIONS.filter((d) => !ALLOWED_FROM[d].includes(status));
    expect(refused.length).toBeGreaterThan(0);
    for (const decision of refused) {
      // The role that takes this decision elsewhere; the ACU sees only escalated knelpunten, so then the programmadirectie.
      let role: Role = rolesFor(decision, status)[0]!;
      if (role === 'acu' && !ESCALATED.has(status)) role = 'programmadirectie';
      const res = await decide(id, role, { decision, ...fieldsOf(decision, undefined, role) });
      expect({ decision, status: res.status }).toEqual({ decision, status: 409 });
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.body).toMatchObject({ status: 409, code: 'BESLISSING_NIET_TOEGESTAAN', allowed: allowedDecisionsFor(status, role) });
      expect(res.body.detail).toContain(status);
    }
    const after = await get(id);
    expect(after.status).toBe(status);
    expect(after.timeline).toHaveLength(before.timeline.length);
  });

  // ---------- input ----------

  it.each(DECISIONS.filter((d) => DECISION_FIELDS[d].some((f) => !f.optional) || d === 'samenvoegen'))(
    '%s without its fields: 400 naming each missing field',
    async (decision) => {
      const id = pool[0]!;
      const res = await decide(id, rolesFor(decision, ALLOWED_FROM[decision][0]!)[0]!, { decision });
      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      const required = DECISION_FIELDS[decision].filter((f) => !f.optional).map((f) => f.name);
      const names = res.body.invalidParams.map((p: { name: string }) => p.name);
      expect(names).toEqual(expect.arrayContaining(decision === 'samenvoegen' ? ['targetKnelpuntId'] : required));
      for (const p of res.body.invalidParams) expect(p.reason).toMatch(/verplicht|geef/);
    },
  );

  it('refuses an unknown decision, a field of the wrong type, a wrong value and a field the decision does not have (400)', async () => {
    const id = pool[0]!;
    const unknown = await decide(id, 'driehoek', { decision: 'negeren', motivation: 'x' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.invalidParams.map((p: { name: string }) => p.name)).toEqual(['decision']);

    const wrongType = await decide(id, 'driehoek', { decision: 'oppakken', ...fieldsOf('oppakken'), owner: 42 });
    expect(wrongType.status).toBe(400);
    expect(new Set(wrongType.body.invalidParams.map((p: { name: string }) => p.name))).toEqual(new Set(['owner']));
    expect(wrongType.body.invalidParams).toContainEqual({ name: 'owner', reason: 'moet tekst zijn' });

    const wrongValue = await decide(id, 'driehoek', { decision: 'afwijzen', outcome: 'opgelost', motivation: 'x' });
    expect(wrongValue.status).toBe(400);
    expect(wrongValue.body.invalidParams.map((p: { name: string }) => p.name)).toEqual(['outcome']);

    const foreign = await decide(id, 'driehoek', { decision: 'escaleren_acu', motivation: 'x', team: 'vereenvoudiging' });
    expect(foreign.status).toBe(400);
    expect(foreign.body.invalidParams.map((p: { name: string }) => p.name)).toEqual(['team']);

    const pastDate = await decide(id, 'driehoek', { decision: 'oppakken', ...fieldsOf('oppakken'), targetDate: '2020-01-01' });
    expect(pastDate.status).toBe(400);
    expect(pastDate.body.invalidParams.map((p: { name: string }) => p.name)).toEqual(['targetDate']);

    const notJson = await sys.request('POST', `/api/v1/knelpunten/${id}/decisions`, {
      token: tokens.driehoek,
      raw: '{"decision":',
      headers: { 'content-type': 'application/json' },
    });
    expect(notJson.status).toBe(400);
    expect((await get(id)).status).toBe('bij_driehoek');
  });

  it('answers 404 for an unknown knelpunt and 400 for an id that is no uuid', async () => {
    const missing = await decide('00000000-0000-4000-8000-000000000000', 'driehoek', { decision: 'escaleren_acu', motivation: 'x' });
    expect(missing.status).toBe(404);
    expect(missing.headers['content-type']).toContain('application/problem+json');
    const bad = await decide('geen-id', 'driehoek', { decision: 'escaleren_acu', motivation: 'x' });
    expect(bad.status).toBe(400);
  });

  it('refuses a decision on a closed knelpunt with 409 and nothing allowed', async () => {
    const id = await bring('afgesloten');
    const closed = await get(id);
    expect(closed).toMatchObject({ status: 'afgesloten', outcome: 'niet_oplosbaar', allowedDecisions: [] });
    for (const [decision, role] of [
      ['oppakken', 'driehoek'],
      ['intrekken', 'indiener'],
    ] as const) {
      const res = await decide(id, role, { decision, ...fieldsOf(decision) });
      expect(res.status).toBe(409);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.body).toMatchObject({ status: 409, allowed: [] });
    }
    expect((await get(id)).timeline).toHaveLength(closed.timeline.length);
  });

  // Regression (was a defect): an Update on a completed workflow comes back
  // as WorkflowNotFoundError, which map() turns into CONFLICT "loopt (nog) niet; probeer het zo opnieuw" before its
  // "already completed" branch is reached (fixed: the use case refuses a closed knelpunt first).
  it('tells the caller that a closed knelpunt is closed (not "try again")', async () => {
    const id = await bring('afgesloten');
    const res = await decide(id, 'driehoek', { decision: 'oppakken', ...fieldsOf('oppakken') });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ code: 'BESLISSING_NIET_TOEGESTAAN', allowed: [] });
    expect(res.body.detail).toContain('afgesloten');
  });

  // ---------- roles and scopes ----------

  it('refuses the wrong role (403) and a driehoek member or indiener of another organisation (403)', async () => {
    const id = fresh();
    const escalated = await bring('bij_acu');
    const cases: [string, string, DecisionName, string][] = [
      ['indiener takes a driehoek decision', 'indiener', 'oppakken', id],
      ['ACU on a knelpunt it cannot see (not escalated)', 'acu', 'oppakken', id],
      ['driehoek takes an ACU decision', 'driehoek', 'toewijzen_doorbraakteam', escalated],
      ['programmadirectie takes a driehoek decision', 'programmadirectie', 'afwijzen', id],
      ['driehoek withdraws (only the organisation may)', 'driehoek', 'intrekken', id],
      ['admin', 'admin', 'oppakken', id],
      ['driehoek member of another driehoek', 'driehoekSvb', 'oppakken', id],
      ['indiener of another organisation', 'indienerSvb', 'intrekken', id],
    ];
    for (const [what, role, decision, target] of cases) {
      const res = await decide(target, role, { decision, ...fieldsOf(decision) });
      expect({ what, status: res.status }).toEqual({ what, status: 403 });
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
    const anonymous = await sys.request('POST', `/api/v1/knelpunten/${id}/decisions`, {
      body: { decision: 'oppakken', ...fieldsOf('oppakken') },
    });
    expect(anonymous.status).toBe(401);
    expect((await get(id)).status).toBe('bij_driehoek');
    expect((await get(escalated)).status).toBe('bij_acu');
  });

  // ---------- concurrency and retries ----------

  it('takes exactly one of two conflicting decisions sent at the same moment', async () => {
    for (let round = 0; round < 3; round++) {
      const id = fresh();
      const before = await get(id);
      const [a, b] = await Promise.all([
        decide(id, 'driehoek', { decision: 'oppakken', ...fieldsOf('oppakken') }),
        decide(id, 'driehoek', { decision: 'afwijzen', ...fieldsOf('afwijzen') }),
      ]);
      expect([a.status, b.status].sort()).toEqual([200, 409]);
      const winner = a.status === 200 ? 'oppakken' : 'afwijzen';
      const loser = a.status === 200 ? b : a;
      const after = await get(id);
      expect(after.status).toBe(winner === 'oppakken' ? 'in_aanpak_driehoek' : 'afgesloten');
      expect(loser.body).toMatchObject({ code: 'BESLISSING_NIET_TOEGESTAAN', allowed: allowedDecisionsFor(after.status, 'driehoek') });
      const decisions = after.timeline
        .slice(before.timeline.length)
        .filter((e: { type: string }) => (DECISIONS as readonly string[]).includes(e.type));
      expect(decisions.map((e: { type: string }) => e.type)).toEqual([winner]);
    }
  });

  it('applies a retried decision with the same Idempotency-Key once', async () => {
    const id = fresh();
    const before = await get(id);
    const headers = { 'idempotency-key': `retry-${id}` };
    const body = { decision: 'escaleren_acu', ...fieldsOf('escaleren_acu') };
    const [first, second] = await Promise.all([decide(id, 'driehoek', body, headers), decide(id, 'driehoek', body, headers)]);
    expect([first.status, second.status]).toEqual([200, 200]);
    const third = await decide(id, 'driehoek', body, headers);
    expect(third.status).toBe(200);
    const after = await get(id);
    expect(after.status).toBe('bij_acu');
    expect(after.timeline.slice(before.timeline.length).filter((e: { type: string }) => e.type === 'escaleren_acu')).toHaveLength(1);
  });

  // ---------- voortgang ----------

  it('accepts voortgang only in aanpak', async () => {
    const post = (id: string, role: string, body: unknown) =>
      sys.request('POST', `/api/v1/knelpunten/${id}/voortgang`, { token: tokens[role], body });
    const driehoek = await bring('in_aanpak_driehoek');
    const before = (await get(driehoek)).deadlines.find((d: { kind: string; state: string }) => d.kind === 'voortgang');
    for (const role of ['indiener', 'driehoek']) {
      const res = await post(driehoek, role, { summary: `Stand van zaken (${role})` });
      expect(res.status).toBe(200);
      expect(res.body.timeline.at(-1)).toMatchObject({
        type: 'voortgang',
        actor: { role },
        data: { summary: `Stand van zaken (${role})` },
      });
    }
    const voortgang = (await get(driehoek)).deadlines.filter((d: { kind: string }) => d.kind === 'voortgang');
    expect(voortgang.map((d: { state: string }) => d.state)).toEqual(['voldaan', 'voldaan', 'lopend']);
    expect(voortgang[0].id).toBe(before.id);

    const acu = await bring('in_aanpak_acu');
    expect((await post(acu, 'acu', { summary: 'Doorbraakteam gestart' })).status).toBe(200);

    for (const status of ['bij_driehoek', 'wacht_op_informatie', 'bij_acu', 'politieke_opvolging'] as const) {
      const id = await bring(status);
      const role = ESCALATED.has(status) ? 'acu' : 'driehoek';
      const res = await post(id, role, { summary: 'Te vroeg' });
      expect({ status, code: res.status }).toEqual({ status, code: 409 });
      expect(res.body.allowed).toEqual(allowedDecisionsFor(status, role));
    }
    const closed = await bring('afgesloten');
    expect((await post(closed, 'driehoek', { summary: 'Te laat' })).status).toBe(409);

    expect((await post(driehoek, 'programmadirectie', { summary: 'Mag niet' })).status).toBe(403);
    expect((await post(driehoek, 'indienerSvb', { summary: 'Mag niet' })).status).toBe(403);
    const empty = await post(driehoek, 'driehoek', { summary: '   ' });
    expect(empty.status).toBe(400);
    expect(empty.body.invalidParams.map((p: { name: string }) => p.name)).toEqual(['summary']);
  });

  // ---------- deadline actions ----------

  it('suspends, resumes and extends a running deadline through deadline-actions, with reasons and actors', async () => {
    const act = (id: string, role: string, body: unknown) =>
      sys.request('POST', `/api/v1/knelpunten/${id}/deadline-actions`, { token: tokens[role], body });
    const id = fresh();
    const start = (await get(id)).deadlines[0];

    const suspended = await act(id, 'driehoek', { action: 'opschorten', deadline: 'driehoek_besluit', reason: 'Wachten op advies' });
    expect(suspended.status).toBe(200);
    expect(suspended.body.deadlines[0]).toMatchObject({ state: 'opgeschort', dueDate: start.dueDate });
    const again = await act(id, 'driehoek', { action: 'opschorten', deadline: 'driehoek_besluit', reason: 'Nog eens' });
    expect(again.status).toBe(409);
    expect(again.body.allowed).toEqual(['hervatten', 'verlengen']);

    const resumed = await act(id, 'driehoek', { action: 'hervatten', deadline: start.id, reason: 'Advies binnen' });
    expect(resumed.status).toBe(200);
    // Suspended and resumed on the same day: no days added.
    expect(resumed.body.deadlines[0]).toMatchObject({ state: 'lopend', dueDate: start.dueDate, suspendedDays: 0 });
    const notSuspended = await act(id, 'driehoek', { action: 'hervatten', deadline: 'driehoek_besluit', reason: 'x' });
    expect(notSuspended.status).toBe(409);
    expect(notSuspended.body.allowed).toEqual(['opschorten', 'verlengen']);

    const noExtension = await act(id, 'programmadirectie', { action: 'verlengen', deadline: 'driehoek_besluit', reason: 'Meer tijd' });
    expect(noExtension.status).toBe(400);
    expect(noExtension.body.invalidParams.map((p: { name: string }) => p.name)).toEqual(['extension']);
    const badExtension = await act(id, 'programmadirectie', {
      action: 'verlengen',
      deadline: 'driehoek_besluit',
      reason: 'Meer tijd',
      extension: { amount: 0, unit: 'jaren' },
    });
    expect(badExtension.status).toBe(400);
    const extended = await act(id, 'programmadirectie', {
      action: 'verlengen',
      deadline: 'driehoek_besluit',
      reason: 'Overleg met het ministerie',
      extension: { amount: 10, unit: 'werkdagen' },
    });
    expect(extended.status).toBe(200);
    const d = extended.body.deadlines[0];
    expect(d.dueDate > start.dueDate).toBe(true);
    expect(d.explanation.join(' ')).toContain('verlengd met 10 werkdagen');
    expect(d.log.map((l: { type: string; actor: { role: string }; reason: string }) => [l.type, l.actor.role, l.reason])).toEqual([
      ['gestart', 'systeem', expect.any(String)],
      ['opgeschort', 'driehoek', 'Wachten op advies'],
      ['hervat', 'driehoek', 'Advies binnen'],
      ['verlengd', 'programmadirectie', 'Overleg met het ministerie'],
    ]);

    const noReason = await act(id, 'driehoek', { action: 'opschorten', deadline: 'driehoek_besluit' });
    expect(noReason.status).toBe(400);
    expect(new Set(noReason.body.invalidParams.map((p: { name: string }) => p.name))).toEqual(new Set(['reason']));
    const badAction = await act(id, 'driehoek', { action: 'stoppen', deadline: 'driehoek_besluit', reason: 'x' });
    expect(badAction.status).toBe(400);
    const noSuchDeadline = await act(id, 'driehoek', { action: 'opschorten', deadline: 'voortgang', reason: 'x' });
    expect(noSuchDeadline.status).toBe(409);
    expect(noSuchDeadline.body.allowed).toEqual([]);
    expect((await act(id, 'indiener', { action: 'opschorten', deadline: 'driehoek_besluit', reason: 'x' })).status).toBe(403);
    expect((await act(id, 'driehoekSvb', { action: 'opschorten', deadline: 'driehoek_besluit', reason: 'x' })).status).toBe(403);
    expect(
      (await act('00000000-0000-4000-8000-000000000000', 'driehoek', { action: 'opschorten', deadline: 'driehoek_besluit', reason: 'x' }))
        .status,
    ).toBe(404);
    const timeline = (await get(id)).timeline.map((e: { type: string }) => e.type);
    expect(timeline.filter((t: string) => t.startsWith('termijn_'))).toEqual(['termijn_opgeschort', 'termijn_hervat', 'termijn_verlengd']);
  });
});
