import { Injectable } from '@nestjs/common';
import {
  AggregatesReader,
  type AggregationStatus,
  type RebuildJob,
  RebuildJobs,
  type TagCounts,
  type TagCountsPage,
} from '@pets/pet-aggregates';
import { PetRulesViolatedError } from '../../pets/internal/pet.errors';
import { checkTag, normalizeTag } from '../../pets/internal/pet.rules';
import { RebuildJobNotFoundError, TagNotFoundError } from './tags.errors';

/** Per-tag location counts, kept by the aggregation worker; read here. */
@Injectable()
export class TagsService {
  constructor(
    private readonly aggregates: AggregatesReader,
    private readonly rebuilds: RebuildJobs,
  ) {}

  async counts(rawTag: string): Promise<TagCounts> {
    const tag = normalizeTag(rawTag);
    const violations = checkTag(tag);
    if (violations.length > 0) throw new PetRulesViolatedError(violations);
    const counts = await this.aggregates.tagCounts(tag);
    if (!counts) throw new TagNotFoundError(tag);
    return counts;
  }

  list(limit: number, after?: string): Promise<TagCountsPage> {
    return this.aggregates.listTags(limit, after);
  }

  status(): Promise<AggregationStatus> {
    return this.aggregates.status();
  }

  requestRebuild(requestedBy: string): Promise<RebuildJob> {
    return this.rebuilds.enqueue(requestedBy);
  }

  async rebuildJob(id: string): Promise<RebuildJob> {
    const job = await this.rebuilds.find(id);
    if (!job) throw new RebuildJobNotFoundError(id);
    return job;
  }
}
