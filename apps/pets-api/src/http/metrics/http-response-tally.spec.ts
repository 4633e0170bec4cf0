import fc from 'fast-check';
import { AggregatorRegistry, Counter, Histogram, Registry } from 'prom-client';
import { HttpResponseTally } from './http-response-tally';

const BUCKETS = [0.001, 0.005, 0.1, 1];
const NAMES = {
  requests: { name: 'http_requests_total', help: 'Requests.' },
  duration: { name: 'http_request_duration_seconds', help: 'Durations.', buckets: BUCKETS },
};

type Response = [method: string, route: string, status: number, seconds: number];

/** The same responses recorded by prom-client's own Counter and Histogram: the reference. */
function referenceRegistry(responses: Response[]): Registry {
  const registry = new Registry();
  const labelNames = ['method', 'route', 'status'] as const;
  const requests = new Counter({ ...NAMES.requests, labelNames, registers: [registry] });
  const duration = new Histogram({ ...NAMES.duration, buckets: BUCKETS, labelNames, registers: [registry] });
  for (const [method, route, status, seconds] of responses) {
    const labels = { method, route, status: String(status) };
    requests.inc(labels);
    duration.observe(labels, seconds);
  }
  return registry;
}

function tallyRegistry(responses: Response[]): Registry {
  const registry = new Registry();
  const tally = new HttpResponseTally(NAMES);
  tally.registerIn(registry);
  for (const response of responses) tally.record(...response);
  return registry;
}

/** Exposition lines, order-insensitive (series come out in first-seen order in both, but need not). */
const lines = async (registry: Registry): Promise<string[]> => (await registry.metrics()).split('\n').sort();

const responses = fc.array(
  fc.tuple(
    fc.constantFrom('GET', 'PATCH', 'DELETE'),
    fc.constantFrom('/v1/pets', '/v1/pets/:id', 'unmatched'),
    fc.constantFrom(200, 204, 404, 502),
    // Bucket bounds themselves are the edge: `le` includes them.
    fc.oneof(fc.constantFrom(0, ...BUCKETS, 7), fc.double({ min: 0, max: 10, noNaN: true })),
  ),
  { maxLength: 200 },
);

describe('HttpResponseTally', () => {
  it('exposes exactly what prom-client Counter and Histogram would for the same responses', async () => {
    await fc.assert(
      fc.asyncProperty(responses, async (recorded) => {
        expect(await lines(tallyRegistry(recorded))).toEqual(await lines(referenceRegistry(recorded)));
      }),
      { numRuns: 100 },
    );
  });

  it('puts a duration equal to a bound in that bound’s bucket, and counts +Inf', async () => {
    const text = await tallyRegistry([
      ['GET', '/v1/pets', 200, 0.005],
      ['GET', '/v1/pets', 200, 9],
    ]).metrics();
    expect(text).toContain(
      'http_request_duration_seconds_bucket{le="0.001",method="GET",route="/v1/pets",status="200"} 0',
    );
    expect(text).toContain(
      'http_request_duration_seconds_bucket{le="0.005",method="GET",route="/v1/pets",status="200"} 1',
    );
    expect(text).toContain(
      'http_request_duration_seconds_bucket{le="+Inf",method="GET",route="/v1/pets",status="200"} 2',
    );
    expect(text).toContain('http_requests_total{method="GET",route="/v1/pets",status="200"} 2');
  });

  it('sums across cluster workers like prom-client metrics do', async () => {
    const workers = [
      await tallyRegistry([['GET', '/v1/upstream', 200, 0.002]]).getMetricsAsJSON(),
      await tallyRegistry([
        ['GET', '/v1/upstream', 200, 0.2],
        ['GET', '/v1/upstream', 502, 0.2],
      ]).getMetricsAsJSON(),
    ];
    const text = await AggregatorRegistry.aggregate(workers).metrics();
    expect(text).toContain('http_requests_total{method="GET",route="/v1/upstream",status="200"} 2');
    expect(text).toContain(
      'http_request_duration_seconds_bucket{le="0.005",method="GET",route="/v1/upstream",status="200"} 1',
    );
    expect(text).toContain(
      'http_request_duration_seconds_count{method="GET",route="/v1/upstream",status="502"} 1',
    );
  });

  it('starts over when the registry resets its metrics', async () => {
    const registry = tallyRegistry([['GET', '/v1/pets', 200, 0.01]]);
    registry.resetMetrics();
    expect(await registry.metrics()).not.toContain('route="/v1/pets"');
  });
});
