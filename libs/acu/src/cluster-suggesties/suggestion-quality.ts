/**
 * Precision and recall of cluster suggestions against a labelled set (test/fixtures/cluster-suggesties/
 * labelled-set.json): the ground truth is every pair of knelpunten of different organisations within one labelled
 * group. Pure, so the integration test and the benchmark compute it the same way.
 */

/** An unordered pair, as one key. */
export const pairKey = (a: string, b: string): string => (a < b ? `${a}|${b}` : `${b}|${a}`);

/** The pairs of knelpunten (by key) of different organisations within each group. */
export function truePairs(groups: readonly (readonly string[])[], organisationOf: (key: string) => string): Set<string> {
  const pairs = new Set<string>();
  for (const group of groups) {
    group.forEach((a, i) => {
      for (const b of group.slice(i + 1)) if (organisationOf(a) !== organisationOf(b)) pairs.add(pairKey(a, b));
    });
  }
  return pairs;
}

export interface SuggestionQuality {
  /** suggested pairs that belong together / suggested pairs (1 when nothing was suggested) */
  precision: number;
  /** true pairs suggested / true pairs (1 when there are none) */
  recall: number;
  f1: number;
  suggested: number;
  truePositives: number;
  falsePositives: string[];
  missed: string[];
}

/** Compares the suggested pairs (keys of the labelled set) with the true pairs. */
export function suggestionQuality(suggested: readonly [string, string][], truth: ReadonlySet<string>): SuggestionQuality {
  const keys = new Set(suggested.map(([a, b]) => pairKey(a, b)));
  const falsePositives = [...keys].filter((k) => !truth.has(k)).sort();
  const missed = [...truth].filter((k) => !keys.has(k)).sort();
  const truePositives = keys.size - falsePositives.length;
  const precision = keys.size === 0 ? 1 : truePositives / keys.size;
  const recall = truth.size === 0 ? 1 : truePositives / truth.size;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1, suggested: keys.size, truePositives, falsePositives, missed };
}
