import { MongoClient } from 'mongodb';
import { type LoggerRegistry, mongodbLoggerOptions } from '@pets/logging';

export interface MongoClientOptions {
  url: string;
  /** Shown in the server's currentOp and logs: which process holds which connection. */
  appName: string;
  poolSize: number;
  timeoutMs: number;
  logging: LoggerRegistry;
}

/**
 * A client whose every stage is bounded: server selection, connecting, waiting
 * for a pooled connection, socket reads, and the majority write acknowledgement.
 * (The driver's client-side `timeoutMS` is a no-op in driver 7; adapters also
 * pass `maxTimeMS` on each operation, and the DatastoreGuard bounds the whole
 * call.) Writes wait for a majority, so an acknowledged write survives failover.
 */
export function createMongoClient(options: MongoClientOptions): MongoClient {
  return new MongoClient(options.url, {
    appName: options.appName,
    maxPoolSize: options.poolSize,
    serverSelectionTimeoutMS: options.timeoutMs,
    connectTimeoutMS: options.timeoutMs,
    socketTimeoutMS: options.timeoutMs * 2,
    waitQueueTimeoutMS: options.timeoutMs,
    retryWrites: true,
    retryReads: true,
    writeConcern: { w: 'majority', wtimeoutMS: options.timeoutMs },
    readConcern: { level: 'majority' },
    ...mongodbLoggerOptions(options.logging),
  });
}

/**
 * Transactions (pet write + change-log entry) need a replica set or a sharded
 * cluster. A standalone server would fail on the first write; say so at start-up.
 */
export async function assertTransactionsSupported(client: MongoClient): Promise<void> {
  const hello = await client.db('admin').command({ hello: 1 });
  if (!hello.setName && hello.msg !== 'isdbgrid') {
    throw new Error(
      'MongoDB is a standalone server; the platform needs a replica set (a single-member one is enough) for transactions',
    );
  }
}
