import { type DynamicModule, Module, type Provider } from '@nestjs/common';
import { DatastoreConnection } from '@pets/datastore';
import { MongoStreamStateStore, PostgresStreamStateStore, StreamStateStore } from '@pets/streaming';
import { AggregatesReader } from '../datasource/aggregates.reader.port';
import { AggregatesStore } from '../datasource/aggregates.store.port';
import { MongoAggregatesReader } from '../datasource/mongodb/aggregates.mongodb.reader';
import { MongoAggregatesStore } from '../datasource/mongodb/aggregates.mongodb.store';
import { MongoRebuildJobs } from '../datasource/mongodb/rebuild-jobs.mongodb';
import { PostgresAggregatesReader } from '../datasource/postgres/aggregates.postgres.reader';
import { PostgresAggregatesStore } from '../datasource/postgres/aggregates.postgres.store';
import { PostgresRebuildJobs } from '../datasource/postgres/rebuild-jobs.postgres';
import { RebuildJobs } from '../datasource/rebuild-jobs.port';

export interface PetAggregatesModuleOptions {
  /** Upper bound on a rebuild's statements (PostgreSQL). */
  rebuildTimeoutMs?: number;
}

/** One adapter per port, for the store DATASTORE_URL names (the embedded store speaks PostgreSQL). */
function byStore<T>(
  provide: abstract new (...args: never[]) => T,
  postgres: (c: DatastoreConnection) => T,
  mongo: (c: DatastoreConnection) => T,
): Provider {
  return {
    provide,
    inject: [DatastoreConnection],
    useFactory: (connection: DatastoreConnection) =>
      connection.kind === 'mongodb' ? mongo(connection) : postgres(connection),
  };
}

@Module({})
export class PetAggregatesModule {
  static forRoot(options: PetAggregatesModuleOptions = {}): DynamicModule {
    const rebuildTimeoutMs = options.rebuildTimeoutMs ?? 600_000;
    const providers = [
      byStore(
        StreamStateStore,
        (c) => new PostgresStreamStateStore(c),
        (c) => new MongoStreamStateStore(c),
      ),
      byStore(
        AggregatesStore,
        (c) => new PostgresAggregatesStore(c, { rebuildTimeoutMs }),
        (c) => new MongoAggregatesStore(c),
      ),
      byStore(
        AggregatesReader,
        (c) => new PostgresAggregatesReader(c),
        (c) => new MongoAggregatesReader(c),
      ),
      byStore(
        RebuildJobs,
        (c) => new PostgresRebuildJobs(c),
        (c) => new MongoRebuildJobs(c),
      ),
    ];
    return {
      module: PetAggregatesModule,
      providers,
      exports: [StreamStateStore, AggregatesStore, AggregatesReader, RebuildJobs],
    };
  }
}
