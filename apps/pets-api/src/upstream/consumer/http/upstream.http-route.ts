import { Injectable, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import type { OpenAPIObject } from '@nestjs/swagger';
import { HttpFastLane } from '../../../http/fast-lane/http-fast-lane';
import { UpstreamService } from '../../internal/upstream.service';
import { UPSTREAM_ROUTE_SCHEMA } from './upstream.route-schema';

const PATH = '/v1/upstream';

/**
 * GET /v1/upstream, the articles' benchmark route. Its plain requests (JSON,
 * no query) are served by the HTTP fast lane, ahead of Fastify; the rest
 * (YAML, an Accept to negotiate, HEAD, a query string, requests while
 * closing) by Fastify's router, with the same answers. Neither goes through
 * Nest's router: its per-request layers cost about 8% of this route's
 * throughput (measured: 22.2k vs 24.2k requests/s, 2 processes, wrk -c400),
 * and Fastify's about 6% more (see HttpFastLane).
 */
@Injectable()
export class UpstreamHttpRoute implements OnModuleInit {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly lane: HttpFastLane,
    private readonly upstream: UpstreamService,
  ) {}

  onModuleInit(): void {
    const fetch = (reqId: string) => this.upstream.fetch(reqId);
    this.lane.get(PATH, fetch);
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    fastify.get(PATH, { schema: UPSTREAM_ROUTE_SCHEMA }, (request) => fetch(request.id));
  }
}

/** The route's OpenAPI description (Nest's document generator does not see routes it does not own). */
export function documentUpstreamRoute(document: OpenAPIObject): void {
  const problem = (description: string) => ({
    description,
    content: {
      'application/problem+json': { schema: { $ref: '#/components/schemas/ProblemDetailsSchema' } },
    },
  });
  document.paths[PATH] = {
    get: {
      operationId: 'UpstreamFetch',
      summary: "The articles' benchmark route: one GET to the upstream, answered as JSON",
      tags: ['benchmark'],
      parameters: [],
      responses: {
        '200': {
          description: "The upstream's status code and body length.",
          content: {
            'application/json': {
              schema: {
                type: 'object',
                required: ['status', 'length'],
                properties: {
                  status: { type: 'integer', example: 200, description: "The upstream's status code." },
                  length: { type: 'integer', example: 615, description: "Bytes in the upstream's body." },
                },
              },
            },
            'application/yaml': { schema: { type: 'object' } },
          },
        },
        '406': problem('Accept allows neither application/json nor application/yaml.'),
        '502': problem('The upstream failed or answered with a server error.'),
        '503': {
          ...problem('The upstream keeps failing: requests are not sent to it for now.'),
          headers: {
            'Retry-After': { description: 'Seconds to wait before retrying.', schema: { type: 'integer' } },
          },
        },
        '504': problem('The upstream did not answer in time.'),
      },
    },
  };
}
