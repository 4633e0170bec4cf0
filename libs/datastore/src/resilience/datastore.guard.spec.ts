import { getLogger } from '@pets/logging';
import { DatastoreUnavailableError } from './datastore-unavailable.error';
import { DatastoreGuard } from './datastore.guard';

const refused = () =>
  Promise.reject(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }));
const duplicate = () => Promise.reject(Object.assign(new Error('duplicate key'), { code: '23505' }));

describe('DatastoreGuard', () => {
  let guard: DatastoreGuard;
  beforeEach(() => {
    guard = new DatastoreGuard({ timeoutMs: 200, resetMs: 300, log: getLogger('test') });
  });
  afterEach(() => guard.shutdown());

  it('passes answers through', async () => {
    await expect(guard.run(() => Promise.resolve(42))).resolves.toBe(42);
  });

  it('turns unavailability into DatastoreUnavailableError with a retry delay', async () => {
    const error = await guard.run(refused).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DatastoreUnavailableError);
    expect((error as DatastoreUnavailableError).retryAfterSeconds).toBe(1);
  });

  it('lets data errors through untouched and does not count them', async () => {
    for (let i = 0; i < 10; i++) await expect(guard.run(duplicate)).rejects.toMatchObject({ code: '23505' });
    expect(guard.state).toBe('closed');
  });

  it('opens after repeated failures, fails fast without calling, tries again after the reset, and closes', async () => {
    for (let i = 0; i < 3; i++) await guard.run(refused).catch(() => undefined);
    expect(guard.state).toBe('open');
    let called = false;
    const error = await guard
      .run(() => {
        called = true;
        return Promise.resolve();
      })
      .catch((e: unknown) => e);
    expect(called).toBe(false);
    expect(error).toBeInstanceOf(DatastoreUnavailableError);
    await new Promise((resolve) => setTimeout(resolve, 350));
    expect(guard.state).toBe('half-open');
    await expect(guard.run(() => Promise.resolve('back'))).resolves.toBe('back');
    expect(guard.state).toBe('closed');
  });

  it('bounds a call that never answers', async () => {
    const error = await guard.run(() => new Promise(() => undefined)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DatastoreUnavailableError);
  });
});
