import type { FastifyServerOptions } from 'fastify';

/**
 * The API's Fastify options for its connections. A file with no runtime
 * imports, so the benchmark's reference servers run with exactly these.
 */
export const API_CONNECTION_OPTIONS = {
  // Longer than the usual ingress/load-balancer idle timeout (60 s), so the proxy closes first.
  keepAliveTimeout: 72_000,
  // On shutdown: stop accepting, let requests in flight finish, close idle keep-alive sockets.
  forceCloseConnections: 'idle',
  return503OnClosing: true,
} as const satisfies FastifyServerOptions;
