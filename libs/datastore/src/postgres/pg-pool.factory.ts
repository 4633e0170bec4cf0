import { Pool } from 'pg';
import type { Logger } from '@pets/logging';

export interface PgPoolOptions {
  url: string;
  /** Shown in pg_stat_activity, e.g. `pets-api:1234`: which process holds which connection. */
  applicationName: string;
  poolSize: number;
  timeoutMs: number;
  /**
   * The server ends a session that sits idle inside a transaction this long,
   * releasing its locks: a process frozen mid-transaction (stopped, swapped
   * out) cannot hold a row lock, and with it a lease, for ever.
   */
  idleInTransactionMs?: number | false;
  log: Logger;
}

/**
 * A pool whose every call is bounded: acquiring a connection, each statement
 * (server-side statement_timeout) and, as a backstop for a server that stops
 * answering, a client-side read timeout slightly above it.
 */
export function createPgPool(options: PgPoolOptions): Pool {
  const pool = new Pool({
    connectionString: options.url,
    application_name: options.applicationName,
    max: options.poolSize,
    connectionTimeoutMillis: options.timeoutMs,
    statement_timeout: options.timeoutMs,
    query_timeout: options.timeoutMs + 1_000,
    ...(options.idleInTransactionMs === false
      ? {}
      : { idle_in_transaction_session_timeout: options.idleInTransactionMs ?? options.timeoutMs * 2 }),
    idleTimeoutMillis: 30_000,
    keepAlive: true,
  });
  // An idle client losing its server emits here; unhandled, it would kill the process.
  pool.on('error', (error) => options.log.warn({ err: error }, 'idle PostgreSQL connection lost'));
  pool.on('connect', () => options.log.debug({ total: pool.totalCount }, 'PostgreSQL connection opened'));
  return pool;
}
