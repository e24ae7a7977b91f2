import type { DeadlineState } from '@kp/domain';
import type { KnelpuntState } from '../../../../../workflows/knelpunt/knelpunt.contract';
import type { DeadlineView } from '../../entities/knelpunt.entity';
import { compareWithWorkflow, type ReadModelRow } from './drift';

function deadline(overrides: Partial<DeadlineState> = {}): DeadlineState {
  return {
    id: 'd1',
    kind: 'driehoek_besluit',
    phase: 'bij_driehoek',
    startedOn: '2026-01-05',
    term: { amount: 8, unit: 'weken' },
    suspendedDays: 0,
    extensions: [],
    dueDate: '2026-03-02',
    dueAt: '2026-03-02T22:59:59.999Z',
    state: 'lopend',
    suspendedSince: null,
    explanation: [],
    shiftedBy: [],
    policy: {
      reminderWerkdagen: [10, 5, 0],
      overdueRepeatDays: 7,
      acuAfterOverdueWeeks: 4,
      notifyProgrammadirectieWhenOverdue: true,
      reminderHour: 9,
    },
    alarms: [],
    log: [],
    ...overrides,
  } as DeadlineState;
}

function view(d: DeadlineState): DeadlineView {
  return {
    id: d.id,
    kind: d.kind,
    phase: d.phase,
    dueAt: d.dueAt,
    dueDate: d.dueDate,
    state: d.state,
    startedOn: d.startedOn,
    term: d.term,
    suspendedDays: d.suspendedDays,
    explanation: d.explanation,
    reminders: [],
    log: [],
  };
}

function state(overrides: Partial<KnelpuntState> = {}): KnelpuntState {
  return {
    knelpuntId: '00000000-0000-4000-8000-000000000001',
    reference: 'UWV-00001',
    organisation: 'UWV',
    driehoek: 'UWV',
    submittedAt: '2026-01-05T10:00:00.000Z',
    status: 'bij_driehoek',
    outcome: null,
    escalated: false,
    details: { flags: [] },
    deadlines: [deadline()],
    version: 3,
    appliedDecisionIds: [],
    ...overrides,
  } as KnelpuntState;
}

/** The read model exactly as the projection writes `s`. */
function rowOf(s: KnelpuntState, overrides: Partial<ReadModelRow> = {}): ReadModelRow {
  const running = s.deadlines.filter((d) => d.state === 'lopend' || d.state === 'verlopen' || d.state === 'opgeschort');
  const next = running.map((d) => d.dueAt).sort()[0];
  return {
    id: s.knelpuntId,
    reference: s.reference,
    organisationCode: s.organisation,
    driehoekCode: s.driehoek,
    createdAt: new Date(s.submittedAt),
    status: s.status,
    outcome: s.outcome,
    escalated: s.escalated,
    overdue: s.deadlines.some((d) => d.state === 'verlopen'),
    nextDueAt: next ? new Date(next) : null,
    deadlines: s.deadlines.map(view),
    details: { ...s.details },
    projectionVersion: s.version,
    start: null,
    ...overrides,
  };
}

const kinds = (row: ReadModelRow, s: KnelpuntState): string[] => compareWithWorkflow(row, s).map((d) => d.kind);

describe('compareWithWorkflow', () => {
  it('finds nothing when the read model is what the projection wrote', () => {
    const s = state({ details: { flags: ['informatie_onbeantwoord'] }, escalated: true });
    expect(compareWithWorkflow(rowOf(s), s)).toEqual([]);
  });

  it('keeps a read model that stays escalated after the workflow went back (the flag is sticky)', () => {
    const s = state({ escalated: false });
    expect(kinds(rowOf(s, { escalated: true }), s)).toEqual([]);
  });

  it.each<[string, (s: KnelpuntState) => Partial<ReadModelRow>, string[]]>([
    ['another status', () => ({ status: 'bij_acu' }), ['status_verschilt']],
    ['another outcome', () => ({ outcome: 'opgelost' }), ['status_verschilt']],
    ['closed while the workflow runs', () => ({ status: 'afgesloten', outcome: 'opgelost' }), ['afgesloten_verschilt']],
    ['a deadline missing', () => ({ deadlines: [] }), ['termijnen_verschillen']],
    ['an extra deadline', (s) => ({ deadlines: [...s.deadlines.map(view), view(deadline({ id: 'd2' }))] }), ['termijnen_verschillen']],
    [
      'a deadline in another state',
      (s) => ({ deadlines: s.deadlines.map((d) => ({ ...view(d), state: 'voldaan' as const })) }),
      ['termijnen_verschillen'],
    ],
    [
      'another due date',
      (s) => ({ deadlines: s.deadlines.map((d) => ({ ...view(d), dueDate: '2026-03-03' })) }),
      ['termijnen_verschillen'],
    ],
    ['overdue flag', () => ({ overdue: true }), ['termijnen_verschillen']],
    ['next due date', () => ({ nextDueAt: null }), ['termijnen_verschillen']],
    ['flags', () => ({ details: { flags: ['informatie_onbeantwoord'] } }), ['signalen_verschillen']],
    ['an older version', () => ({ projectionVersion: 2 }), ['versie_achter']],
    ['a newer version', () => ({ projectionVersion: 4 }), ['versie_voor']],
    ['status and version', () => ({ status: 'ingediend', projectionVersion: 0 }), ['status_verschilt', 'versie_achter']],
  ])('reports %s', (_what, change, expected) => {
    const s = state();
    expect(kinds(rowOf(s, change(s)), s)).toEqual(expected);
  });

  it('reports an escalation the read model lost', () => {
    const s = state({ escalated: true, status: 'bij_acu' });
    expect(kinds(rowOf(s, { escalated: false }), s)).toEqual(['escalatie_verschilt']);
  });

  it('reports a workflow that closed while the read model is open, in Dutch', () => {
    const s = state({ status: 'afgesloten', outcome: 'geen_knelpunt', deadlines: [deadline({ state: 'vervallen' })] });
    const found = compareWithWorkflow(rowOf(s, { status: 'bij_driehoek', outcome: null }), s);
    expect(found).toEqual([
      {
        kind: 'afgesloten_verschilt',
        detail: "De workflow is afgesloten (uitkomst 'geen_knelpunt'), maar het leesmodel zegt 'bij_driehoek'.",
      },
    ]);
  });

  it('compares due instants, not their spelling', () => {
    const s = state();
    const row = rowOf(s, { deadlines: s.deadlines.map((d) => ({ ...view(d), dueAt: '2026-03-02T23:59:59.999+01:00' })) });
    expect(kinds(row, s)).toEqual([]);
  });
});
