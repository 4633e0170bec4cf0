import cluster from 'node:cluster';
import type { Server } from 'node:net';
import { UpstreamClient } from '../../apps/pets-api/src/upstream/datasource/upstream.client';
import {
  acceptFromMoreDescriptors,
  DEFAULT_ACCEPT_DESCRIPTORS,
  serveAcceptDescriptors,
} from '../../libs/runtime/src/accept-descriptors';
import { useClusterSchedulingPolicy } from '../../libs/runtime/src/cluster-scheduling';
import { keepWebAssemblyOnBaselineCompiler } from '../../libs/runtime/src/wasm-tiering';

/** What a reference server gets: its port and the API's own upstream client. */
export interface ReferenceContext {
  port: number;
  client: UpstreamClient;
}

/** A started reference server; `close` stops accepting and lets requests in flight finish. */
export interface ReferenceServer {
  /** The listening server, given more descriptors of its socket as the API's is. */
  listener: Server;
  close(): Promise<void> | void;
}

/**
 * Runs one of the benchmark's reference servers (the API's route with less
 * than the whole platform around it) the way the API runs: the primary forks
 * `REFERENCE_WORKERS` processes before creating anything, and each process
 * gets the API's runtime settings and its own upstream client (the same undici
 * pool, settings and request), so that only what serves the route differs.
 */
export function runReferenceServer(
  name: string,
  serve: (context: ReferenceContext) => Promise<ReferenceServer>,
): void {
  const workers = Number(process.env.REFERENCE_WORKERS ?? 2);
  const port = Number(process.env.PORT ?? 3900);
  // The API's setting, so that both variants of a run poll as many descriptors.
  const acceptDescriptors = Number(process.env.API_ACCEPT_DESCRIPTORS ?? DEFAULT_ACCEPT_DESCRIPTORS);
  const announce = (): void => {
    process.stdout.write(`${JSON.stringify({ msg: `${name} listening`, port })}\n`);
  };

  if (cluster.isPrimary && workers > 1) {
    useClusterSchedulingPolicy();
    serveAcceptDescriptors();
    for (let i = 0; i < workers; i++) cluster.fork();
    let listening = 0;
    cluster.on('listening', () => {
      if (++listening === workers) announce();
    });
    const stop = (): void => {
      for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGTERM');
    };
    process.on('SIGTERM', stop).on('SIGINT', stop);
    return;
  }

  keepWebAssemblyOnBaselineCompiler();
  const client = new UpstreamClient({
    url: process.env.UPSTREAM_URL ?? 'http://127.0.0.1:8080/',
    timeoutMs: 2_000,
    connections: Number(process.env.UPSTREAM_CONNECTIONS ?? 256),
  });
  serve({ port, client }).then(
    async (server) => {
      await acceptFromMoreDescriptors(server.listener, acceptDescriptors - 1);
      if (workers <= 1) announce();
      process.once('SIGTERM', () => {
        void Promise.resolve(server.close()).finally(() => {
          void client.close();
          if (process.connected) process.disconnect();
        });
      });
    },
    (error: unknown) => {
      process.stderr.write(`${name} failed to start: ${String(error)}\n`);
      process.exit(1);
    },
  );
}
