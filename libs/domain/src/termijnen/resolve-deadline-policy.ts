import type { DeadlineKind } from './deadline-state';

export interface PolicyIdentity {
  /** null = the default policy for every organisation */
  organisation: string | null;
  kind: DeadlineKind;
  /** only for politieke_reactie: the instrument, null = any instrument */
  instrument: string | null;
}

export interface PolicyWanted {
  organisation: string;
  kind: DeadlineKind;
  instrument?: string | null;
}

/**
 * Picks the policy that applies. Pure. Among the rows of the same kind whose organisation is the wanted one or
 * the default, and whose instrument is the wanted one or none, the most specific wins, instrument before
 * organisation (the instrument sets the political term; an organisation rarely changes that):
 *   1. organisation + instrument, 2. default + instrument, 3. organisation without instrument, 4. default.
 * Returns null when nothing applies.
 */
export function resolveDeadlinePolicy<T extends PolicyIdentity>(candidates: readonly T[], wanted: PolicyWanted): T | null {
  const instrument = wanted.instrument ?? null;
  let best: T | null = null;
  let bestScore = -1;
  for (const c of candidates) {
    if (c.kind !== wanted.kind) continue;
    if (c.organisation !== null && c.organisation !== wanted.organisation) continue;
    if (c.instrument !== null && c.instrument !== instrument) continue;
    const score = (c.instrument !== null ? 2 : 0) + (c.organisation !== null ? 1 : 0);
    if (score > bestScore) {
      best = c;
      bestScore = score;
    }
  }
  return best;
}
