/**
 * GET /v1/upstream's Fastify schema. The response schema lets Fastify
 * serialise the answer with a compiled function. A file of its own, with no
 * imports, so the benchmark's Fastify-only reference server uses exactly this
 * schema without loading Nest.
 */
export const UPSTREAM_ROUTE_SCHEMA = {
  response: {
    200: {
      type: 'object',
      properties: { status: { type: 'integer' }, length: { type: 'integer' } },
      required: ['status', 'length'],
    },
  },
} as const;
