import type { FastifyInstance } from 'fastify';
import type { ApiMetrics } from './api-metrics';

/** Records every response, including those Fastify answers itself (404, 413, 415). */
export function registerHttpMetrics(fastify: FastifyInstance, metrics: ApiMetrics): void {
  fastify.addHook('onResponse', (request, reply, done) => {
    metrics.observe(
      request.method,
      request.routeOptions.url ?? 'unmatched',
      reply.statusCode,
      reply.elapsedTime / 1000,
    );
    done();
  });
}
