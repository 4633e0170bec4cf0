import type { Db, MongoClient } from 'mongodb';
import type { Pool, QueryConfig } from 'pg';
import { pgQueryOf, type PgStatement } from './postgres/pg-statement';
import { DatastoreUnavailableError } from './resilience/datastore-unavailable.error';
import type { DatastoreGuard } from './resilience/datastore.guard';
import { isUnavailability } from './resilience/unavailability.classifier';

export type DatastoreKind = 'postgres' | 'mongodb';

/**
 * A process's connection to its datastore, injectable by adapters. Exactly
 * one of `pg` / `mongo` is set, matching `kind`; an embedded datastore is a
 * PostgreSQL server as far as adapters know. Until the schema is in place
 * (migrations done), `call` answers DatastoreUnavailableError, so the process
 * can start and report "not ready" while the store is still down.
 */
export class DatastoreConnection {
  private schemaReady = false;

  constructor(
    readonly kind: DatastoreKind,
    readonly guard: DatastoreGuard,
    readonly pg?: Pool,
    readonly mongo?: { client: MongoClient; db: Db },
    /** Seconds a caller should wait before retrying when the store is unavailable. */
    readonly retryAfterSeconds = 5,
  ) {}

  /** Named prepared statements are safe: PostgreSQL with a session per connection (see PgStatement). */
  private pgPrepares = false;

  /** Set once the server is known: a PostgreSQL server, not the embedded store's one shared session. */
  allowPreparedStatements(allowed: boolean): void {
    this.pgPrepares = allowed;
  }

  get isSchemaReady(): boolean {
    return this.schemaReady;
  }

  markSchemaReady(): void {
    this.schemaReady = true;
  }

  /** Runs one datastore call under the circuit breaker and its timeouts. */
  call<T>(operation: () => Promise<T>): Promise<T> {
    if (!this.schemaReady) {
      return Promise.reject(
        new DatastoreUnavailableError(this.retryAfterSeconds, { reason: 'schema not ready yet' }),
      );
    }
    return this.guard.run(operation);
  }

  /**
   * For long operations (a full rebuild) that the breaker's per-call timeout
   * would cut short: bounded by their own statement timeouts instead, not
   * counted by the breaker, and still reported as DatastoreUnavailableError
   * when the store is not there.
   */
  async callLong<T>(operation: () => Promise<T>): Promise<T> {
    if (!this.schemaReady) {
      throw new DatastoreUnavailableError(this.retryAfterSeconds, { reason: 'schema not ready yet' });
    }
    try {
      return await operation();
    } catch (error) {
      if (isUnavailability(error)) {
        throw new DatastoreUnavailableError(this.retryAfterSeconds, {
          cause: error,
          reason: (error as Error).message,
        });
      }
      throw error;
    }
  }

  /** `statement` with `values`, prepared once per connection where that is safe (see PgStatement). */
  pgQuery(statement: PgStatement, values: unknown[]): QueryConfig {
    return pgQueryOf(statement, values, this.pgPrepares);
  }

  requirePg(): Pool {
    if (!this.pg) throw new Error(`this process uses ${this.kind}, not PostgreSQL`);
    return this.pg;
  }

  requireMongo(): { client: MongoClient; db: Db } {
    if (!this.mongo) throw new Error(`this process uses ${this.kind}, not MongoDB`);
    return this.mongo;
  }
}
