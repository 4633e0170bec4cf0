import type { LeaseGrant } from '@pets/streaming';
import type { RebuildProgress } from '../internal/rebuild-job';

export interface BatchOutcome {
  /** Change-log entries folded in. */
  readonly applied: number;
  /** (tag, location) counts touched. */
  readonly deltas: number;
  readonly durationMs: number;
  /** When the newest applied change was written: the counts are fresh up to here. */
  readonly newestChangeAt?: Date;
}

export interface RebuildOutcome {
  readonly pets: number;
  readonly counts: number;
  readonly durationMs: number;
}

/**
 * The write side of the aggregates (the worker's). Every method checks the
 * caller's lease under the stream's lock (fencing) in the same transaction as
 * its writes: a crash at any instant leaves either all of a batch (counts and
 * watermark) or none of it.
 */
export abstract class AggregatesStore {
  /**
   * Reads up to `maxChanges` changes after the watermark, in an order that
   * never skips a change that commits after a later one, folds them into
   * per-(tag, location) deltas, applies them in one bulk write, and advances
   * the watermark.
   */
  abstract applyNextBatch(grant: LeaseGrant, maxChanges: number): Promise<BatchOutcome>;

  /**
   * Recomputes every count from the pets in one aggregation and resets the
   * watermark to exactly what that recount saw, so changes written while it
   * runs are applied after it. Needs a `bulk` grant.
   */
  abstract rebuild(
    grant: LeaseGrant,
    onProgress: (progress: RebuildProgress) => void,
  ): Promise<RebuildOutcome>;

  /** How far behind the counts are: pending changes and the age of the oldest. */
  abstract lag(): Promise<{ changes: number; seconds: number }>;

  /** Deletes applied changes older than `olderThanMs`; answers how many. */
  abstract pruneAppliedChanges(olderThanMs: number): Promise<number>;
}
