import type { Db, IndexDescription } from 'mongodb';
import type { Logger } from '@pets/logging';

/** Collections of the platform's MongoDB schema. */
export const MONGO_COLLECTIONS = {
  pets: 'pets',
  petChanges: 'pet_changes',
  counters: 'counters',
  streamState: 'stream_state',
  tagCounts: 'tag_counts',
  rebuildJobs: 'rebuild_jobs',
} as const;

// The MongoDB counterpart of the PostgreSQL migrations: createIndexes is
// idempotent, so every process can run it at start-up.
const INDEXES: Record<string, IndexDescription[]> = {
  [MONGO_COLLECTIONS.pets]: [
    // "which pets carry this tag" and "which pets are here", both paged by _id.
    { key: { tags: 1, _id: 1 }, name: 'tags_id' },
    { key: { location: 1, _id: 1 }, name: 'location_id' },
  ],
  [MONGO_COLLECTIONS.rebuildJobs]: [{ key: { status: 1, requestedAt: 1 }, name: 'status_requested' }],
};

export async function ensureMongoSchema(db: Db, log: Logger): Promise<void> {
  const existing = new Set((await db.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name));
  for (const name of Object.values(MONGO_COLLECTIONS)) {
    // Collections are created up front: a transaction cannot create one on older servers.
    if (!existing.has(name)) await db.createCollection(name).catch(ignoreAlreadyExists);
  }
  for (const [collection, indexes] of Object.entries(INDEXES)) {
    await db.collection(collection).createIndexes(indexes);
  }
  // The article's record for the pet aggregates stream: created once, never replaced.
  await db
    .collection<{ _id: string }>(MONGO_COLLECTIONS.streamState)
    .updateOne(
      { _id: 'pet-aggregates' },
      { $setOnInsert: { watermark: {}, lock: null, fencingToken: 0, bulkRequestedAt: null, stats: {} } },
      { upsert: true },
    );
  log.info({ database: db.databaseName }, 'MongoDB collections and indexes ensured');
}

function ignoreAlreadyExists(error: unknown): void {
  // NamespaceExists: another process created it between our listing and our create.
  if ((error as { code?: number }).code !== 48) throw error;
}
