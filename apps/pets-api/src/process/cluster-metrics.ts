import cluster from 'node:cluster';
import { randomUUID } from 'node:crypto';
import { AggregatorRegistry, type Registry } from 'prom-client';

// With several API processes, a scrape of any one of them answers for all:
// the worker serving /metrics asks the primary, which gathers every worker's
// registry over the cluster's IPC channel (prom-client's aggregator).

const REQUEST = 'pets:cluster-metrics-request';
const RESPONSE = 'pets:cluster-metrics-response';
const TIMEOUT_MS = 3_000;

interface MetricsRequest {
  type: typeof REQUEST;
  id: string;
}
interface MetricsResponse {
  type: typeof RESPONSE;
  id: string;
  text?: string;
  error?: string;
}

/** In the primary: answer workers' requests for the whole cluster's metrics. */
export function serveClusterMetrics(): void {
  const aggregator = new AggregatorRegistry();
  cluster.on('message', (worker, message: MetricsRequest) => {
    if (message?.type !== REQUEST) return;
    aggregator.clusterMetrics().then(
      (text) => worker.send({ type: RESPONSE, id: message.id, text } satisfies MetricsResponse),
      (error: Error) =>
        worker.send({ type: RESPONSE, id: message.id, error: error.message } satisfies MetricsResponse),
    );
  });
}

/** In a worker: let the primary collect this registry, and ask it for everyone's. */
export function clusterMetricsSource(registry: Registry): (() => Promise<string>) | undefined {
  if (!cluster.isWorker) return undefined;
  // Constructing one installs prom-client's responder to the primary's requests.
  new AggregatorRegistry();
  AggregatorRegistry.setRegistries([registry]);
  return () =>
    new Promise((resolve, reject) => {
      const id = randomUUID();
      const timer = setTimeout(() => {
        process.off('message', onMessage);
        reject(new Error('the primary did not answer with the cluster metrics'));
      }, TIMEOUT_MS);
      const onMessage = (message: MetricsResponse): void => {
        if (message?.type !== RESPONSE || message.id !== id) return;
        clearTimeout(timer);
        process.off('message', onMessage);
        if (message.text !== undefined) resolve(message.text);
        else reject(new Error(message.error ?? 'cluster metrics failed'));
      };
      process.on('message', onMessage);
      process.send?.({ type: REQUEST, id } satisfies MetricsRequest);
    });
}
