import { ensureEmbeddedDatastore, type EmbeddedDatastore } from '@pets/datastore';
import { getLogger } from '@pets/logging';
import { TcpProxy, testPostgresUrl } from '@pets/testing';
import { call, expectProblem } from '../support/http-client';
import { startTestApi, type TestApi } from '../support/test-api';

async function eventually<T>(
  probe: () => Promise<T>,
  accept: (value: T) => boolean,
  timeoutMs = 15_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (accept(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

// The datastore goes away under a running API (every connection broken, new
// ones refused), then comes back. Nothing is restarted by hand.
describe('datastore outage: 503 with Retry-After, fast, then recovery by itself', () => {
  let proxy: TcpProxy;
  let api: TestApi;
  let embedded: EmbeddedDatastore | undefined;
  let petId: string;

  beforeAll(async () => {
    // Through the proxy to PostgreSQL when there is one, else to an embedded server.
    embedded = testPostgresUrl ? undefined : await ensureEmbeddedDatastore('memory://', getLogger('test'));
    const target = new URL(testPostgresUrl ?? embedded!.url);
    proxy = await new TcpProxy(target.hostname, Number(target.port)).start();
    api = await startTestApi({
      env: {
        DATASTORE_TIMEOUT_MS: '3000',
        DATASTORE_BREAKER_RESET_MS: '500',
        ...(embedded ? { DATASTORE_URL: proxied(embedded.url, proxy.port) } : {}),
      },
      datastoreUrl: (isolated) => proxied(isolated, proxy.port),
    });
    petId = (
      await call(api.url, 'POST', '/v1/pets', { body: { name: 'Rex', location: 'house' }, auth: true })
    ).json.id;
  });
  afterAll(async () => {
    await api?.close();
    await proxy?.stop();
    await embedded?.stop();
  });

  it('answers 503 + Retry-After while the store is down, fails fast once the circuit opens, and heals', async () => {
    expect((await call(api.url, 'GET', '/readyz')).status).toBe(200);
    await proxy.cut();

    const first = await call(api.url, 'GET', `/v1/pets/${petId}`);
    expectProblem(first, 503);
    expect(first.headers.get('retry-after')).toBe('1');

    // A few more failures open the circuit; from then on nobody waits on the dead store.
    for (let i = 0; i < 3; i++) await call(api.url, 'GET', `/v1/pets/${petId}`);
    const started = Date.now();
    const fast = await call(api.url, 'POST', '/v1/pets', {
      body: { name: 'Lost', location: 'house' },
      auth: true,
    });
    expectProblem(fast, 503);
    expect(Date.now() - started).toBeLessThan(1_000); // well under DATASTORE_TIMEOUT_MS (3 s)

    const notReady = await call(api.url, 'GET', '/readyz');
    expectProblem(notReady, 503);
    expect((await call(api.url, 'GET', '/healthz')).status).toBe(200); // liveness is not the datastore

    await proxy.restore();
    const ready = await eventually(
      () => call(api.url, 'GET', '/readyz'),
      (answer) => answer.status === 200,
    );
    expect(ready.status).toBe(200);
    const read = await call(api.url, 'GET', `/v1/pets/${petId}`);
    expect(read.status).toBe(200);
    expect(read.json.name).toBe('Rex');
    // The write refused during the outage did not happen.
    const lost = await call(api.url, 'GET', '/v1/pets?limit=500');
    expect(lost.json.items.map((p: { name: string }) => p.name)).not.toContain('Lost');
  });
});

function proxied(url: string, port: number): string {
  const target = new URL(url);
  target.hostname = '127.0.0.1';
  target.port = String(port);
  return target.toString();
}
