import { Env, asNumber, asOptionalString } from '@pets/config';
import { IsInt, IsOptional, IsString, Max, Min, MinLength } from '@pets/validation';
import { hostname } from 'node:os';

/** How the aggregation worker reads, locks and reports. */
export class AggregationSettings {
  /** Change-log entries folded per transaction. */
  @Env('WORKER_BATCH_SIZE', asNumber)
  @IsInt()
  @Min(1)
  @Max(100_000)
  batchSize = 2_000;

  /** The lock's lease; a dead holder is replaced this long after its last renewal. */
  @Env('LOCK_LEASE_MS', asNumber)
  @IsInt()
  @Min(500)
  @Max(600_000)
  leaseMs = 10_000;

  /** Pause when there is nothing to fold. */
  @Env('WORKER_POLL_INTERVAL_MS', asNumber)
  @IsInt()
  @Min(5)
  @Max(60_000)
  pollIntervalMs = 100;

  /** The small HTTP server with /metrics, /healthz, /readyz; 0 picks a free port. */
  @Env('WORKER_METRICS_PORT', asNumber)
  @IsInt()
  @Min(0)
  @Max(65535)
  metricsPort = 9464;

  @Env('WORKER_METRICS_HOST')
  @IsString()
  @MinLength(1)
  metricsHost = '0.0.0.0';

  /** Applied change-log entries are deleted after this many hours (0 keeps them). */
  @Env('CHANGE_RETENTION_HOURS', asNumber)
  @IsInt()
  @Min(0)
  @Max(24 * 365)
  changeRetentionHours = 24;

  /** Upper bound on a rebuild's statements. */
  @Env('REBUILD_TIMEOUT_MS', asNumber)
  @IsInt()
  @Min(1_000)
  @Max(86_400_000)
  rebuildTimeoutMs = 600_000;

  /** This process's name as a lock owner; the pod name in Kubernetes. */
  @Env('WORKER_ID', asOptionalString)
  @IsOptional()
  @IsString()
  @MinLength(1)
  id?: string;

  /**
   * For tests only: wait this long between checking the lease and writing a
   * batch, so a test can freeze the process in that window and show that the
   * fencing token refuses the late write.
   */
  @Env('WORKER_DEBUG_HOLD_BEFORE_WRITE_MS', asNumber)
  @IsInt()
  @Min(0)
  @Max(600_000)
  debugHoldBeforeWriteMs = 0;

  ownerId(): string {
    return this.id ?? `${process.env.POD_NAME ?? hostname()}:${process.pid}`;
  }
}
