import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '@pets/logging';
import type { WorkerMetrics } from './worker-metrics';

/**
 * The worker's small HTTP port: /metrics for Prometheus, /healthz (the
 * process runs), /readyz (its datastore is set up and answering).
 */
export class MetricsHttpServer {
  private readonly server: Server;

  constructor(
    private readonly metrics: WorkerMetrics,
    private readonly ready: () => Promise<boolean>,
    private readonly log: Logger,
  ) {
    this.server = createServer((request, response) => {
      void this.answer(request.url ?? '/', request.method ?? 'GET')
        .then(({ status, type, body }) => response.writeHead(status, { 'content-type': type }).end(body))
        .catch((error: unknown) => {
          this.log.error({ err: error }, 'metrics endpoint failed');
          response.writeHead(500).end();
        });
    });
  }

  async listen(port: number, host: string): Promise<AddressInfo> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, host, () => resolve());
    });
    return this.server.address() as AddressInfo;
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private async answer(url: string, method: string): Promise<{ status: number; type: string; body: string }> {
    const path = url.split('?')[0];
    if (method !== 'GET') return { status: 405, type: 'text/plain', body: 'GET only\n' };
    if (path === '/metrics') {
      return {
        status: 200,
        type: this.metrics.registry.contentType,
        body: await this.metrics.registry.metrics(),
      };
    }
    if (path === '/healthz') return { status: 200, type: 'application/json', body: '{"status":"ok"}' };
    if (path === '/readyz') {
      const ready = await this.ready().catch(() => false);
      return ready
        ? { status: 200, type: 'application/json', body: '{"status":"ready"}' }
        : { status: 503, type: 'application/json', body: '{"status":"not ready"}' };
    }
    return { status: 404, type: 'text/plain', body: 'not found\n' };
  }
}
