import { randomUUID } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import { DataSource } from 'typeorm';
import { TestSystem, eventually } from '../support/test-system';
import { aKnelpunt, aStand } from '../builders';
import {
  type DecisionName,
  type Status,
  addDays,
  algemeenErkendeFeestdagen,
  isoWeekday,
  rolesFor,
  toLocalDateAmsterdam,
} from '../../libs/domain/src';
import type { Rol } from '../../libs/toegang/src/principal';
import { API_BASE_PATH } from '../../apps/api/src/openapi';
import { leaksIn } from './support/problems';
import { nestRoutes } from './support/route-table';
import type { RoutePolicy } from '../../libs/toegang/src/decorators/route-policy';

/**
 * Bad input, generated from the OpenAPI document of the running API (issue 11, "Tests"): for every operation and
 * every input it documents — each string in a request body (recursively, array items included), each query and
 * path parameter, the Idempotency-Key header and the CSV body — a bad value of each kind (NUL, a lone surrogate,
 * an over-long value, wrong types, `null`, an array where an object belongs) and, per body, deep nesting and many
 * keys. All other inputs hold known-good values (the baselines below), so each case isolates one field; the caller
 * has a role the route admits and sees the resource, so a refusal must be the 400 of validation and not a 401/403/
 * 404/409 that would hide a gap.
 *
 * Every case must be a 4xx application/problem+json without internals within {@link TIMEOUT_MS}: never a 5xx,
 * never a hang (only `null` for an optional field may also be taken as "absent" with a 2xx). Afterwards every baseline is sent once unchanged and must succeed (the baselines were valid and
 * nothing was wedged), and no workflow on the system's task queue has a failing or retrying activity.
 *
 * One test per operation; the list of operations is checked against the document, so a new route fails this suite
 * until it has a baseline here. A failure names the route, the field, the kind of value and what came back.
 *
 * Not covered, on purpose: NUL and lone surrogates in headers (HTTP cannot carry them; the Idempotency-Key gets an
 * over-long and a non-ASCII value instead), and the OIDC routes' input in dev mode (they answer 404 there before
 * reading any; see oidc-keycloak.int-spec.ts).
 */

const TIMEOUT_MS = 10_000;
/**
 * Over-long body strings where the schema has no small maxLength (else maxLength + 1): beyond every maxLength; on
 * routes with the small default body limit the 413 of that limit is the refusal.
 */
const LONG_BODY = 'x'.repeat(100_000);
/** Over-long URL values: beyond every maxLength, under the 16 KB request line a real server accepts at all. */
const LONG_URL = 'x'.repeat(10_000);
const DEPTH = 2_000;
const MANY_KEYS = 20_000;

/**
 * Cases that still fail because their fix has not landed (issue 11). Each entry must STILL fail exactly as written
 * (the observed outcome), so a fix makes this suite fail until the entry is removed: the list can only shrink.
 * Format: case name → observed outcome (`500`, `200`, `timeout`, …).
 */
const KNOWN_GAPS: Readonly<Record<string, string>> = {};

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
type Json = Record<string, any>;

interface Baseline {
  role: Rol | null;
  params?: Record<string, string>;
  query?: Record<string, string>;
  body?: unknown;
  /** A raw body (CSV); with contentType. */
  raw?: string;
  contentType?: string;
  headers?: Record<string, string>;
}

/** One bad request: where it goes wrong (`body.title`, `query.q`, `path.id`, `header.Idempotency-Key`, `body`). */
interface Case {
  field: string;
  kind: string;
  /** Statuses that count as the right refusal. */
  expected: readonly number[];
  apply: (b: Baseline) => { url: string; payload?: string | Buffer; contentType?: string; headers: Record<string, string> };
}

interface Outcome {
  status: number | 'timeout';
  body: any;
  contentType: string;
  ms: number;
}

const VALIDATION = [400, 413] as const;
/** `null` for an optional field: refused, or taken as absent / cleared. */
const NULL_OPTIONAL = [200, 201, 204, 400] as const;
/** Optional fields that may not be cleared: `null` must be a 400 (issue 11, item 7). */
const NULL_MUST_BE_REFUSED = new Set(['/knelpunten/{id} title', '/knelpunten/{id} description', '/knelpunten/{id} theme']);
/** A path parameter may also be refused by routing: not found, or longer than the router takes (414). */
const PATH_REFUSAL = [400, 404, 414] as const;

/** Percent-encoded bytes that decode to NUL and to a lone surrogate (WTF-8 of U+D800), for URLs and raw bodies. */
const URL_NUL = 'a%00b';
const URL_SURROGATE = '%ED%A0%80';

const isRef = (s: Json): s is { $ref: string } => typeof s?.$ref === 'string';

describe('bad input generated from the OpenAPI document', () => {
  let sys: TestSystem;
  let doc: Json;
  const tokens = new Map<Rol, string>();
  const ids: Record<string, string> = {};
  let pool: string[] = [];
  let unique = 0;
  /** Knelpunten touched by the cases (checked for health at the end). */
  const touched = new Set<string>();

  const targetDate = addDays(toLocalDateAmsterdam(new Date()), 120);
  let nextDay = addDays(toLocalDateAmsterdam(new Date()), 40);
  /** A different future workday on each call (meetings and equated days must not collide). */
  const freshWorkday = (): string => {
    for (;;) {
      nextDay = addDays(nextDay, 1);
      const year = Number(nextDay.slice(0, 4));
      if (isoWeekday(nextDay) <= 5 && !algemeenErkendeFeestdagen(year).some((f) => f.date === nextDay)) return nextDay;
    }
  };
  /** A fresh code of capitals for reference data (pattern ^[A-Z]{2,16}$). */
  const freshCode = (): string => {
    unique += 1;
    let n = unique;
    let s = '';
    do {
      s = String.fromCharCode(65 + (n % 26)) + s;
      n = Math.floor(n / 26);
    } while (n > 0);
    return `ZQ${s}`;
  };

  // ---------- knelpunten in the state each decision needs ----------

  type Role = 'indiener' | 'driehoek' | 'acu' | 'programmadirectie';
  const decide = (id: string, role: Role, body: Json) =>
    sys.request('POST', `/api/v1/knelpunten/${id}/decisions`, {
      token: tokens.get(role),
      body,
      headers: { 'idempotency-key': randomUUID() },
    });
  const PATHS: Record<Exclude<Status, 'ingediend'>, [DecisionName, Role, Json][]> = {
    bij_driehoek: [],
    wacht_op_informatie: [['informatie_opvragen', 'driehoek', { question: 'Om hoeveel huishoudens gaat het?' }]],
    in_aanpak_driehoek: [['oppakken', 'driehoek', { owner: 'Directie Uitvoeringsbeleid', targetDate, plan: 'Peildata gelijktrekken' }]],
    bij_acu: [['escaleren_acu', 'driehoek', { motivation: 'Raakt meerdere organisaties.' }]],
    in_aanpak_acu: [
      ['escaleren_acu', 'driehoek', { motivation: 'Raakt meerdere organisaties.' }],
      ['toewijzen_doorbraakteam', 'acu', { team: 'gegevensdeling' }],
    ],
    politieke_opvolging: [['naar_politiek', 'driehoek', { instrument: 'kamerbrief', motivation: 'Vraagt een politieke keuze.' }]],
    afgesloten: [['afwijzen', 'driehoek', { outcome: 'niet_oplosbaar', motivation: 'Nee is ook een antwoord.' }]],
  };
  const bring = async (status: Exclude<Status, 'ingediend'>): Promise<string> => {
    const id = pool.shift();
    if (!id) throw new Error('knelpunt pool exhausted: raise POOL');
    for (const [decision, role, fields] of PATHS[status]) {
      const res = await decide(id, role, { decision, ...fields });
      if (res.status !== 200) throw new Error(`${decision} → ${res.status} ${JSON.stringify(res.body)}`);
    }
    touched.add(id);
    return id;
  };
  const newCluster = async (): Promise<string> => {
    const members = [await bring('bij_acu'), await bring('bij_acu')];
    const res = await sys.request('POST', '/api/v1/acu/clusters', {
      token: tokens.get('acu'),
      body: { title: 'Samenloop van regelingen', knelpuntIds: members },
    });
    if (res.status !== 201) throw new Error(`cluster → ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.id as string;
  };

  /** Valid fields of each decision (besides `decision`); targets are made on demand. */
  const decisionFields = async (decision: DecisionName, forCluster = false): Promise<Json> => {
    switch (decision) {
      case 'oppakken':
        return { owner: 'Directie Uitvoeringsbeleid', targetDate, plan: 'Peildata gelijktrekken' };
      case 'informatie_opvragen':
        return { question: 'Om hoeveel huishoudens gaat het?' };
      case 'informatie_aanleveren':
        return { response: 'Ongeveer 12.000 huishoudens per jaar.' };
      case 'escaleren_acu':
        return { motivation: 'Raakt meerdere organisaties.' };
      case 'naar_politiek':
        return { instrument: 'kamerbrief', motivation: 'Vraagt een politieke keuze.' };
      case 'afwijzen':
        return { outcome: 'niet_oplosbaar', motivation: 'Een aanvaard dilemma: nee is ook een antwoord.' };
      case 'samenvoegen':
        return forCluster
          ? { clusterId: await newCluster(), motivation: 'Hetzelfde knelpunt.' }
          : { targetKnelpuntId: await bring('bij_driehoek'), motivation: 'Hetzelfde knelpunt.' };
      case 'toewijzen_doorbraakteam':
        return { team: 'gegevensdeling' };
      case 'overheidsbreed_oppakken':
        return { lead: 'BZK', targetDate };
      case 'terug_naar_driehoek':
        return { motivation: 'Niet overkoepelend.' };
      case 'afronden':
        return { outcome: 'opgelost', summary: 'Regeling aangepast.' };
      case 'politieke_uitkomst':
        return { result: 'opgelost', summary: 'Kamerbrief verstuurd en besproken.' };
      case 'intrekken':
        return { motivation: 'Opgelost door een eerdere wetswijziging.' };
    }
  };

  /** The decision (and the status it is taken from) that uses a field of DecisionRequestDto. */
  const KNELPUNT_DECISION_FOR: Record<string, [DecisionName, Exclude<Status, 'ingediend'>]> = {
    decision: ['informatie_opvragen', 'bij_driehoek'],
    owner: ['oppakken', 'bij_driehoek'],
    targetDate: ['oppakken', 'bij_driehoek'],
    plan: ['oppakken', 'bij_driehoek'],
    question: ['informatie_opvragen', 'bij_driehoek'],
    response: ['informatie_aanleveren', 'wacht_op_informatie'],
    motivation: ['escaleren_acu', 'bij_driehoek'],
    instrument: ['naar_politiek', 'bij_driehoek'],
    outcome: ['afwijzen', 'bij_driehoek'],
    targetKnelpuntId: ['samenvoegen', 'bij_driehoek'],
    clusterId: ['samenvoegen', 'bij_acu'],
    team: ['toewijzen_doorbraakteam', 'bij_acu'],
    lead: ['overheidsbreed_oppakken', 'bij_acu'],
    summary: ['afronden', 'in_aanpak_driehoek'],
    result: ['politieke_uitkomst', 'politieke_opvolging'],
  };
  /** For a cluster (members bij_acu): the ACU decision that uses a field; fields no ACU decision has use the first. */
  const CLUSTER_DECISION_FOR: Record<string, DecisionName> = {
    decision: 'toewijzen_doorbraakteam',
    team: 'toewijzen_doorbraakteam',
    lead: 'overheidsbreed_oppakken',
    targetDate: 'overheidsbreed_oppakken',
    motivation: 'terug_naar_driehoek',
    instrument: 'naar_politiek',
    outcome: 'afwijzen',
    clusterId: 'samenvoegen',
  };

  /** The top-level body property a field path starts with (`knelpunten[0].title` → `knelpunten`). */
  const topField = (field: string): string => field.replace(/^body\.?/, '').split(/[.[]/)[0] ?? '';

  /**
   * Known-good requests per operation (the "small table of known-good values"), keyed as in the document.
   * `fixture(field)` returns the baseline for a case on that field; `memo` says which fields share a baseline
   * (stateful routes get a fresh resource per field, so one accepted bad value cannot hide the next field's result).
   */
  interface Operation {
    fixture: (field: string) => Promise<Baseline>;
    /** Cases that share one baseline, by field and kind (default: all cases of the operation share one). */
    memo?: (field: string, kind: string) => string;
    /** Further answers that count as the right refusal for this operation (default: none). */
    alsoRefused?: (o: Outcome) => boolean;
    /** Whether the unchanged baseline is sent at the end (default true). */
    control?: boolean;
  }
  const idem = (): Record<string, string> => ({ 'Idempotency-Key': randomUUID() });
  const uitvraagronde = (): Json => ({ name: 'Standen 2027', year: 2027, closingDate: freshWorkday(), organisations: ['UWV', 'SVB'] });
  const newUitvraagronde = async (): Promise<string> => {
    const res = await sys.request('POST', '/api/v1/uitvraagrondes', { token: tokens.get('programmadirectie'), body: uitvraagronde() });
    if (res.status !== 201) throw new Error(`uitvraagronde → ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.id as string;
  };
  /**
   * A fresh resource per field; for the Idempotency-Key even per kind of value, because the rest of such a request
   * is valid: an accepted bad key changes the state, and the next kind would meet a 409 instead of the check.
   */
  const perFieldAndHeaderKind = (field: string, kind: string): string => (field.startsWith('header') ? `${field} ${kind}` : field);
  const csv = 'title,description,theme\nComplexe regels,Te veel regelingen,vereenvoudiging\n';
  const importQuery = { organisation: 'UWV', period: '2025', title: 'Stand van de uitvoering 2025' };

  const OPERATIONS: Record<string, Operation> = {
    'GET /health': { fixture: async () => ({ role: null }) },
    'GET /auth/sessie': { fixture: async () => ({ role: null }) },
    'POST /auth/dev-login': { fixture: async () => ({ role: null, body: { role: 'indiener', organisation: 'UWV' } }) },
    // In dev mode there is no OIDC provider: these answer 404 before reading any input (the OIDC mode is tested in
    // oidc-keycloak.int-spec.ts), and the baselines are refused too, so no control.
    'GET /auth/login': { fixture: async () => ({ role: null }), control: false, alsoRefused: (o) => o.status === 404 },
    'GET /auth/callback': { fixture: async () => ({ role: null }), control: false, alsoRefused: (o) => o.status === 404 },
    'POST /auth/logout': { fixture: async () => ({ role: null }) },
    'GET /organisations': { fixture: async () => ({ role: null }) },
    'POST /organisations': {
      fixture: async () => ({
        role: 'admin',
        body: { name: 'Testorganisatie', kind: 'uitvoeringsorganisatie', active: true, code: freshCode() },
      }),
      memo: (f) => f,
    },
    'GET /ministries': { fixture: async () => ({ role: null }) },
    'POST /ministries': {
      fixture: async () => ({ role: 'admin', body: { name: 'Ministerie van Testzaken', active: true, code: freshCode() } }),
      memo: (f) => f,
    },
    'GET /driehoeken': { fixture: async () => ({ role: null }) },
    'PUT /organisations/{code}': {
      fixture: async () => ({
        role: 'admin',
        params: { code: ids.organisation! },
        body: { name: 'Testorganisatie', kind: 'uitvoeringsorganisatie', active: true },
      }),
    },
    'PUT /ministries/{code}': {
      fixture: async () => ({ role: 'admin', params: { code: ids.ministry! }, body: { name: 'Ministerie van Testzaken', active: true } }),
    },
    'PUT /driehoeken/{code}': {
      fixture: async () => ({ role: 'admin', params: { code: ids.organisation! }, body: { eigenaar: 'SZW', opdrachtgevers: ['SZW'] } }),
    },
    'POST /standen': {
      fixture: async () => ({ role: 'indiener', headers: idem(), body: aStand({}, [aKnelpunt({ externalRef: 'K-1' })]) }),
      memo: (f) => f,
    },
    'GET /standen': { fixture: async () => ({ role: null }) },
    'POST /standen/import': {
      fixture: async () => ({ role: 'indiener', query: { ...importQuery }, raw: csv, contentType: 'text/csv', headers: idem() }),
      memo: (f) => f,
    },
    'POST /standen/import-controle': {
      fixture: async () => ({ role: 'indiener', query: { ...importQuery }, raw: csv, contentType: 'text/csv' }),
      // The check of a CSV answers 200 with `valid: false` and the problems per row: that is its refusal.
      alsoRefused: (o) =>
        o.status === 200 && o.body?.valid === false && Array.isArray(o.body?.invalidParams) && o.body.invalidParams.length > 0,
    },
    'GET /standen/{id}': { fixture: async () => ({ role: null, params: { id: ids.stand! } }) },
    'GET /openbaar/knelpunten': { fixture: async () => ({ role: null, query: { organisation: 'UWV', q: 'regelingen' } }) },
    'GET /openbaar/knelpunten/export': { fixture: async () => ({ role: null, query: { format: 'csv', theme: 'vereenvoudiging' } }) },
    'GET /openbaar/knelpunten/{reference}': { fixture: async () => ({ role: null, params: { reference: ids.reference! } }) },
    'PATCH /knelpunten/{id}': {
      fixture: async () => ({ role: 'indiener', params: { id: await bring('bij_driehoek') }, body: {} }),
      memo: (f) => f,
      // A PATCH without changes is not a valid request of its own: the control is the GET afterwards.
      control: false,
    },
    'GET /knelpunten/{id}': { fixture: async () => ({ role: 'programmadirectie', params: { id: ids.knelpunt! } }) },
    'GET /knelpunten': { fixture: async () => ({ role: 'programmadirectie' }) },
    'PUT /knelpunten/{id}/verwijzingen': {
      fixture: async () => ({
        role: 'programmadirectie',
        params: { id: ids.knelpunt! },
        body: { kamerstukken: ['29362-290'], moties: ['36200-VII-12'], toezeggingen: ['TZ202311-045'], bwbIds: ['BWBR0002448'] },
      }),
    },
    'POST /knelpunten/{id}/decisions': {
      fixture: async (field) => {
        const [decision, from] = KNELPUNT_DECISION_FOR[topField(field)] ?? ['informatie_opvragen', 'bij_driehoek'];
        const id = await bring(from);
        return {
          role: rolesFor(decision, from)[0]!,
          params: { id },
          headers: idem(),
          body: { decision, ...(await decisionFields(decision, topField(field) === 'clusterId')) },
        };
      },
      memo: perFieldAndHeaderKind,
    },
    'POST /knelpunten/{id}/voortgang': {
      fixture: async () => ({
        role: 'driehoek',
        params: { id: await bring('in_aanpak_driehoek') },
        headers: idem(),
        body: { summary: 'Eerste gesprekken gevoerd.' },
      }),
      memo: perFieldAndHeaderKind,
    },
    'POST /knelpunten/{id}/deadline-actions': {
      fixture: async (field) => ({
        role: 'driehoek',
        params: { id: await bring('bij_driehoek') },
        headers: idem(),
        body:
          topField(field) === 'extension'
            ? { action: 'verlengen', deadline: 'driehoek_besluit', reason: 'Advies gevraagd.', extension: { amount: 5, unit: 'werkdagen' } }
            : { action: 'opschorten', deadline: 'driehoek_besluit', reason: 'Advies gevraagd.' },
      }),
      memo: perFieldAndHeaderKind,
    },
    'GET /driehoeken/{code}/queue': { fixture: async () => ({ role: 'driehoek', params: { code: 'UWV' } }) },
    'POST /acu/clusters/{id}/decisions': {
      fixture: async (field) => {
        const decision = CLUSTER_DECISION_FOR[topField(field)] ?? 'toewijzen_doorbraakteam';
        return {
          role: 'acu',
          params: { id: await newCluster() },
          headers: idem(),
          body: { decision, ...(await decisionFields(decision, true)) },
        };
      },
      // Fields that no ACU decision has share one cluster (they are refused either way).
      memo: (f, k) =>
        f.startsWith('header') ? `${f} ${k}` : CLUSTER_DECISION_FOR[topField(f)] || f.startsWith('path') || f === 'body' ? f : 'other',
    },
    'GET /statistieken': { fixture: async () => ({ role: 'programmadirectie' }) },
    'GET /rapportages/voortgang': { fixture: async () => ({ role: 'programmadirectie' }) },
    'GET /analyse/staat': { fixture: async () => ({ role: 'programmadirectie' }) },
    'POST /rapportages/voortgang/publicaties': {
      fixture: async () => ({ role: 'programmadirectie', body: { kwartaal: '2026-Q1' } }),
    },
    'GET /openbaar/rapportages': { fixture: async () => ({ role: null }) },
    'GET /openbaar/rapportages/{kwartaal}/versies/{versie}': {
      fixture: async () => ({ role: null, params: { kwartaal: ids.publicatieKwartaal!, versie: '1' } }),
    },
    'GET /deadline-policies': { fixture: async () => ({ role: 'programmadirectie' }) },
    'PUT /deadline-policies': {
      fixture: async (field) => ({
        role: 'programmadirectie',
        body: {
          organisation: ids.organisation,
          ...(topField(field) === 'instrument' ? { kind: 'politieke_reactie', instrument: 'kamerbrief' } : { kind: 'informatie' }),
          term: { amount: 10, unit: 'werkdagen' },
          reminderWerkdagen: [5],
          notifyProgrammadirectieWhenOverdue: true,
        },
      }),
      memo: (f) => (topField(f) === 'instrument' ? 'instrument' : 'other'),
    },
    'GET /gelijkgestelde-dagen': { fixture: async () => ({ role: null }) },
    'POST /gelijkgestelde-dagen': {
      fixture: async () => ({ role: 'admin', body: { date: freshWorkday(), name: 'Gelijkgestelde dag (test)' } }),
      memo: (f) => f,
    },
    'GET /werkdagen/berekening': { fixture: async () => ({ role: null, query: { start: '2026-04-20', amount: '8', unit: 'weken' } }) },
    'GET /werkdagen/feestdagen': { fixture: async () => ({ role: null, query: { year: '2026' } }) },
    'GET /notifications': { fixture: async () => ({ role: 'acu' }) },
    'POST /notifications/{id}/read': { fixture: async () => ({ role: 'acu', params: { id: ids.notification! } }) },
    'GET /deliveries': { fixture: async () => ({ role: 'admin', query: { state: 'failed' } }) },
    // A fresh dead letter per baseline: the control retries it (mislukt → wachtend).
    'POST /deliveries/{id}/retry': {
      fixture: async () => {
        const [row] = await sys.api.get(DataSource).query(
          `INSERT INTO deliveries (id, notification_id, channel, state, attempts, last_error)
           VALUES ($1, $2, 'webhook', 'mislukt', 1, 'HTTP 503') ON CONFLICT (notification_id, channel) DO UPDATE SET state = 'mislukt'
           RETURNING id`,
          [randomUUID(), ids.notification!],
        );
        return { role: 'admin', params: { id: row.id } };
      },
    },
    // Reconciliation takes no input but the caller: the generated cases are the token-less and wrong-role ones.
    'GET /beheer/reconciliatie': { fixture: async () => ({ role: 'admin' }) },
    'POST /beheer/reconciliatie/herstel': { fixture: async () => ({ role: 'admin' }) },
    'GET /acu/meetings': { fixture: async () => ({ role: 'acu' }) },
    'POST /acu/meetings': { fixture: async () => ({ role: 'acu', body: { meetingDate: freshWorkday() } }), memo: (f) => f },
    'GET /acu/meetings/{id}/agenda': { fixture: async () => ({ role: 'acu', params: { id: ids.meeting! } }) },
    'POST /acu/clusters': {
      fixture: async () => ({
        role: 'acu',
        body: { title: 'Samenloop van regelingen', knelpuntIds: [await bring('bij_acu'), await bring('bij_acu')] },
      }),
      memo: (f) => topField(f) || f,
    },
    'GET /acu/clusters': { fixture: async () => ({ role: 'acu' }) },
    'GET /acu/clusters/{id}': { fixture: async () => ({ role: 'acu', params: { id: ids.cluster! } }) },
    'GET /acu/cluster-suggesties': { fixture: async () => ({ role: 'acu', query: { limit: '10' } }) },
    'POST /acu/cluster-suggesties/clusters': {
      fixture: async () => ({
        role: 'acu',
        body: { knelpuntIds: [await bring('bij_acu'), await bring('bij_acu')], title: 'Samenloop van regelingen' },
      }),
      memo: (f) => topField(f) || f,
    },
    'POST /acu/cluster-suggesties/afwijzingen': {
      fixture: async () => ({
        role: 'acu',
        body: { knelpuntIds: [await bring('bij_acu'), await bring('bij_acu')], reason: 'Verschillende oorzaken' },
      }),
      memo: (f) => topField(f) || f,
    },
    'POST /uitvraagrondes': {
      fixture: async () => ({ role: 'programmadirectie', headers: idem(), body: uitvraagronde() }),
      memo: (f, k) => (f.startsWith('header') ? `${f} ${k}` : f),
    },
    'GET /uitvraagrondes': { fixture: async () => ({ role: 'programmadirectie' }) },
    'GET /uitvraagrondes/{id}': { fixture: async () => ({ role: 'programmadirectie', params: { id: ids.uitvraagronde! } }) },
    // A fresh open round per baseline: closing it twice is a 409.
    'POST /uitvraagrondes/{id}/sluiten': {
      fixture: async () => ({ role: 'programmadirectie', params: { id: await newUitvraagronde() } }),
      memo: (f, k) => `${f} ${k}`,
    },
  };
  const POOL = 110;

  // ---------- building requests ----------

  const resolve = (s: Json): Json => {
    let out = s;
    for (let i = 0; i < 10 && isRef(out); i++) {
      const name = out.$ref.split('/').pop()!;
      out = doc.components.schemas[name];
    }
    return out;
  };

  const urlOf = (template: string, params: Record<string, string>, query: Record<string, string> | string): string => {
    const path = template.replace(/\{([^}]+)\}/g, (_m, name: string) => {
      const v = params[name];
      if (v === undefined) throw new Error(`no value for path parameter {${name}} of ${template}`);
      return v;
    });
    const qs =
      typeof query === 'string'
        ? query
        : Object.entries(query)
            .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`)
            .join('&');
    return `${API_BASE_PATH}${path}${qs ? `?${qs}` : ''}`;
  };
  const encodedParams = (b: Baseline) => Object.fromEntries(Object.entries(b.params ?? {}).map(([k, v]) => [k, encodeURIComponent(v)]));

  /** Sets a value at a path such as `knelpunten[0].title` in a deep copy. */
  const setAt = (body: unknown, path: string, value: unknown): unknown => {
    const copy = structuredClone(body ?? {}) as any;
    const keys = path.split(/\.|\[(\d+)\]/).filter((k) => k !== undefined && k !== '');
    let node = copy;
    for (const k of keys.slice(0, -1)) {
      node[k] ??= {};
      node = node[k];
    }
    node[keys[keys.length - 1]!] = value;
    return copy;
  };

  const jsonCase = (field: string, kind: string, body: (b: Baseline) => unknown, expected: readonly number[] = VALIDATION): Case => {
    const path = currentPath;
    return {
      field,
      kind,
      expected,
      apply: (b) => {
        const value = body(b);
        return {
          url: urlOf(path, encodedParams(b), b.query ?? {}),
          payload: typeof value === 'string' ? value : JSON.stringify(value),
          contentType: 'application/json',
          headers: b.headers ?? {},
        };
      },
    };
  };
  let currentPath = '';

  const deepArray = (n: number): string => '['.repeat(n) + ']'.repeat(n);
  const deepObject = (n: number): string => '{"a":'.repeat(n) + '1' + '}'.repeat(n);

  /** Cases for one value in a JSON body, by its schema. */
  const bodyValueCases = (path: string, schema: Json, required: boolean, out: Case[], inArray = false): void => {
    const s = resolve(schema);
    const field = `body.${path}`;
    const put = (kind: string, v: unknown) => out.push(jsonCase(field, kind, (b) => setAt(b.body, path, v)));
    if (s.type === 'string') {
      put('NUL', 'a\u0000b');
      put('lone surrogate', '\ud800');
      put('over-long', typeof s.maxLength === 'number' && s.maxLength < 1000 ? 'x'.repeat(s.maxLength + 1) : LONG_BODY);
      put('number', 12345);
      put('boolean', true);
      put('object', { a: 'b' });
      put('array', ['a']);
      // `null` for an optional field may mean "absent" or "cleared" (2xx), unless listed; never a 5xx.
      if (required || inArray || NULL_MUST_BE_REFUSED.has(`${currentPath} ${path}`)) put('null', null);
      else out.push({ ...jsonCase(field, 'null', (b) => setAt(b.body, path, null)), expected: NULL_OPTIONAL });
    } else if (s.type === 'array') {
      put('string for array', 'a');
      put('object for array', { a: 'b' });
      if (required) put('null', null);
      bodyValueCases(`${path}[0]`, s.items ?? {}, true, out, true);
    } else if (s.type === 'object' || s.properties) {
      put('array for object', []);
      put('nested array for object', [[]]);
      put('string for object', 'a');
      if (required || inArray) put('null', null);
      const req = new Set<string>(s.required ?? []);
      for (const [name, prop] of Object.entries<Json>(s.properties ?? {})) bodyValueCases(`${path}.${name}`, prop, req.has(name), out);
    } else if (s.type === 'number' || s.type === 'integer') {
      put('string for number', 'a\u0000b');
    } else if (s.type === 'boolean') {
      put('string for boolean', 'a\u0000b');
    }
  };

  /** Every case of one operation, from its OpenAPI description. */
  const casesOf = (path: string, op: Json): Case[] => {
    currentPath = path;
    const cases: Case[] = [];
    const json = op.requestBody?.content?.['application/json']?.schema as Json | undefined;
    if (json) {
      const s = resolve(json);
      const req = new Set<string>(s.required ?? []);
      for (const [name, prop] of Object.entries<Json>(s.properties ?? {})) bodyValueCases(name, prop, req.has(name), cases);
      const first = Object.keys(s.properties ?? {})[0] ?? 'x';
      cases.push(jsonCase('body', 'array for object', () => []));
      cases.push(jsonCase('body', 'nested arrays for object', () => [[[]]]));
      cases.push(jsonCase('body', 'null', () => 'null'));
      cases.push(jsonCase('body', 'string', () => '"a\\u0000b"'));
      cases.push(jsonCase('body', `deep nesting (${DEPTH} arrays)`, () => deepArray(DEPTH)));
      cases.push(
        jsonCase('body', `deep nesting (${DEPTH} objects) in a field`, (b) =>
          JSON.stringify(b.body ?? {}).replace(/^\{(\}?)/, (_m, empty: string) => `{"${first}":${deepObject(DEPTH)}${empty ? '}' : ','}`),
        ),
      );
      cases.push(
        jsonCase('body', `many keys (${MANY_KEYS})`, (b) => {
          const many: Json = structuredClone(b.body ?? {}) as Json;
          for (let i = 0; i < MANY_KEYS; i++) many[`k${i}`] = i;
          return many;
        }),
      );
      cases.push(jsonCase('body', 'NUL in a key', (b) => ({ ...(b.body as Json), 'a\u0000b': 1 })));
    }
    if (op.requestBody?.content?.['text/csv']) {
      const rawCase = (kind: string, payload: (b: Baseline) => string | Buffer): Case => ({
        field: 'body (CSV)',
        kind,
        expected: VALIDATION,
        apply: (b) => ({
          url: urlOf(path, encodedParams(b), b.query ?? {}),
          payload: payload(b),
          contentType: 'text/csv',
          headers: b.headers ?? {},
        }),
      });
      cases.push(rawCase('NUL in a cell', () => csv.replace('Complexe regels', 'Complexe\u0000regels')));
      cases.push(
        rawCase('lone surrogate in a cell', () =>
          Buffer.concat([Buffer.from('title,description,theme\nA'), Buffer.from([0xed, 0xa0, 0x80]), Buffer.from(',B,vereenvoudiging\n')]),
        ),
      );
      cases.push(rawCase('over-long cell', () => `title,description,theme\n${LONG_BODY},B,vereenvoudiging\n`));
      cases.push(rawCase('NUL in a header cell', () => csv.replace('title', 'ti\u0000tle')));
    }
    for (const p of (op.parameters ?? []) as Json[]) {
      const s = resolve(p.schema ?? {});
      if (p.in === 'query') {
        const field = `query.${p.name}`;
        const put = (kind: string, raw: string) =>
          cases.push({
            field,
            kind,
            expected: VALIDATION,
            apply: (b) => {
              const rest = Object.entries(b.query ?? {})
                .filter(([k]) => k !== p.name)
                .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`);
              return {
                url: urlOf(path, encodedParams(b), [...rest, raw].join('&')),
                headers: b.headers ?? {},
                payload: b.raw,
                contentType: b.contentType,
              };
            },
          });
        const n = encodeURIComponent(p.name);
        if (s.type === 'number' || s.type === 'integer' || s.type === 'boolean') {
          put(`text for ${String(s.type)}`, `${n}=${URL_NUL}`);
        } else {
          put('NUL', `${n}=${URL_NUL}`);
          put('lone surrogate (WTF-8 bytes)', `${n}=${URL_SURROGATE}`);
          put('over-long', `${n}=${LONG_URL}`);
          if (s.enum) put('not in the enum', `${n}=geen-waarde`);
        }
        put('array (repeated)', `${n}=a&${n}=b`);
        put('object (bracketed)', `${n}[a]=b`);
      } else if (p.in === 'path') {
        const field = `path.${p.name}`;
        const put = (kind: string, raw: string) =>
          cases.push({
            field,
            kind,
            expected: PATH_REFUSAL,
            apply: (b) => ({ url: urlOf(path, { ...encodedParams(b), [p.name]: raw }, b.query ?? {}), ...bodyOf(b) }),
          });
        put('NUL', URL_NUL);
        put('lone surrogate (WTF-8 bytes)', URL_SURROGATE);
        put('over-long', LONG_URL);
        put('wrong type (number)', '12345');
      } else if (p.in === 'header' && p.name === 'Idempotency-Key') {
        const put = (kind: string, value: string) =>
          cases.push({
            field: `header.${p.name}`,
            kind,
            expected: VALIDATION,
            apply: (b) => ({
              url: urlOf(path, encodedParams(b), b.query ?? {}),
              ...bodyOf(b),
              headers: { ...(b.headers ?? {}), 'Idempotency-Key': value },
            }),
          });
        put('over-long', 'k'.repeat(8_000));
        put('not visible ASCII', 'sleutel met spaties');
      }
    }
    return cases;
  };
  const bodyOf = (b: Baseline): { payload?: string | Buffer; contentType?: string; headers: Record<string, string> } => ({
    payload: b.raw ?? (b.body === undefined ? undefined : JSON.stringify(b.body)),
    contentType: b.raw !== undefined ? b.contentType : b.body === undefined ? undefined : 'application/json',
    headers: b.headers ?? {},
  });

  /** Sends one request through Fastify's inject with a time bound; a timeout is an outcome, not an exception. */
  const send = async (
    method: Method,
    url: string,
    role: Rol | null,
    payload: string | Buffer | undefined,
    contentType: string | undefined,
    extra: Record<string, string>,
  ): Promise<Outcome> => {
    const headers: Record<string, string> = { 'x-requested-with': 'knelpunten-web', ...extra };
    if (role) headers['authorization'] = `Bearer ${tokens.get(role)!}`;
    if (contentType && payload !== undefined) headers['content-type'] = contentType;
    const started = Date.now();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>((r) => (timer = setTimeout(() => r('timeout'), TIMEOUT_MS)));
    const res = await Promise.race([sys.api.getHttpAdapter().getInstance().inject({ method, url, headers, payload }), timeout]);
    clearTimeout(timer);
    const ms = Date.now() - started;
    if (res === 'timeout') return { status: 'timeout', body: undefined, contentType: '', ms };
    let body: unknown = res.body;
    try {
      body = res.body ? JSON.parse(res.body) : undefined;
    } catch {
      // not JSON
    }
    return { status: res.statusCode, body, contentType: String(res.headers['content-type'] ?? ''), ms };
  };

  /** What is wrong with an outcome (undefined when it is the right refusal). */
  const problemWith = (c: Case, o: Outcome): string | undefined => {
    if (o.status === 'timeout') return `no answer within ${TIMEOUT_MS} ms`;
    if (o.status < 300 && c.expected.includes(o.status)) return undefined;
    if (!c.expected.includes(o.status))
      return `${o.status} (expected ${c.expected.join('/')}) ${JSON.stringify(o.body?.detail ?? o.body ?? '').slice(0, 200)}`;
    if (!o.contentType.includes('application/problem+json')) return `${o.status} but ${o.contentType || 'no content type'}`;
    if (o.body?.status !== o.status || typeof o.body?.title !== 'string') return `${o.status} but not a problem body`;
    const leaks = leaksIn(o.body);
    if (leaks.length > 0) return `${o.status} leaking ${leaks.join(', ')}`;
    return undefined;
  };

  const OPERATION_KEYS = Object.keys(OPERATIONS);
  /** The access rule of each operation, from the route table (as route-policy.int-spec.ts checks it). */
  const policies = new Map<string, RoutePolicy>();
  let requests = 0;

  beforeAll(async () => {
    sys = await TestSystem.start();
    tokens.set('indiener', await sys.token({ role: 'indiener', organisation: 'UWV' }));
    tokens.set('driehoek', await sys.token({ role: 'driehoek', driehoek: 'UWV' }));
    tokens.set('acu', await sys.token({ role: 'acu' }));
    tokens.set('programmadirectie', await sys.token({ role: 'programmadirectie' }));
    tokens.set('admin', await sys.token({ role: 'admin' }));
    doc = (await sys.request('GET', '/api/v1/openapi.json')).body as Json;
    for (const r of nestRoutes(sys.api)) {
      policies.set(`${r.method} ${r.path.slice(API_BASE_PATH.length).replace(/:([A-Za-z0-9_]+)/g, '{$1}')}`, r.policy);
    }

    const stand = await sys.request('POST', '/api/v1/standen', {
      token: tokens.get('indiener'),
      headers: idem(),
      body: aStand(
        {},
        Array.from({ length: POOL }, () => aKnelpunt()),
      ),
    });
    expect(stand.status).toBe(201);
    ids.stand = stand.body.id;
    const all: string[] = stand.body.knelpunten.map((k: { id: string }) => k.id);
    await eventually(
      async () => {
        const ready = new Set<string>();
        let cursor: string | undefined;
        do {
          const page = await sys.request(
            'GET',
            `/api/v1/knelpunten?status=bij_driehoek&limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
            {
              token: tokens.get('programmadirectie'),
            },
          );
          for (const k of page.body.items as { id: string }[]) ready.add(k.id);
          cursor = page.body.nextCursor ?? undefined;
        } while (cursor);
        return all.every((id) => ready.has(id));
      },
      150_000,
      'all workflows started and bij_driehoek',
    );
    pool = [...all];
    ids.knelpunt = pool.shift()!;
    ids.reference = stand.body.knelpunten[0].reference;
    touched.add(ids.knelpunt);

    const admin = tokens.get('admin');
    ids.organisation = freshCode();
    const org = await sys.request('POST', '/api/v1/organisations', {
      token: admin,
      body: { name: 'Testorganisatie', kind: 'uitvoeringsorganisatie', active: true, code: ids.organisation },
    });
    expect(org.status).toBe(201);
    ids.ministry = freshCode();
    const ministry = await sys.request('POST', '/api/v1/ministries', {
      token: admin,
      body: { name: 'Ministerie van Testzaken', active: true, code: ids.ministry },
    });
    expect(ministry.status).toBe(201);

    ids.cluster = await newCluster();
    ids.uitvraagronde = await newUitvraagronde();
    const meeting = await sys.request('POST', '/api/v1/acu/meetings', { token: tokens.get('acu'), body: { meetingDate: freshWorkday() } });
    expect(meeting.status).toBe(201);
    ids.meeting = meeting.body.id;

    const [notification] = await sys.api.get(DataSource).query(
      `INSERT INTO notifications (id, dedupe_key, recipient_key, knelpunt_id, reference, kind, subject, body, recipient_role, occurred_at)
       VALUES ($1, $2, 'acu', $3, $4, 'herinnering', 'Herinnering', 'Tekst', 'acu', now()) RETURNING id`,
      [randomUUID(), `bad-input-${randomUUID()}`, ids.knelpunt, stand.body.knelpunten[0].reference],
    );
    ids.notification = notification.id;

    const publicatie = await sys.request('POST', '/api/v1/rapportages/voortgang/publicaties', {
      token: tokens.get('programmadirectie'),
      body: { kwartaal: '2026-Q1' },
    });
    expect(publicatie.status).toBe(201);
    ids.publicatieKwartaal = publicatie.body.kwartaal;
  }, 240_000);

  afterAll(async () => {
    await sys?.close();
  });

  it('has a baseline for exactly the operations of the OpenAPI document', () => {
    const documented: string[] = [];
    for (const [path, item] of Object.entries<Json>(doc.paths)) {
      for (const method of ['get', 'post', 'put', 'patch', 'delete']) if (item[method]) documented.push(`${method.toUpperCase()} ${path}`);
    }
    expect([...OPERATION_KEYS].sort()).toEqual(documented.sort());
  });

  it.each(OPERATION_KEYS)('%s: every bad value is a 4xx problem+json in time, and the valid request still works', async (key) => {
    const [method, path] = key.split(' ') as [Method, string];
    const op = doc.paths[path]?.[method.toLowerCase()] as Json | undefined;
    if (!op) throw new Error(`${key} is not in the OpenAPI document`);
    const operation = OPERATIONS[key]!;
    const baselines = new Map<string, Baseline>();
    const memoKeyOf = (field: string, kind: string): string => (operation.memo ? operation.memo(field, kind) : 'all');
    const baselineFor = async (memoKey: string, field: string): Promise<Baseline> => {
      let b = baselines.get(memoKey);
      if (!b) {
        b = await operation.fixture(field);
        // The caller is one the route admits (else every case would be a 401/403 and prove nothing).
        const policy = policies.get(key);
        const admitted = policy?.kind === 'public' || (policy?.kind === 'roles' && b.role !== null && policy.roles.includes(b.role));
        if (!admitted) throw new Error(`${key}: the baseline's caller ${String(b.role)} is not admitted by ${JSON.stringify(policy)}`);
        baselines.set(memoKey, b);
      }
      return b;
    };
    /** Baselines on which a bad value was accepted: their resource may have changed, so their control says nothing. */
    const accepted = new Set<string>();

    const failures: string[] = [];
    const gapsSeen: string[] = [];
    for (const c of casesOf(path, op)) {
      const memoKey = memoKeyOf(c.field, c.kind);
      const b = await baselineFor(memoKey, c.field);
      const r = c.apply(b);
      const outcome = await send(method, r.url, b.role, r.payload, r.contentType, r.headers);
      requests++;
      if (outcome.status !== 'timeout' && outcome.status < 400) accepted.add(memoKey);
      const name = `${key} ${c.field} [${c.kind}]`;
      const problem = operation.alsoRefused?.(outcome) ? undefined : problemWith(c, outcome);
      const gap = KNOWN_GAPS[name];
      if (gap !== undefined) {
        gapsSeen.push(name);
        if (String(outcome.status) !== gap)
          failures.push(`${name}: listed in KNOWN_GAPS as ${gap} but now ${String(outcome.status)}: remove it from KNOWN_GAPS`);
      } else if (problem) {
        failures.push(`${name}: ${problem}`);
      }
    }

    // The control: each baseline unchanged is accepted (so the cases isolated one field), and nothing hangs.
    if (operation.control !== false) {
      for (const [memoKey, b] of baselines) {
        if (accepted.has(memoKey)) continue; // already reported as the case that was accepted (or listed as a gap)
        const fresh = { ...b, headers: { ...(b.headers ?? {}), ...(b.headers?.['Idempotency-Key'] ? idem() : {}) } };
        const body = bodyOf(fresh);
        const outcome = await send(
          method,
          urlOf(path, encodedParams(fresh), fresh.query ?? {}),
          fresh.role,
          body.payload,
          body.contentType,
          body.headers,
        );
        requests++;
        if (outcome.status === 'timeout' || outcome.status >= 400)
          failures.push(
            `${key} control (${memoKey}): the valid request got ${String(outcome.status)} ${JSON.stringify(outcome.body ?? '').slice(0, 300)}`,
          );
      }
    }
    expect(failures).toEqual([]);
    for (const name of Object.keys(KNOWN_GAPS).filter((n) => n.startsWith(`${key} `))) expect(gapsSeen).toContain(name);
  });

  it('leaves every knelpunt answerable and no workflow with a failing or retrying activity', async () => {
    expect(requests).toBeLessThan(3_000);
    for (const id of touched) {
      const res = await send('GET', `/api/v1/knelpunten/${id}`, 'programmadirectie', undefined, undefined, {});
      expect({ id, status: res.status }).toEqual({ id, status: 200 });
    }
    const temporal = new Client({ connection: await Connection.connect({ address: sys.config.TEMPORAL_ADDRESS }) });
    try {
      const unhealthy: string[] = [];
      let workflows = 0;
      for await (const wf of temporal.workflow.list({
        query: `TaskQueue = '${sys.config.TEMPORAL_TASK_QUEUE}' AND ExecutionStatus = 'Running'`,
      })) {
        workflows++;
        const d = await temporal.workflow.getHandle(wf.workflowId, wf.runId).describe();
        for (const a of d.raw.pendingActivities ?? []) {
          if ((a.attempt ?? 1) > 1 || a.lastFailure)
            unhealthy.push(
              `${wf.workflowId}: ${String(a.activityType?.name)} attempt ${String(a.attempt)} ${String(a.lastFailure?.message ?? '')}`,
            );
        }
      }
      expect(workflows).toBeGreaterThan(0);
      expect(unhealthy).toEqual([]);
    } finally {
      await temporal.connection.close();
    }
  });
});
