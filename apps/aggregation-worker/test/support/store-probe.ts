import { MONGO_COLLECTIONS } from '@pets/datastore';
import { MongoAggregatesStore, PostgresAggregatesStore } from '@pets/pet-aggregates';
import type { TestDatastore } from '@pets/testing';
import { recount, storedCounts } from './pg-aggregates.fixture';

/** What the process-level tests need to see in a store, whichever it is. */
export interface StoreProbe {
  readonly kind: 'postgres' | 'mongodb';
  counts(): Promise<Record<string, number>>;
  recount(): Promise<Record<string, number>>;
  /** Changes not yet folded in, plus rebuild jobs still queued or running. */
  pending(): Promise<{ changes: number; openRebuilds: number }>;
  holder(): Promise<string | null>;
  /** Lock history with database timestamps, where the store can record it (PostgreSQL). */
  acquisitions(): Promise<
    | {
        at: Date;
        owner: string;
        token: number;
        previousOwner: string | null;
        previousLeaseUntil: Date | null;
      }[]
    | undefined
  >;
}

// Records every change of the stream's row with the database clock: a new
// fencing token must have been issued when the previous lease was released
// or had run out, which proves the lock never had two holders.
export const POSTGRES_AUDIT_SQL = `
  CREATE TABLE lock_audit (
    at timestamptz NOT NULL DEFAULT clock_timestamp(),
    old_owner text, old_token bigint, old_lease_until timestamptz,
    new_owner text, new_token bigint
  );
  CREATE FUNCTION audit_stream_state() RETURNS trigger AS $$
  BEGIN
    IF NEW.fencing_token IS DISTINCT FROM OLD.fencing_token THEN
      INSERT INTO lock_audit (old_owner, old_token, old_lease_until, new_owner, new_token)
      VALUES (OLD.lock_owner, OLD.fencing_token, OLD.lease_until, NEW.lock_owner, NEW.fencing_token);
    END IF;
    RETURN NEW;
  END $$ LANGUAGE plpgsql;
  CREATE TRIGGER stream_state_audit BEFORE UPDATE ON stream_state FOR EACH ROW EXECUTE FUNCTION audit_stream_state();`;

export async function postgresProbe(datastore: TestDatastore): Promise<StoreProbe> {
  const pool = datastore.connection.requirePg();
  await pool.query(POSTGRES_AUDIT_SQL);
  const store = new PostgresAggregatesStore(datastore.connection);
  return {
    kind: 'postgres',
    counts: () => storedCounts(pool),
    recount: () => recount(pool),
    pending: async () => {
      const { changes } = await store.lag();
      const { rows } = await pool.query<{ open: number }>(
        `SELECT count(*)::int AS open FROM rebuild_jobs WHERE status IN ('queued', 'running')`,
      );
      return { changes, openRebuilds: rows[0].open };
    },
    holder: async () => {
      const { rows } = await pool.query<{ owner: string | null }>(
        `SELECT CASE WHEN lease_until > clock_timestamp() THEN lock_owner END AS owner FROM stream_state`,
      );
      return rows[0]?.owner ?? null;
    },
    acquisitions: async () => {
      const { rows } = await pool.query<{
        at: Date;
        new_owner: string;
        new_token: string;
        old_owner: string | null;
        old_lease_until: Date | null;
      }>('SELECT * FROM lock_audit ORDER BY at');
      return rows.map((row) => ({
        at: row.at,
        owner: row.new_owner,
        token: Number(row.new_token),
        previousOwner: row.old_owner,
        previousLeaseUntil: row.old_lease_until,
      }));
    },
  };
}

export function mongoProbe(datastore: TestDatastore): StoreProbe {
  const { db } = datastore.connection.requireMongo();
  const store = new MongoAggregatesStore(datastore.connection);
  const flatten = (docs: { _id: string; location: Record<string, number> }[]) =>
    Object.fromEntries(
      docs
        .flatMap((doc) =>
          Object.entries(doc.location).map(([location, count]) => [`${doc._id}/${location}`, count] as const),
        )
        .filter(([, count]) => count !== 0)
        .sort(([a], [b]) => a.localeCompare(b)),
    );
  return {
    kind: 'mongodb',
    counts: async () =>
      flatten(
        await db
          .collection<{ _id: string; location: Record<string, number> }>(MONGO_COLLECTIONS.tagCounts)
          .find()
          .toArray(),
      ),
    recount: async () =>
      flatten(
        await db
          .collection(MONGO_COLLECTIONS.pets)
          .aggregate<{ _id: string; location: Record<string, number> }>([
            { $unwind: '$tags' },
            { $group: { _id: { tag: '$tags', location: '$location' }, count: { $sum: 1 } } },
            { $group: { _id: '$_id.tag', location: { $push: { k: '$_id.location', v: '$count' } } } },
            { $project: { location: { $arrayToObject: '$location' } } },
          ])
          .toArray(),
      ),
    pending: async () => ({
      changes: (await store.lag()).changes,
      openRebuilds: await db
        .collection(MONGO_COLLECTIONS.rebuildJobs)
        .countDocuments({ status: { $in: ['queued', 'running'] } }),
    }),
    holder: async () => {
      const doc = await db
        .collection<{ _id: string; lock: { owner: string; leaseUntil: Date } | null }>(
          MONGO_COLLECTIONS.streamState,
        )
        .findOne({ _id: 'pet-aggregates' });
      return doc?.lock && doc.lock.leaseUntil > new Date() ? doc.lock.owner : null;
    },
    acquisitions: () => Promise.resolve(undefined),
  };
}
