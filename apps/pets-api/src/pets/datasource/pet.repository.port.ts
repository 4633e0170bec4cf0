import type { Pet, PetChanges, PetId, PetPage, PetQuery, WriteMeta } from '../internal/pet';

export type RemoveOutcome = 'removed' | 'not-found' | 'version-mismatch';

/** What became of an update. */
export type UpdateOutcome =
  | { readonly kind: 'updated'; readonly pet: Pet }
  | { readonly kind: 'not-found' }
  | { readonly kind: 'version-mismatch'; readonly currentVersion: number };

export interface UpdateOptions {
  /** Only if the stored version is one of these (an If-Match); any version when absent. */
  readonly expectedVersions?: readonly number[];
  readonly updatedAt: Date;
}

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
   * Applies `changes` to the stored pet in one atomic step, in one round trip:
   * the fields given replace the stored ones, the version goes up by one.
   * Concurrent updates of one pet apply one after the other, and each logs the
   * placement it really replaced, so none is lost and none needs a retry.
   */
  abstract update(
    id: PetId,
    changes: PetChanges,
    options: UpdateOptions,
    meta: WriteMeta,
  ): Promise<UpdateOutcome>;

  /** Deletes the pet; with `expectedVersion`, only if the stored version is that one. */
  abstract remove(id: PetId, expectedVersion: number | undefined, meta: WriteMeta): Promise<RemoveOutcome>;

  /** Pets matching the filters, in id order, starting after `query.after`. */
  abstract list(query: PetQuery): Promise<PetPage>;

  /** Resolves when the store answers. */
  abstract ping(): Promise<void>;
}
