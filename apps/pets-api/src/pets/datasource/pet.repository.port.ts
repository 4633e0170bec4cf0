import type { Pet, PetId, PetPage, PetQuery, WriteMeta } from '../internal/pet';

export type RemoveOutcome = 'removed' | 'not-found' | 'version-mismatch';

/**
 * Where pets are kept (the articles' datasource layer). One adapter per store;
 * the internal layer sees only this.
 *
 * Every write that changes a pet's location or tags also appends one entry to
 * the store's change log, atomically with the write (same transaction), so the
 * aggregation worker never misses or double-counts a change.
 */
export abstract class PetRepository {
  /** Stores a new pet. */
  abstract insert(pet: Pet, meta: WriteMeta): Promise<void>;

  abstract findById(id: PetId): Promise<Pet | undefined>;

  /**
   * Replaces the stored pet with `next` if the stored version is still
   * `expectedVersion`; false when it moved on (or the pet is gone).
   */
  abstract replace(next: Pet, expectedVersion: number, meta: WriteMeta): Promise<boolean>;

  /** Deletes the pet; with `expectedVersion`, only if the stored version is that one. */
  abstract remove(id: PetId, expectedVersion: number | undefined, meta: WriteMeta): Promise<RemoveOutcome>;

  /** Pets matching the filters, in id order, starting after `query.after`. */
  abstract list(query: PetQuery): Promise<PetPage>;

  /** Resolves when the store answers. */
  abstract ping(): Promise<void>;
}
