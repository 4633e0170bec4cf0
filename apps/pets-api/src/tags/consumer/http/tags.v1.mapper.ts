import type { RebuildJob, TagCountsPage } from '@pets/pet-aggregates';
import { validationProblem } from '../../../http/problem/problem-details';
import type { RebuildJobV1, TagCountsPageV1 } from './tags.v1.dto';

export const TagsV1Mapper = {
  pageFromInternal: (page: TagCountsPage): TagCountsPageV1 => ({
    items: page.items.map((item) => ({ tag: item.tag, location: { ...item.location } })),
    nextCursor:
      page.next === undefined
        ? null
        : Buffer.from(JSON.stringify({ after: page.next })).toString('base64url'),
  }),

  afterFromCursor: (cursor: string | undefined): string | undefined => {
    if (cursor === undefined) return undefined;
    try {
      const after = (JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { after?: unknown })
        .after;
      if (typeof after === 'string') return after;
    } catch {
      // Not one of ours: the 400 below.
    }
    throw validationProblem([{ path: 'cursor', message: 'is not a cursor this API issued' }]);
  },

  jobFromInternal: (job: RebuildJob): RebuildJobV1 => ({
    id: job.id,
    status: job.status,
    progress: { ...job.progress },
    requestedAt: job.requestedAt.toISOString(),
    startedAt: job.startedAt?.toISOString() ?? null,
    finishedAt: job.finishedAt?.toISOString() ?? null,
    runner: job.runner,
    error: job.error,
  }),
};
