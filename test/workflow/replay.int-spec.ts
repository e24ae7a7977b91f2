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
    // Both generations: core v1 (workflows still running from before the hardened core) and core v2.
    for (const generation of ['kern-v1', 'kern-v2']) {
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
    for (const generation of ['kern-v1', 'kern-v2']) {
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
