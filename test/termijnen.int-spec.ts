import { randomUUID } from 'node:crypto';
import { TermijnActivities } from '../libs/termijnen/src/activities/termijn.activities';
import { TestSystem } from './support/test-system';

/**
 * Termijnen on a real PostgreSQL (migrated template): seeded policies, the policy API with its access rules,
 * the equated days and the deadline activities. Temporal is not needed (no worker).
 */
describe('termijnen (real PostgreSQL)', () => {
  let sys: TestSystem;
  let pd: string;
  let admin: string;
  let indiener: string;
  let activities: TermijnActivities;

  beforeAll(async () => {
    sys = await TestSystem.start({ worker: false });
    pd = await sys.token({ role: 'programmadirectie', name: 'Paula Programma' });
    admin = await sys.token({ role: 'admin' });
    indiener = await sys.token({ role: 'indiener', organisation: 'UWV' });
    activities = sys.api.get(TermijnActivities, { strict: false });
  });

  afterAll(async () => {
    await sys.close();
  });

  const plan = (over: Partial<Parameters<TermijnActivities['planDeadline']>[0]> = {}) =>
    activities.planDeadline({
      deadlineId: randomUUID(),
      knelpuntId: randomUUID(),
      organisation: 'DUO',
      kind: 'driehoek_besluit',
      phase: 'bij_driehoek',
      now: '2026-03-19T10:00:00.000Z',
      ...over,
    });

  it('seeds the DOMAIN.md defaults', async () => {
    const res = await sys.request('GET', '/api/v1/deadline-policies', { token: pd });
    expect(res.status).toBe(200);
    const byKey = new Map(res.body.items.map((p: any) => [`${p.kind}/${p.instrument ?? ''}/${p.organisation ?? ''}`, p]));
    expect(byKey.get('driehoek_besluit//')).toMatchObject({
      term: { amount: 8, unit: 'weken' },
      reminderWerkdagen: [10, 5, 0],
      overdueRepeatDays: 7,
      acuAfterOverdueWeeks: 4,
      notifyProgrammadirectieWhenOverdue: true,
      reminderHour: 9,
    });
    expect(byKey.get('informatie//')).toMatchObject({ term: { amount: 10, unit: 'werkdagen' }, reminderWerkdagen: [5] });
    expect(byKey.get('politieke_reactie/kamervragen/')).toMatchObject({ term: { amount: 3, unit: 'weken' } });
    expect(byKey.get('politieke_reactie/commissiedebat/')).toMatchObject({ term: { amount: 12, unit: 'weken' } });
  });

  it('plans a deadline on the Dutch calendar with the default policy (Hemelvaart and the equated day move it)', async () => {
    // 19 March 2026 + 8 weeks = Thursday 14 May 2026 (Hemelvaartsdag); 15 May is equated; then the weekend.
    const d = await plan();
    expect(d.dueDate).toBe('2026-05-18');
    expect(d.shiftedBy.map((s) => s.date)).toEqual(['2026-05-14', '2026-05-15', '2026-05-16', '2026-05-17']);
    expect(d.policy).toEqual({
      reminderWerkdagen: [10, 5, 0],
      overdueRepeatDays: 7,
      acuAfterOverdueWeeks: 4,
      notifyProgrammadirectieWhenOverdue: true,
      reminderHour: 9,
    });
    expect(d.alarms.map((a) => a.type)).toEqual(['herinnering', 'herinnering', 'herinnering', 'verlopen', 'acu_agenda']);
  });

  it('prefers an organisation policy over the default; only the programmadirectie may set one', async () => {
    const body = {
      organisation: 'uwv',
      kind: 'driehoek_besluit',
      term: { amount: 6, unit: 'weken' },
      reminderWerkdagen: [5, 0],
      overdueRepeatDays: 7,
      acuAfterOverdueWeeks: null,
      notifyProgrammadirectieWhenOverdue: true,
    };
    expect((await sys.request('PUT', '/api/v1/deadline-policies', { token: indiener, body })).status).toBe(403);
    expect((await sys.request('PUT', '/api/v1/deadline-policies', { token: admin, body })).status).toBe(403);
    const created = await sys.request('PUT', '/api/v1/deadline-policies', { token: pd, body });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ organisation: 'UWV', term: { amount: 6, unit: 'weken' }, acuAfterOverdueWeeks: null });
    expect(created.body.updatedBy).toMatchObject({ name: 'Paula Programma', role: 'programmadirectie' });
    const replaced = await sys.request('PUT', '/api/v1/deadline-policies', {
      token: pd,
      body: { ...body, term: { amount: 7, unit: 'weken' } },
    });
    expect(replaced.status).toBe(200);
    expect(replaced.body.id).toBe(created.body.id);

    const uwv = await plan({ organisation: 'UWV' });
    expect(uwv.term).toEqual({ amount: 7, unit: 'weken' });
    expect(uwv.policy.acuAfterOverdueWeeks).toBeNull();
    const duo = await plan({ organisation: 'DUO' });
    expect(duo.term).toEqual({ amount: 8, unit: 'weken' });
  });

  it('plans politieke_reactie per instrument', async () => {
    const kamervragen = await plan({ kind: 'politieke_reactie', instrument: 'kamervragen', phase: 'politieke_opvolging' });
    expect(kamervragen.term).toEqual({ amount: 3, unit: 'weken' });
    const unknown = await plan({ kind: 'politieke_reactie', phase: 'politieke_opvolging' });
    expect(unknown.term).toEqual({ amount: 6, unit: 'weken' });
  });

  it('recomputes after a suspension and keeps the alarms already done', async () => {
    const d = await plan({ organisation: 'DUO', now: '2026-03-19T10:00:00.000Z' });
    d.alarms[0]!.done = true;
    const r = await activities.recomputeDeadline({ deadline: { ...d, suspendedDays: 7 }, now: '2026-04-01T10:00:00.000Z' });
    expect(r.dueDate).toBe('2026-05-21');
    expect(r.alarms.filter((a) => a.done && !a.skipped).map((a) => a.key)).toContain(d.alarms[0]!.key);
  });

  it('refuses invalid activity input non-retryably', async () => {
    await expect(plan({ kind: 'onbekend' as never })).rejects.toMatchObject({ type: 'VALIDATIE_FOUT', nonRetryable: true });
    await expect(plan({ kind: 'streefdatum' })).rejects.toMatchObject({ type: 'VALIDATIE_FOUT', nonRetryable: true });
  });

  it('validates the policy body in Dutch', async () => {
    const res = await sys.request('PUT', '/api/v1/deadline-policies', {
      token: pd,
      body: {
        organisation: 'NIETBESTAAND',
        kind: 'informatie',
        instrument: 'kamervragen',
        term: { amount: 10, unit: 'werkdagen' },
        reminderWerkdagen: [5],
        notifyProgrammadirectieWhenOverdue: false,
      },
    });
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body.invalidParams.map((p: any) => p.name).sort()).toEqual(['instrument', 'organisation']);
    const bad = await sys.request('PUT', '/api/v1/deadline-policies', {
      token: pd,
      body: { kind: 'x', term: { amount: -1, unit: 'jaren' } },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.invalidParams.map((p: any) => p.name)).toEqual(
      expect.arrayContaining(['kind', 'term.amount', 'term.unit', 'reminderWerkdagen', 'notifyProgrammadirectieWhenOverdue']),
    );
  });

  it('lists and adds equated days; a new one is no werkdag at once', async () => {
    const list = await sys.request('GET', '/api/v1/gelijkgestelde-dagen?year=2026');
    expect(list.status).toBe(200);
    expect(list.body.items.map((d: any) => d.date)).toEqual(['2026-01-02', '2026-05-15']);

    // Friday 11 May 2029 (after Hemelvaartsdag): 12 April 2029 + 4 weeks ends on it.
    const before = await sys.request('GET', '/api/v1/werkdagen/berekening?start=2029-04-13&amount=4&unit=weken');
    expect(before.status).toBe(200);
    expect(before.body.dueDate).toBe('2029-05-11');

    expect((await sys.request('POST', '/api/v1/gelijkgestelde-dagen', { token: indiener, body: { date: '2029-05-11' } })).status).toBe(403);
    const added = await sys.request('POST', '/api/v1/gelijkgestelde-dagen', {
      token: admin,
      body: { date: '2029-05-11', name: 'Vrijdag na Hemelvaart' },
    });
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ date: '2029-05-11', name: 'Vrijdag na Hemelvaart' });

    const after = await sys.request('GET', '/api/v1/werkdagen/berekening?start=2029-04-13&amount=4&unit=weken');
    expect(after.body.dueDate).toBe('2029-05-14');
    expect(after.body.explanation.join(' ')).toContain('Vrijdag na Hemelvaart');

    expect((await sys.request('POST', '/api/v1/gelijkgestelde-dagen', { token: pd, body: { date: '2029-05-11' } })).status).toBe(409);
    const weekend = await sys.request('POST', '/api/v1/gelijkgestelde-dagen', { token: pd, body: { date: '2029-05-12' } });
    expect(weekend.status).toBe(400);
    expect(weekend.body.invalidParams).toEqual([{ name: 'date', reason: expect.stringContaining('weekend') }]);
  });

  it('explains a term and lists the feestdagen of a year without a token', async () => {
    const bad = await sys.request('GET', '/api/v1/werkdagen/berekening?start=2026-13-01&amount=acht&unit=jaren');
    expect(bad.status).toBe(400);
    expect([...new Set(bad.body.invalidParams.map((p: any) => p.name))].sort()).toEqual(['amount', 'start', 'unit']);
    const feestdagen = await sys.request('GET', '/api/v1/werkdagen/feestdagen?year=2026');
    expect(feestdagen.status).toBe(200);
    expect(feestdagen.body.items).toEqual(
      expect.arrayContaining([{ date: '2026-05-15', name: 'Gelijkgestelde dag (besluit)', kind: 'gelijkgesteld' }]),
    );
  });
});
