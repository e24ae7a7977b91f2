import { Logger } from '@nestjs/common';
import { ErrorCode } from '../errors';
import { ProblemDetailsFilter } from './problem-details.filter';

describe('ProblemDetailsFilter.toProblem', () => {
  beforeAll(() => Logger.overrideLogger(false));
  afterAll(() => Logger.overrideLogger(['log', 'error', 'warn', 'debug', 'verbose']));

  const filter = new ProblemDetailsFilter();

  it('answers a database out of reach with 503, without the stack', () => {
    const err = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
    const problem = filter.toProblem(err);
    expect(problem).toMatchObject({ status: 503, code: ErrorCode.SERVICE_UNAVAILABLE, errorId: expect.any(String) });
    expect(problem.detail).toMatch(/tijdelijk niet bereikbaar/);
    expect(JSON.stringify(problem)).not.toMatch(/ECONNREFUSED|\bat /);
  });

  it('answers a database shutting down under a query (TypeORM-wrapped 57P01) with 503', () => {
    const err = Object.assign(new Error('terminating connection due to administrator command'), { driverError: { code: '57P01' } });
    expect(filter.toProblem(err)).toMatchObject({ status: 503, code: ErrorCode.SERVICE_UNAVAILABLE });
  });

  it('keeps any other unexpected error a 500 with an error id', () => {
    const problem = filter.toProblem(new Error('boom'));
    expect(problem).toMatchObject({ status: 500, code: ErrorCode.INTERNAL, errorId: expect.any(String) });
    expect(JSON.stringify(problem)).not.toMatch(/boom/);
  });
});
