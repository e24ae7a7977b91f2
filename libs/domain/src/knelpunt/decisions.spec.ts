import {
  ALLOWED_FROM,
  DECISIONS,
  allowedDecisions,
  allowedDecisionsFor,
  allowedDecisionsForAll,
  decisionEffect,
  rolesFor,
  validateDecisionFields,
} from './decisions';
import { STATUSES } from './statuses';

describe('decision table (DOMAIN.md)', () => {
  it('allows exactly the DOMAIN.md decisions per status', () => {
    expect(allowedDecisions('bij_driehoek').sort()).toEqual(
      ['afwijzen', 'escaleren_acu', 'informatie_opvragen', 'intrekken', 'naar_politiek', 'oppakken', 'samenvoegen'].sort(),
    );
    expect(allowedDecisions('wacht_op_informatie').sort()).toEqual(['informatie_aanleveren', 'intrekken']);
    expect(allowedDecisions('in_aanpak_driehoek').sort()).toEqual(['afronden', 'escaleren_acu', 'intrekken', 'naar_politiek']);
    expect(allowedDecisions('bij_acu').sort()).toEqual(
      [
        'afwijzen',
        'intrekken',
        'naar_politiek',
        'overheidsbreed_oppakken',
        'samenvoegen',
        'terug_naar_driehoek',
        'toewijzen_doorbraakteam',
      ].sort(),
    );
    expect(allowedDecisions('in_aanpak_acu').sort()).toEqual(['afronden', 'intrekken', 'naar_politiek']);
    expect(allowedDecisions('politieke_opvolging').sort()).toEqual(['intrekken', 'politieke_uitkomst']);
    expect(allowedDecisions('afgesloten')).toEqual([]);
  });

  it('gives every decision at least one status and one role', () => {
    for (const d of DECISIONS) {
      expect(ALLOWED_FROM[d].length).toBeGreaterThan(0);
      for (const s of ALLOWED_FROM[d]) expect(rolesFor(d, s).length).toBeGreaterThan(0);
    }
  });

  it('reserves driehoek decisions for the driehoek and ACU decisions for the ACU', () => {
    expect(allowedDecisionsFor('bij_driehoek', 'acu')).toEqual([]);
    expect(allowedDecisionsFor('bij_acu', 'driehoek')).toEqual([]);
    expect(allowedDecisionsFor('bij_acu', 'acu')).toContain('toewijzen_doorbraakteam');
    expect(allowedDecisionsFor('wacht_op_informatie', 'indiener')).toEqual(['informatie_aanleveren', 'intrekken']);
    expect(rolesFor('afronden', 'in_aanpak_acu')).toEqual(['acu']);
    expect(rolesFor('afronden', 'in_aanpak_driehoek')).toEqual(['driehoek']);
  });

  it('lists for several knelpunten at once only the decisions allowed for each (a cluster decision)', () => {
    expect(allowedDecisionsForAll(['bij_acu', 'bij_acu'], 'acu')).toEqual(allowedDecisionsFor('bij_acu', 'acu'));
    expect(allowedDecisionsForAll(['bij_acu', 'in_aanpak_acu'], 'acu')).toEqual(['naar_politiek']);
    expect(allowedDecisionsForAll(['bij_acu', 'afgesloten'], 'acu')).toEqual([]);
    expect(allowedDecisionsForAll(['bij_acu'], 'programmadirectie')).toEqual(['naar_politiek']);
    expect(allowedDecisionsForAll([], 'acu')).toEqual([]);
  });

  it('names missing and wrong fields in Dutch', () => {
    expect(validateDecisionFields('oppakken', {})).toEqual([
      { name: 'owner', reason: 'is verplicht bij deze beslissing' },
      { name: 'targetDate', reason: 'is verplicht bij deze beslissing' },
      { name: 'plan', reason: 'is verplicht bij deze beslissing' },
    ]);
    expect(validateDecisionFields('oppakken', { owner: 'x', plan: 'y', targetDate: '2026-02-30' })).toEqual([
      { name: 'targetDate', reason: 'moet een geldige datum zijn (JJJJ-MM-DD)' },
    ]);
    expect(validateDecisionFields('oppakken', { owner: 'x', plan: 'y', targetDate: '2020-01-01' }, '2026-11-22')[0]?.reason).toBe(
      'mag niet in het verleden liggen',
    );
    expect(validateDecisionFields('afwijzen', { outcome: 'opgelost', motivation: 'm' })[0]?.name).toBe('outcome');
    expect(validateDecisionFields('escaleren_acu', { motivation: 'm', kleur: 'rood' })).toEqual([
      { name: 'kleur', reason: "is geen veld van beslissing 'escaleren_acu'" },
    ]);
    expect(validateDecisionFields('samenvoegen', {}).map((p) => p.name)).toEqual(['targetKnelpuntId']);
    expect(validateDecisionFields('samenvoegen', { clusterId: '0b7e4a48-9d9f-4c52-9d0b-2f4c3f4f8d10' })).toEqual([]);
    expect(validateDecisionFields('naar_politiek', { instrument: 'tweet', motivation: 'm' })[0]?.name).toBe('instrument');
  });

  it('leads each decision to the DOMAIN.md status and outcome', () => {
    expect(decisionEffect('oppakken', 'bij_driehoek', {})).toEqual({ status: 'in_aanpak_driehoek', outcome: null });
    expect(decisionEffect('afwijzen', 'bij_acu', { outcome: 'geen_knelpunt' })).toEqual({ status: 'afgesloten', outcome: 'geen_knelpunt' });
    expect(decisionEffect('politieke_uitkomst', 'politieke_opvolging', { result: 'terug_naar_driehoek' }).status).toBe('bij_driehoek');
    expect(decisionEffect('politieke_uitkomst', 'politieke_opvolging', { result: 'niet_oplosbaar' })).toEqual({
      status: 'afgesloten',
      outcome: 'niet_oplosbaar',
    });
    expect(decisionEffect('samenvoegen', 'bij_driehoek', {})).toEqual({ status: 'afgesloten', outcome: 'samengevoegd' });
    expect(decisionEffect('intrekken', 'in_aanpak_acu', {})).toEqual({ status: 'afgesloten', outcome: 'ingetrokken' });
    for (const s of STATUSES)
      for (const d of allowedDecisions(s)) expect(decisionEffect(d, s, { outcome: 'opgelost', result: 'opgelost' }).status).toBeDefined();
  });
});
