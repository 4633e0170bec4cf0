import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import {
  fastifyLoggingOptions,
  type LoggerRegistry,
  NestLoggerAdapter,
  requestLoggingSteps,
} from '@pets/logging';
import { AppModule } from '../app.module';
import type { ApiSettings } from '../config/api.settings';
import { BODY_LIMIT_BYTES, registerBodyParsers } from '../http/content/body-parsers';
import { contentNegotiationStep } from '../http/content/content-negotiation.step';
import { HttpFastLane } from '../http/fast-lane/http-fast-lane';
import { API_CONNECTION_OPTIONS } from '../http/lifecycle/connection-options';
import { registerDrainOnClose } from '../http/lifecycle/drain-on-close';
import { ApiMetrics } from '../http/metrics/api-metrics';
import { httpMetricsStep } from '../http/metrics/http-metrics.step';
import { registerHttpPipeline } from '../http/pipeline/http-pipeline';
import { serveOpenApi } from './openapi.setup';

/**
 * Builds the API on Fastify, wired to the process logger. Used by `main.ts`
 * and by the HTTP tests, so the tests exercise the application users run.
 */
export async function createApiApp(
  settings: ApiSettings,
  logging: LoggerRegistry,
): Promise<NestFastifyApplication> {
  const metrics = new ApiMetrics();
  const fastLane = new HttpFastLane(metrics, logging);
  const adapter = new FastifyAdapter({
    ...fastifyLoggingOptions(logging),
    ...API_CONNECTION_OPTIONS,
    bodyLimit: BODY_LIMIT_BYTES,
    // The API has no Nest middleware: without @fastify/middie no request runs its hook
    // (1-2% of the benchmark route's throughput). Nest middleware would need it back.
    skipMiddie: true,
    // The server is made by the fast lane, whose routes' plain requests never reach Fastify.
    serverFactory: fastLane.serverFactory,
  });
  const fastify = adapter.getInstance();
  registerBodyParsers(fastify);
  registerDrainOnClose(fastify);
  fastLane.attachTo(fastify);
  // Every request's concerns, in order, run from the hooks Nest's adapter already has.
  registerHttpPipeline(adapter, [
    requestLoggingSteps(fastify, logging),
    contentNegotiationStep,
    httpMetricsStep(metrics),
  ]);
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot({ settings, logging, metrics, fastLane }),
    adapter,
    {
      logger: new NestLoggerAdapter(logging),
      // Fastify parses JSON itself (prototype poisoning refused); no urlencoded forms.
      bodyParser: false,
    },
  );
  serveOpenApi(app);
  return app;
}
