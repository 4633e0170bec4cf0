import type { ClientSession, Collection, Document } from 'mongodb';
import { DatastoreConnection, MONGO_COLLECTIONS } from '@pets/datastore';
import { FencedOutError } from '../fenced-out.error';
import type { LeaseGrant, LockType, RenewOutcome, StreamStateView } from '../lease';
import { BULK_REQUEST_LEASES } from '../postgres/stream-state.postgres';
import { StreamStateStore } from '../stream-state.port';

export interface StreamStateDocument {
  _id: string;
  watermark: Record<string, unknown>;
  lock: { owner: string; type: LockType; token: number; leaseUntil: Date } | null;
  fencingToken: number;
  bulkRequestedAt: Date | null;
  stats: Record<string, unknown>;
  fencedWrites?: number;
}

// Leases are computed by the server ($$NOW, update pipelines), never by a client clock.
const LOCK_IS_FREE = {
  $or: [{ $eq: [{ $ifNull: ['$lock', null] }, null] }, { $lt: ['$lock.leaseUntil', '$$NOW'] }],
};

function bulkRequestIsLive(leaseMs: number): Document {
  return {
    $and: [
      { $ne: [{ $ifNull: ['$bulkRequestedAt', null] }, null] },
      { $gt: ['$bulkRequestedAt', { $subtract: ['$$NOW', leaseMs * BULK_REQUEST_LEASES] }] },
    ],
  };
}

function grantOf(doc: StreamStateDocument): LeaseGrant {
  const lock = doc.lock!;
  return {
    stream: doc._id,
    owner: lock.owner,
    type: lock.type,
    token: lock.token,
    leaseUntil: lock.leaseUntil,
  };
}

/** The stream-state record in MongoDB: one document per stream in `stream_state`. */
export class MongoStreamStateStore extends StreamStateStore {
  private readonly states: Collection<StreamStateDocument>;

  constructor(private readonly connection: DatastoreConnection) {
    super();
    this.states = connection.requireMongo().db.collection<StreamStateDocument>(MONGO_COLLECTIONS.streamState);
  }

  async acquire(
    stream: string,
    owner: string,
    type: LockType,
    leaseMs: number,
  ): Promise<LeaseGrant | undefined> {
    const condition =
      type === 'bulk' ? LOCK_IS_FREE : { $and: [LOCK_IS_FREE, { $not: [bulkRequestIsLive(leaseMs)] }] };
    const doc = await this.connection.call(() =>
      this.states.findOneAndUpdate(
        { _id: stream, $expr: condition },
        [
          {
            $set: {
              fencingToken: { $add: ['$fencingToken', 1] },
              lock: {
                owner,
                type,
                token: { $add: ['$fencingToken', 1] },
                leaseUntil: { $add: ['$$NOW', leaseMs] },
              },
              bulkRequestedAt: type === 'bulk' ? null : '$bulkRequestedAt',
            },
          },
        ],
        { returnDocument: 'after' },
      ),
    );
    return doc ? grantOf(doc) : undefined;
  }

  async renew(grant: LeaseGrant, leaseMs: number): Promise<RenewOutcome | undefined> {
    const doc = await this.connection.call(() =>
      this.states.findOneAndUpdate(
        {
          _id: grant.stream,
          'lock.owner': grant.owner,
          'lock.token': grant.token,
          $expr: { $gt: ['$lock.leaseUntil', '$$NOW'] },
        },
        [{ $set: { 'lock.leaseUntil': { $add: ['$$NOW', leaseMs] } } }],
        { returnDocument: 'after' },
      ),
    );
    if (!doc) return undefined;
    // The server's clock at the renewal is leaseUntil - leaseMs: judge the request by it.
    const serverNow = doc.lock!.leaseUntil.getTime() - leaseMs;
    const bulkRequested =
      doc.bulkRequestedAt !== null &&
      doc.bulkRequestedAt.getTime() > serverNow - leaseMs * BULK_REQUEST_LEASES;
    return { grant: grantOf(doc), bulkRequested };
  }

  async release(grant: LeaseGrant): Promise<void> {
    await this.connection.call(() =>
      this.states.updateOne(
        { _id: grant.stream, 'lock.owner': grant.owner, 'lock.token': grant.token },
        { $set: { lock: null } },
      ),
    );
  }

  async requestBulk(stream: string): Promise<void> {
    await this.connection.call(() =>
      this.states.updateOne({ _id: stream }, [{ $set: { bulkRequestedAt: '$$NOW' } }]),
    );
  }

  async view(stream: string): Promise<StreamStateView> {
    const [doc] = await this.connection.call(() =>
      this.states
        .aggregate<StreamStateDocument & { now: Date }>([
          { $match: { _id: stream } },
          { $addFields: { now: '$$NOW' } },
        ])
        .toArray(),
    );
    if (!doc) throw new Error(`no stream named ${stream}`);
    return {
      stream,
      watermark: doc.watermark ?? {},
      lock: doc.lock ? { ...doc.lock, expired: doc.lock.leaseUntil < doc.now } : null,
      fencingToken: doc.fencingToken ?? 0,
      bulkRequestedAt: doc.bulkRequestedAt ?? null,
      stats: doc.stats ?? {},
      now: doc.now,
    };
  }
}

/**
 * Runs `work` in a transaction whose first step is a conditional write to the
 * stream's document (owner, fencing token, unexpired lease). Writing the
 * document makes any concurrent acquisition conflict with this transaction, so
 * a successor's writes and the holder's never interleave; if the condition
 * fails, FencedOutError aborts the transaction and nothing is written.
 */
export async function inFencedMongoTransaction<T>(
  connection: DatastoreConnection,
  grant: LeaseGrant,
  work: (session: ClientSession, state: Pick<StreamStateDocument, 'watermark' | 'stats'>) => Promise<T>,
  options: { maxCommitTimeMS?: number; long?: boolean } = {},
): Promise<T> {
  const { client, db } = connection.requireMongo();
  const states = db.collection<StreamStateDocument>(MONGO_COLLECTIONS.streamState);
  const run = options.long ? connection.callLong.bind(connection) : connection.call.bind(connection);
  return run(async () => {
    const session = client.startSession();
    try {
      let result: T | undefined;
      await session.withTransaction(
        async () => {
          const state = await states.findOneAndUpdate(
            {
              _id: grant.stream,
              'lock.owner': grant.owner,
              'lock.token': grant.token,
              $expr: { $gt: ['$lock.leaseUntil', '$$NOW'] },
            },
            { $inc: { fencedWrites: 1 } },
            { session, returnDocument: 'after' },
          );
          if (!state) throw new FencedOutError(grant, 'the lock was lost or acquired again since');
          result = await work(session, { watermark: state.watermark ?? {}, stats: state.stats ?? {} });
        },
        {
          readConcern: { level: 'snapshot' },
          writeConcern: { w: 'majority' },
          maxCommitTimeMS: options.maxCommitTimeMS,
        },
      );
      return result as T;
    } finally {
      await session.endSession();
    }
  });
}
