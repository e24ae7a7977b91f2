import { ApplicationFailure } from '@temporalio/common';
import { DomainException } from '@kp/shared/errors';

/** An error an activity may retry (e.g. a mail server that is down), with its own failure type. */
export interface RetryableActivityError {
  readonly retryType: string;
  readonly message: string;
}

function isRetryable(err: unknown): err is RetryableActivityError {
  return typeof err === 'object' && err !== null && typeof (err as { retryType?: unknown }).retryType === 'string';
}

/**
 * Maps what a use case throws to what Temporal should do with it: a domain error becomes a non-retryable
 * ApplicationFailure with the same code the API uses; a declared retryable error keeps being retried;
 * anything else (a database hiccup) is rethrown as is, so the activity retries.
 */
export function toActivityFailure(err: unknown): unknown {
  if (err instanceof DomainException) {
    return ApplicationFailure.create({
      type: err.code,
      message: err.detail,
      nonRetryable: true,
      details: [{ invalidParams: err.invalidParams, ...err.extra }],
    });
  }
  if (isRetryable(err)) return ApplicationFailure.create({ type: err.retryType, message: err.message, nonRetryable: false });
  // The pure calendar throws RangeError on impossible dates: retrying cannot help.
  if (err instanceof RangeError) return ApplicationFailure.create({ type: 'VALIDATIE_FOUT', message: err.message, nonRetryable: true });
  return err;
}

/** Runs a use case as an activity body with {@link toActivityFailure} applied. */
export async function asActivity<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    throw toActivityFailure(err);
  }
}
