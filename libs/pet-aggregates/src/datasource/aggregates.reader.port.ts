import type { AggregationStatus } from '../internal/aggregation-status';
import type { TagCounts, TagCountsPage } from '../internal/tag-counts';

/** The read side of the aggregates (the API's). */
export abstract class AggregatesReader {
  /** The counts of one tag, or undefined when no pet has it. */
  abstract tagCounts(tag: string): Promise<TagCounts | undefined>;

  /** Every tag's counts, in tag order, a page at a time. */
  abstract listTags(limit: number, after?: string): Promise<TagCountsPage>;

  abstract status(): Promise<AggregationStatus>;
}
