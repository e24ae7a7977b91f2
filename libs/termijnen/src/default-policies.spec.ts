import { DEADLINE_KINDS, DEFAULT_EQUATED_DAYS, POLITIEKE_INSTRUMENTEN } from '@kp/domain';
import { DEFAULT_POLICY_SEEDS, EQUATED_DAY_SEEDS } from '../../../migrations/1763900000000-lifecycle';
import { resolveDeadlinePolicy } from '@kp/domain';

const seeds = DEFAULT_POLICY_SEEDS.map((s) => ({ ...s, organisation: null, kind: s.kind as (typeof DEADLINE_KINDS)[number] }));

describe('seeded defaults (migration 1763900000000)', () => {
  it('has a default policy for every deadline kind', () => {
    for (const kind of DEADLINE_KINDS) {
      expect(resolveDeadlinePolicy(seeds, { organisation: 'UWV', kind })).not.toBeNull();
    }
  });

  it('has a policy per political instrument with the DOMAIN.md terms', () => {
    const term = (instrument: string): string => {
      const p = resolveDeadlinePolicy(seeds, { organisation: 'UWV', kind: 'politieke_reactie', instrument });
      return `${p?.termAmount} ${p?.termUnit} (${p?.instrument})`;
    };
    for (const instrument of POLITIEKE_INSTRUMENTEN) expect(term(instrument)).toContain(`(${instrument})`);
    expect(term('kamervragen')).toBe('3 weken (kamervragen)');
    expect(term('kamerbrief')).toBe('6 weken (kamerbrief)');
    expect(term('technische_briefing')).toBe('8 weken (technische_briefing)');
    expect(term('commissiedebat')).toBe('12 weken (commissiedebat)');
    expect(term('trialoog')).toBe('12 weken (trialoog)');
  });

  it('seeds the driehoek decision as DOMAIN.md says', () => {
    const p = resolveDeadlinePolicy(seeds, { organisation: 'UWV', kind: 'driehoek_besluit' });
    expect(p).toMatchObject({
      termAmount: 8,
      termUnit: 'weken',
      reminderWerkdagen: [10, 5, 0],
      overdueRepeatDays: 7,
      acuAfterOverdueWeeks: 4,
      notifyProgrammadirectie: true,
      reminderHour: 9,
    });
  });

  it('seeds the equated days of libs/domain (a new besluit needs a new migration or POST /api/v1/gelijkgestelde-dagen)', () => {
    expect(EQUATED_DAY_SEEDS).toEqual(DEFAULT_EQUATED_DAYS.map((d) => ({ date: d.date, name: d.name })));
  });
});
