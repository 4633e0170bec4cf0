import { collectDefaultMetrics, Registry } from 'prom-client';
import { HttpResponseTally } from './http-response-tally';

/**
 * The process's Prometheus registry: process and Node.js metrics, plus the
 * HTTP metrics recorded for every response. Labels use the route template
 * (`/v1/pets/:id`), never the raw URL, so cardinality stays bounded.
 */
export class ApiMetrics {
  readonly registry = new Registry();

  private readonly responses = new HttpResponseTally({
    requests: {
      name: 'http_requests_total',
      help: 'HTTP requests answered, by method, route template and status code.',
    },
    duration: {
      name: 'http_request_duration_seconds',
      help: 'Time from receiving a request to finishing its response, by method, route template and status code.',
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    },
  });

  constructor(defaultLabels: Record<string, string> = {}) {
    this.registry.setDefaultLabels(defaultLabels);
    collectDefaultMetrics({ register: this.registry });
    this.responses.registerIn(this.registry);
  }

  observe(method: string, route: string, status: number, seconds: number): void {
    this.responses.record(method, route, status, seconds);
  }
}
