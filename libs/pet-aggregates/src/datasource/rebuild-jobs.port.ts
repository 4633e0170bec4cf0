import type { RebuildJob, RebuildProgress } from '../internal/rebuild-job';

/** Rebuild requests, shared by the API (asks, reports) and the workers (run). */
export abstract class RebuildJobs {
  /** Queues a rebuild and asks the update worker to yield the lock. */
  abstract enqueue(requestedBy: string | null): Promise<RebuildJob>;

  /** A job already marked running by `runner` (the `npm run rebuild` command runs its own). */
  abstract createRunning(requestedBy: string | null, runner: string): Promise<RebuildJob>;

  abstract find(id: string): Promise<RebuildJob | undefined>;

  /** The oldest job waiting to run, after re-queueing jobs whose runner vanished. */
  abstract nextQueued(staleAfterMs: number): Promise<RebuildJob | undefined>;

  /** Marks a queued job running for `runner`; false if someone else took it. */
  abstract start(id: string, runner: string): Promise<boolean>;

  abstract report(id: string, progress: RebuildProgress): Promise<void>;

  abstract finish(
    id: string,
    outcome: { succeeded: boolean; progress: RebuildProgress; error?: string },
  ): Promise<void>;
}
