import type { PoolClient } from 'pg';
import { DatastoreConnection } from '@pets/datastore';
import { inFencedTransaction, type LeaseGrant } from '@pets/streaming';
import type { AggregationStats } from '../../internal/aggregation-status';
import type { RebuildProgress } from '../../internal/rebuild-job';
import { PET_AGGREGATES_STREAM } from '../../internal/tag-counts';
import { AggregatesStore, type BatchOutcome, type RebuildOutcome } from '../aggregates.store.port';
import { foldNextBatch } from './pg-batch-fold';
import { pendingChanges } from './pg-change-log';
import { advance, afterRebuild, pgWatermarkOf } from './pg-watermark';

// The article's recount, as one aggregation instead of a query per tag.
const RECOUNT_SQL = `
  INSERT INTO tag_location_counts (tag, location, count)
  SELECT tag, location, count(*) FROM pets CROSS JOIN LATERAL unnest(tags) AS tag
  GROUP BY tag, location`;

const SAVE_STATE_SQL = `UPDATE stream_state SET watermark = $2, stats = stats || $3 WHERE name = $1`;

export interface PostgresAggregatesStoreOptions {
  /** Upper bound on a rebuild's statements. */
  rebuildTimeoutMs: number;
}

/** The aggregates in PostgreSQL (and the embedded PGlite). */
export class PostgresAggregatesStore extends AggregatesStore {
  constructor(
    private readonly connection: DatastoreConnection,
    private readonly options: PostgresAggregatesStoreOptions = { rebuildTimeoutMs: 600_000 },
  ) {
    super();
  }

  applyNextBatch(grant: LeaseGrant, maxChanges: number): Promise<BatchOutcome> {
    return inFencedTransaction(this.connection, grant, async (client, state) => {
      const started = performance.now();
      const watermark = pgWatermarkOf(state.watermark);
      const folded = await foldNextBatch(client, watermark, maxChanges);
      if (!folded.last) return { applied: 0, deltas: 0, durationMs: performance.now() - started };
      const durationMs = performance.now() - started;
      const stats: AggregationStats = {
        lastBatch: {
          size: folded.applied,
          durationMs: Math.round(durationMs * 100) / 100,
          at: new Date().toISOString(),
        },
        appliedTotal: (Number(state.stats.appliedTotal) || 0) + folded.applied,
      };
      await client.query(SAVE_STATE_SQL, [
        PET_AGGREGATES_STREAM,
        advance(watermark, folded.last.txid, folded.last.seq),
        stats,
      ]);
      return {
        applied: folded.applied,
        deltas: folded.deltas,
        durationMs,
        newestChangeAt: folded.last.changedAt,
      };
    });
  }

  async rebuild(grant: LeaseGrant, onProgress: (progress: RebuildProgress) => void): Promise<RebuildOutcome> {
    const started = performance.now();
    // REPEATABLE READ: one snapshot for the recount and for the new watermark, so
    // exactly the changes the recount saw are marked as applied. Writers carry on
    // meanwhile; their changes are not in the snapshot and are applied afterwards.
    // A renewal of our own lease may race the first statement (a serialization
    // failure, 40001): start again.
    for (let attempt = 1; ; attempt++) {
      try {
        return await inFencedTransaction(
          this.connection,
          grant,
          (client) => this.recount(client, started, onProgress),
          { isolation: 'REPEATABLE READ', statementTimeoutMs: this.options.rebuildTimeoutMs, long: true },
        );
      } catch (error) {
        if ((error as { code?: string }).code !== '40001' || attempt >= 5) throw error;
      }
    }
  }

  private async recount(
    client: PoolClient,
    started: number,
    onProgress: (progress: RebuildProgress) => void,
  ): Promise<RebuildOutcome> {
    const { rows } = await client.query<{ snapshot: string; pets: number }>(
      'SELECT pg_current_snapshot()::text AS snapshot, (SELECT count(*) FROM pets)::int AS pets',
    );
    const { snapshot, pets } = rows[0];
    onProgress({ phase: 'counting', pets, elapsedMs: performance.now() - started });
    await client.query('DELETE FROM tag_location_counts');
    const inserted = await client.query(RECOUNT_SQL);
    const counts = inserted.rowCount ?? 0;
    // The table was just replaced wholesale: without fresh statistics the
    // planner pages through tags by hashing and sorting the whole table (120 ms
    // a page at 30,000 tags) instead of walking the primary key (10 ms), until
    // autovacuum gets round to it.
    await client.query('ANALYZE tag_location_counts');
    onProgress({ phase: 'writing', pets, counts, elapsedMs: performance.now() - started });
    const durationMs = performance.now() - started;
    const stats: AggregationStats = {
      lastRebuild: { at: new Date().toISOString(), pets, counts, durationMs: Math.round(durationMs) },
    };
    await client.query(SAVE_STATE_SQL, [PET_AGGREGATES_STREAM, afterRebuild(snapshot), stats]);
    return { pets, counts, durationMs };
  }

  async lag(): Promise<{ changes: number; seconds: number }> {
    const pool = this.connection.requirePg();
    return this.connection.call(async () => {
      const { rows } = await pool.query<{ watermark: Record<string, unknown> }>(
        'SELECT watermark FROM stream_state WHERE name = $1',
        [PET_AGGREGATES_STREAM],
      );
      return pendingChanges(pool, pgWatermarkOf(rows[0]?.watermark ?? {}));
    });
  }

  async pruneAppliedChanges(olderThanMs: number): Promise<number> {
    const pool = this.connection.requirePg();
    // Entries at or before the cursor are folded in (or counted by the last
    // rebuild); in slices, so a large backlog never holds locks for long.
    const { rowCount } = await this.connection.call(() =>
      pool.query(
        `DELETE FROM pet_changes WHERE ctid IN (
           SELECT c.ctid FROM pet_changes c, stream_state s
           WHERE s.name = $1
             AND (c.txid, c.seq) <= ((s.watermark->>'txid')::xid8, COALESCE((s.watermark->>'seq')::bigint, 0))
             AND c.changed_at < clock_timestamp() - make_interval(secs => $2 / 1000.0)
           LIMIT 10000)`,
        [PET_AGGREGATES_STREAM, olderThanMs],
      ),
    );
    return rowCount ?? 0;
  }
}
