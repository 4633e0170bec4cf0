import { once } from 'node:events';
import { createServer } from 'node:net';

/**
 * A TCP port free on 127.0.0.1 right now, for a process that must be told
 * its port before it starts (one that can take port 0 should).
 */
export async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  await once(server, 'close');
  return port;
}
