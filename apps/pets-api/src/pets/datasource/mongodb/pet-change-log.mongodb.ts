import type { ClientSession, Db } from 'mongodb';
import { MONGO_COLLECTIONS } from '@pets/datastore';

/** Where a pet was and what tags it had, before or after a write; null when it did not exist. */
export interface PetPlacement {
  location: string;
  tags: string[];
}

/** One entry of the change log; `_id` is its position in commit order (1, 2, 3, ...). */
export interface PetChangeDocument {
  _id: number;
  petId: string;
  before: PetPlacement | null;
  after: PetPlacement | null;
  changedAt: Date;
  reqId: string | null;
}

interface CounterDocument {
  _id: string;
  seq: number;
}

/**
 * Appends a change inside the caller's transaction. The sequence comes from a
 * counter document incremented in that same transaction: two writers touching
 * it conflict and one retries, so sequence order is commit order and there are
 * no gaps (an aborted write gives its number back). A reader that has seen
 * entry N has seen every entry below N; ObjectIds, made by clients before the
 * commit, give no such guarantee.
 */
export async function appendPetChange(
  db: Db,
  session: ClientSession,
  change: Omit<PetChangeDocument, '_id' | 'changedAt'>,
): Promise<void> {
  const counter = await db
    .collection<CounterDocument>(MONGO_COLLECTIONS.counters)
    .findOneAndUpdate(
      { _id: MONGO_COLLECTIONS.petChanges },
      { $inc: { seq: 1 } },
      { upsert: true, returnDocument: 'after', session },
    );
  await db
    .collection<PetChangeDocument>(MONGO_COLLECTIONS.petChanges)
    .insertOne({ _id: counter!.seq, ...change, changedAt: new Date() }, { session });
}

export function placementChanged(before: PetPlacement, after: PetPlacement): boolean {
  return (
    before.location !== after.location ||
    before.tags.length !== after.tags.length ||
    before.tags.some((tag, index) => tag !== after.tags[index])
  );
}
