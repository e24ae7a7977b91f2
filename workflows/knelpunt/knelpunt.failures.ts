/**
 * The failures an Update of the knelpunt workflow can end in, typed: the refusal codes of libs/domain's process rules
 * plus one for a transition that could not be completed now (a store that did not answer within the bounded
 * schedule). The values are the API's ErrorCode values; the gateway maps every type exhaustively.
 * Bundled into the workflow sandbox: only @temporalio/workflow and pure code here.
 */
import { ApplicationFailure } from '@temporalio/workflow';
import type { Refusal, RefusalCode } from '../../libs/domain/src/knelpunt/process-rules';
import { ErrorCode } from '../../libs/shared/src/errors/error-codes';

/** Retry the same command (same Idempotency-Key) after this many seconds. */
export const RETRY_AFTER_SECONDS = 5;

export const TRANSIENT_FAILURE = ErrorCode.SERVICE_UNAVAILABLE;
/** An activity refused its input for good (libs/temporal's INVALID_DATA_FAILURE): the command's data is wrong. */
export const INVALID_DATA_FAILURE = 'ONGELDIGE_GEGEVENS' as const;

export type KnelpuntFailureType = RefusalCode | typeof TRANSIENT_FAILURE;
/** Compile-time proof that every failure type is one of the API's error codes (one source of codes). */
export const FAILURE_TYPES_ARE_ERROR_CODES: KnelpuntFailureType extends `${ErrorCode}` ? true : never = true;
export const KNELPUNT_FAILURE_TYPES: readonly KnelpuntFailureType[] = [
  'VALIDATIE_FOUT',
  'BESLISSING_NIET_TOEGESTAAN',
  'GEEN_TOEGANG',
  TRANSIENT_FAILURE,
];

export interface KnelpuntFailureDetails {
  allowed?: string[];
  invalidParams?: { name: string; reason: string }[];
  retryAfterSeconds?: number;
}

export function refusalFailure(r: Refusal): ApplicationFailure {
  const details: KnelpuntFailureDetails =
    r.code === 'VALIDATIE_FOUT'
      ? { invalidParams: r.invalidParams }
      : r.code === 'BESLISSING_NIET_TOEGESTAAN'
        ? { allowed: r.allowed }
        : {};
  return ApplicationFailure.create({ type: r.code, message: r.message, nonRetryable: true, details: [details] });
}

export function transientFailure(message: string): ApplicationFailure {
  return ApplicationFailure.create({
    type: TRANSIENT_FAILURE,
    message,
    nonRetryable: true,
    details: [{ retryAfterSeconds: RETRY_AFTER_SECONDS } satisfies KnelpuntFailureDetails],
  });
}
