import { Client, Connection } from '@temporalio/client';
import type { DeadlineState } from '../../libs/domain/src';
import {
  ActorRef,
  DecisionCommand,
  DeadlineCommand,
  KnelpuntState,
  decisionUpdate,
  deadlineUpdate,
  knelpuntWorkflowId,
  stateQuery,
} from '../../workflows/knelpunt/knelpunt.contract';
import { PLANNING_PATCH } from '../../workflows/knelpunt/knelpunt.process';
import { TestSystem, eventually } from '../support/test-system';
import { aKnelpunt, aStand } from '../builders';

/**
 * Issue 10, goal 3: a command plans its deadlines on the data the API sent with it (the organisation's policies and
 * the calendar), so the Update runs one local activity (the projection) instead of two. Checked on the real Temporal
 * dev server and PostgreSQL: the history holds the patch marker and no planning activity; the deadlines are the same
 * as those the planning activity gives for the same commands sent without the data (as the API sent them before),
 * and a command whose data is not well formed is planned by the activity instead of failing.
 */
describe('deadline planning from the command (real PostgreSQL, real Temporal dev server)', () => {
  let sys: TestSystem;
  let client: Client;
  let connection: Connection;
  const tokens: Record<string, string> = {};
  let ids: string[] = [];

  const actor: ActorRef = { subject: 'dh-1', name: 'Dirk Driehoek', role: 'driehoek', organisation: null, driehoek: 'UWV' };
  const indienerActor: ActorRef = { subject: 'in-1', name: 'Ina Indiener', role: 'indiener', organisation: 'UWV' };

  beforeAll(async () => {
    sys = await TestSystem.start();
    connection = await Connection.connect({ address: sys.config.TEMPORAL_ADDRESS });
    client = new Client({ connection, namespace: sys.config.TEMPORAL_NAMESPACE });
    tokens.indiener = await sys.token({ role: 'indiener', organisation: 'UWV', name: 'Ina Indiener' });
    tokens.driehoek = await sys.token({ role: 'driehoek', driehoek: 'UWV', name: 'Dirk Driehoek' });
    tokens.programmadirectie = await sys.token({ role: 'programmadirectie', name: 'Paula Programma' });
    const res = await sys.request('POST', '/api/v1/standen', {
      token: tokens.indiener,
      body: aStand({}, [aKnelpunt(), aKnelpunt(), aKnelpunt()]),
    });
    expect(res.status).toBe(201);
    ids = res.body.knelpunten.map((k: { id: string }) => k.id);
    await eventually(
      async () => {
        const list = await sys.request('GET', '/api/v1/knelpunten?status=bij_driehoek&limit=10', { token: tokens.programmadirectie });
        return list.body.items.length === ids.length;
      },
      60_000,
      'the three workflows started and bij_driehoek',
    );
  });

  afterAll(async () => {
    await connection?.close();
    await sys?.close();
  });

  const state = (id: string): Promise<KnelpuntState> => client.workflow.getHandle(knelpuntWorkflowId(id)).query(stateQuery);

  /** The markers of a workflow's history in order: patch ids and local activity types. */
  async function markers(id: string): Promise<string[]> {
    const history = await client.workflow.getHandle(knelpuntWorkflowId(id)).fetchHistory();
    return (history.events ?? []).flatMap((e) => {
      const m = e.markerRecordedEventAttributes;
      if (!m) return [];
      if (m.markerName === 'core_patch') {
        const data = m.details?.['patch-data']?.payloads?.[0]?.data;
        return [`patch:${(JSON.parse(Buffer.from(data ?? []).toString('utf8')) as { id: string }).id}`];
      }
      const data = m.details?.['data']?.payloads?.[0]?.data;
      const parsed = data ? (JSON.parse(Buffer.from(data).toString('utf8')) as { activity_type?: string; activityType?: string }) : {};
      return [`la:${parsed.activity_type ?? parsed.activityType ?? m.markerName}`];
    });
  }

  /** A deadline without what differs between two knelpunten by nature (ids, moments of planning). */
  const comparable = (d: DeadlineState): Record<string, unknown> => ({
    kind: d.kind,
    phase: d.phase,
    state: d.state,
    startedOn: d.startedOn,
    term: d.term,
    dueDate: d.dueDate,
    dueAt: d.dueAt,
    explanation: d.explanation,
    shiftedBy: d.shiftedBy,
    suspendedDays: d.suspendedDays,
    extensions: d.extensions,
    policy: d.policy,
    alarms: d.alarms.map((a) => ({ ...a, key: a.key.replace(d.id, '<id>') })),
    log: d.log.map((l) => ({ type: l.type, reason: l.reason })),
  });

  const decision = (id: string, name: DecisionCommand['decision'], by: ActorRef, fields: Record<string, unknown>, extra = {}) =>
    client.workflow
      .getHandle(knelpuntWorkflowId(id))
      .executeUpdate(decisionUpdate, { args: [{ decisionId: `${id}:${name}`, decision: name, actor: by, fields, ...extra }] });
  const extension = (id: string, extra = {}) => {
    const cmd: DeadlineCommand = {
      commandId: `${id}:verlengen`,
      action: 'verlengen',
      deadline: 'driehoek_besluit',
      reason: 'Meer tijd nodig voor het advies.',
      actor,
      extension: { amount: 2, unit: 'weken' },
    };
    return client.workflow.getHandle(knelpuntWorkflowId(id)).executeUpdate(deadlineUpdate, { args: [{ ...cmd, ...extra }] });
  };

  it('plans a decision, an answer and an extension through the API without the planning activity', async () => {
    const [id] = ids as [string];
    // The read model shows the intake as soon as its projection committed; the markers follow with the task's completion.
    const before = await eventually(
      async () => {
        const m = await markers(id);
        return m.includes('la:projectKnelpunt') && m;
      },
      30_000,
      "the intake's markers",
    );
    const post = (token: string, path: string, body: Record<string, unknown>) =>
      sys.request('POST', `/api/v1/knelpunten/${id}${path}`, { token, body });
    expect(
      (await post(tokens.driehoek!, '/decisions', { decision: 'informatie_opvragen', question: 'Om hoeveel huishoudens gaat het?' }))
        .status,
    ).toBe(200);
    expect(
      (await post(tokens.indiener!, '/decisions', { decision: 'informatie_aanleveren', response: 'Ongeveer 12.000 per jaar.' })).status,
    ).toBe(200);
    const ext = await post(tokens.driehoek!, '/deadline-actions', {
      deadline: 'driehoek_besluit',
      action: 'verlengen',
      reason: 'Meer tijd nodig voor het advies.',
      extension: { amount: 2, unit: 'weken' },
    });
    expect(ext.status).toBe(200);

    // The intake planned through the activity (a system step brings no data); the three commands did not.
    expect(before).toContain('la:planDeadline');
    const added = (await markers(id)).slice(before.length);
    expect(added).toEqual([`patch:${PLANNING_PATCH}`, 'la:projectKnelpunt', 'la:projectKnelpunt', 'la:projectKnelpunt']);
    const s = await state(id);
    expect(s.status).toBe('bij_driehoek');
    const info = s.deadlines.find((d) => d.kind === 'informatie');
    expect(info?.state).toBe('voldaan');
    const dh = s.deadlines.find((d) => d.kind === 'driehoek_besluit');
    expect(dh?.extensions).toEqual([{ amount: 2, unit: 'weken' }]);
    expect(dh?.log.map((l) => l.type)).toEqual(['gestart', 'opgeschort', 'hervat', 'verlengd']);
  });

  it('gives the same deadlines as the planning activity, and plans through it when the data is not well formed', async () => {
    const [viaApi, withoutData, withBadData] = ids as [string, string, string];
    const bad = { planning: { policies: [{ kind: 'informatie', termAmount: 'veel' }], equatedDays: [{ date: '2027-02-30' }] } };
    for (const [id, extra] of [
      [withoutData, {}],
      [withBadData, bad],
    ] as const) {
      await decision(id, 'informatie_opvragen', actor, { question: 'Om hoeveel huishoudens gaat het?' }, extra);
      await decision(id, 'informatie_aanleveren', indienerActor, { response: 'Ongeveer 12.000 per jaar.' }, extra);
      await extension(id, extra);
      const m = await markers(id);
      expect(m).not.toContain(`patch:${PLANNING_PATCH}`);
      // informatie_opvragen plans the information term, the answer and the extension recompute the decision term.
      expect(m.filter((x) => x === 'la:planDeadline')).toHaveLength(2); // intake and informatie_opvragen
      expect(m.filter((x) => x === 'la:recomputeDeadline')).toHaveLength(2);
    }
    const expected = (await state(viaApi)).deadlines.map(comparable);
    expect(expected.map((d) => d.kind)).toEqual(['driehoek_besluit', 'informatie']);
    expect((await state(withoutData)).deadlines.map(comparable)).toEqual(expected);
    expect((await state(withBadData)).deadlines.map(comparable)).toEqual(expected);
  });
});
