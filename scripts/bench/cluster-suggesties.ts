/**
 * The labelled set of cluster suggestions (test/fixtures/cluster-suggesties/labelled-set.json), loaded through the
 * API and measured: precision and recall of `GET /acu/cluster-suggesties` against the set's groups. Used by
 * test/cluster-suggesties.int-spec.ts (a correctness floor) and meant for the benchmark (the numbers themselves):
 *
 *   const set = readLabelledSet();
 *   const loaded = await loadLabelledSet(client, set);            // Standen per organisation, escalated to the ACU
 *   const quality = await measureClusterSuggesties(client, set, loaded);
 *
 * `client` is anything with `request(method, path, { token, body })` and `token({ role, organisation, driehoek })`:
 * the bench's BenchHttp plus BenchSystem.token, or the tests' TestSystem.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pairKey, suggestionQuality, truePairs, type SuggestionQuality } from '../../libs/acu/src/cluster-suggesties/suggestion-quality';
import type { Rol } from '../../libs/toegang/src/principal';

export interface LabelledKnelpunt {
  key: string;
  organisation: string;
  title: string;
  description: string;
  theme: string;
  law?: string;
}

export interface LabelledSet {
  source: string;
  knelpunten: LabelledKnelpunt[];
  /** keys of knelpunten that belong in one cluster */
  groups: string[][];
}

export interface SuggestionClient {
  request(method: 'GET' | 'POST', path: string, opts: { token?: string; body?: unknown }): Promise<{ status: number; body: unknown }>;
  token(options: { role: Rol; organisation?: string; driehoek?: string }): Promise<string>;
}

/** key → knelpunt id, and back. */
export interface LoadedSet {
  idOf: Map<string, string>;
  keyOf: Map<string, string>;
}

/** The fixture, from the sources (scripts/bench) or from the build (dist/scripts/bench). */
export const LABELLED_SET_PATH =
  [resolve(__dirname, '..', '..'), resolve(__dirname, '..', '..', '..')]
    .map((root) => resolve(root, 'test', 'fixtures', 'cluster-suggesties', 'labelled-set.json'))
    .find((path) => existsSync(path)) ?? resolve('test', 'fixtures', 'cluster-suggesties', 'labelled-set.json');

export function readLabelledSet(path = LABELLED_SET_PATH): LabelledSet {
  return JSON.parse(readFileSync(path, 'utf8')) as LabelledSet;
}

/** The true pairs of the set (keys of different organisations within one group). */
export function labelledPairs(set: LabelledSet): Set<string> {
  const organisation = new Map(set.knelpunten.map((k) => [k.key, k.organisation]));
  return truePairs(set.groups, (key) => organisation.get(key) ?? key);
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

async function until<T>(what: string, timeoutMs: number, attempt: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const result = await attempt();
    if (result !== undefined) return result;
    if (Date.now() > deadline) throw new Error(`timed out: ${what}`);
    await sleep(200);
  }
}

/**
 * Submits one Stand per organisation with its knelpunten of the set, then lets each organisation's driehoek escalate
 * every knelpunt to the ACU (`escaleren_acu`, once the workflow has taken it in): suggestions are about what the ACU
 * sees and can cluster. Needs a running worker. `label` keeps the Standen of repeated runs apart.
 */
export async function loadLabelledSet(
  client: SuggestionClient,
  set: LabelledSet,
  options: { label?: string; timeoutMs?: number } = {},
): Promise<LoadedSet> {
  const label = options.label ?? new Date().toISOString();
  const timeoutMs = options.timeoutMs ?? 60_000;
  const idOf = new Map<string, string>();
  const organisations = [...new Set(set.knelpunten.map((k) => k.organisation))];
  for (const organisation of organisations) {
    const mine = set.knelpunten.filter((k) => k.organisation === organisation);
    const res = await client.request('POST', '/api/v1/standen', {
      token: await client.token({ role: 'indiener', organisation }),
      body: {
        organisation,
        period: '2025',
        title: `Stand van de uitvoering 2025 (gelabelde set ${label})`,
        knelpunten: mine.map(({ title, description, theme, law }) => ({ title, description, theme, ...(law ? { law } : {}) })),
      },
    });
    if (res.status !== 201) throw new Error(`Stand of ${organisation} → ${res.status} ${JSON.stringify(res.body)}`);
    const created = (res.body as { knelpunten: { id: string }[] }).knelpunten;
    mine.forEach((k, i) => idOf.set(k.key, created[i]!.id));
  }
  for (const k of set.knelpunten) {
    const id = idOf.get(k.key)!;
    const token = await client.token({ role: 'driehoek', driehoek: k.organisation });
    await until(`${k.key} escalated`, timeoutMs, async () => {
      const res = await client.request('POST', `/api/v1/knelpunten/${id}/decisions`, {
        token,
        body: { decision: 'escaleren_acu', motivation: 'Raakt meerdere organisaties.' },
      });
      if (res.status === 200) return true;
      // Not yet taken in by its workflow (409 while ingediend) or the worker is busy (503): try again.
      if (res.status === 409 || res.status === 503) return undefined;
      throw new Error(`escaleren_acu ${k.key} → ${res.status} ${JSON.stringify(res.body)}`);
    });
  }
  return { idOf, keyOf: new Map([...idOf].map(([key, id]) => [id, key])) };
}

/** Suggestions of the API (`limit` 100) between knelpunten of the set, as pairs of keys. */
export async function suggestedPairs(client: SuggestionClient, loaded: LoadedSet): Promise<[string, string][]> {
  const res = await client.request('GET', '/api/v1/acu/cluster-suggesties?limit=100', { token: await client.token({ role: 'acu' }) });
  if (res.status !== 200) throw new Error(`cluster-suggesties → ${res.status} ${JSON.stringify(res.body)}`);
  const items = (res.body as { items: { knelpunten: { id: string }[] }[] }).items;
  const pairs: [string, string][] = [];
  for (const item of items) {
    const [a, b] = item.knelpunten.map((k) => loaded.keyOf.get(k.id));
    if (a && b) pairs.push([a, b]);
  }
  return pairs;
}

/** Precision and recall of the current suggestions on the loaded set. */
export async function measureClusterSuggesties(client: SuggestionClient, set: LabelledSet, loaded: LoadedSet): Promise<SuggestionQuality> {
  return suggestionQuality(await suggestedPairs(client, loaded), labelledPairs(set));
}

export { pairKey };
