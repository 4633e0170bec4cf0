import type { AnyBulkWriteOperation, ClientSession, Collection, Db } from 'mongodb';
import { DatastoreConnection, MONGO_COLLECTIONS } from '@pets/datastore';
import { inFencedMongoTransaction, type LeaseGrant, type StreamStateDocument } from '@pets/streaming';
import type { AggregationStats } from '../../internal/aggregation-status';
import { foldChanges } from '../../internal/fold-changes';
import type { RebuildProgress } from '../../internal/rebuild-job';
import { PET_AGGREGATES_STREAM } from '../../internal/tag-counts';
import { AggregatesStore, type BatchOutcome, type RebuildOutcome } from '../aggregates.store.port';
import {
  type ChangeDocument,
  type CounterDocument,
  mongoWatermarkOf,
  NON_ZERO_LOCATIONS,
  SAFE_FIELD,
  type TagCountsDocument,
} from './mongo-aggregates.documents';

const INSERT_CHUNK = 1_000;

/** The aggregates in MongoDB (a replica set: every step below is a transaction). */
export class MongoAggregatesStore extends AggregatesStore {
  private readonly db: Db;
  private readonly changes: Collection<ChangeDocument>;
  private readonly counts: Collection<TagCountsDocument>;
  private readonly states: Collection<StreamStateDocument>;

  constructor(private readonly connection: DatastoreConnection) {
    super();
    this.db = connection.requireMongo().db;
    this.changes = this.db.collection<ChangeDocument>(MONGO_COLLECTIONS.petChanges);
    this.counts = this.db.collection<TagCountsDocument>(MONGO_COLLECTIONS.tagCounts);
    this.states = this.db.collection<StreamStateDocument>(MONGO_COLLECTIONS.streamState);
  }

  applyNextBatch(grant: LeaseGrant, maxChanges: number): Promise<BatchOutcome> {
    return inFencedMongoTransaction(this.connection, grant, async (session, state) => {
      const started = performance.now();
      const watermark = mongoWatermarkOf(state.watermark);
      const found = await this.changes
        .find({ _id: { $gt: watermark } }, { session, sort: { _id: 1 }, limit: maxChanges })
        .toArray();
      // Sequence numbers are given out in commit order without gaps (see the
      // API's change log). A gap would mean an entry not visible yet: stop there.
      const batch: ChangeDocument[] = [];
      for (const change of found) {
        if (change._id !== watermark + batch.length + 1) break;
        batch.push(change);
      }
      if (batch.length === 0) return { applied: 0, deltas: 0, durationMs: performance.now() - started };
      const deltas = foldChanges(batch);
      const operations: AnyBulkWriteOperation<TagCountsDocument>[] = deltas.map(
        ({ tag, location, delta }) => {
          if (!SAFE_FIELD.test(location))
            throw new Error(`refusing location ${JSON.stringify(location)} as a field name`);
          return {
            updateOne: {
              filter: { _id: tag },
              update: { $inc: { [`location.${location}`]: delta } },
              upsert: true,
            },
          };
        },
      );
      if (operations.length > 0) {
        await this.counts.bulkWrite(operations, { session, ordered: false });
        await this.dropZeros(session, [...new Set(deltas.map((d) => d.tag))]);
      }
      const last = batch[batch.length - 1];
      const durationMs = performance.now() - started;
      const stats: AggregationStats = {
        lastBatch: {
          size: batch.length,
          durationMs: Math.round(durationMs * 100) / 100,
          at: new Date().toISOString(),
        },
        appliedTotal: (Number(state.stats.appliedTotal) || 0) + batch.length,
      };
      await this.saveState(session, { seq: last._id }, stats);
      return { applied: batch.length, deltas: deltas.length, durationMs, newestChangeAt: last.changedAt };
    });
  }

  rebuild(grant: LeaseGrant, onProgress: (progress: RebuildProgress) => void): Promise<RebuildOutcome> {
    const started = performance.now();
    // One transaction, so one snapshot: the counter read here numbers exactly the
    // changes whose pet writes the aggregation sees (pet write and change commit
    // together). Later changes have higher numbers and are applied after.
    return inFencedMongoTransaction(
      this.connection,
      grant,
      async (session) => {
        const counter = await this.db
          .collection<CounterDocument>(MONGO_COLLECTIONS.counters)
          .findOne({ _id: MONGO_COLLECTIONS.petChanges }, { session });
        const pets = await this.db.collection(MONGO_COLLECTIONS.pets).countDocuments({}, { session });
        onProgress({ phase: 'counting', pets, elapsedMs: performance.now() - started });
        const recount = this.db
          .collection(MONGO_COLLECTIONS.pets)
          .aggregate<TagCountsDocument>(
            [
              { $unwind: '$tags' },
              { $group: { _id: { tag: '$tags', location: '$location' }, count: { $sum: 1 } } },
              { $group: { _id: '$_id.tag', location: { $push: { k: '$_id.location', v: '$count' } } } },
              { $project: { location: { $arrayToObject: '$location' } } },
            ],
            { session, allowDiskUse: true },
          );
        await this.counts.deleteMany({}, { session });
        let counts = 0;
        let chunk: TagCountsDocument[] = [];
        for await (const doc of recount) {
          chunk.push(doc);
          counts += Object.keys(doc.location).length;
          if (chunk.length === INSERT_CHUNK) {
            await this.counts.insertMany(chunk, { session, ordered: false });
            chunk = [];
            onProgress({ phase: 'writing', pets, counts, elapsedMs: performance.now() - started });
          }
        }
        if (chunk.length > 0) await this.counts.insertMany(chunk, { session, ordered: false });
        const durationMs = performance.now() - started;
        const stats: AggregationStats = {
          lastRebuild: { at: new Date().toISOString(), pets, counts, durationMs: Math.round(durationMs) },
        };
        await this.saveState(session, { seq: counter?.seq ?? 0 }, stats);
        return { pets, counts, durationMs };
      },
      { long: true },
    );
  }

  async lag(): Promise<{ changes: number; seconds: number }> {
    return this.connection.call(async () => {
      const state = await this.states.findOne({ _id: PET_AGGREGATES_STREAM });
      const watermark = mongoWatermarkOf(state?.watermark ?? {});
      const counter = await this.db
        .collection<CounterDocument>(MONGO_COLLECTIONS.counters)
        .findOne({ _id: MONGO_COLLECTIONS.petChanges });
      const changes = Math.max(0, (counter?.seq ?? 0) - watermark);
      if (changes === 0) return { changes, seconds: 0 };
      const oldest = await this.changes.findOne({ _id: watermark + 1 }, { projection: { changedAt: 1 } });
      return { changes, seconds: oldest ? Math.max(0, (Date.now() - oldest.changedAt.getTime()) / 1000) : 0 };
    });
  }

  async pruneAppliedChanges(olderThanMs: number): Promise<number> {
    return this.connection.call(async () => {
      const state = await this.states.findOne({ _id: PET_AGGREGATES_STREAM });
      const { deletedCount } = await this.changes.deleteMany({
        _id: { $lte: mongoWatermarkOf(state?.watermark ?? {}) },
        changedAt: { $lt: new Date(Date.now() - olderThanMs) },
      });
      return deletedCount;
    });
  }

  private async dropZeros(session: ClientSession, tags: string[]): Promise<void> {
    await this.counts.updateMany({ _id: { $in: tags } }, NON_ZERO_LOCATIONS, { session });
    await this.counts.deleteMany({ _id: { $in: tags }, location: {} }, { session });
  }

  private async saveState(
    session: ClientSession,
    watermark: { seq: number },
    stats: AggregationStats,
  ): Promise<void> {
    const set: Record<string, unknown> = { watermark };
    for (const [key, value] of Object.entries(stats)) set[`stats.${key}`] = value;
    await this.states.updateOne({ _id: PET_AGGREGATES_STREAM }, { $set: set }, { session });
  }
}
