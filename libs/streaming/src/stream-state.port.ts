import type { LeaseGrant, LockType, RenewOutcome, StreamStateView } from './lease';

/**
 * The article's `{ name, watermark, lock }` record, made safe: the lock has an
 * owner, a type, a lease the holder renews, and a fencing token. One adapter
 * per store. Every call is one atomic operation in the store, timed by the
 * store's clock.
 */
export abstract class StreamStateStore {
  /**
   * Takes the lock when it is free or its lease has run out (a dead holder is
   * replaced without anyone stepping in). An `update` acquisition gives way
   * while a rebuild has asked for the lock.
   */
  abstract acquire(
    stream: string,
    owner: string,
    type: LockType,
    leaseMs: number,
  ): Promise<LeaseGrant | undefined>;

  /** Extends a lease that is still held; undefined when it was lost. */
  abstract renew(grant: LeaseGrant, leaseMs: number): Promise<RenewOutcome | undefined>;

  /** Gives the lock up (no-op if it was already lost). */
  abstract release(grant: LeaseGrant): Promise<void>;

  /** A rebuild asks the update holder to yield; repeated while it waits, so a dead requester's ask fades. */
  abstract requestBulk(stream: string): Promise<void>;

  abstract view(stream: string): Promise<StreamStateView>;
}
