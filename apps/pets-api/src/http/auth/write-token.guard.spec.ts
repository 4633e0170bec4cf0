import type { ExecutionContext } from '@nestjs/common';
import { HttpProblem } from '../problem/problem-details';
import { WriteTokenGuard } from './write-token.guard';

const contextWith = (authorization?: string): ExecutionContext =>
  ({
    switchToHttp: () => ({ getRequest: () => ({ headers: { authorization } }) }),
  }) as unknown as ExecutionContext;

const statusOf = (run: () => unknown): number | 'allowed' => {
  try {
    run();
    return 'allowed';
  } catch (error) {
    return (error as HttpProblem).status;
  }
};

describe('WriteTokenGuard', () => {
  const guard = new WriteTokenGuard({ tokens: ['token-one-123', 'token-two-456'] });
  const check = (authorization?: string) => statusOf(() => guard.canActivate(contextWith(authorization)));

  it('allows the configured tokens, on the first check and from memory after', () => {
    for (let round = 0; round < 3; round++) {
      expect(check('Bearer token-one-123')).toBe('allowed');
      expect(check('bearer   token-two-456 ')).toBe('allowed');
    }
  });

  it('refuses other tokens every time, also once an allowed one is remembered', () => {
    expect(check('Bearer token-one-123')).toBe('allowed');
    for (const token of ['token-one-12', 'token-one-1234', 'TOKEN-ONE-123', 'token-two-456x']) {
      expect(check(`Bearer ${token}`)).toBe(403);
      expect(check(`Bearer ${token}`)).toBe(403);
    }
  });

  it('answers 401 without a well-formed bearer token', () => {
    expect(check(undefined)).toBe(401);
    expect(check('Basic dXNlcjpwYXNz')).toBe(401);
    expect(check('Bearer two words')).toBe(401);
  });

  it('stays correct when more distinct allowed tokens are used than it remembers', () => {
    const many = Array.from({ length: 100 }, (_, i) => `token-${i}-abcdefgh`);
    const wide = new WriteTokenGuard({ tokens: many });
    for (let round = 0; round < 2; round++) {
      for (const token of many)
        expect(statusOf(() => wide.canActivate(contextWith(`Bearer ${token}`)))).toBe('allowed');
    }
    expect(statusOf(() => wide.canActivate(contextWith('Bearer token-100-abcdefgh')))).toBe(403);
  });
});
