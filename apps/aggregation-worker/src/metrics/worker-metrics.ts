import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** The worker's Prometheus metrics. */
export class WorkerMetrics {
  readonly registry = new Registry();

  readonly changesApplied = new Counter({
    name: 'aggregation_changes_applied_total',
    help: 'Change-log entries folded into the tag counts.',
    registers: [this.registry],
  });

  readonly batchDuration = new Histogram({
    name: 'aggregation_batch_duration_seconds',
    help: 'Time to read, fold and apply one batch (one transaction).',
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });

  readonly batchSize = new Histogram({
    name: 'aggregation_batch_size',
    help: 'Change-log entries per applied batch.',
    buckets: [1, 10, 100, 500, 1_000, 2_000, 5_000, 10_000],
    registers: [this.registry],
  });

  readonly lagChanges = new Gauge({
    name: 'aggregation_lag_changes',
    help: 'Change-log entries not yet folded in.',
    registers: [this.registry],
  });

  readonly lagSeconds = new Gauge({
    name: 'aggregation_lag_seconds',
    help: 'Age of the oldest change not yet folded in.',
    registers: [this.registry],
  });

  readonly lockHeld = new Gauge({
    name: 'aggregation_lock_held',
    help: '1 while this process holds the lock, by lock type.',
    labelNames: ['type'] as const,
    registers: [this.registry],
  });

  readonly fencedOut = new Counter({
    name: 'aggregation_fenced_out_total',
    help: 'Writes refused because this process no longer held the lock.',
    registers: [this.registry],
  });

  readonly rebuilds = new Counter({
    name: 'aggregation_rebuilds_total',
    help: 'Full rebuilds run by this process, by outcome.',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }
}
