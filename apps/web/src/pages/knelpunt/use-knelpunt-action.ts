import { useRef } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, newIdempotencyKey } from '../../api/client';
import type { KnelpuntDetail } from '../../api/types';

/** Query key of one knelpunt, by the id or the reference in the URL. */
export const knelpuntKey = (idOrReference: string) => ['knelpunt', idOrReference] as const;

/** The lists that show a knelpunt's status: refreshed after every change. */
const LIST_KEYS = [['werkvoorraad'], ['knelpunten'], ['mijn-knelpunten'], ['acu']];

/** Puts the API's answer (the updated knelpunt) in the cache under each name the page may use, and refreshes the lists. */
export function useStoreKnelpunt(routeKey: string): (updated: KnelpuntDetail) => void {
  const queryClient = useQueryClient();
  return (updated) => {
    for (const key of new Set([routeKey, updated.id, updated.reference])) queryClient.setQueryData(knelpuntKey(key), updated);
    for (const key of LIST_KEYS) void queryClient.invalidateQueries({ queryKey: key });
  };
}

/**
 * One user action on a knelpunt (a decision, voortgang, a deadline action, an amendment): the POST with
 * an idempotency key that is kept for retries of the same action and renewed after it succeeded; the
 * answer — the knelpunt as the API now has it — replaces the page's data.
 */
export function useKnelpuntAction<TBody>(
  knelpunt: KnelpuntDetail,
  routeKey: string,
  send: (id: string, body: TBody, idempotencyKey: string) => Promise<KnelpuntDetail>,
  onDone: (updated: KnelpuntDetail) => void,
) {
  const key = useRef(newIdempotencyKey());
  const store = useStoreKnelpunt(routeKey);
  return useMutation({
    mutationFn: (body: TBody) => send(knelpunt.id, body, key.current),
    onSuccess: (updated) => {
      key.current = newIdempotencyKey();
      store(updated);
      onDone(updated);
    },
  });
}

export const sendDecision = (id: string, body: Record<string, string>, idempotencyKey: string) =>
  api.post<KnelpuntDetail>(`/knelpunten/${id}/decisions`, body, { idempotencyKey });

export const sendVoortgang = (id: string, body: { summary: string }, idempotencyKey: string) =>
  api.post<KnelpuntDetail>(`/knelpunten/${id}/voortgang`, body, { idempotencyKey });

export interface DeadlineActionBody {
  action: 'opschorten' | 'hervatten' | 'verlengen';
  deadline: string;
  reason: string;
  extension?: { amount: number; unit: string };
}

export const sendDeadlineAction = (id: string, body: DeadlineActionBody, idempotencyKey: string) =>
  api.post<KnelpuntDetail>(`/knelpunten/${id}/deadline-actions`, body, { idempotencyKey });

export const sendAmendment = (id: string, body: Record<string, string>) => api.patch<KnelpuntDetail>(`/knelpunten/${id}`, body);
