import { type DynamicModule, Module } from '@nestjs/common';
import { ConfigModule } from '@pets/config';
import { DatastoreModule } from '@pets/datastore';
import type { LoggerRegistry } from '@pets/logging';
import { PetAggregatesModule } from '@pets/pet-aggregates';
import type { WorkerSettings } from './config/worker.settings';
import { MetricsEndpoint } from './metrics/metrics-endpoint.service';
import { WorkerMetrics } from './metrics/worker-metrics';
import { AggregationRunner } from './runner/aggregation.runner';
import { RebuildRunner } from './runner/rebuild.runner';

export interface WorkerModuleOptions {
  settings: WorkerSettings;
  logging: LoggerRegistry;
  /** false for `npm run rebuild`: the same wiring, without the loop and the HTTP port. */
  runLoop: boolean;
}

@Module({})
export class WorkerModule {
  static forRoot({ settings, logging, runLoop }: WorkerModuleOptions): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        ConfigModule.forRoot(settings),
        DatastoreModule.forRoot({
          settings: settings.datastore,
          service: 'aggregation-worker',
          logging,
          // A holder frozen mid-transaction must not keep the lock's row locked past its lease.
          idleInTransactionMs: settings.aggregation.leaseMs,
        }),
        PetAggregatesModule.forRoot({ rebuildTimeoutMs: settings.aggregation.rebuildTimeoutMs }),
      ],
      providers: [
        { provide: WorkerMetrics, useValue: new WorkerMetrics() },
        RebuildRunner,
        ...(runLoop ? [AggregationRunner, MetricsEndpoint] : []),
      ],
    };
  }
}
