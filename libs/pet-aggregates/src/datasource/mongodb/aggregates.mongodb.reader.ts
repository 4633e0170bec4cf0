import type { Collection } from 'mongodb';
import { DatastoreConnection, MONGO_COLLECTIONS } from '@pets/datastore';
import { MongoStreamStateStore } from '@pets/streaming';
import type { AggregationStatus } from '../../internal/aggregation-status';
import { PET_AGGREGATES_STREAM, type TagCounts, type TagCountsPage } from '../../internal/tag-counts';
import { AggregatesReader } from '../aggregates.reader.port';
import { statusOf } from '../postgres/aggregates.postgres.reader';
import { MongoAggregatesStore } from './aggregates.mongodb.store';
import type { TagCountsDocument } from './mongo-aggregates.documents';

function withoutZeros(location: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(location).filter(([, count]) => count !== 0));
}

/** What the API reads of the aggregates, from MongoDB. */
export class MongoAggregatesReader extends AggregatesReader {
  private readonly counts: Collection<TagCountsDocument>;
  private readonly streams: MongoStreamStateStore;
  private readonly store: MongoAggregatesStore;

  constructor(private readonly connection: DatastoreConnection) {
    super();
    this.counts = connection.requireMongo().db.collection<TagCountsDocument>(MONGO_COLLECTIONS.tagCounts);
    this.streams = new MongoStreamStateStore(connection);
    this.store = new MongoAggregatesStore(connection);
  }

  async tagCounts(tag: string): Promise<TagCounts | undefined> {
    const doc = await this.connection.call(() => this.counts.findOne({ _id: tag }));
    const location = doc ? withoutZeros(doc.location) : {};
    return Object.keys(location).length > 0 ? { tag, location } : undefined;
  }

  async listTags(limit: number, after?: string): Promise<TagCountsPage> {
    const docs = await this.connection.call(() =>
      this.counts
        .find(
          { ...(after === undefined ? {} : { _id: { $gt: after } }), location: { $ne: {} } },
          { sort: { _id: 1 }, limit: limit + 1 },
        )
        .toArray(),
    );
    const items = docs.slice(0, limit).map((doc) => ({ tag: doc._id, location: withoutZeros(doc.location) }));
    return { items, next: docs.length > limit ? items[items.length - 1].tag : undefined };
  }

  async status(): Promise<AggregationStatus> {
    const view = await this.streams.view(PET_AGGREGATES_STREAM);
    return statusOf(view, await this.store.lag());
  }
}
