import { Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { DatastoreConnection } from '@pets/datastore';
import { getLogger } from '@pets/logging';
import { AggregationSettings } from '../config/aggregation.settings';
import { MetricsHttpServer } from './metrics.http-server';
import { WorkerMetrics } from './worker-metrics';

/** Serves the worker's metrics and probes for as long as the worker runs. */
@Injectable()
export class MetricsEndpoint implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = getLogger('worker-http');
  private readonly server: MetricsHttpServer;

  constructor(
    private readonly settings: AggregationSettings,
    metrics: WorkerMetrics,
    connection: DatastoreConnection,
  ) {
    this.server = new MetricsHttpServer(metrics, () => Promise.resolve(connection.isSchemaReady), this.log);
  }

  async onApplicationBootstrap(): Promise<void> {
    const address = await this.server.listen(this.settings.metricsPort, this.settings.metricsHost);
    this.log.info({ port: address.port, host: address.address }, 'metrics and probes listening');
  }

  async onApplicationShutdown(): Promise<void> {
    await this.server.close();
  }
}
