import type { HttpStep } from '../pipeline/http-step';
import type { ApiMetrics } from './api-metrics';

/** Records every response, including those Fastify answers itself (404, 413, 415). */
export function httpMetricsStep(metrics: ApiMetrics): HttpStep {
  return {
    onResponse(request, reply) {
      metrics.observe(
        request.method,
        request.routeOptions.url ?? 'unmatched',
        reply.statusCode,
        reply.elapsedTime / 1000,
      );
    },
  };
}
