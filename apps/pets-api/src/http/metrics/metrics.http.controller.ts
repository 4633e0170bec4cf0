import { Controller, Get, Header, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { clusterMetricsSource } from '../../process/cluster-metrics';
import { ApiMetrics } from './api-metrics';

@ApiExcludeController()
@Controller('metrics')
export class MetricsHttpController {
  /** In a cluster worker: every worker's metrics, gathered by the primary. */
  private readonly clusterMetrics: (() => Promise<string>) | undefined;

  constructor(private readonly metrics: ApiMetrics) {
    this.clusterMetrics = clusterMetricsSource(metrics.registry);
  }

  @Get()
  @Header('cache-control', 'no-store')
  async scrape(@Res() reply: FastifyReply): Promise<void> {
    const text = this.clusterMetrics ? await this.clusterMetrics() : await this.metrics.registry.metrics();
    await reply.type(this.metrics.registry.contentType).send(text);
  }
}
