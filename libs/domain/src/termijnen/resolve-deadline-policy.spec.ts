import type { DeadlineKind } from './deadline-state';
import { PolicyIdentity, resolveDeadlinePolicy } from './resolve-deadline-policy';

type Row = PolicyIdentity & { name: string };
const row = (name: string, kind: DeadlineKind, organisation: string | null, instrument: string | null = null): Row => ({
  name,
  kind,
  organisation,
  instrument,
});

describe('resolveDeadlinePolicy', () => {
  const rows: Row[] = [
    row('default besluit', 'driehoek_besluit', null),
    row('UWV besluit', 'driehoek_besluit', 'UWV'),
    row('default politiek', 'politieke_reactie', null),
    row('default kamervragen', 'politieke_reactie', null, 'kamervragen'),
    row('SVB politiek', 'politieke_reactie', 'SVB'),
    row('SVB kamervragen', 'politieke_reactie', 'SVB', 'kamervragen'),
    row('default informatie', 'informatie', null),
  ];

  it('prefers the organisation-specific policy over the default', () => {
    expect(resolveDeadlinePolicy(rows, { organisation: 'UWV', kind: 'driehoek_besluit' })?.name).toBe('UWV besluit');
  });

  it('falls back to the default for other organisations', () => {
    expect(resolveDeadlinePolicy(rows, { organisation: 'DUO', kind: 'driehoek_besluit' })?.name).toBe('default besluit');
  });

  it('never picks another organisation or another kind', () => {
    expect(resolveDeadlinePolicy(rows, { organisation: 'DUO', kind: 'informatie' })?.name).toBe('default informatie');
    expect(resolveDeadlinePolicy(rows, { organisation: 'UWV', kind: 'voortgang' })).toBeNull();
  });

  it('for politieke_reactie prefers the instrument, then the organisation', () => {
    expect(resolveDeadlinePolicy(rows, { organisation: 'SVB', kind: 'politieke_reactie', instrument: 'kamervragen' })?.name).toBe(
      'SVB kamervragen',
    );
    expect(resolveDeadlinePolicy(rows, { organisation: 'UWV', kind: 'politieke_reactie', instrument: 'kamervragen' })?.name).toBe(
      'default kamervragen',
    );
    expect(resolveDeadlinePolicy(rows, { organisation: 'SVB', kind: 'politieke_reactie', instrument: 'trialoog' })?.name).toBe(
      'SVB politiek',
    );
    expect(resolveDeadlinePolicy(rows, { organisation: 'UWV', kind: 'politieke_reactie', instrument: 'trialoog' })?.name).toBe(
      'default politiek',
    );
    expect(resolveDeadlinePolicy(rows, { organisation: 'UWV', kind: 'politieke_reactie' })?.name).toBe('default politiek');
  });

  it('an instrument-specific default beats an organisation row without instrument', () => {
    const only = rows.filter((r) => r.name !== 'SVB kamervragen');
    expect(resolveDeadlinePolicy(only, { organisation: 'SVB', kind: 'politieke_reactie', instrument: 'kamervragen' })?.name).toBe(
      'default kamervragen',
    );
  });
});
