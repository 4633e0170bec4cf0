import { ensureEmbeddedDatastore, type EmbeddedDatastore } from '@pets/datastore';
import { getLogger } from '@pets/logging';
import {
  isolatedPostgres,
  type IsolatedPostgres,
  SpawnedService,
  TcpProxy,
  testPostgresUrl,
} from '@pets/testing';

const TOKEN = 'shutdown-test-token';

// SIGTERM to the built API while a request is in flight: the request still
// gets its answer, no new connection is accepted, the pools close, exit 0.
describe('graceful shutdown (built API, real process)', () => {
  let database: IsolatedPostgres | undefined;
  let embedded: EmbeddedDatastore | undefined;
  let proxy: TcpProxy;

  beforeAll(async () => {
    database = testPostgresUrl ? await isolatedPostgres(testPostgresUrl, 'shutdown') : undefined;
    embedded = database ? undefined : await ensureEmbeddedDatastore('memory://', getLogger('test'));
    const target = new URL(database?.url ?? embedded!.url);
    proxy = await new TcpProxy(target.hostname, Number(target.port)).start();
  });
  afterAll(async () => {
    await proxy.stop();
    await database?.drop();
    await embedded?.stop();
  });

  it('finishes the request in flight, refuses new ones, closes the pools and exits 0', async () => {
    const url = new URL(database?.url ?? embedded!.url);
    url.hostname = '127.0.0.1';
    url.port = String(proxy.port);
    const api = SpawnedService.start('dist/apps/pets-api/src/main.js', {
      env: {
        PORT: '0',
        HOST: '127.0.0.1',
        API_WORKERS: '1',
        API_TOKENS: TOKEN,
        DATASTORE_URL: url.toString(),
      },
    });
    const { url: base } = (await api.waitForLog((l) => l.msg === 'pets-api listening')) as unknown as {
      url: string;
    };
    const created = await fetch(`${base}/v1/pets`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Slow', location: 'house' }),
    });
    const pet = (await created.json()) as { id: string };

    proxy.slowDown(1_500);
    const inFlight = fetch(`${base}/v1/pets/${pet.id}`);
    await new Promise((resolve) => setTimeout(resolve, 300));
    api.process.kill('SIGTERM');
    await api.waitForLog((l) => l.msg === 'shutting down');

    const answer = await inFlight;
    expect(answer.status).toBe(200);
    expect(((await answer.json()) as { name: string }).name).toBe('Slow');
    await expect(fetch(`${base}/healthz`)).rejects.toThrow();

    const exit = await api.exited;
    if (exit.code !== 0) console.log(api.lines.join('\n'), api.stderr.join('\n'));
    expect(exit.code).toBe(0);
    const messages = api.logs.map((l) => l.msg);
    expect(messages.indexOf('shutting down')).toBeLessThan(messages.indexOf('datastore connections closed'));
    expect(messages.indexOf('datastore connections closed')).toBeLessThan(
      messages.indexOf('shut down cleanly'),
    );
  }, 30_000);
});
