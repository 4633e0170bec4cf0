import { runInNewContext } from 'node:vm';
import { isUnavailability } from './unavailability.classifier';

describe('isUnavailability', () => {
  it.each([
    [
      'a refused connection',
      Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }),
    ],
    ['a reset connection', Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' })],
    [
      'PostgreSQL shutting down (57P01)',
      Object.assign(new Error('terminating connection'), { code: '57P01' }),
    ],
    [
      'PostgreSQL cannot connect now (57P03)',
      Object.assign(new Error('the database system is starting up'), { code: '57P03' }),
    ],
    ['a connection exception (08006)', Object.assign(new Error('connection failure'), { code: '08006' })],
    ['too many connections (53300)', Object.assign(new Error('too many clients'), { code: '53300' })],
    [
      'a statement timeout (57014)',
      Object.assign(new Error('canceling statement due to statement timeout'), { code: '57014' }),
    ],
    ['node-postgres losing its server', new Error('Connection terminated unexpectedly')],
    ['pg-pool unable to connect in time', new Error('timeout exceeded when trying to connect')],
    [
      'MongoDB server selection',
      Object.assign(new Error('Server selection timed out'), { name: 'MongoServerSelectionError' }),
    ],
    ['MongoDB network', Object.assign(new Error('connection closed'), { name: 'MongoNetworkError' })],
    [
      'a wrapped cause',
      new Error('query failed', { cause: Object.assign(new Error('x'), { code: 'ECONNREFUSED' }) }),
    ],
    [
      'an AggregateError of refusals',
      new AggregateError([Object.assign(new Error('a'), { code: 'ECONNREFUSED' })], 'all failed'),
    ],
  ])('counts %s', (_label, error) => {
    expect(isUnavailability(error)).toBe(true);
  });

  it.each([
    ['a unique violation', Object.assign(new Error('duplicate key'), { code: '23505' })],
    ['a syntax error in SQL', Object.assign(new Error('syntax error'), { code: '42601' })],
    [
      'a MongoDB duplicate key',
      Object.assign(new Error('E11000'), { name: 'MongoServerError', code: 11000 }),
    ],
    ['a plain bug', new TypeError('undefined is not a function')],
    ['not an error at all', 'ECONNREFUSED'],
  ])('does not count %s', (_label, error) => {
    expect(isUnavailability(error)).toBe(false);
  });

  it('recognises errors from another realm (Node core errors inside sandboxes)', () => {
    const foreign: unknown = runInNewContext(
      'Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" })',
    );
    expect(foreign instanceof Error).toBe(false);
    expect(isUnavailability(foreign)).toBe(true);
  });

  it('does not loop on self-referencing causes', () => {
    const error = new Error('loop') as Error & { cause?: unknown };
    error.cause = { cause: error };
    expect(isUnavailability(error)).toBe(false);
  });
});
