import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { UPSTREAM_ROUTE_SCHEMA } from '../../apps/pets-api/src/upstream/consumer/http/upstream.route-schema';
import { API_CONNECTION_OPTIONS } from '../../apps/pets-api/src/http/lifecycle/connection-options';
import { runReferenceServer } from './reference-server';

// The route as the API serves it (on the Fastify instance of Nest's adapter),
// in a Nest application with nothing else: no module of the API's, none of the
// platform's per-request work. Between this and `fastify` is what Nest's
// FastifyAdapter adds to every request (its hooks and its router constraint).

@Module({})
class EmptyModule {}

runReferenceServer('nest', async ({ port, client }) => {
  const adapter = new FastifyAdapter({
    ...API_CONNECTION_OPTIONS,
    skipMiddie: true, // as the API's adapter
  });
  const app = await NestFactory.create<NestFastifyApplication>(EmptyModule, adapter, { logger: false });
  adapter.getInstance().get('/v1/upstream', { schema: UPSTREAM_ROUTE_SCHEMA }, () => client.get());
  await app.listen(port, '127.0.0.1');
  return { listener: app.getHttpServer(), close: () => app.close() };
});
