import { DatastoreConnection } from '@pets/datastore';
import { PostgresStreamStateStore } from '@pets/streaming';
import type { AggregationStats, AggregationStatus } from '../../internal/aggregation-status';
import { PET_AGGREGATES_STREAM, type TagCounts, type TagCountsPage } from '../../internal/tag-counts';
import { AggregatesReader } from '../aggregates.reader.port';
import { pendingChanges } from './pg-change-log';
import { pgWatermarkOf } from './pg-watermark';

// The primary key (tag, location) serves both: one tag's rows, and every tag in
// order, grouped as the index delivers them, stopping at the page size. The
// cursor condition appears only when there is a cursor: an `$2 IS NULL OR tag > $2`
// is no index range, and turns every page into a scan of the whole table.
const TAG_SQL = `SELECT location, count FROM tag_location_counts WHERE tag = $1 AND count <> 0`;
const pageSql = (withCursor: boolean): string => `
  SELECT tag, jsonb_object_agg(location, count) AS location
  FROM tag_location_counts
  WHERE count <> 0 ${withCursor ? 'AND tag > $2' : ''}
  GROUP BY tag ORDER BY tag LIMIT $1`;
const FIRST_PAGE_SQL = pageSql(false);
const NEXT_PAGE_SQL = pageSql(true);

/** What the API reads of the aggregates, from PostgreSQL. */
export class PostgresAggregatesReader extends AggregatesReader {
  private readonly streams: PostgresStreamStateStore;

  constructor(private readonly connection: DatastoreConnection) {
    super();
    this.streams = new PostgresStreamStateStore(connection);
  }

  async tagCounts(tag: string): Promise<TagCounts | undefined> {
    const pool = this.connection.requirePg();
    const { rows } = await this.connection.call(() =>
      pool.query<{ location: string; count: string }>(TAG_SQL, [tag]),
    );
    if (rows.length === 0) return undefined;
    return { tag, location: Object.fromEntries(rows.map((row) => [row.location, Number(row.count)])) };
  }

  async listTags(limit: number, after?: string): Promise<TagCountsPage> {
    const pool = this.connection.requirePg();
    const { rows } = await this.connection.call(() =>
      after === undefined
        ? pool.query<{ tag: string; location: Record<string, number> }>(FIRST_PAGE_SQL, [limit + 1])
        : pool.query<{ tag: string; location: Record<string, number> }>(NEXT_PAGE_SQL, [limit + 1, after]),
    );
    const items = rows.slice(0, limit).map((row) => ({ tag: row.tag, location: row.location }));
    return { items, next: rows.length > limit ? items[items.length - 1].tag : undefined };
  }

  async status(): Promise<AggregationStatus> {
    const view = await this.streams.view(PET_AGGREGATES_STREAM);
    const pool = this.connection.requirePg();
    const lag = await this.connection.call(() => pendingChanges(pool, pgWatermarkOf(view.watermark)));
    return statusOf(view, lag);
  }
}

export function statusOf(
  view: Awaited<ReturnType<PostgresStreamStateStore['view']>>,
  lag: { changes: number; seconds: number },
): AggregationStatus {
  const stats = view.stats as AggregationStats;
  return {
    watermark: view.watermark,
    lag,
    lock: view.lock
      ? {
          holder: view.lock.owner,
          type: view.lock.type,
          fencingToken: view.lock.token,
          leaseUntil: view.lock.leaseUntil.toISOString(),
          expired: view.lock.expired,
        }
      : null,
    rebuildRequested: view.bulkRequestedAt !== null,
    lastBatch: stats.lastBatch ?? null,
    appliedTotal: stats.appliedTotal ?? 0,
    lastRebuild: stats.lastRebuild ?? null,
  };
}
