import type { LeaseGrant } from './lease';

/**
 * A write was refused because the writer no longer holds the lock: its lease
 * ran out, or another process acquired the lock since (a newer fencing token).
 * Nothing the write did is kept.
 */
export class FencedOutError extends Error {
  constructor(
    readonly grant: LeaseGrant,
    readonly reason: string,
  ) {
    super(`${grant.owner} may no longer write ${grant.stream} (token ${grant.token}): ${reason}`);
    this.name = 'FencedOutError';
  }
}
