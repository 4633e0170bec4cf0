import type { LockType } from '@pets/streaming';

/** What `GET /v1/aggregates/status` reports. */
export interface AggregationStatus {
  /** Where the worker is in the change log, in the store's terms. */
  readonly watermark: Readonly<Record<string, unknown>>;
  readonly lag: { readonly changes: number; readonly seconds: number };
  readonly lock: {
    readonly holder: string;
    readonly type: LockType;
    readonly fencingToken: number;
    readonly leaseUntil: string;
    readonly expired: boolean;
  } | null;
  readonly rebuildRequested: boolean;
  readonly lastBatch: { readonly size: number; readonly durationMs: number; readonly at: string } | null;
  readonly appliedTotal: number;
  readonly lastRebuild: {
    readonly at: string;
    readonly pets: number;
    readonly counts: number;
    readonly durationMs: number;
  } | null;
}

/** Counters kept in the stream-state record, written in the same transaction as the counts. */
export interface AggregationStats {
  lastBatch?: { size: number; durationMs: number; at: string };
  appliedTotal?: number;
  lastRebuild?: { at: string; pets: number; counts: number; durationMs: number };
}
