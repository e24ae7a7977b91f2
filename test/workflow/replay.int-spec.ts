import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ReplayResult, Worker } from '@temporalio/worker';
import { DeterminismViolationError } from '@temporalio/workflow';
import { temporal } from '@temporalio/proto';
import { HISTORY_DIR, historyFromJson, loadHistories } from '../../scripts/record-histories';

/**
 * The committed histories (test/histories/*.json, recorded by scripts/record-histories.ts on real components) replayed
 * against the current workflow code, bundled once by the jest global setup. Any ReplayError or
 * DeterminismViolationError fails: a change that alters the commands of running workflows needs `patched()`.
 */
describe('replay of committed workflow histories', () => {
  const histories = loadHistories();
  const results = new Map<string, ReplayResult>();
  const workflowBundle = (): { codePath: string } => {
    const codePath = process.env.KP_TEST_WORKFLOW_BUNDLE;
    if (!codePath) throw new Error('KP_TEST_WORKFLOW_BUNDLE is not set: did the jest global setup run?');
    return { codePath };
  };

  beforeAll(async () => {
    for await (const result of Worker.runReplayHistories({ workflowBundle: workflowBundle(), replayName: 'knelpunt-replay' }, histories)) {
      results.set(result.workflowId, result);
    }
  });

  it('covers the representative paths', () => {
    const paths = [
      'oppakken-voortgang-afronden',
      'escalatie-doorbraakteam',
      'politiek-uitkomst',
      'informatie-aanleveren',
      'informatie-onbeantwoord',
      'termijnacties-en-gelijktijdige-beslissingen',
      'termijnen-herinneringen-verlopen-acu',
    ];
    // Every generation: core v1 (workflows still running from before the hardened core), core v2, core v2 with
    // short runs (continue-as-new after 400 events, the 'korte-runs' patch), and commands that plan their deadlines
    // on the data they bring (the 'planning-uit-opdracht' patch).
    for (const generation of ['kern-v1', 'kern-v2', 'kern-v2-korte-runs', 'kern-v2-planning']) {
      expect(histories.map((h) => h.workflowId)).toEqual(expect.arrayContaining(paths.map((p) => `${generation}/${p}`)));
    }
    const count = (name: string, type: temporal.api.enums.v1.EventType): number =>
      (histories.find((h) => h.workflowId === name)?.history.events ?? []).filter((e) => e.eventType === type).length;
    const {
      EVENT_TYPE_TIMER_FIRED,
      EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_COMPLETED,
      EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED,
      EVENT_TYPE_MARKER_RECORDED,
    } = temporal.api.enums.v1.EventType;
    for (const generation of ['kern-v1', 'kern-v2', 'kern-v2-korte-runs', 'kern-v2-planning']) {
      // The time-skipped histories really contain fired timers (reminders, overdue, escalation, carry-over).
      expect(count(`${generation}/termijnen-herinneringen-verlopen-acu`, EVENT_TYPE_TIMER_FIRED)).toBeGreaterThanOrEqual(8);
      expect(count(`${generation}/informatie-onbeantwoord`, EVENT_TYPE_TIMER_FIRED)).toBeGreaterThanOrEqual(2);
      // The decision paths contain their Updates; the closed ones completed.
      expect(count(`${generation}/oppakken-voortgang-afronden`, EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_COMPLETED)).toBe(3);
      expect(count(`${generation}/oppakken-voortgang-afronden`, EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED)).toBe(1);
      expect(count(`${generation}/politiek-uitkomst`, EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED)).toBe(1);
    }
    // Core v2 runs its steps as local activities (markers), core v1 as scheduled activities.
    expect(count('kern-v2/oppakken-voortgang-afronden', EVENT_TYPE_MARKER_RECORDED)).toBeGreaterThan(3);
  });

  it("keeps the history limit of a run by the run's code: 5,000 events without the 'korte-runs' marker, 400 with it", () => {
    const { EVENT_TYPE_MARKER_RECORDED, EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW } = temporal.api.enums.v1.EventType;
    const events = (name: string): temporal.api.history.v1.IHistoryEvent[] =>
      histories.find((h) => h.workflowId === name)?.history.events ?? [];
    const patches = (name: string): string[] =>
      events(name)
        .filter((e) => e.eventType === EVENT_TYPE_MARKER_RECORDED && e.markerRecordedEventAttributes?.markerName === 'core_patch')
        .map((e) => {
          const data = e.markerRecordedEventAttributes?.details?.['patch-data']?.payloads?.[0]?.data;
          return (JSON.parse(Buffer.from(data ?? []).toString('utf8')) as { id: string }).id;
        });
    const last = (name: string): temporal.api.enums.v1.EventType | null | undefined => events(name).at(-1)?.eventType;
    // A two-year case recorded before the patch: one run of 828 events, still open. It replays (the test below)
    // without continuing as new at 400: the run keeps the limit it started with.
    expect(patches('kern-v2/twee-jaar-een-run')).toEqual(['kern-v2']);
    expect(events('kern-v2/twee-jaar-een-run').length).toBeGreaterThan(800);
    expect(last('kern-v2/twee-jaar-een-run')).not.toBe(EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW);
    // The same case on the patched code: runs of about 400 events, each continued as new with the state.
    for (const run of ['kern-v2-korte-runs/twee-jaar-run-1', 'kern-v2-korte-runs/twee-jaar-run-2']) {
      expect(patches(run)).toEqual(['kern-v2', 'korte-runs']);
      expect(events(run).length).toBeGreaterThan(400);
      expect(events(run).length).toBeLessThan(450);
      expect(last(run)).toBe(EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW);
    }
  });

  it("plans a command's deadlines without a local activity from the 'planning-uit-opdracht' patch on; before it, through one", () => {
    const { EVENT_TYPE_MARKER_RECORDED, EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED } = temporal.api.enums.v1.EventType;
    /** The history's updates, patches and local activities in order: `U`, `P:<patch>`, `<activity type>`. */
    const steps = (name: string): string[] =>
      (histories.find((h) => h.workflowId === name)?.history.events ?? []).flatMap((e) => {
        if (e.eventType === EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED) return ['U'];
        const m = e.markerRecordedEventAttributes;
        if (e.eventType !== EVENT_TYPE_MARKER_RECORDED || !m) return [];
        const key = m.markerName === 'core_patch' ? 'patch-data' : 'data';
        const data = JSON.parse(Buffer.from(m.details?.[key]?.payloads?.[0]?.data ?? []).toString('utf8')) as Record<string, string>;
        return [m.markerName === 'core_patch' ? `P:${data.id}` : (data.activity_type ?? data.activityType ?? '?')];
      });
    // informatie_opvragen plans the information term; informatie_aanleveren resumes the decision term (recompute).
    expect(steps('kern-v2-korte-runs/informatie-aanleveren')).toEqual([
      'P:kern-v2',
      'P:korte-runs',
      'planDeadline',
      'projectKnelpunt',
      'U',
      'planDeadline',
      'projectKnelpunt',
      'U',
      'recomputeDeadline',
      'projectKnelpunt',
    ]);
    expect(steps('kern-v2-planning/informatie-aanleveren')).toEqual([
      'P:kern-v2',
      'P:korte-runs',
      'planDeadline', // the intake: a system step brings no data
      'projectKnelpunt',
      'U',
      'P:planning-uit-opdracht',
      'projectKnelpunt',
      'U',
      'projectKnelpunt',
    ]);
    // Extensions and resumptions too (the deadline actions recompute on the command's calendar).
    const actions = steps('kern-v2-planning/termijnacties-en-gelijktijdige-beslissingen');
    expect(actions).toContain('P:planning-uit-opdracht');
    expect(actions.slice(actions.indexOf('P:planning-uit-opdracht'))).not.toContain('recomputeDeadline');
  });

  it.each(loadHistories().map((h) => h.workflowId))('replays %s without nondeterminism', (workflowId) => {
    const result = results.get(workflowId);
    expect(result).toBeDefined();
    expect(result?.error ? `${result.error.name}: ${result.error.message}` : null).toBeNull();
  });

  it('fails on a history the workflow code would not produce (the suite can see nondeterminism)', async () => {
    const json = JSON.parse(readFileSync(join(HISTORY_DIR, 'kern-v1', 'oppakken-voortgang-afronden.json'), 'utf8')) as {
      events: { activityTaskScheduledEventAttributes?: { activityType: { name: string } } }[];
    };
    const first = json.events.find((e) => e.activityTaskScheduledEventAttributes)!.activityTaskScheduledEventAttributes!;
    expect(first.activityType.name).toBe('planDeadline');
    first.activityType.name = 'notify';
    const tampered: ReplayResult[] = [];
    for await (const r of Worker.runReplayHistories({ workflowBundle: workflowBundle(), replayName: 'knelpunt-replay-tampered' }, [
      { workflowId: 'tampered', history: historyFromJson(json) },
    ])) {
      tampered.push(r);
    }
    expect(tampered).toHaveLength(1);
    expect(tampered[0]!.error).toBeInstanceOf(DeterminismViolationError);
  });
});
