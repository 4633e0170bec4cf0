import { Module } from '@nestjs/common';
import { UpstreamFastifyRoute } from './consumer/http/upstream.fastify-route';
import { UpstreamService } from './internal/upstream.service';

@Module({ providers: [UpstreamService, UpstreamFastifyRoute] })
export class UpstreamModule {}
