export type { LeaseGrant, LockType, RenewOutcome, StreamStateView } from './lease';
export { FencedOutError } from './fenced-out.error';
export { StreamStateStore } from './stream-state.port';
export { LeaseKeeper, type LeaseKeeperOptions } from './lease-keeper';
export {
  BULK_REQUEST_LEASES,
  inFencedTransaction,
  PostgresStreamStateStore,
  type FencedState,
} from './postgres/stream-state.postgres';
export {
  inFencedMongoTransaction,
  MongoStreamStateStore,
  type StreamStateDocument,
} from './mongodb/stream-state.mongodb';
