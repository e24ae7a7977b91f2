import { WerkdagenKalender } from '../werkdagen/werkdagen-kalender';
import { planDeadline } from './plan-deadline';
import { PlanRequest, PlanningSnapshot, PolicyCandidate, planFromPolicies, planRequestProblems, usablePlanning } from './planning';

const policy = (over: Partial<PolicyCandidate> = {}): PolicyCandidate => ({
  organisation: null,
  kind: 'informatie',
  instrument: null,
  termAmount: 10,
  termUnit: 'werkdagen',
  policy: {
    reminderWerkdagen: [3, 0],
    overdueRepeatDays: 7,
    acuAfterOverdueWeeks: null,
    notifyProgrammadirectieWhenOverdue: true,
    reminderHour: 9,
  },
  ...over,
});

const request = (over: Partial<PlanRequest> = {}): PlanRequest => ({
  deadlineId: 'd-1',
  organisation: 'UWV',
  kind: 'informatie',
  phase: 'wacht_op_informatie',
  now: '2026-12-02T10:00:00.000Z',
  ...over,
});

describe('planRequestProblems', () => {
  it('accepts a complete request', () => {
    expect(planRequestProblems(request())).toEqual([]);
  });

  it('names every field that is wrong, in Dutch', () => {
    const problems = planRequestProblems(
      request({ deadlineId: '', kind: 'onbekend' as never, now: 'gisteren', startedOn: '2026-13-01', fixedDueDate: '1-1-2027' }),
    );
    expect(problems.map((p) => p.name)).toEqual(['deadlineId', 'kind', 'now', 'startedOn', 'fixedDueDate']);
  });

  it('wants a fixed date for the kinds that run to one', () => {
    expect(planRequestProblems(request({ kind: 'streefdatum' }))).toEqual([
      { name: 'fixedDueDate', reason: "is verplicht voor een termijn van soort 'streefdatum'" },
    ]);
    expect(planRequestProblems(request({ kind: 'streefdatum', fixedDueDate: '2027-03-01' }))).toEqual([]);
  });
});

describe('planFromPolicies', () => {
  const kalender = new WerkdagenKalender();

  it('plans with the policy that applies: the organisation over the default', () => {
    const uwv = policy({ organisation: 'UWV', termAmount: 5 });
    const planned = planFromPolicies(request(), [policy(), uwv, policy({ organisation: 'SVB', termAmount: 30 })], kalender);
    expect(planned).toEqual(
      planDeadline(
        {
          id: 'd-1',
          kind: 'informatie',
          phase: 'wacht_op_informatie',
          startedOn: '2026-12-02',
          term: { amount: 5, unit: 'werkdagen' },
          policy: uwv.policy,
          now: '2026-12-02T10:00:00.000Z',
        },
        kalender,
      ),
    );
    // 5 werkdagen after Wednesday 2 December 2026.
    expect(planned?.dueDate).toBe('2026-12-09');
  });

  it('resolves the political term by instrument', () => {
    const candidates = [
      policy({ kind: 'politieke_reactie', termAmount: 6, termUnit: 'weken' }),
      policy({ kind: 'politieke_reactie', instrument: 'kamervragen', termAmount: 3, termUnit: 'weken' }),
    ];
    const kamervragen = planFromPolicies(request({ kind: 'politieke_reactie', instrument: 'kamervragen' }), candidates, kalender);
    const anders = planFromPolicies(request({ kind: 'politieke_reactie', instrument: 'kamerbrief' }), candidates, kalender);
    expect(kamervragen?.term).toEqual({ amount: 3, unit: 'weken' });
    expect(anders?.term).toEqual({ amount: 6, unit: 'weken' });
  });

  it('gives null when no policy applies (the activity then reports the missing policy)', () => {
    expect(planFromPolicies(request({ kind: 'voortgang' }), [policy()], kalender)).toBeNull();
  });

  it('counts on the equated days of the calendar it is given', () => {
    const withDay = new WerkdagenKalender([{ date: '2026-12-03', name: 'Gelijkgestelde dag (besluit)' }]);
    const planned = planFromPolicies(request({ kind: 'informatie' }), [policy({ termAmount: 1 })], withDay);
    expect(planned?.dueDate).toBe('2026-12-04');
  });
});

describe('usablePlanning', () => {
  const snapshot: PlanningSnapshot = {
    policies: [policy(), policy({ kind: 'streefdatum', termAmount: 0, termUnit: 'dagen', organisation: 'UWV' })],
    equatedDays: [{ date: '2026-12-03', name: 'Gelijkgestelde dag (besluit)' }],
  };

  it('takes a well-formed snapshot and builds its calendar', () => {
    const usable = usablePlanning(JSON.parse(JSON.stringify(snapshot)));
    expect(usable?.policies).toHaveLength(2);
    expect(usable?.kalender.isWerkdag('2026-12-03')).toBe(false);
  });

  it.each([
    ['nothing', undefined],
    ['a string', 'planning'],
    ['no policies', { equatedDays: [] }],
    ['policies not a list', { policies: {}, equatedDays: [] }],
    ['an unknown kind', { ...snapshot, policies: [policy({ kind: 'onbekend' as never })] }],
    ['a term that is no number', { ...snapshot, policies: [policy({ termAmount: 'tien' as never })] }],
    ['a negative term', { ...snapshot, policies: [policy({ termAmount: -1 })] }],
    ['an unknown unit', { ...snapshot, policies: [policy({ termUnit: 'jaren' as never })] }],
    ['reminders that are no list', { ...snapshot, policies: [policy({ policy: { ...policy().policy, reminderWerkdagen: 3 as never } })] }],
    ['a reminder hour of 25', { ...snapshot, policies: [policy({ policy: { ...policy().policy, reminderHour: 25 } })] }],
    ['an equated day that is no date', { ...snapshot, equatedDays: [{ date: '2027-02-30', name: 'x' }] }],
    ['an equated day without a name', { ...snapshot, equatedDays: [{ date: '2027-02-03' }] }],
  ])('refuses %s (the transition then plans through the activity)', (_what, value) => {
    expect(usablePlanning(value)).toBeNull();
  });
});
