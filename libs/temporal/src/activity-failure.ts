import { ApplicationFailure } from '@temporalio/common';
import { DomainException } from '@kp/shared/errors';

/** An error an activity may retry (e.g. a mail server that is down), with its own failure type. */
export interface RetryableActivityError {
  readonly retryType: string;
  readonly message: string;
}

/**
 * PostgreSQL errors that come back the same on every try (the input itself is wrong): an untranslatable
 * character (22P05), a byte sequence invalid in UTF-8 (22021), NULL in a NOT NULL column (23502) and text
 * that is not of the column's type (22P02). Retrying them would hold the workflow for good.
 */
export const DETERMINISTIC_DATABASE_ERRORS: readonly string[] = ['22P05', '22021', '23502', '22P02'];

/** ApplicationFailure.type of an activity refused by the database for its input (non-retryable). */
export const INVALID_DATA_FAILURE = 'ONGELDIGE_GEGEVENS';

function sqlState(err: unknown): string | undefined {
  if (typeof err !== 'object' || err === null) return undefined;
  const { code, driverError } = err as { code?: unknown; driverError?: { code?: unknown } };
  if (typeof code === 'string') return code;
  return typeof driverError?.code === 'string' ? driverError.code : undefined;
}

function isRetryable(err: unknown): err is RetryableActivityError {
  return typeof err === 'object' && err !== null && typeof (err as { retryType?: unknown }).retryType === 'string';
}

/**
 * Maps what a use case throws to what Temporal should do with it: a domain error becomes a non-retryable
 * ApplicationFailure with the same code the API uses; a declared retryable error keeps being retried;
 * a database error that every retry would repeat (DETERMINISTIC_DATABASE_ERRORS) is non-retryable with type
 * ONGELDIGE_GEGEVENS; anything else (a database hiccup) is rethrown as is, so the activity retries.
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
  const state = sqlState(err);
  if (state !== undefined && DETERMINISTIC_DATABASE_ERRORS.includes(state)) {
    return ApplicationFailure.create({
      type: INVALID_DATA_FAILURE,
      message: `De database weigert de gegevens (SQLSTATE ${state}).`,
      nonRetryable: true,
      details: [{ sqlState: state }],
    });
  }
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
