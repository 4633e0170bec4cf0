import type { PoolClient } from 'pg';
import type { PgWatermark } from './pg-watermark';

// Pending = after the cursor, not already in the last rebuild. Readable = also
// below every transaction still running, so its position is final. Both take
// the watermark as $1 (txid), $2 (seq) and $3 (the rebuild's snapshot).
const PENDING = `(c.txid, c.seq) > ($1::xid8, $2::bigint)
  AND ($3::pg_snapshot IS NULL OR NOT pg_visible_in_snapshot(c.txid, $3::pg_snapshot))`;

/** The change-log entries the worker may fold next (watermark as $1-$3), as a WHERE condition on `pet_changes c`. */
export const READABLE_CHANGES = `${PENDING} AND c.txid < pg_snapshot_xmin(pg_current_snapshot())`;

/** The watermark's parameters, in the order READABLE_CHANGES takes them. */
export function watermarkParameters(watermark: PgWatermark): [string, string, string | null] {
  return [watermark.txid, watermark.seq, watermark.base];
}

const LAG_SQL = `
  SELECT count(*)::int AS changes, min(changed_at) AS oldest, clock_timestamp() AS now
  FROM (SELECT c.changed_at FROM pet_changes c WHERE ${PENDING} LIMIT 10000000) pending`;

export async function pendingChanges(
  client: Pick<PoolClient, 'query'>,
  watermark: PgWatermark,
): Promise<{ changes: number; seconds: number }> {
  const { rows } = await client.query<{ changes: number; oldest: Date | null; now: Date }>(
    LAG_SQL,
    watermarkParameters(watermark),
  );
  const { changes, oldest, now } = rows[0];
  return { changes, seconds: oldest ? Math.max(0, (now.getTime() - oldest.getTime()) / 1000) : 0 };
}
