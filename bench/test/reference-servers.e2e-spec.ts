import { createServer, type Server } from 'node:http';
import { freePort } from '@pets/testing';
import { parseVariant, startVariant, unavailableBecause } from '../upstream/variants';

const PAGE = 'x'.repeat(615);

const aiohttpMissing = unavailableBecause(parseVariant('aiohttp-2'));
if (aiohttpMissing) process.stderr.write(`aiohttp-2 reference server test skipped: ${aiohttpMissing}\n`);

// The benchmark's reference servers are what the API's figures are read
// against: each must serve the API's route, from the number of processes it
// was asked for, with the upstream's real answer.
describe('the benchmark reference servers', () => {
  let upstream: Server;
  let upstreamUrl: string;
  let upstreamRequests = 0;

  beforeAll(async () => {
    upstream = createServer((_request, response) => {
      upstreamRequests++;
      response.end(PAGE);
    });
    await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
    upstreamUrl = `http://127.0.0.1:${(upstream.address() as { port: number }).port}/`;
  });

  afterAll(async () => {
    upstream.closeAllConnections();
    await new Promise((resolve) => upstream.close(resolve));
  });

  it.each(['baseline', 'fastify', 'nest', ...(aiohttpMissing ? [] : ['aiohttp'])])(
    '%s-2 answers GET /v1/upstream with the upstream status and length, from 2 processes',
    async (kind) => {
      const running = await startVariant(parseVariant(`${kind}-2`), await freePort(), upstreamUrl);
      try {
        const before = upstreamRequests;
        const response = await fetch(running.url);
        expect(response.status).toBe(200);
        expect(response.headers.get('content-type')).toMatch(/^application\/json/);
        expect(await response.json()).toEqual({ status: 200, length: PAGE.length });
        expect(upstreamRequests).toBe(before + 1);

        const notTheRoute = await fetch(new URL('/v1/elsewhere', running.url));
        expect(notTheRoute.status).toBe(404);

        const servers = running.serverPids();
        expect(servers).toHaveLength(2);
        expect(new Set(servers).size).toBe(2);
      } finally {
        await running.stop();
      }
    },
    60_000,
  );
});
