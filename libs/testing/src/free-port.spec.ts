import { createServer } from 'node:net';
import { freePort, freePorts } from './free-port';

describe('freePorts', () => {
  it('answers distinct ports, each of which can be listened on afterwards', async () => {
    const ports = await freePorts(8);
    expect(new Set(ports).size).toBe(8);
    for (const port of [...ports, await freePort()]) {
      const server = createServer().listen(port, '127.0.0.1');
      await new Promise((resolve, reject) => server.once('listening', resolve).once('error', reject));
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
