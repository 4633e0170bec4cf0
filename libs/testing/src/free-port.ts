import { once } from 'node:events';
import { createServer, type Server } from 'node:net';

/**
 * A TCP port free on 127.0.0.1 right now, for a process that must be told
 * its port before it starts (one that can take port 0 should).
 */
export async function freePort(): Promise<number> {
  const [port] = await freePorts(1);
  return port;
}

/**
 * `count` distinct TCP ports free on 127.0.0.1 right now. Each is held until
 * all are picked: picked one by one, nothing holds the first while the next
 * is asked for, so two calls may answer the same port.
 */
export async function freePorts(count: number): Promise<number[]> {
  const held: Server[] = [];
  try {
    for (let i = 0; i < count; i++) {
      const server = createServer().listen(0, '127.0.0.1');
      held.push(server);
      await once(server, 'listening');
    }
    return held.map((server) => (server.address() as { port: number }).port);
  } finally {
    await Promise.all(held.map((server) => new Promise((resolve) => server.close(resolve))));
  }
}
