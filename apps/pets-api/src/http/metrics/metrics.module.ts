import { type DynamicModule, Global, Module } from '@nestjs/common';
import { ApiMetrics } from './api-metrics';
import { MetricsHttpController } from './metrics.http.controller';

@Global()
@Module({})
export class MetricsModule {
  static forRoot(metrics: ApiMetrics): DynamicModule {
    return {
      module: MetricsModule,
      controllers: [MetricsHttpController],
      providers: [{ provide: ApiMetrics, useValue: metrics }],
      exports: [ApiMetrics],
    };
  }
}
