import type { PoolClient } from 'pg';
import type { PetChange } from '../../internal/pet-change';
import type { PgWatermark } from './pg-watermark';

export interface PgChangeRow {
  txid: string;
  seq: string;
  pet_id: string;
  before_location: string | null;
  before_tags: string[] | null;
  after_location: string | null;
  after_tags: string[] | null;
  changed_at: Date;
}

// Pending = after the cursor, not already in the last rebuild. Readable = also
// below every transaction still running, so its position is final.
const PENDING = `(txid, seq) > ($1::xid8, $2::bigint)
  AND ($3::pg_snapshot IS NULL OR NOT pg_visible_in_snapshot(txid, $3::pg_snapshot))`;

// ORDER BY names the table's columns: a bare `txid` would be the text output
// column of the same name, and "100000" sorts before "99999" (a batch would
// skip or repeat changes whenever transaction ids gain a digit).
const READ_SQL = `
  SELECT c.txid::text AS txid, c.seq::text AS seq, c.pet_id, c.before_location, c.before_tags,
    c.after_location, c.after_tags, c.changed_at
  FROM pet_changes c
  WHERE ${PENDING} AND c.txid < pg_snapshot_xmin(pg_current_snapshot())
  ORDER BY c.txid, c.seq
  LIMIT $4`;

const LAG_SQL = `
  SELECT count(*)::int AS changes, min(changed_at) AS oldest, clock_timestamp() AS now
  FROM (SELECT changed_at FROM pet_changes WHERE ${PENDING} LIMIT 10000000) pending`;

/** The next readable changes after the watermark, in the order they must be applied. */
export async function readChanges(
  client: PoolClient,
  watermark: PgWatermark,
  limit: number,
): Promise<PgChangeRow[]> {
  const { rows } = await client.query<PgChangeRow>(READ_SQL, [
    watermark.txid,
    watermark.seq,
    watermark.base,
    limit,
  ]);
  return rows;
}

export async function pendingChanges(
  client: Pick<PoolClient, 'query'>,
  watermark: PgWatermark,
): Promise<{ changes: number; seconds: number }> {
  const { rows } = await client.query<{ changes: number; oldest: Date | null; now: Date }>(LAG_SQL, [
    watermark.txid,
    watermark.seq,
    watermark.base,
  ]);
  const { changes, oldest, now } = rows[0];
  return { changes, seconds: oldest ? Math.max(0, (now.getTime() - oldest.getTime()) / 1000) : 0 };
}

export function changeOf(row: PgChangeRow): PetChange {
  return {
    petId: row.pet_id,
    before:
      row.before_location === null ? null : { location: row.before_location, tags: row.before_tags ?? [] },
    after: row.after_location === null ? null : { location: row.after_location, tags: row.after_tags ?? [] },
    changedAt: row.changed_at,
  };
}
