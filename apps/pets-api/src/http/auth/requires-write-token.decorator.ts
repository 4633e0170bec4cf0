import { applyDecorators, UseGuards } from '@nestjs/common';
import { ApiBearerAuth } from '@nestjs/swagger';
import { ApiProblems } from '../openapi/api-problems.decorator';
import { WriteTokenGuard } from './write-token.guard';

/** A write endpoint: bearer token required, and its 401/403 documented. */
export function RequiresWriteToken(): MethodDecorator {
  return applyDecorators(UseGuards(WriteTokenGuard), ApiBearerAuth(), ApiProblems(401, 403));
}
