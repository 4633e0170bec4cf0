import * as undici from 'undici';
import { errors, Pool } from './undici-pool';

// The API imports two of undici's files directly (see undici-pool.ts). If an
// upgrade moves or replaces them, this fails instead of the route.
describe('undici-pool', () => {
  it('is the Pool class and the errors that undici itself exports', () => {
    expect(Pool).toBe(undici.Pool);
    expect(errors).toBe(undici.errors);
    expect(typeof Pool.prototype.dispatch).toBe('function');
    expect(errors.HeadersTimeoutError.prototype).toBeInstanceOf(Error);
  });
});
