import { SpawnedService } from '@pets/testing';

// The built API as users run it: its stdout must be one JSON stream holding
// Nest's own lines, ours, and the libraries' (here Fastify's), each with service.
describe('pets-api logs (built app, real stdout)', () => {
  let api: SpawnedService;

  beforeAll(async () => {
    api = SpawnedService.start('dist/apps/pets-api/src/main.js', {
      // Nothing listens on port 9 (discard) here: GET /v1/upstream answers 502.
      env: { PORT: '0', HOST: '127.0.0.1', API_WORKERS: '1', UPSTREAM_URL: 'http://127.0.0.1:9/' },
    });
    await api.waitForLog((line) => line.msg === 'pets-api listening');
  });

  afterAll(async () => {
    await api.stop();
  });

  it('writes framework, app and library lines as JSON with the same fields', () => {
    const logs = api.logs;
    const nestBootstrap = logs.find(
      (l) => l.module === 'NestApplication' && l.msg === 'Nest application successfully started',
    );
    const app = logs.find((l) => l.module === 'pets-api' && l.msg === 'pets-api listening');
    const library = logs.find((l) => l.module === 'http' && String(l.msg).startsWith('Server listening at'));
    for (const line of [nestBootstrap, app, library]) {
      expect(line).toMatchObject({ service: 'pets-api', level: 'info', pid: api.process.pid });
      expect(typeof line!.time).toBe('string');
      expect(typeof line!.hostname).toBe('string');
    }
    // Nothing on stdout that is not a JSON line.
    expect(api.lines.length).toBe(logs.length);
  });

  it('keeps a caller request id, returns it, and logs the request with it', async () => {
    const { url } = (await api.waitForLog((l) => l.msg === 'pets-api listening')) as { url: string };
    const response = await fetch(`${url.replace('0.0.0.0', '127.0.0.1')}/healthz`, {
      headers: { 'x-request-id': 'trace-me-123', authorization: 'Bearer very-secret' },
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
    expect(response.headers.get('x-request-id')).toBe('trace-me-123');
    const access = await api.waitForLog((l) => l.module === 'access' && l.reqId === 'trace-me-123');
    expect(access).toMatchObject({ service: 'pets-api', method: 'GET', url: '/healthz', status: 200 });
    expect(api.lines.join('\n')).not.toContain('very-secret');
  });

  it('logs a request the fast lane answered (GET /v1/upstream) with the same fields', async () => {
    const { url } = (await api.waitForLog((l) => l.msg === 'pets-api listening')) as { url: string };
    const response = await fetch(`${url.replace('0.0.0.0', '127.0.0.1')}/v1/upstream`, {
      headers: { 'x-request-id': 'trace-lane-1' },
    });
    expect(response.status).toBe(502);
    expect(response.headers.get('x-request-id')).toBe('trace-lane-1');
    const access = await api.waitForLog((l) => l.module === 'access' && l.reqId === 'trace-lane-1');
    expect(access).toMatchObject({
      service: 'pets-api',
      level: 'error',
      method: 'GET',
      url: '/v1/upstream',
      route: '/v1/upstream',
      status: 502,
      ms: expect.any(Number),
    });
  });

  it('makes a request id when the caller sends none', async () => {
    const { url } = (await api.waitForLog((l) => l.msg === 'pets-api listening')) as { url: string };
    const response = await fetch(`${url.replace('0.0.0.0', '127.0.0.1')}/healthz`);
    const id = response.headers.get('x-request-id');
    expect(id).toMatch(/^[A-Za-z0-9_-]{22}-\d+$/);
    await api.waitForLog((l) => l.module === 'access' && l.reqId === id);
  });
});
