import { Agent, createServer, get, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startTestApi, type TestApi } from '../support/test-api';

// Shutdown must not leave a client's keep-alive connection open for its next
// request: the answer in flight when close() starts says Connection: close.

describe('drain on close', () => {
  let upstream: Server;
  let api: TestApi;
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });

  beforeAll(async () => {
    // Answers after 300 ms, so a request is still in flight when the API closes.
    upstream = createServer((_req, res) => setTimeout(() => res.end('slow page'), 300));
    await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
    api = await startTestApi({
      env: { UPSTREAM_URL: `http://127.0.0.1:${(upstream.address() as AddressInfo).port}/` },
    });
  });
  afterAll(async () => {
    agent.destroy();
    await api.close();
    upstream.closeAllConnections();
    await new Promise((resolve) => upstream.close(resolve));
  });

  const fetchUpstreamRoute = (): Promise<{ response: IncomingMessage; body: string }> =>
    new Promise((resolve, reject) => {
      get(`${api.url}/v1/upstream`, { agent }, (response) => {
        let body = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (body += chunk));
        response.on('end', () => resolve({ response, body }));
      }).on('error', reject);
    });

  it('keeps connections alive while serving, and answers the request in flight at close with Connection: close', async () => {
    const before = await fetchUpstreamRoute();
    expect(before.response.headers.connection).toBe('keep-alive');
    // The server's keep-alive timeout (API_CONNECTION_OPTIONS), set on the server the fast lane makes.
    expect(before.response.headers['keep-alive']).toBe('timeout=72');

    const inFlight = fetchUpstreamRoute();
    await new Promise((resolve) => setTimeout(resolve, 100));
    const closing = api.closeApp();
    const { response, body } = await inFlight;
    expect(response.statusCode).toBe(200);
    expect(JSON.parse(body)).toEqual({ status: 200, length: 9 });
    expect(response.headers.connection).toBe('close');
    await closing;
  });
});
