import { evaluate, goal, renderReport, type BenchResults } from './report';

const results = (quick: boolean): BenchResults => ({
  modeOrder: ['server'],
  modes: {},
  phases: ['plans', 'always'],
  extra: {},
  failedRequests: 0,
  phaseErrors: [],
  totalMs: 1000,
  quick,
});

const usesIndex = goal('plan_search', 'plan: text search uses an index', 'true', 1, '', () => false, 'idem', {
  phase: 'plans',
  fullSizeOnly: 'quick sizes: PostgreSQL scans a table this small',
});
const p95 = goal('p95', 'list p95', 'max', 10, 'ms', () => 12, 'idem', { phase: 'plans' });

describe('goals that only full sizes decide', () => {
  it('are judged in a full run', () => {
    const [index, latency] = evaluate([usesIndex, p95], results(false));
    expect(index).toMatchObject({ measured: false, pass: false });
    expect(index?.undecided).toBeUndefined();
    expect(latency).toMatchObject({ measured: 12, pass: false });
  });

  it('are reported but not judged in a quick run, with the reason; the others are judged as always', () => {
    const outcomes = evaluate([usesIndex, p95], results(true));
    expect(outcomes[0]).toMatchObject({ measured: false, pass: null, undecided: 'quick sizes: PostgreSQL scans a table this small' });
    expect(outcomes[1]).toMatchObject({ measured: 12, pass: false });
    const report = renderReport(results(true), outcomes);
    expect(report).toContain('no (not decided: quick sizes: PostgreSQL scans a table this small)');
    expect(report).toMatch(/1 skipped/);
  });
});
