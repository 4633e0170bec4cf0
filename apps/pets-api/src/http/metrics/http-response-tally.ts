import type { Metric, Registry } from 'prom-client';

/** The responses of one (method, route template, status). */
interface Series {
  readonly method: string;
  readonly route: string;
  readonly status: number;
  /** Responses per finite duration bucket, not cumulative (+Inf is `count`). */
  readonly perBucket: number[];
  sum: number;
  count: number;
}

export interface HttpResponseMetricNames {
  /** Counter of responses, labelled method, route, status. */
  requests: { name: string; help: string };
  /** Histogram of durations in seconds, same labels. */
  duration: { name: string; help: string; buckets: readonly number[] };
}

/**
 * Counts every HTTP response and its duration, as plain numbers, and hands
 * them to Prometheus in prom-client's exposition only when scraped.
 *
 * prom-client's own Counter and Histogram validate and hash the label set on
 * every call, allocating as they go: measured, recording a response that way
 * was 3% of an API worker's CPU on the benchmark route, more than the rest of
 * our per-request code together. Here a response costs two map/array lookups
 * and three additions; the series and their output format are the same.
 */
export class HttpResponseTally {
  private readonly byRoute = new Map<string, Series[]>();
  private readonly bounds: readonly number[];

  constructor(private readonly names: HttpResponseMetricNames) {
    this.bounds = [...names.duration.buckets].sort((a, b) => a - b);
  }

  record(method: string, route: string, status: number, seconds: number): void {
    let seriesOfRoute = this.byRoute.get(route);
    if (seriesOfRoute === undefined) {
      seriesOfRoute = [];
      this.byRoute.set(route, seriesOfRoute);
    }
    // A route answers with a handful of (method, status) pairs: a scan beats hashing them.
    let series: Series | undefined;
    for (const candidate of seriesOfRoute) {
      if (candidate.status === status && candidate.method === method) {
        series = candidate;
        break;
      }
    }
    if (series === undefined) {
      series = {
        method,
        route,
        status,
        perBucket: new Array<number>(this.bounds.length).fill(0),
        sum: 0,
        count: 0,
      };
      seriesOfRoute.push(series);
    }
    let bucket = 0;
    while (bucket < this.bounds.length && seconds > this.bounds[bucket]) bucket++;
    if (bucket < this.bounds.length) series.perBucket[bucket]++;
    series.sum += seconds;
    series.count++;
  }

  /** Adds the counter and the histogram to `registry` (their values are read at each scrape). */
  registerIn(registry: Registry): void {
    const { requests, duration } = this.names;
    registry.registerMetric(
      this.metric(requests.name, requests.help, 'counter', () =>
        [...this.allSeries()].map((series) => ({ labels: labelsOf(series), value: series.count })),
      ),
    );
    registry.registerMetric(
      this.metric(duration.name, duration.help, 'histogram', () => this.histogramValues(duration.name)),
    );
  }

  private *allSeries(): Iterable<Series> {
    for (const seriesOfRoute of this.byRoute.values()) yield* seriesOfRoute;
  }

  /** In prom-client's shape: cumulative `_bucket` lines (le first), then `_sum` and `_count`. */
  private histogramValues(name: string): MetricValue[] {
    const values: MetricValue[] = [];
    for (const series of this.allSeries()) {
      const labels = labelsOf(series);
      let cumulative = 0;
      this.bounds.forEach((bound, index) => {
        cumulative += series.perBucket[index];
        values.push({ labels: { le: bound, ...labels }, value: cumulative, metricName: `${name}_bucket` });
      });
      values.push(
        { labels: { le: '+Inf', ...labels }, value: series.count, metricName: `${name}_bucket` },
        { labels, value: series.sum, metricName: `${name}_sum` },
        { labels, value: series.count, metricName: `${name}_count` },
      );
    }
    return values;
  }

  /** An object prom-client's registry (and its cluster aggregator) treats like one of its own metrics. */
  private metric(
    name: string,
    help: string,
    type: 'counter' | 'histogram',
    values: () => MetricValue[],
  ): Metric {
    const metric = {
      name,
      help,
      type,
      aggregator: 'sum',
      get: () => Promise.resolve({ name, help, type, aggregator: 'sum', values: values() }),
      reset: () => this.byRoute.clear(),
    };
    return metric as unknown as Metric;
  }
}

interface MetricValue {
  labels: Record<string, string | number>;
  value: number;
  metricName?: string;
}

function labelsOf(series: Series): Record<string, string> {
  return { method: series.method, route: series.route, status: String(series.status) };
}
