import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiProduces, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '../../../http/openapi/api-problems.decorator';
import { TagsService } from '../../internal/tags.service';
import { AggregationStatusV1, ListTagsQuery, TagCountsPageV1, TagCountsV1 } from './tags.v1.dto';
import { TagsV1Mapper } from './tags.v1.mapper';

@ApiTags('tags v1')
@ApiProduces('application/json', 'application/yaml')
@ApiProblems(406, 503)
@Controller('v1')
export class TagsV1HttpController {
  constructor(private readonly tags: TagsService) {}

  @Get('tags/:tag')
  @ApiOperation({ summary: "How many pets carry a tag, in each location (the article's aggregate)" })
  @ApiParam({ name: 'tag', example: 'mammal' })
  @ApiOkResponse({ type: TagCountsV1 })
  @ApiProblems(400, 404)
  async counts(@Param('tag') tag: string): Promise<TagCountsV1> {
    const counts = await this.tags.counts(tag);
    return { tag: counts.tag, location: { ...counts.location } };
  }

  @Get('tags')
  @ApiOperation({ summary: 'Every tag with its counts, in tag order, a page at a time' })
  @ApiOkResponse({ type: TagCountsPageV1 })
  @ApiProblems(400)
  async list(@Query() query: ListTagsQuery): Promise<TagCountsPageV1> {
    const page = await this.tags.list(query.limit ?? 100, TagsV1Mapper.afterFromCursor(query.cursor));
    return TagsV1Mapper.pageFromInternal(page);
  }

  @Get('aggregates/status')
  @ApiOperation({ summary: 'The aggregation worker: watermark, lag, lock holder, last batch' })
  @ApiOkResponse({ type: AggregationStatusV1 })
  async status(): Promise<AggregationStatusV1> {
    return { ...(await this.tags.status()) };
  }
}
