import { Injectable } from '@nestjs/common';
import { getLogger, type Logger } from '@pets/logging';
import {
  AggregatesStore,
  PET_AGGREGATES_STREAM,
  type RebuildOutcome,
  type RebuildProgress,
  RebuildJobs,
} from '@pets/pet-aggregates';
import { LeaseKeeper, StreamStateStore } from '@pets/streaming';
import { AggregationSettings } from '../config/aggregation.settings';
import { WorkerMetrics } from '../metrics/worker-metrics';

export type RebuildAttempt = { ran: false } | { ran: true; outcome: RebuildOutcome };

/**
 * Runs one rebuild job under the lock held as `bulk`: the update worker is
 * asked to yield, the recount runs, the job records its progress and outcome,
 * and the lock is released. Used by the worker loop (jobs queued through the
 * API) and by `npm run rebuild`.
 */
@Injectable()
export class RebuildRunner {
  private readonly log: Logger = getLogger('rebuild');

  constructor(
    private readonly settings: AggregationSettings,
    private readonly streams: StreamStateStore,
    private readonly store: AggregatesStore,
    private readonly jobs: RebuildJobs,
    private readonly metrics: WorkerMetrics,
  ) {}

  /**
   * One attempt: asks for the lock and, if it is free now, runs the job.
   * `claim`: the job is queued and must be taken first (another runner may win).
   */
  async attempt(
    jobId: string,
    { claim, onProgress }: { claim: boolean; onProgress?: (progress: RebuildProgress) => void },
  ): Promise<RebuildAttempt> {
    await this.streams.requestBulk(PET_AGGREGATES_STREAM);
    const keeper = new LeaseKeeper({
      store: this.streams,
      stream: PET_AGGREGATES_STREAM,
      owner: this.settings.ownerId(),
      type: 'bulk',
      leaseMs: this.settings.leaseMs,
      log: this.log,
    });
    const grant = await keeper.acquire();
    if (!grant) return { ran: false };
    this.metrics.lockHeld.set({ type: 'bulk' }, 1);
    try {
      if (claim && !(await this.jobs.start(jobId, grant.owner))) return { ran: false };
      // Reports go out in order and are never awaited inside the rebuild's
      // transaction (on the embedded store that would wait on itself); the
      // final state is written only after every report has landed.
      let reported = Promise.resolve();
      const report = (progress: RebuildProgress): void => {
        onProgress?.(progress);
        reported = reported.then(() => this.jobs.report(jobId, progress)).catch(() => undefined);
      };
      report({ phase: 'counting' });
      this.log.info({ jobId, fencingToken: grant.token }, 'rebuild started');
      try {
        const outcome = await this.store.rebuild(grant, report);
        const done: RebuildProgress = {
          phase: 'done',
          pets: outcome.pets,
          counts: outcome.counts,
          elapsedMs: Math.round(outcome.durationMs),
        };
        await reported;
        await this.jobs.finish(jobId, { succeeded: true, progress: done });
        onProgress?.(done);
        this.metrics.rebuilds.inc({ outcome: 'succeeded' });
        this.log.info({ jobId, ...outcome }, 'rebuild finished');
        return { ran: true, outcome };
      } catch (error) {
        this.metrics.rebuilds.inc({ outcome: 'failed' });
        await reported;
        await this.jobs
          .finish(jobId, { succeeded: false, progress: { phase: 'failed' }, error: (error as Error).message })
          .catch(() => undefined);
        throw error;
      }
    } finally {
      await keeper.release();
      this.metrics.lockHeld.set({ type: 'bulk' }, 0);
    }
  }
}
