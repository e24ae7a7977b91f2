import { freePort } from '../../scripts/infra/ports';
import { KNELPUNT_WORKFLOW_TYPE, knelpuntWorkflowId } from '../../workflows/knelpunt/knelpunt.contract';
import { DrillSystem, expectNoDrift, type HttpResult } from './support/drill-system';
import { DECISIONS, STATUS_AFTER, decide, decideUntilAnswered, knelpuntenOf, postStand, statuses, waitForStatus } from './support/scenario';

/**
 * Drill 6 (issue 8): the same decision twice (same Idempotency-Key), two different decisions at once, and
 * decisions and voortgang arriving while the workflow continues as new: one is applied, the others are answered
 * consistently (the same answer for the same key, 409 for the loser).
 */
describe('drill 6: concurrent and repeated decisions', () => {
  let sys: DrillSystem;
  let indiener: string;
  let driehoek: string;

  beforeAll(async () => {
    sys = await DrillSystem.create();
    indiener = await sys.token({ role: 'indiener', organisation: 'UWV' });
    driehoek = await sys.token({ role: 'driehoek', driehoek: 'UWV' });
    await sys.startApi();
    await sys.startWorker();
  });

  afterAll(async () => {
    await sys?.close();
  });

  async function timelineCount(id: string, type: string): Promise<number> {
    const rows = await sys.sql<{ n: number }>(`SELECT count(*)::int AS n FROM knelpunt_timeline WHERE knelpunt_id = $1 AND type = $2`, [
      id,
      type,
    ]);
    return rows[0]!.n;
  }

  it('applies a decision sent twice with the same Idempotency-Key once and answers both alike', async () => {
    const [k] = knelpuntenOf(await postStand(sys, indiener, 1));
    await waitForStatus(sys, { ids: [k!.id], status: 'bij_driehoek' }, 60_000, 'bij_driehoek');
    const body = DECISIONS.oppakken();
    const twins = await Promise.all([1, 2].map(() => decideUntilAnswered(sys, driehoek, k!.id, body, `drill6-twin-${k!.id}`)));
    const again = await decideUntilAnswered(sys, driehoek, k!.id, body, `drill6-twin-${k!.id}`);
    const finals = [...twins, again].map((a) => a[a.length - 1]!);
    expect(finals.map((r) => [r.status, r.body?.status])).toEqual([
      [200, 'in_aanpak_driehoek'],
      [200, 'in_aanpak_driehoek'],
      [200, 'in_aanpak_driehoek'],
    ]);
    expect(await timelineCount(k!.id, 'oppakken')).toBe(1);
  });

  it('lets one of two different decisions at once win and refuses the other with 409', async () => {
    const knelpunten = knelpuntenOf(await postStand(sys, indiener, 3));
    const ids = knelpunten.map((k) => k.id);
    await waitForStatus(sys, { ids, status: 'bij_driehoek' }, 60_000, 'bij_driehoek');
    for (const k of knelpunten) {
      const [a, b] = await Promise.all([
        decideUntilAnswered(sys, driehoek, k.id, DECISIONS.oppakken(), `drill6-a-${k.id}`),
        decideUntilAnswered(sys, driehoek, k.id, DECISIONS.informatieOpvragen(), `drill6-b-${k.id}`),
      ]);
      const answers = [a[a.length - 1]!, b[b.length - 1]!];
      expect(answers.map((r) => `${r.status}`).sort()).toEqual(['200', '409']);
      const winner = answers[0]!.status === 200 ? 'oppakken' : 'informatie_opvragen';
      const loser = answers.find((r) => r.status === 409)!;
      expect(loser.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(loser.body).toEqual(expect.objectContaining({ status: 409, allowed: expect.any(Array) }));
      await waitForStatus(sys, { ids: [k.id], status: STATUS_AFTER[winner]! }, 30_000, `${winner} projected`);
      expect(await timelineCount(k.id, 'oppakken')).toBe(winner === 'oppakken' ? 1 : 0);
      expect(await timelineCount(k.id, 'informatie_opvragen')).toBe(winner === 'informatie_opvragen' ? 1 : 0);
    }
    await expectNoDrift(sys);
  });

  it('answers voortgang and decisions that arrive while the workflow continues as new, each applied once', async () => {
    // The workflow is started here with a low history limit, before any API could start it: an API that cannot
    // reach Temporal accepts the Stand, then an API with the right address takes over the (already started) start.
    await sys.stopApis();
    const offline = await sys.startApi({ TEMPORAL_ADDRESS: `127.0.0.1:${await freePort()}` });
    const stand = await postStand(sys, indiener, 1);
    expect(stand.status).toBe(201);
    const [k] = knelpuntenOf(stand);
    const temporal = await sys.temporal();
    const workflowId = knelpuntWorkflowId(k!.id);
    const [row] = await sys.sql<{ created_at: Date }>(`SELECT created_at FROM knelpunten WHERE id = $1`, [k!.id]);
    await temporal.workflow.start(KNELPUNT_WORKFLOW_TYPE, {
      taskQueue: sys.env.TEMPORAL_TASK_QUEUE!,
      workflowId,
      args: [
        {
          knelpuntId: k!.id,
          reference: k!.reference,
          organisation: 'UWV',
          driehoek: 'UWV',
          submittedAt: new Date(row!.created_at).toISOString(),
          features: { searchAttributes: true, historyLimit: 60 },
        },
      ],
    });
    await offline.kill();
    await sys.startApi();
    await waitForStatus(sys, { ids: [k!.id], status: 'bij_driehoek' }, 60_000, 'bij_driehoek');
    const firstRunId = (await temporal.workflow.getHandle(workflowId).describe()).runId;
    const opp = await decideUntilAnswered(sys, driehoek, k!.id, DECISIONS.oppakken(), `drill6-can-oppakken-${k!.id}`);
    expect(opp[opp.length - 1]!.status).toBe(200);

    // Bursts of voortgang (each twice, with the same key), one burst at a time: the history crosses the limit
    // while updates are in flight.
    const voortgang = (i: number): Promise<HttpResult[]> =>
      (async () => {
        const answers: HttpResult[] = [];
        const until = Date.now() + 60_000;
        for (;;) {
          const res = await sys.request('POST', `/api/v1/knelpunten/${k!.id}/voortgang`, {
            token: driehoek,
            body: { summary: `Voortgang ${i}` },
            headers: { 'idempotency-key': `drill6-can-v${i}-${k!.id}` },
          });
          answers.push(res);
          if (res.status !== 503 || Date.now() > until) return answers;
          await new Promise((r) => setTimeout(r, 1000));
        }
      })();
    const BURSTS = 5;
    const PER_BURST = 4;
    for (let burst = 0; burst < BURSTS; burst++) {
      const results = await Promise.all(
        Array.from({ length: PER_BURST }, (_, j) => burst * PER_BURST + j).flatMap((i) => [voortgang(i), voortgang(i)]),
      );
      const finals = results.map((a) => a[a.length - 1]!);
      expect(finals.map((r) => `${r.status} ${r.status === 200 ? '' : r.text.slice(0, 200)}`.trim())).toEqual(finals.map(() => '200'));
    }
    const describe = await temporal.workflow.getHandle(workflowId).describe();
    expect(describe.runId).not.toBe(firstRunId);
    expect(describe.status.name).toBe('RUNNING');
    const entries = await sys.sql<{ summary: string; n: number }>(
      `SELECT data->>'summary' AS summary, count(*)::int AS n FROM knelpunt_timeline WHERE knelpunt_id = $1 AND type = 'voortgang'
        GROUP BY 1 ORDER BY 1`,
      [k!.id],
    );
    expect(entries.map((e) => e.n)).toEqual(Array.from({ length: BURSTS * PER_BURST }, () => 1));

    // Two different closing decisions at once, one of them twice with the same key: one wins, the twins agree.
    const [afronden1, afronden2, escaleren] = await Promise.all([
      decideUntilAnswered(sys, driehoek, k!.id, DECISIONS.afronden(), `drill6-can-afronden-${k!.id}`),
      decideUntilAnswered(sys, driehoek, k!.id, DECISIONS.afronden(), `drill6-can-afronden-${k!.id}`),
      decide(sys, driehoek, k!.id, DECISIONS.escalerenAcu(), { idempotencyKey: `drill6-can-escaleren-${k!.id}` }),
    ]);
    const a1 = afronden1[afronden1.length - 1]!;
    const a2 = afronden2[afronden2.length - 1]!;
    const said = (r: HttpResult): string => `${r.status} ${r.status === 200 ? r.body?.status : r.text.slice(0, 300)}`;
    // The same key, the same answer.
    expect(said(a2)).toBe(said(a1));
    expect([a1.status, escaleren.status].sort()).toEqual([200, 409]);
    const winner = a1.status === 200 ? 'afronden' : 'escaleren_acu';
    await waitForStatus(sys, { ids: [k!.id], status: STATUS_AFTER[winner]! }, 30_000, `${winner} projected`);
    expect((await statuses(sys, [k!.id])).get(k!.id)).toBe(STATUS_AFTER[winner]);
    expect(await timelineCount(k!.id, winner)).toBe(1);

    await expectNoDrift(sys);
  }, 300_000);
});
