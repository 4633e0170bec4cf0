export type RebuildJobStatus = 'queued' | 'running' | 'succeeded' | 'failed';

export interface RebuildProgress {
  readonly phase: 'queued' | 'waiting-for-lock' | 'counting' | 'writing' | 'done' | 'failed';
  readonly pets?: number;
  readonly counts?: number;
  readonly elapsedMs?: number;
}

/** A full recount of the aggregates, asked for through the API or `npm run rebuild`. */
export interface RebuildJob {
  readonly id: string;
  readonly status: RebuildJobStatus;
  readonly requestedAt: Date;
  readonly requestedBy: string | null;
  readonly startedAt: Date | null;
  readonly finishedAt: Date | null;
  readonly runner: string | null;
  readonly progress: RebuildProgress;
  readonly error: string | null;
}
