/** A tag's counts in the `tag_counts` collection: the article's document, keyed by tag. */
export interface TagCountsDocument {
  _id: string;
  location: Record<string, number>;
}

/** One change-log entry, as the pets API writes it (see the API's pet-change-log.mongodb.ts). */
export interface ChangeDocument {
  _id: number;
  petId: string;
  before: { location: string; tags: string[] } | null;
  after: { location: string; tags: string[] } | null;
  changedAt: Date;
}

export interface CounterDocument {
  _id: string;
  seq: number;
}

/** MongoDB's watermark: the sequence number of the last change folded in (or counted by a rebuild). */
export function mongoWatermarkOf(raw: Readonly<Record<string, unknown>>): number {
  return typeof raw.seq === 'number' ? raw.seq : 0;
}

/** Locations are lowercase words of letters, digits and dashes: safe as field names in `location.<name>`. */
export const SAFE_FIELD = /^[a-z0-9-]{1,32}$/;

/** Drops zero counts from every touched tag, then tags left with none. */
export const NON_ZERO_LOCATIONS = [
  {
    $set: {
      location: {
        $arrayToObject: {
          $filter: { input: { $objectToArray: '$location' }, cond: { $ne: ['$$this.v', 0] } },
        },
      },
    },
  },
];
