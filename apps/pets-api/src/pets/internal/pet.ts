/** A pet's identifier: a UUIDv7, so ids sort by creation time and pages are stable. */
export type PetId = string;

/** The internal representation (the articles' PetInt): one model whatever the API version or store. */
export interface Pet {
  readonly id: PetId;
  readonly name: string;
  readonly location: string;
  /** A set: normalised, unique, sorted. */
  readonly tags: readonly string[];
  /** Grows by one with every write; the basis of ETags and If-Match. */
  readonly version: number;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

/** What a consumer supplies to create a pet. */
export interface PetDraft {
  readonly name: string;
  readonly location: string;
  readonly tags: readonly string[];
}

/** A partial update: only the fields present change. */
export type PetChanges = Partial<PetDraft>;

/** Who asked for a write, carried into the change log. */
export interface WriteMeta {
  readonly reqId?: string;
}

export interface PetQuery {
  readonly tag?: string;
  readonly location?: string;
  /** Page size. */
  readonly limit: number;
  /** Return pets whose id sorts after this one. */
  readonly after?: PetId;
}

export interface PetPage {
  readonly items: readonly Pet[];
  /** The id to continue after, when there are more pets. */
  readonly next?: PetId;
}

/** A caller's precondition on the current version (HTTP If-Match). */
export type VersionPrecondition = { readonly anyVersion: true } | { readonly versions: readonly number[] };
