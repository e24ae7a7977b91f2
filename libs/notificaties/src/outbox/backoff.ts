/** Delivery states as stored (Dutch, as everything the admin reads). */
export const DELIVERY_STATES = ['wachtend', 'bezig', 'verzonden', 'overgeslagen', 'mislukt'] as const;
export type DeliveryState = (typeof DELIVERY_STATES)[number];

/** The English names the admin API also accepts (`GET /api/v1/deliveries?state=failed`). */
export const DELIVERY_STATE_ALIASES: Record<string, DeliveryState> = {
  pending: 'wachtend',
  sending: 'bezig',
  sent: 'verzonden',
  skipped: 'overgeslagen',
  failed: 'mislukt',
};

/** The stored state for an API filter value (Dutch or English), or null when it is neither. */
export function deliveryStateOf(value: string): DeliveryState | null {
  if ((DELIVERY_STATES as readonly string[]).includes(value)) return value as DeliveryState;
  return DELIVERY_STATE_ALIASES[value] ?? null;
}

/**
 * The wait before the next attempt after `failedAttempts` failed ones (1, 2, …): base · 2^(n−1), at most `max`.
 * Deterministic (no jitter): the deliveries of one outage are spread by when they were enqueued.
 */
export function backoffMs(failedAttempts: number, baseMs: number, maxMs: number): number {
  const n = Math.max(1, Math.floor(failedAttempts));
  // 2^(n-1) overflows to Infinity for large n; min() keeps it at max.
  return Math.min(maxMs, baseMs * 2 ** Math.min(n - 1, 52));
}
