import fc from 'fast-check';
import {
  foldChanges,
  PET_AGGREGATES_STREAM,
  type PetChange,
  PostgresAggregatesStore,
} from '@pets/pet-aggregates';
import { FencedOutError, type LeaseGrant, PostgresStreamStateStore } from '@pets/streaming';
import {
  describeIf,
  isolatedPostgres,
  type IsolatedPostgres,
  openTestDatastore,
  type TestDatastore,
  testPostgresUrl,
} from '@pets/testing';
import type { Client, Pool } from 'pg';
import { insertPet, movePet, openTransaction, recount, storedCounts } from './support/pg-aggregates.fixture';

// Interleavings that only a server with concurrent transactions can produce.
//
// The reader never passes the oldest transaction running anywhere on the
// server (pg_snapshot_xmin is server-wide): while other suites run, that may
// briefly hold back changes no test here is stalling. So "not applied while
// stalled" is asserted strictly, and "applied" is awaited.
describeIf(testPostgresUrl)('PostgreSQL aggregates store: ordering, rebuild snapshot, fencing', () => {
  let database: IsolatedPostgres;
  let datastore: TestDatastore;
  let pool: Pool;
  let store: PostgresAggregatesStore;
  let streams: PostgresStreamStateStore;
  let grant: LeaseGrant;
  const held: Client[] = [];

  beforeEach(async () => {
    database = await isolatedPostgres(testPostgresUrl!, 'aggregates');
    datastore = await openTestDatastore({ url: database.url });
    pool = datastore.connection.requirePg();
    store = new PostgresAggregatesStore(datastore.connection);
    streams = new PostgresStreamStateStore(datastore.connection);
    grant = (await streams.acquire(PET_AGGREGATES_STREAM, 'test-worker', 'update', 30_000))!;
  });
  afterEach(async () => {
    // A failed test may leave a transaction open; it would block the schema drop.
    await Promise.all(held.splice(0).map((client) => client.end().catch(() => undefined)));
    await datastore.close();
    await database.drop();
  });

  /** Applies batches until `expected` changes are in (or a few seconds pass); answers how many were. */
  async function drain(expected: number, with_: LeaseGrant = grant): Promise<number> {
    let total = 0;
    const deadline = Date.now() + 10_000;
    while (total < expected && Date.now() < deadline) {
      const { applied } = await store.applyNextBatch(with_, 3);
      total += applied;
      if (applied === 0) await new Promise((resolve) => setTimeout(resolve, 20));
    }
    // Nothing beyond what was expected may be readable.
    total += (await store.applyNextBatch(with_, 100)).applied;
    return total;
  }

  async function stall(): Promise<Client> {
    const client = await openTransaction(database.url);
    held.push(client);
    return client;
  }

  it('never skips a change whose transaction commits after a later change', async () => {
    // A's transaction takes its id first, then stalls; B commits meanwhile.
    const slow = await stall();
    await insertPet(slow, 'house', ['late']);
    await insertPet(pool, 'house', ['late']);

    // Ordered by commit, B comes first; ordered by sequence, A does. A reader
    // that trusted "highest sequence seen" would move past A now and never
    // come back (the article's ObjectId watermark has the same hole).
    const { rows } = await pool.query<{ max: string }>('SELECT max(seq)::text AS max FROM pet_changes');
    expect(rows[0].max).toBe('2');

    expect((await store.applyNextBatch(grant, 100)).applied).toBe(0);
    expect(await storedCounts(pool)).toEqual({});

    await slow.query('COMMIT');
    expect(await drain(2)).toBe(2);
    expect(await storedCounts(pool)).toEqual({ 'late/house': 2 });
  });

  it('reads in numeric order when transaction ids and sequence numbers gain a digit', async () => {
    // Pinned ids (far below any running transaction), one pet moved through
    // four places: only numeric (txid, seq) order lands it in the barn. As
    // text, "10" sorts before "9", and a batch would skip or repeat changes
    // every time the server's transaction ids reach 1000, 10000, ...
    const moves: [txid: number, seq: number, before: string | null, after: string][] = [
      [9, 1, null, 'house'],
      [10, 2, 'house', 'den'],
      [11, 9, 'den', 'yard'],
      [11, 10, 'yard', 'barn'],
    ];
    for (const [txid, seq, before, after] of moves) {
      await pool.query(
        `INSERT INTO pet_changes (txid, seq, pet_id, before_location, before_tags, after_location, after_tags)
         OVERRIDING SYSTEM VALUE
         VALUES ($1::text::xid8, $2, gen_random_uuid(), $3, CASE WHEN $3::text IS NULL THEN NULL ELSE ARRAY['d'] END, $4, ARRAY['d'])`,
        [txid, seq, before, after],
      );
    }
    const watermarks: string[] = [];
    for (let batch = 0; batch < moves.length; batch++) {
      expect((await store.applyNextBatch(grant, 1)).applied).toBe(1);
      const { rows } = await pool.query<{ at: string }>(
        `SELECT (watermark->>'txid') || '/' || (watermark->>'seq') AS at FROM stream_state`,
      );
      watermarks.push(rows[0].at);
    }
    expect(watermarks).toEqual(['9/1', '10/2', '11/9', '11/10']);
    expect((await store.applyNextBatch(grant, 100)).applied).toBe(0);
    expect(await storedCounts(pool)).toEqual({ 'd/barn': 1 });
  });

  it('applies everything below a stalled transaction, then waits for it', async () => {
    const first = await insertPet(pool, 'house', ['a']);
    const slow = await stall();
    await movePet(slow, first, 'backyard');
    await insertPet(pool, 'den', ['a']);
    expect(await drain(1)).toBe(1);
    expect(await storedCounts(pool)).toEqual({ 'a/house': 1 });
    await slow.query('COMMIT');
    expect(await drain(2)).toBe(2);
    expect(await storedCounts(pool)).toEqual(await recount(pool));
  });

  it('rebuilds from one snapshot: changes in flight are applied after it, none twice', async () => {
    await insertPet(pool, 'house', ['r']);
    await drain(1);
    // O stays open across the rebuild (so it is invisible to it); P starts after
    // O but commits before the rebuild (visible to it, with an id above the
    // snapshot's xmin): the watermark must skip P and still apply O.
    const open = await stall();
    await insertPet(open, 'den', ['r']);
    await insertPet(pool, 'den', ['r']);
    await streams.release(grant);
    const bulk = (await streams.acquire(PET_AGGREGATES_STREAM, 'rebuilder', 'bulk', 30_000))!;
    const outcome = await store.rebuild(bulk, () => undefined);
    expect(outcome).toMatchObject({ pets: 2, counts: 2 });
    expect(await storedCounts(pool)).toEqual({ 'r/house': 1, 'r/den': 1 });
    await streams.release(bulk);

    await open.query('COMMIT');
    grant = (await streams.acquire(PET_AGGREGATES_STREAM, 'test-worker', 'update', 30_000))!;
    expect(await drain(1)).toBe(1); // O only: P was in the rebuild
    expect(await storedCounts(pool)).toEqual({ 'r/house': 1, 'r/den': 2 });
    expect(await storedCounts(pool)).toEqual(await recount(pool));

    // Once past the snapshot, the watermark forgets it.
    await insertPet(pool, 'yard', ['r']);
    await drain(1);
    const { rows } = await pool.query<{ base: string | null }>(
      `SELECT watermark->>'base' AS base FROM stream_state`,
    );
    expect(rows[0].base).toBeNull();
    expect(await storedCounts(pool)).toEqual(await recount(pool));
  });

  it('refuses a batch from a holder that lost the lock, and writes nothing', async () => {
    await streams.release(grant);
    const stale = (await streams.acquire(PET_AGGREGATES_STREAM, 'paused-worker', 'update', 200))!;
    await insertPet(pool, 'house', ['f']);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const successor = (await streams.acquire(PET_AGGREGATES_STREAM, 'successor', 'update', 30_000))!;
    await expect(store.applyNextBatch(stale, 100)).rejects.toBeInstanceOf(FencedOutError);
    expect(await storedCounts(pool)).toEqual({});
    expect(await drain(1, successor)).toBe(1);
    expect(await storedCounts(pool)).toEqual({ 'f/house': 1 });
  });

  it('reports the lag and prunes only applied changes', async () => {
    await insertPet(pool, 'house', ['l']);
    await insertPet(pool, 'house', ['l']);
    expect((await store.lag()).changes).toBe(2);
    await drain(2);
    expect(await store.lag()).toEqual({ changes: 0, seconds: 0 });
    await insertPet(pool, 'house', ['l']);
    expect(await store.pruneAppliedChanges(0)).toBe(2);
    const { rows } = await pool.query<{ n: number }>('SELECT count(*)::int AS n FROM pet_changes');
    expect(rows[0].n).toBe(1);
    await drain(1);
    expect(await storedCounts(pool)).toEqual({ 'l/house': 3 });
  });

  it('folds a batch in SQL exactly as foldChanges does, and drops the counts it brings to zero', async () => {
    // Histories of creates, moves, retags and deletes over a few pets, tags
    // and places (so that deltas cancel and counts reach zero), written to
    // the change log with pinned ids and folded in batches of random sizes.
    // The reference is the worker-side fold the MongoDB store uses.
    const step = fc.record({
      pet: fc.integer({ min: 0, max: 3 }),
      location: fc.constantFrom('house', 'yard', 'den'),
      tags: fc.uniqueArray(fc.constantFrom('a', 'b', 'c', 'd'), { maxLength: 3 }),
      action: fc.constantFrom('put', 'move', 'retag', 'delete'),
    });
    await fc.assert(
      fc.asyncProperty(
        fc.array(step, { minLength: 1, maxLength: 30 }),
        fc.array(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 5 }),
        async (steps, batchSizes) => {
          await pool.query(`TRUNCATE pet_changes, tag_location_counts`);
          await pool.query(`UPDATE stream_state SET watermark = '{}'::jsonb`);
          const pets = new Map<number, { location: string; tags: string[] }>();
          const changes: PetChange[] = [];
          for (const { pet, location, tags, action } of steps) {
            const before = pets.get(pet) ?? null;
            const after =
              action === 'delete'
                ? null
                : action === 'put' || !before
                  ? { location, tags }
                  : action === 'move'
                    ? { location, tags: before.tags }
                    : { location: before.location, tags };
            if (after) pets.set(pet, after);
            else pets.delete(pet);
            if (before || after) changes.push({ petId: String(pet), before, after, changedAt: new Date() });
          }
          for (const [index, change] of changes.entries()) {
            await pool.query(
              `INSERT INTO pet_changes (txid, seq, pet_id, before_location, before_tags, after_location, after_tags)
               OVERRIDING SYSTEM VALUE VALUES ($1::text::xid8, $2, gen_random_uuid(), $3, $4, $5, $6)`,
              [
                100 + Math.floor(index / 2), // two entries per transaction, as a batched update writes them
                index + 1,
                change.before?.location ?? null,
                change.before?.tags ?? null,
                change.after?.location ?? null,
                change.after?.tags ?? null,
              ],
            );
          }
          let applied = 0;
          for (let round = 0; applied < changes.length; round++) {
            const batch = await store.applyNextBatch(grant, batchSizes[round % batchSizes.length]);
            expect(batch.applied).toBeGreaterThan(0);
            applied += batch.applied;
            const zeros = await pool.query('SELECT 1 FROM tag_location_counts WHERE count = 0');
            expect(zeros.rowCount).toBe(0);
          }
          expect(applied).toBe(changes.length);
          const expected = Object.fromEntries(
            foldChanges(changes)
              .map(({ tag, location, delta }) => [`${tag}/${location}`, delta] as const)
              .sort(([a], [b]) => (a < b ? -1 : 1)),
          );
          expect(await storedCounts(pool)).toEqual(expected);
        },
      ),
      { numRuns: 40 },
    );
  });
});
