import type { Pool, PoolClient } from 'pg';
import { DatastoreConnection } from '@pets/datastore';
import { FencedOutError } from '../fenced-out.error';
import type { LeaseGrant, LockType, RenewOutcome, StreamStateView } from '../lease';
import { StreamStateStore } from '../stream-state.port';

/** A rebuild's request for the lock is dropped if not repeated within this many leases. */
export const BULK_REQUEST_LEASES = 3;

interface LockRow {
  lock_owner: string;
  lock_type: LockType;
  fencing_token: string;
  lease_until: Date;
  bulk_requested: boolean;
}

function grantOf(stream: string, row: LockRow): LeaseGrant {
  return {
    stream,
    owner: row.lock_owner,
    type: row.lock_type,
    token: Number(row.fencing_token),
    leaseUntil: row.lease_until,
  };
}

// Every statement is atomic on the stream's row and uses the database clock.
const ACQUIRE_SQL = `
  UPDATE stream_state SET
    lock_owner = $2,
    lock_type = $3,
    lease_until = clock_timestamp() + make_interval(secs => $4 / 1000.0),
    fencing_token = fencing_token + 1,
    bulk_requested_at = CASE WHEN $3 = 'bulk' THEN NULL ELSE bulk_requested_at END
  WHERE name = $1
    AND (lock_owner IS NULL OR lease_until < clock_timestamp())
    AND ($3 = 'bulk' OR bulk_requested_at IS NULL
         OR bulk_requested_at < clock_timestamp() - make_interval(secs => $4 * ${BULK_REQUEST_LEASES} / 1000.0))
  RETURNING lock_owner, lock_type, fencing_token, lease_until, false AS bulk_requested`;

const RENEW_SQL = `
  UPDATE stream_state SET lease_until = clock_timestamp() + make_interval(secs => $4 / 1000.0)
  WHERE name = $1 AND lock_owner = $2 AND fencing_token = $3 AND lease_until > clock_timestamp()
  RETURNING lock_owner, lock_type, fencing_token, lease_until,
    (bulk_requested_at IS NOT NULL
     AND bulk_requested_at > clock_timestamp() - make_interval(secs => $4 * ${BULK_REQUEST_LEASES} / 1000.0)) AS bulk_requested`;

const RELEASE_SQL = `
  UPDATE stream_state SET lock_owner = NULL, lock_type = NULL, lease_until = NULL
  WHERE name = $1 AND lock_owner = $2 AND fencing_token = $3`;

/** The stream-state record in PostgreSQL (and the embedded PGlite). */
export class PostgresStreamStateStore extends StreamStateStore {
  private readonly pool: Pool;

  constructor(private readonly connection: DatastoreConnection) {
    super();
    this.pool = connection.requirePg();
  }

  async acquire(
    stream: string,
    owner: string,
    type: LockType,
    leaseMs: number,
  ): Promise<LeaseGrant | undefined> {
    const { rows } = await this.connection.call(() =>
      this.pool.query<LockRow>(ACQUIRE_SQL, [stream, owner, type, leaseMs]),
    );
    return rows[0] && grantOf(stream, rows[0]);
  }

  async renew(grant: LeaseGrant, leaseMs: number): Promise<RenewOutcome | undefined> {
    const { rows } = await this.connection.call(() =>
      this.pool.query<LockRow>(RENEW_SQL, [grant.stream, grant.owner, grant.token, leaseMs]),
    );
    return rows[0] && { grant: grantOf(grant.stream, rows[0]), bulkRequested: rows[0].bulk_requested };
  }

  async release(grant: LeaseGrant): Promise<void> {
    await this.connection.call(() => this.pool.query(RELEASE_SQL, [grant.stream, grant.owner, grant.token]));
  }

  async requestBulk(stream: string): Promise<void> {
    await this.connection.call(() =>
      this.pool.query('UPDATE stream_state SET bulk_requested_at = clock_timestamp() WHERE name = $1', [
        stream,
      ]),
    );
  }

  async view(stream: string): Promise<StreamStateView> {
    const { rows } = await this.connection.call(() =>
      this.pool.query<{
        watermark: Record<string, unknown>;
        lock_owner: string | null;
        lock_type: LockType | null;
        lease_until: Date | null;
        fencing_token: string;
        bulk_requested_at: Date | null;
        stats: Record<string, unknown>;
        now: Date;
      }>(
        `SELECT watermark, lock_owner, lock_type, lease_until, fencing_token, bulk_requested_at, stats,
                clock_timestamp() AS now
         FROM stream_state WHERE name = $1`,
        [stream],
      ),
    );
    const row = rows[0];
    if (!row) throw new Error(`no stream named ${stream}`);
    return {
      stream,
      watermark: row.watermark,
      lock:
        row.lock_owner && row.lock_type && row.lease_until
          ? {
              owner: row.lock_owner,
              type: row.lock_type,
              token: Number(row.fencing_token),
              leaseUntil: row.lease_until,
              expired: row.lease_until < row.now,
            }
          : null,
      fencingToken: Number(row.fencing_token),
      bulkRequestedAt: row.bulk_requested_at,
      stats: row.stats,
      now: row.now,
    };
  }
}

export interface FencedState {
  watermark: Record<string, unknown>;
  stats: Record<string, unknown>;
}

/**
 * Runs `work` in one transaction that first locks the stream's row and checks
 * the caller still holds the lock (owner, fencing token, unexpired lease). The
 * row lock makes a takeover wait until this transaction ends, so the holder's
 * writes and a successor's never interleave; if the check fails, nothing is
 * written and FencedOutError is thrown. Everything `work` does commits or
 * rolls back together.
 */
export async function inFencedTransaction<T>(
  connection: DatastoreConnection,
  grant: LeaseGrant,
  work: (client: PoolClient, state: FencedState) => Promise<T>,
  options: {
    isolation?: 'READ COMMITTED' | 'REPEATABLE READ';
    statementTimeoutMs?: number;
    /** A long transaction (a rebuild): bounded by statementTimeoutMs, not by the breaker's call timeout. */
    long?: boolean;
  } = {},
): Promise<T> {
  const pool = connection.requirePg();
  const run = options.long ? connection.callLong.bind(connection) : connection.call.bind(connection);
  return run(async () => {
    const client = await pool.connect();
    try {
      await client.query(`BEGIN ISOLATION LEVEL ${options.isolation ?? 'READ COMMITTED'}`);
      if (options.statementTimeoutMs !== undefined) {
        await client.query(`SET LOCAL statement_timeout = ${Math.floor(options.statementTimeoutMs)}`);
      }
      const { rows } = await client.query<{
        watermark: Record<string, unknown>;
        stats: Record<string, unknown>;
        lock_owner: string | null;
        fencing_token: string;
        live: boolean | null;
      }>(
        `SELECT watermark, stats, lock_owner, fencing_token, lease_until > clock_timestamp() AS live
         FROM stream_state WHERE name = $1 FOR UPDATE`,
        [grant.stream],
      );
      const row = rows[0];
      const refusal = !row
        ? 'no such stream'
        : Number(row.fencing_token) !== grant.token
          ? `the lock was acquired again since (token ${row.fencing_token})`
          : row.lock_owner !== grant.owner
            ? 'the lock was released'
            : !row.live
              ? 'the lease ran out'
              : undefined;
      if (refusal) throw new FencedOutError(grant, refusal);
      const result = await work(client, { watermark: row.watermark, stats: row.stats });
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  });
}
