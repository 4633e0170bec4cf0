/**
 * Where the worker is in PostgreSQL's change log.
 *
 * `(txid, seq)`: every entry at or before it is folded in. Entries are read in
 * (txid, seq) order and only below the oldest transaction still running
 * (pg_snapshot_xmin), so an entry whose transaction commits late, after
 * entries with higher numbers, is never passed over: nothing at or above a
 * running transaction is read until it ends.
 *
 * `base`: the snapshot of the last rebuild. Entries visible in it are already
 * in the recount and are skipped; once the cursor passes the snapshot's xmax
 * no later entry can be visible in it, and it is dropped.
 */
export interface PgWatermark {
  readonly txid: string;
  readonly seq: string;
  readonly base: string | null;
}

export function pgWatermarkOf(raw: Readonly<Record<string, unknown>>): PgWatermark {
  return {
    txid: typeof raw.txid === 'string' ? raw.txid : '0',
    seq: typeof raw.seq === 'string' ? raw.seq : '0',
    base: typeof raw.base === 'string' ? raw.base : null,
  };
}

/** `pg_snapshot` text is `xmin:xmax:xip,...`. */
export function snapshotBounds(snapshot: string): { xmin: bigint; xmax: bigint } {
  const [xmin, xmax] = snapshot.split(':');
  return { xmin: BigInt(xmin), xmax: BigInt(xmax) };
}

/** The watermark after applying entries up to `(txid, seq)`. */
export function advance(watermark: PgWatermark, txid: string, seq: string): PgWatermark {
  const base = watermark.base && BigInt(txid) < snapshotBounds(watermark.base).xmax ? watermark.base : null;
  return { txid, seq, base };
}

/** The watermark right after a rebuild that counted exactly what `snapshot` saw. */
export function afterRebuild(snapshot: string): PgWatermark {
  // Everything below xmin was visible to the rebuild; from xmin on, the snapshot decides.
  return { txid: snapshotBounds(snapshot).xmin.toString(), seq: '0', base: snapshot };
}
