import { Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { DatastoreUnavailableError } from '@pets/datastore';
import { getLogger, type Logger } from '@pets/logging';
import { AggregatesStore, PET_AGGREGATES_STREAM, RebuildJobs } from '@pets/pet-aggregates';
import { FencedOutError, LeaseKeeper, StreamStateStore } from '@pets/streaming';
import { AggregationSettings } from '../config/aggregation.settings';
import { WorkerMetrics } from '../metrics/worker-metrics';
import { RebuildRunner } from './rebuild.runner';

const JOB_CHECK_MS = 2_000;
const LAG_REFRESH_MS = 5_000;
const PRUNE_EVERY_MS = 60_000;
const BACKOFF_MS = 1_000;

/**
 * The update worker's loop. Several replicas run it; the one holding the lock
 * (type `update`) folds batches, the others wait and take over when its lease
 * runs out. Between batches it yields to a queued rebuild.
 */
@Injectable()
export class AggregationRunner implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log: Logger = getLogger('aggregation');
  private readonly keeper: LeaseKeeper;
  private stopped = false;
  private loop?: Promise<void>;
  private wake?: () => void;
  private lastJobCheck = 0;
  private lastLag = 0;
  private lastPrune = Date.now();

  constructor(
    private readonly settings: AggregationSettings,
    streams: StreamStateStore,
    private readonly store: AggregatesStore,
    private readonly jobs: RebuildJobs,
    private readonly rebuilds: RebuildRunner,
    private readonly metrics: WorkerMetrics,
  ) {
    this.keeper = new LeaseKeeper({
      store: streams,
      stream: PET_AGGREGATES_STREAM,
      owner: settings.ownerId(),
      type: 'update',
      leaseMs: settings.leaseMs,
      log: this.log,
    });
  }

  onApplicationBootstrap(): void {
    this.log.info(
      { owner: this.settings.ownerId(), leaseMs: this.settings.leaseMs, batchSize: this.settings.batchSize },
      'aggregation loop starting',
    );
    this.loop = this.run();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    await this.loop;
    await this.keeper.release();
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      try {
        const backlog = await this.step();
        await this.housekeeping();
        if (!backlog) await this.sleep(this.settings.pollIntervalMs);
      } catch (error) {
        if (error instanceof FencedOutError) {
          this.keeper.forfeit(error.reason);
          this.metrics.fencedOut.inc();
          this.log.warn(
            { fencingToken: error.grant.token, reason: error.reason },
            'write refused by the fencing token',
          );
        } else if (error instanceof DatastoreUnavailableError) {
          this.log.warn({ reason: error.message }, 'datastore unavailable; retrying');
          await this.sleep(BACKOFF_MS);
        } else {
          this.log.error({ err: error }, 'aggregation step failed; retrying');
          await this.sleep(BACKOFF_MS);
        }
      }
    }
  }

  /**
   * A queued rebuild if there is one, else one batch. Answers whether more
   * work is waiting: a rebuild ran, or the batch was full. A batch that was
   * not full has caught up; the next one waits for the poll interval, so
   * under a steady stream of changes each batch gathers an interval's worth.
   * Back-to-back small batches cost far more per change (at the articles'
   * scale, 200 changes a batch cost PostgreSQL half as much again per change
   * as 2,000), and the freshness they buy is one interval at most.
   */
  private async step(): Promise<boolean> {
    if (await this.runQueuedRebuild()) return true;
    const grant = this.keeper.grant ?? (await this.keeper.acquire());
    this.metrics.lockHeld.set({ type: 'update' }, grant ? 1 : 0);
    if (!grant) return false; // standing by
    if (this.keeper.bulkRequested) {
      this.log.info('a rebuild asked for the lock: yielding');
      await this.keeper.release();
      this.metrics.lockHeld.set({ type: 'update' }, 0);
      return false;
    }
    if (this.settings.debugHoldBeforeWriteMs > 0) {
      this.log.info(
        { fencingToken: grant.token, holdMs: this.settings.debugHoldBeforeWriteMs },
        'debug: holding before write',
      );
      await this.sleep(this.settings.debugHoldBeforeWriteMs);
    }
    const outcome = await this.store.applyNextBatch(grant, this.settings.batchSize);
    if (outcome.applied > 0) {
      this.metrics.changesApplied.inc(outcome.applied);
      this.metrics.batchDuration.observe(outcome.durationMs / 1000);
      this.metrics.batchSize.observe(outcome.applied);
      this.log.debug(
        { applied: outcome.applied, deltas: outcome.deltas, ms: Math.round(outcome.durationMs) },
        'batch applied',
      );
    }
    return outcome.applied >= this.settings.batchSize;
  }

  private async runQueuedRebuild(): Promise<boolean> {
    const due =
      !this.keeper.grant || this.keeper.bulkRequested || Date.now() - this.lastJobCheck > JOB_CHECK_MS;
    if (!due) return false;
    this.lastJobCheck = Date.now();
    const job = await this.jobs.nextQueued(this.settings.leaseMs * 3);
    if (!job) return false;
    if (this.keeper.grant) {
      await this.keeper.release();
      this.metrics.lockHeld.set({ type: 'update' }, 0);
    }
    const attempt = await this.rebuilds.attempt(job.id, { claim: true });
    return attempt.ran;
  }

  private async housekeeping(): Promise<void> {
    const now = Date.now();
    if (now - this.lastLag > LAG_REFRESH_MS) {
      this.lastLag = now;
      const lag = await this.store.lag();
      this.metrics.lagChanges.set(lag.changes);
      this.metrics.lagSeconds.set(lag.seconds);
    }
    if (
      this.keeper.grant &&
      this.settings.changeRetentionHours > 0 &&
      now - this.lastPrune > PRUNE_EVERY_MS
    ) {
      this.lastPrune = now;
      const pruned = await this.store.pruneAppliedChanges(this.settings.changeRetentionHours * 3_600_000);
      if (pruned > 0) this.log.info({ pruned }, 'applied changes pruned');
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }
}
