/** The article's shape: for one tag, how many pets are in each location (zero counts left out). */
export interface TagCounts {
  readonly tag: string;
  readonly location: Readonly<Record<string, number>>;
}

export interface TagCountsPage {
  readonly items: readonly TagCounts[];
  /** The tag to continue after, when there are more. */
  readonly next?: string;
}

/** The name of the stream (the change log folded into tag counts) in the stream-state record. */
export const PET_AGGREGATES_STREAM = 'pet-aggregates';
