/** What the drills do to the system, through its public API, as the users would. */
import { addDays, toLocalDateAmsterdam } from '../../../libs/domain/src';
import { aKnelpunt, aStand } from '../../builders';
import { DrillSystem, eventually, type HttpResult } from './drill-system';

export interface SubmittedKnelpunt {
  id: string;
  reference: string;
}

export const DECISIONS = {
  oppakken: () => ({
    decision: 'oppakken',
    owner: 'Directie Uitvoeringsbeleid',
    targetDate: addDays(toLocalDateAmsterdam(new Date()), 90),
    plan: 'Peildata gelijktrekken',
  }),
  informatieOpvragen: () => ({ decision: 'informatie_opvragen', question: 'Om hoeveel burgers gaat het?' }),
  escalerenAcu: () => ({ decision: 'escaleren_acu', motivation: 'Raakt meerdere organisaties' }),
  afwijzen: () => ({ decision: 'afwijzen', outcome: 'geen_knelpunt', motivation: 'Dit is geen knelpunt in de uitvoering' }),
  afronden: () => ({ decision: 'afronden', outcome: 'opgelost', summary: 'Peildata zijn gelijkgetrokken' }),
} as const;

/** The status a decision leads to from bij_driehoek / in_aanpak_driehoek. */
export const STATUS_AFTER: Record<string, string> = {
  oppakken: 'in_aanpak_driehoek',
  informatie_opvragen: 'wacht_op_informatie',
  escaleren_acu: 'bij_acu',
  afwijzen: 'afgesloten',
  afronden: 'afgesloten',
};

export async function postStand(sys: DrillSystem, token: string, count: number, organisation = 'UWV'): Promise<HttpResult> {
  return sys.request('POST', '/api/v1/standen', {
    token,
    body: aStand(
      { organisation },
      Array.from({ length: count }, () => aKnelpunt()),
    ),
    timeoutMs: 15_000,
  });
}

export function knelpuntenOf(res: HttpResult): SubmittedKnelpunt[] {
  return (res.body?.knelpunten ?? []).map((k: SubmittedKnelpunt) => ({ id: k.id, reference: k.reference }));
}

/** The status in the read model (PostgreSQL), straight from the table. */
export async function statuses(sys: DrillSystem, ids: string[]): Promise<Map<string, string>> {
  const rows = await sys.sql<{ id: string; status: string }>(`SELECT id, status FROM knelpunten WHERE id = ANY($1::uuid[])`, [ids]);
  return new Map(rows.map((r) => [r.id, r.status]));
}

/** Waits until every knelpunt has the expected status in the read model; names the ones that did not get there. */
export async function waitForStatus(
  sys: DrillSystem,
  expected: Map<string, string> | { ids: string[]; status: string },
  timeoutMs: number,
  what: string,
): Promise<void> {
  const want = expected instanceof Map ? expected : new Map(expected.ids.map((id) => [id, expected.status]));
  let last = new Map<string, string>();
  try {
    await eventually(
      async () => {
        last = await statuses(sys, [...want.keys()]);
        return [...want].every(([id, s]) => last.get(id) === s);
      },
      timeoutMs,
      what,
    );
  } catch {
    const off = [...want].filter(([id, s]) => last.get(id) !== s).map(([id, s]) => `${id}: ${last.get(id) ?? '?'} (expected ${s})`);
    throw new Error(`${what}: not reached within ${timeoutMs} ms for ${off.length} knelpunt(en):\n${off.join('\n')}`);
  }
}

export function decide(
  sys: DrillSystem,
  token: string,
  knelpuntId: string,
  body: Record<string, unknown>,
  opts: { idempotencyKey?: string; timeoutMs?: number } = {},
): Promise<HttpResult> {
  return sys.request('POST', `/api/v1/knelpunten/${knelpuntId}/decisions`, {
    token,
    body,
    headers: opts.idempotencyKey ? { 'idempotency-key': opts.idempotencyKey } : {},
    timeoutMs: opts.timeoutMs ?? 30_000,
  });
}

/**
 * Sends a decision and, on a 503 (the workflow could not answer in time; contract: Retry-After), retries with
 * the same Idempotency-Key until it is answered otherwise. Returns every answer, the last one decisive.
 */
export async function decideUntilAnswered(
  sys: DrillSystem,
  token: string,
  knelpuntId: string,
  body: Record<string, unknown>,
  idempotencyKey: string,
  timeoutMs = 60_000,
): Promise<HttpResult[]> {
  const answers: HttpResult[] = [];
  const until = Date.now() + timeoutMs;
  for (;;) {
    let res: HttpResult;
    try {
      res = await decide(sys, token, knelpuntId, body, { idempotencyKey, timeoutMs: Math.max(1000, until - Date.now()) });
    } catch (err) {
      // The API process was killed under the request, or the client gave up: the same key is retried.
      if (Date.now() > until) throw err;
      await new Promise((r) => setTimeout(r, 500));
      continue;
    }
    answers.push(res);
    if (res.status !== 503 || Date.now() > until) return answers;
    const retryAfter = Number(res.headers.get('retry-after') ?? '1');
    await new Promise((r) => setTimeout(r, Math.min(5, Number.isFinite(retryAfter) ? retryAfter : 1) * 1000));
  }
}

/** Timeline entries of one type that occur more than once for a knelpunt (a transition applied twice). */
export async function duplicateTimelineEntries(
  sys: DrillSystem,
  ids: string[],
  types: string[],
): Promise<{ knelpunt_id: string; type: string; n: number }[]> {
  return sys.sql(
    `SELECT knelpunt_id, type, count(*)::int AS n FROM knelpunt_timeline
      WHERE knelpunt_id = ANY($1::uuid[]) AND type = ANY($2::text[])
      GROUP BY knelpunt_id, type HAVING count(*) > 1`,
    [ids, types],
  );
}

/** Notifications the system has made (one per key and recipient group) whose recipient group has an e-mail address. */
export async function mailableNotifications(sys: DrillSystem): Promise<number> {
  const [row] = await sys.sql<{ n: number }>(
    `SELECT count(*)::int AS n FROM notifications n
      WHERE EXISTS (SELECT 1 FROM notification_contacts c
                     WHERE c.role = n.recipient_role AND coalesce(upper(c.scope), '') = coalesce(upper(n.recipient_scope), ''))`,
  );
  return row?.n ?? 0;
}

export async function notificationCount(sys: DrillSystem): Promise<number> {
  const [row] = await sys.sql<{ n: number }>(`SELECT count(*)::int AS n FROM notifications`);
  return row?.n ?? 0;
}
