import fastify from 'fastify';
import { UPSTREAM_ROUTE_SCHEMA } from '../../apps/pets-api/src/upstream/consumer/http/upstream.route-schema';
import { API_CONNECTION_OPTIONS } from '../../apps/pets-api/src/http/lifecycle/connection-options';
import { runReferenceServer } from './reference-server';

// The route on Fastify alone: the API's connection options, response schema
// and upstream client; no Nest and none of the platform's per-request work. Between this and the baseline is
// Fastify's own cost.

runReferenceServer('fastify', async ({ port, client }) => {
  const server = fastify(API_CONNECTION_OPTIONS);
  server.get('/v1/upstream', { schema: UPSTREAM_ROUTE_SCHEMA }, () => client.get());
  await server.listen({ port, host: '127.0.0.1' });
  return { listener: server.server, close: () => server.close() };
});
