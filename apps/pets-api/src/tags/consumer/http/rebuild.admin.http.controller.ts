import { Controller, Get, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { RequiresWriteToken } from '../../../http/auth/requires-write-token.decorator';
import { ApiProblems } from '../../../http/openapi/api-problems.decorator';
import { TagsService } from '../../internal/tags.service';
import { RebuildJobIdParams } from './rebuild-job-id.params';
import { RebuildJobV1 } from './tags.v1.dto';
import { TagsV1Mapper } from './tags.v1.mapper';

/** Full rebuilds of the aggregates, run by an aggregation worker. */
@ApiTags('admin')
@ApiProblems(406, 503)
@Controller('admin/aggregates/rebuild')
export class RebuildAdminHttpController {
  constructor(private readonly tags: TagsService) {}

  @Post()
  @HttpCode(202)
  @RequiresWriteToken()
  @ApiOperation({
    summary: 'Recompute every count from the pets; a worker runs it. Follow the job at Location.',
  })
  @ApiAcceptedResponse({ type: RebuildJobV1 })
  async request(
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<RebuildJobV1> {
    const job = await this.tags.requestRebuild(request.id);
    void reply.header('location', `/admin/aggregates/rebuild/${job.id}`);
    return TagsV1Mapper.jobFromInternal(job);
  }

  @Get(':id')
  @RequiresWriteToken()
  @ApiOperation({ summary: 'A rebuild job: status and progress' })
  @ApiOkResponse({ type: RebuildJobV1 })
  @ApiProblems(400, 404)
  async job(@Param() { id }: RebuildJobIdParams): Promise<RebuildJobV1> {
    return TagsV1Mapper.jobFromInternal(await this.tags.rebuildJob(id));
  }
}
