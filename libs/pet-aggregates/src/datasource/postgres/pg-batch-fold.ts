import type { PoolClient } from 'pg';
import { READABLE_CHANGES, watermarkParameters } from './pg-change-log';
import type { PgWatermark } from './pg-watermark';

// The worker's batch, folded where the changes are: PostgreSQL reads the next
// changes in (txid, seq) order, turns each into -1 for every old tag in the
// old place and +1 for every new tag in the new place (the same arithmetic as
// foldChanges), sums per (tag, location), and applies the sums, all in one
// statement. Shipping the changes to the worker and the sums back cost the
// worker about 30 us of CPU per change at the articles' scale (parsing every
// tag array twice, then serialising 20 deltas), as much again as PostgreSQL's
// own share of the fold; here the worker only gets the batch's outline.
//
// `batch` is referenced more than once, so it is materialised once: the
// watermark below is exactly the last of the changes the counts took.
// ORDER BY names the table's columns, never text output columns: as text,
// "100000" sorts before "99999".
const FOLD_SQL = `
  WITH batch AS (
    SELECT c.txid, c.seq, c.before_location, c.before_tags, c.after_location, c.after_tags, c.changed_at
    FROM pet_changes c
    WHERE ${READABLE_CHANGES}
    ORDER BY c.txid, c.seq
    LIMIT $4
  ), deltas AS (
    SELECT tag, location, sum(delta) AS delta
    FROM (
      SELECT unnest(before_tags) AS tag, before_location AS location, -1 AS delta
      FROM batch WHERE before_location IS NOT NULL
      UNION ALL
      SELECT unnest(after_tags), after_location, 1
      FROM batch WHERE after_location IS NOT NULL
    ) moves
    GROUP BY tag, location
    HAVING sum(delta) <> 0
  ), applied AS (
    INSERT INTO tag_location_counts (tag, location, count)
    SELECT tag, location, delta FROM deltas
    ON CONFLICT (tag, location) DO UPDATE SET count = tag_location_counts.count + EXCLUDED.count
    RETURNING tag, location, count
  ), last AS (
    SELECT txid, seq, changed_at FROM batch ORDER BY txid DESC, seq DESC LIMIT 1
  )
  SELECT
    (SELECT count(*) FROM batch)::int AS applied,
    (SELECT count(*) FROM applied)::int AS deltas,
    last.txid::text AS txid,
    last.seq::text AS seq,
    last.changed_at,
    (SELECT array_agg(tag ORDER BY tag, location) FROM applied WHERE count = 0) AS zero_tags,
    (SELECT array_agg(location ORDER BY tag, location) FROM applied WHERE count = 0) AS zero_locations
  FROM (VALUES (1)) AS one (n) LEFT JOIN last ON true`;

// A count brought to zero goes: a tag nobody has any more disappears. A second
// statement, because the first cannot touch a row it has just updated.
const DELETE_ZEROS_SQL = `
  DELETE FROM tag_location_counts t
  USING unnest($1::text[], $2::text[]) AS zero (tag, location)
  WHERE t.tag = zero.tag AND t.location = zero.location AND t.count = 0`;

export interface FoldedBatch {
  /** Change-log entries folded in; 0 when none was readable. */
  readonly applied: number;
  /** (tag, location) counts changed. */
  readonly deltas: number;
  /** The last entry folded in (where the watermark goes), when there was one. */
  readonly last?: { readonly txid: string; readonly seq: string; readonly changedAt: Date };
}

/**
 * Folds up to `limit` readable changes after `watermark` into the counts, in
 * the caller's transaction (which must hold the stream's lock and save the
 * watermark with the counts).
 */
export async function foldNextBatch(
  client: PoolClient,
  watermark: PgWatermark,
  limit: number,
): Promise<FoldedBatch> {
  const { rows } = await client.query<{
    applied: number;
    deltas: number;
    txid: string | null;
    seq: string | null;
    changed_at: Date | null;
    zero_tags: string[] | null;
    zero_locations: string[] | null;
  }>(FOLD_SQL, [...watermarkParameters(watermark), limit]);
  const row = rows[0];
  if (row.applied === 0 || row.txid === null || row.seq === null || row.changed_at === null) {
    return { applied: 0, deltas: 0 };
  }
  if (row.zero_tags && row.zero_locations) {
    await client.query(DELETE_ZEROS_SQL, [row.zero_tags, row.zero_locations]);
  }
  return {
    applied: row.applied,
    deltas: row.deltas,
    last: { txid: row.txid, seq: row.seq, changedAt: row.changed_at },
  };
}
