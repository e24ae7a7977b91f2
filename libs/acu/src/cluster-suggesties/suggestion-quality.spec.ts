import { pairKey, suggestionQuality, truePairs } from './suggestion-quality';
import { dutchDecimal, suggestionReason } from './suggestion-reason';

describe('cluster suggestion quality', () => {
  const organisation: Record<string, string> = { u1: 'UWV', u2: 'UWV', s1: 'SVB', d1: 'DUO', b1: 'BD' };
  const truth = truePairs(
    [
      ['u1', 's1', 'd1'],
      ['u2', 'b1'],
    ],
    (k) => organisation[k]!,
  );

  it('expands groups into the pairs of different organisations', () => {
    expect([...truth].sort()).toEqual([pairKey('b1', 'u2'), pairKey('d1', 's1'), pairKey('d1', 'u1'), pairKey('s1', 'u1')].sort());
    expect(truePairs([['u1', 'u2']], (k) => organisation[k]!).size).toBe(0);
  });

  it('counts precision and recall over unordered pairs', () => {
    const q = suggestionQuality(
      [
        ['s1', 'u1'],
        ['u1', 's1'],
        ['d1', 'u1'],
        ['u2', 's1'],
      ],
      truth,
    );
    expect(q).toMatchObject({ suggested: 3, truePositives: 2, precision: 2 / 3, recall: 2 / 4 });
    expect(q.falsePositives).toEqual([pairKey('s1', 'u2')]);
    expect(q.missed).toEqual([pairKey('b1', 'u2'), pairKey('d1', 's1')].sort());
    expect(q.f1).toBeCloseTo((2 * (2 / 3) * 0.5) / (2 / 3 + 0.5));
  });

  it('treats no suggestions as precise and an empty truth as fully recalled', () => {
    expect(suggestionQuality([], truth)).toMatchObject({ precision: 1, recall: 0, f1: 0 });
    expect(suggestionQuality([['u1', 's1']], new Set())).toMatchObject({ precision: 0, recall: 1 });
  });
});

describe('cluster suggestion reason', () => {
  it('says in Dutch why, with decimal commas', () => {
    expect(dutchDecimal(0.7249)).toBe('0,72');
    expect(suggestionReason({ titleSimilarity: 0.72, descriptionSimilarity: 0.1, theme: 'gegevensdeling', law: null })).toBe(
      'Titels lijken sterk op elkaar (overeenkomst 0,72); zelfde thema: gegevensdeling',
    );
    expect(suggestionReason({ titleSimilarity: 0.35, descriptionSimilarity: 0.45, theme: null, law: 'Participatiewet' })).toBe(
      'Titels lijken op elkaar (overeenkomst 0,35); omschrijvingen lijken sterk op elkaar (overeenkomst 0,45); zelfde wet of regeling: Participatiewet',
    );
    expect(suggestionReason({ titleSimilarity: 0.12, descriptionSimilarity: 0.18, theme: null, law: null })).toBe(
      'Titels en omschrijvingen delen woorden (overeenkomst titel 0,12, omschrijving 0,18)',
    );
  });
});
