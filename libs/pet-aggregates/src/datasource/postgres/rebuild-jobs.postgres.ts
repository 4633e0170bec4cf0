import { v7 as uuidv7 } from 'uuid';
import { DatastoreConnection } from '@pets/datastore';
import type { RebuildJob, RebuildJobStatus, RebuildProgress } from '../../internal/rebuild-job';
import { PET_AGGREGATES_STREAM } from '../../internal/tag-counts';
import { RebuildJobs } from '../rebuild-jobs.port';

interface JobRow {
  id: string;
  status: RebuildJobStatus;
  requested_at: Date;
  requested_by: string | null;
  started_at: Date | null;
  finished_at: Date | null;
  runner: string | null;
  progress: RebuildProgress;
  error: string | null;
}

const COLUMNS = 'id, status, requested_at, requested_by, started_at, finished_at, runner, progress, error';

function jobOf(row: JobRow): RebuildJob {
  return {
    id: row.id,
    status: row.status,
    requestedAt: row.requested_at,
    requestedBy: row.requested_by,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    runner: row.runner,
    progress: row.progress,
    error: row.error,
  };
}

export class PostgresRebuildJobs extends RebuildJobs {
  constructor(private readonly connection: DatastoreConnection) {
    super();
  }

  private query<R extends object>(sql: string, params: unknown[]): Promise<R[]> {
    const pool = this.connection.requirePg();
    return this.connection.call(
      async () => (await pool.query<R & Record<string, unknown>>(sql, params)).rows,
    );
  }

  async enqueue(requestedBy: string | null): Promise<RebuildJob> {
    // The job and the request for the lock in one statement: a worker that sees
    // the job also sees the update holder being asked to yield.
    const [row] = await this.query<JobRow>(
      `WITH asked AS (UPDATE stream_state SET bulk_requested_at = clock_timestamp() WHERE name = $4)
       INSERT INTO rebuild_jobs (id, status, requested_by, progress) VALUES ($1, 'queued', $2, $3)
       RETURNING ${COLUMNS}`,
      [uuidv7(), requestedBy, { phase: 'queued' }, PET_AGGREGATES_STREAM],
    );
    return jobOf(row);
  }

  async createRunning(requestedBy: string | null, runner: string): Promise<RebuildJob> {
    const [row] = await this.query<JobRow>(
      `INSERT INTO rebuild_jobs (id, status, requested_by, runner, started_at, progress)
       VALUES ($1, 'running', $2, $3, clock_timestamp(), $4) RETURNING ${COLUMNS}`,
      [uuidv7(), requestedBy, runner, { phase: 'waiting-for-lock' }],
    );
    return jobOf(row);
  }

  async find(id: string): Promise<RebuildJob | undefined> {
    const [row] = await this.query<JobRow>(`SELECT ${COLUMNS} FROM rebuild_jobs WHERE id = $1`, [id]);
    return row && jobOf(row);
  }

  async nextQueued(staleAfterMs: number): Promise<RebuildJob | undefined> {
    // A running job whose runner no longer holds the lock, and has not said
    // anything for a while, was abandoned (its process died): queue it again.
    await this.query(
      `UPDATE rebuild_jobs j SET status = 'queued', runner = NULL
       FROM stream_state s
       WHERE s.name = $1 AND j.status = 'running'
         AND (s.lock_owner IS DISTINCT FROM j.runner OR s.lease_until < clock_timestamp())
         AND COALESCE((j.progress->>'at')::timestamptz, j.started_at) < clock_timestamp() - make_interval(secs => $2 / 1000.0)`,
      [PET_AGGREGATES_STREAM, staleAfterMs],
    );
    const [row] = await this.query<JobRow>(
      `SELECT ${COLUMNS} FROM rebuild_jobs WHERE status = 'queued' ORDER BY requested_at LIMIT 1`,
      [],
    );
    return row && jobOf(row);
  }

  async start(id: string, runner: string): Promise<boolean> {
    const rows = await this.query(
      `UPDATE rebuild_jobs SET status = 'running', runner = $2, started_at = clock_timestamp(),
         progress = jsonb_build_object('phase', 'waiting-for-lock', 'at', clock_timestamp())
       WHERE id = $1 AND status = 'queued' RETURNING id`,
      [id, runner],
    );
    return rows.length === 1;
  }

  async report(id: string, progress: RebuildProgress): Promise<void> {
    await this.query(
      `UPDATE rebuild_jobs SET progress = $2::jsonb || jsonb_build_object('at', clock_timestamp()) WHERE id = $1`,
      [id, progress],
    );
  }

  async finish(
    id: string,
    outcome: { succeeded: boolean; progress: RebuildProgress; error?: string },
  ): Promise<void> {
    await this.query(
      `UPDATE rebuild_jobs SET status = $2, finished_at = clock_timestamp(), progress = $3, error = $4 WHERE id = $1`,
      [id, outcome.succeeded ? 'succeeded' : 'failed', outcome.progress, outcome.error ?? null],
    );
  }
}
