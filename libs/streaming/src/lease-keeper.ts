import type { Logger } from '@pets/logging';
import type { LeaseGrant, LockType } from './lease';
import type { StreamStateStore } from './stream-state.port';

export interface LeaseKeeperOptions {
  store: StreamStateStore;
  stream: string;
  owner: string;
  type: LockType;
  leaseMs: number;
  log: Logger;
}

/**
 * Holds a lease for one process: acquires it, renews it every third of the
 * lease, and notices when it is lost (renewal refused, or the local deadline
 * passed without a renewal, e.g. after the process was paused). Losing it is
 * never fatal: fencing keeps a late writer out, and the caller acquires again.
 */
export class LeaseKeeper {
  private current?: LeaseGrant;
  private renewedAt = 0;
  private timer?: NodeJS.Timeout;
  private renewing?: Promise<void>;
  private bulkAsked = false;

  constructor(private readonly options: LeaseKeeperOptions) {}

  /** The grant, while it can still be trusted locally. */
  get grant(): LeaseGrant | undefined {
    if (this.current && performance.now() - this.renewedAt >= this.options.leaseMs)
      this.lose('lease ran out locally');
    return this.current;
  }

  /** A rebuild has asked for the lock (seen at the last renewal). */
  get bulkRequested(): boolean {
    return this.bulkAsked;
  }

  async acquire(): Promise<LeaseGrant | undefined> {
    if (this.grant) return this.current;
    const started = performance.now();
    const grant = await this.options.store.acquire(
      this.options.stream,
      this.options.owner,
      this.options.type,
      this.options.leaseMs,
    );
    if (!grant) return undefined;
    this.current = grant;
    this.renewedAt = started;
    this.bulkAsked = false;
    this.options.log.info(
      { stream: grant.stream, type: grant.type, fencingToken: grant.token },
      'lock acquired',
    );
    this.schedule();
    return grant;
  }

  async release(): Promise<void> {
    clearTimeout(this.timer);
    await this.renewing;
    const grant = this.current;
    this.current = undefined;
    if (!grant) return;
    await this.options.store.release(grant).catch((error: unknown) => {
      this.options.log.warn({ err: error }, 'could not release the lock; it will expire');
    });
    this.options.log.info(
      { stream: grant.stream, type: grant.type, fencingToken: grant.token },
      'lock released',
    );
  }

  /** The store refused a write with this grant: stop trusting it now, not at the local deadline. */
  forfeit(reason: string): void {
    this.lose(reason);
  }

  private schedule(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.renewing = this.renew();
    }, this.options.leaseMs / 3);
    this.timer.unref();
  }

  private async renew(): Promise<void> {
    const grant = this.current;
    if (!grant) return;
    const started = performance.now();
    try {
      const outcome = await this.options.store.renew(grant, this.options.leaseMs);
      if (this.current !== grant) return;
      if (!outcome) {
        this.lose('renewal refused: another process holds the lock or the lease ran out');
        return;
      }
      this.current = outcome.grant;
      this.renewedAt = started;
      this.bulkAsked = outcome.bulkRequested;
    } catch (error) {
      // The store did not answer: keep trying until the local deadline says the lease is gone.
      this.options.log.warn({ err: error }, 'lease renewal failed; retrying');
    }
    if (this.grant) this.schedule();
  }

  private lose(reason: string): void {
    if (!this.current) return;
    this.options.log.warn(
      { stream: this.current.stream, fencingToken: this.current.token, reason },
      'lock lost',
    );
    this.current = undefined;
    clearTimeout(this.timer);
  }
}
