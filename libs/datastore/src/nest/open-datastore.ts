import type { DatastoreSettings } from '@pets/config';
import type { LoggerRegistry } from '@pets/logging';
import { DatastoreConnection } from '../datastore.connection';
import { datastoreTargetOf } from '../datastore.target';
import { ensureEmbeddedDatastore } from '../embedded/embedded-datastore.launcher';
import { ensureMongoSchema } from '../mongodb/schema/mongo-schema';
import { POSTGRES_MIGRATIONS } from '../postgres/migrations';
import { migratePostgres } from '../postgres/pg-migrator';
import { createPgPool } from '../postgres/pg-pool.factory';
import { isSharedSessionServer } from '../postgres/pg-server.probe';
import { DatastoreGuard } from '../resilience/datastore.guard';
import { DatastoreLifecycle } from './datastore.lifecycle';

export interface OpenDatastoreOptions {
  settings: DatastoreSettings;
  /** Process name, used to label connections (`pets-api:1234`). */
  service: string;
  logging: LoggerRegistry;
  /** See PgPoolOptions.idleInTransactionMs; the aggregation worker ties it to its lease. */
  idleInTransactionMs?: number;
}

/**
 * Creates the process's datastore client (no connection yet) and the lifecycle
 * that sets up the schema and closes it. With no DATASTORE_URL, joins or starts
 * the embedded PostgreSQL first.
 */
export async function openDatastore(options: OpenDatastoreOptions): Promise<{
  connection: DatastoreConnection;
  lifecycle: DatastoreLifecycle;
}> {
  const { settings, service, logging } = options;
  const log = logging.forModule('datastore');
  const target = datastoreTargetOf(settings);
  const guard = new DatastoreGuard({ timeoutMs: settings.timeoutMs, resetMs: settings.breakerResetMs, log });
  const retryAfterSeconds = Math.max(1, Math.ceil(settings.breakerResetMs / 1000));
  const label = `${service}:${process.pid}`;

  if (target.kind === 'mongodb') {
    // Loaded only when used: the driver costs memory every PostgreSQL process would pay.
    const { createMongoClient, assertTransactionsSupported } =
      await import('../mongodb/mongo-client.factory');
    const client = createMongoClient({
      url: target.url,
      appName: label,
      poolSize: settings.poolSize,
      timeoutMs: settings.timeoutMs,
      logging,
    });
    const db = client.db(); // the database named in the URL's path ("pets" in the chart)
    const connection = new DatastoreConnection(
      'mongodb',
      guard,
      undefined,
      { client, db },
      retryAfterSeconds,
    );
    const lifecycle = new DatastoreLifecycle(
      connection,
      async () => {
        await client.connect();
        await assertTransactionsSupported(client);
        await ensureMongoSchema(db, log);
      },
      () => client.close(),
      log,
    );
    return { connection, lifecycle };
  }

  const embedded =
    target.kind === 'embedded' ? await ensureEmbeddedDatastore(target.dataDir, log) : undefined;
  const url = target.kind === 'embedded' ? embedded!.url : target.url;
  const pool = createPgPool({
    url,
    applicationName: label,
    // One backend serves the embedded store: more connections only queue there.
    poolSize: embedded ? Math.min(settings.poolSize, 4) : settings.poolSize,
    timeoutMs: settings.timeoutMs,
    // The embedded server has one session shared by everyone: it polices idle
    // transactions itself rather than through a session setting.
    idleInTransactionMs: embedded ? false : options.idleInTransactionMs,
    log: logging.forModule('pg'),
  });
  const connection = new DatastoreConnection('postgres', guard, pool, undefined, retryAfterSeconds);
  const lifecycle = new DatastoreLifecycle(
    connection,
    async () => {
      await migratePostgres(pool, POSTGRES_MIGRATIONS, log);
      // Asked of the server, not inferred from how this process found it: API
      // workers reach the embedded store through a plain DATASTORE_URL.
      connection.allowPreparedStatements(!(await isSharedSessionServer(pool)));
    },
    async () => {
      await pool.end();
      await embedded?.stop();
    },
    log,
  );
  return { connection, lifecycle };
}
