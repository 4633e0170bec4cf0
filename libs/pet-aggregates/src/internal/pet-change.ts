/** Where a pet was and what tags it had, before or after a write; null when it did not exist. */
export interface PetPlacement {
  readonly location: string;
  readonly tags: readonly string[];
}

/** One entry of the change log, whatever store it came from. */
export interface PetChange {
  readonly petId: string;
  readonly before: PetPlacement | null;
  readonly after: PetPlacement | null;
  readonly changedAt: Date;
}

/** How a count moves: `delta` pets more (or fewer) with this tag in this location. */
export interface TagLocationDelta {
  readonly tag: string;
  readonly location: string;
  readonly delta: number;
}
