import type { FastifyRequest } from 'fastify';
import type { WriteMeta } from '../../../internal/pet';

/** What a write carries into the change log from its HTTP request. */
export function writeMetaOf(request: FastifyRequest): WriteMeta {
  return { reqId: request.id };
}
