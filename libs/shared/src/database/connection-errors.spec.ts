import { isDatabaseUnavailable } from './connection-errors';

describe('isDatabaseUnavailable', () => {
  const withCode = (code: string, message = 'x'): Error => Object.assign(new Error(message), { code });

  it.each([
    ['connection refused', withCode('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:5432')],
    ['admin shutdown (57P01)', withCode('57P01', 'terminating connection due to administrator command')],
    ['shutting down (57P03)', withCode('57P03', 'the database system is shutting down')],
    ['connection failure (08006)', withCode('08006')],
    ['too many connections (53300)', withCode('53300')],
    ['connection terminated', new Error('Connection terminated unexpectedly')],
    ['pool timeout', new Error('timeout exceeded when trying to connect')],
    ['wrapped by TypeORM', Object.assign(new Error('query failed'), { driverError: withCode('57P01') })],
    ['an AggregateError of refused connects', new AggregateError([withCode('ECONNREFUSED'), withCode('ECONNREFUSED')], '')],
  ])('%s: yes', (_, err) => {
    expect(isDatabaseUnavailable(err)).toBe(true);
  });

  it.each([
    ['a unique violation (23505)', withCode('23505', 'duplicate key value violates unique constraint')],
    ['a syntax error (42601)', withCode('42601')],
    ['a plain error', new Error('boom')],
    ['not an error', 'ECONNREFUSED'],
    ['null', null],
  ])('%s: no', (_, err) => {
    expect(isDatabaseUnavailable(err)).toBe(false);
  });
});
