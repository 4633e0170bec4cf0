import { applyDecorators } from '@nestjs/common';
import { ApiExtraModels, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import { PROBLEM_CONTENT_TYPE } from '../problem/problem-details';
import { ProblemDetailsSchema } from './problem-details.schema';

const DESCRIPTIONS: Record<number, string> = {
  400: 'The request is not valid: `errors` lists every failing field.',
  401: 'No bearer token, or a malformed Authorization header.',
  403: 'The bearer token may not write.',
  404: 'No such resource.',
  406: 'Accept allows neither application/json nor application/yaml.',
  409: 'The resource kept changing concurrently; retry.',
  412: 'If-Match names a version the resource no longer has (the current ETag is returned).',
  413: 'The body is larger than 64 KiB.',
  415: 'The body is neither application/json nor application/yaml.',
  502: 'The upstream answered with an error or could not be reached.',
  503: 'The datastore (or the upstream circuit) is unavailable; see Retry-After.',
  504: 'The upstream did not answer in time.',
};

/** Documents error responses as RFC 9457 problem documents. */
export function ApiProblems(...statuses: number[]): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ApiExtraModels(ProblemDetailsSchema),
    ...statuses.map((status) =>
      ApiResponse({
        status,
        description: DESCRIPTIONS[status] ?? 'Error.',
        content: { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: getSchemaPath(ProblemDetailsSchema) } } },
        ...(status === 503 || status === 429
          ? {
              headers: {
                'Retry-After': {
                  description: 'Seconds to wait before retrying.',
                  schema: { type: 'integer' },
                },
              },
            }
          : {}),
      }),
    ),
  );
}
