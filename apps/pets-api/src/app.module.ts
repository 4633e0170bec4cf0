import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import { ConfigModule } from '@pets/config';
import { DatastoreModule } from '@pets/datastore';
import type { LoggerRegistry } from '@pets/logging';
import type { ApiSettings } from './config/api.settings';
import { HealthModule } from './health/health.module';
import type { HttpFastLane } from './http/fast-lane/http-fast-lane';
import { HttpFastLaneModule } from './http/fast-lane/http-fast-lane.module';
import type { ApiMetrics } from './http/metrics/api-metrics';
import { MetricsModule } from './http/metrics/metrics.module';
import { ProblemExceptionFilter } from './http/problem/problem.exception-filter';
import { RequestValidationPipe } from './http/validation/request-validation.pipe';
import { PetsModule } from './pets/pets.module';
import { TagsModule } from './tags/tags.module';
import { UpstreamModule } from './upstream/upstream.module';

export interface AppModuleOptions {
  settings: ApiSettings;
  logging: LoggerRegistry;
  metrics: ApiMetrics;
  /** The lane the HTTP server was made with, for the routes it serves. */
  fastLane: HttpFastLane;
}

@Module({})
export class AppModule {
  static forRoot({ settings, logging, metrics, fastLane }: AppModuleOptions): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(settings),
        DatastoreModule.forRoot({ settings: settings.datastore, service: 'pets-api', logging }),
        MetricsModule.forRoot(metrics),
        HttpFastLaneModule.forRoot(fastLane),
        PetsModule,
        TagsModule,
        UpstreamModule,
        HealthModule,
      ],
      providers: [
        { provide: APP_FILTER, useClass: ProblemExceptionFilter },
        { provide: APP_PIPE, useClass: RequestValidationPipe },
      ],
    };
  }
}
