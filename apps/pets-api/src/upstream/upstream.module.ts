import { Module } from '@nestjs/common';
import { UpstreamHttpRoute } from './consumer/http/upstream.http-route';
import { UpstreamService } from './internal/upstream.service';

@Module({ providers: [UpstreamService, UpstreamHttpRoute] })
export class UpstreamModule {}
