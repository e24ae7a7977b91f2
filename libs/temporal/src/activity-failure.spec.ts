import { ApplicationFailure } from '@temporalio/common';
import { DomainException, ErrorCode } from '@kp/shared/errors';
import { asActivity, INVALID_DATA_FAILURE, toActivityFailure } from './activity-failure';

/** What TypeORM throws: a QueryFailedError carries the driver's SQLSTATE as `code` and in `driverError`. */
function queryFailed(code: string, copied = true): Error {
  return Object.assign(new Error('query failed'), copied ? { code } : {}, { driverError: { code } });
}

describe('toActivityFailure', () => {
  it.each(['22P05', '22021', '23502', '22P02'])('makes the deterministic database error %s non-retryable with a typed code', (code) => {
    for (const err of [queryFailed(code), queryFailed(code, false)]) {
      const failure = toActivityFailure(err) as ApplicationFailure;
      expect(failure).toBeInstanceOf(ApplicationFailure);
      expect(failure.type).toBe(INVALID_DATA_FAILURE);
      expect(failure.nonRetryable).toBe(true);
      expect(failure.details).toEqual([{ sqlState: code }]);
    }
  });

  it('leaves a passing database error (a lost connection, a serialization failure) retryable', () => {
    for (const code of ['08006', '40001', '57P01']) {
      const err = queryFailed(code);
      expect(toActivityFailure(err)).toBe(err);
    }
  });

  it('keeps domain errors non-retryable with their own code', () => {
    const failure = toActivityFailure(new DomainException(ErrorCode.NOT_FOUND, 'weg')) as ApplicationFailure;
    expect(failure.type).toBe(ErrorCode.NOT_FOUND);
    expect(failure.nonRetryable).toBe(true);
  });

  it('is applied by asActivity', async () => {
    await expect(asActivity(() => Promise.reject(queryFailed('22P05')))).rejects.toMatchObject({
      type: INVALID_DATA_FAILURE,
      nonRetryable: true,
    });
  });
});
