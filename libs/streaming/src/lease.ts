/** Who may write a stream's derived data: the update worker, or a full rebuild. */
export type LockType = 'update' | 'bulk';

/** A held lease. `token` is the fencing token: it grows with every acquisition of the lock. */
export interface LeaseGrant {
  readonly stream: string;
  readonly owner: string;
  readonly type: LockType;
  readonly token: number;
  /** The datastore's clock: leases are measured there, not on any one machine. */
  readonly leaseUntil: Date;
}

export interface RenewOutcome {
  readonly grant: LeaseGrant;
  /** A rebuild is waiting for the lock: an update holder should finish its batch and release. */
  readonly bulkRequested: boolean;
}

export interface StreamStateView {
  readonly stream: string;
  /** Where the stream's consumer is; its shape belongs to the consumer (e.g. PostgreSQL txid/seq). */
  readonly watermark: Readonly<Record<string, unknown>>;
  readonly lock: { owner: string; type: LockType; token: number; leaseUntil: Date; expired: boolean } | null;
  readonly fencingToken: number;
  readonly bulkRequestedAt: Date | null;
  readonly stats: Readonly<Record<string, unknown>>;
  /** The datastore's clock when the view was read. */
  readonly now: Date;
}
