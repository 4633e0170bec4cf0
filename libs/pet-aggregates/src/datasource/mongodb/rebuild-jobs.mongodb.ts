import type { Collection } from 'mongodb';
import { v7 as uuidv7 } from 'uuid';
import { DatastoreConnection, MONGO_COLLECTIONS } from '@pets/datastore';
import type { StreamStateDocument } from '@pets/streaming';
import type { RebuildJob, RebuildProgress } from '../../internal/rebuild-job';
import { PET_AGGREGATES_STREAM } from '../../internal/tag-counts';
import { RebuildJobs } from '../rebuild-jobs.port';

type JobDocument = Omit<RebuildJob, 'id'> & { _id: string; progressAt?: Date };

function jobOf({ _id, progressAt: _progressAt, ...job }: JobDocument): RebuildJob {
  return { id: _id, ...job };
}

export class MongoRebuildJobs extends RebuildJobs {
  private readonly jobs: Collection<JobDocument>;
  private readonly states: Collection<StreamStateDocument>;

  constructor(private readonly connection: DatastoreConnection) {
    super();
    const { db } = connection.requireMongo();
    this.jobs = db.collection<JobDocument>(MONGO_COLLECTIONS.rebuildJobs);
    this.states = db.collection<StreamStateDocument>(MONGO_COLLECTIONS.streamState);
  }

  async enqueue(requestedBy: string | null): Promise<RebuildJob> {
    const job: JobDocument = {
      _id: uuidv7(),
      status: 'queued',
      requestedAt: new Date(),
      requestedBy,
      startedAt: null,
      finishedAt: null,
      runner: null,
      progress: { phase: 'queued' },
      error: null,
    };
    await this.connection.call(async () => {
      await this.jobs.insertOne(job);
      await this.states.updateOne({ _id: PET_AGGREGATES_STREAM }, [{ $set: { bulkRequestedAt: '$$NOW' } }]);
    });
    return jobOf(job);
  }

  async createRunning(requestedBy: string | null, runner: string): Promise<RebuildJob> {
    const now = new Date();
    const job: JobDocument = {
      _id: uuidv7(),
      status: 'running',
      requestedAt: now,
      requestedBy,
      startedAt: now,
      finishedAt: null,
      runner,
      progress: { phase: 'waiting-for-lock' },
      error: null,
      progressAt: now,
    };
    await this.connection.call(() => this.jobs.insertOne(job));
    return jobOf(job);
  }

  async find(id: string): Promise<RebuildJob | undefined> {
    const doc = await this.connection.call(() => this.jobs.findOne({ _id: id }));
    return doc ? jobOf(doc) : undefined;
  }

  async nextQueued(staleAfterMs: number): Promise<RebuildJob | undefined> {
    return this.connection.call(async () => {
      // Abandoned: running, silent for a while, and its runner no longer holds a live lock.
      const state = await this.states.findOne({ _id: PET_AGGREGATES_STREAM });
      const liveHolder = state?.lock && state.lock.leaseUntil > new Date() ? state.lock.owner : null;
      await this.jobs.updateMany(
        {
          status: 'running',
          runner: { $ne: liveHolder },
          progressAt: { $lt: new Date(Date.now() - staleAfterMs) },
        },
        { $set: { status: 'queued', runner: null } },
      );
      const doc = await this.jobs.findOne({ status: 'queued' }, { sort: { requestedAt: 1 } });
      return doc ? jobOf(doc) : undefined;
    });
  }

  async start(id: string, runner: string): Promise<boolean> {
    const now = new Date();
    const { modifiedCount } = await this.connection.call(() =>
      this.jobs.updateOne(
        { _id: id, status: 'queued' },
        {
          $set: {
            status: 'running',
            runner,
            startedAt: now,
            progress: { phase: 'waiting-for-lock' },
            progressAt: now,
          },
        },
      ),
    );
    return modifiedCount === 1;
  }

  async report(id: string, progress: RebuildProgress): Promise<void> {
    await this.connection.call(() =>
      this.jobs.updateOne({ _id: id }, { $set: { progress, progressAt: new Date() } }),
    );
  }

  async finish(
    id: string,
    outcome: { succeeded: boolean; progress: RebuildProgress; error?: string },
  ): Promise<void> {
    await this.connection.call(() =>
      this.jobs.updateOne(
        { _id: id },
        {
          $set: {
            status: outcome.succeeded ? 'succeeded' : 'failed',
            finishedAt: new Date(),
            progress: outcome.progress,
            error: outcome.error ?? null,
          },
        },
      ),
    );
  }
}
