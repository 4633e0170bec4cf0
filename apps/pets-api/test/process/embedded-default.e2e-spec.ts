import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SpawnedService } from '@pets/testing';

const TOKEN = 'embedded-test-token';

async function startApi(dataDir: string): Promise<{ api: SpawnedService; base: string }> {
  const api = SpawnedService.start('dist/apps/pets-api/src/main.js', {
    env: { PORT: '0', HOST: '127.0.0.1', API_WORKERS: '1', API_TOKENS: TOKEN, EMBEDDED_DATA_DIR: dataDir },
  });
  const ready = await api.waitForLog((l) => l.msg === 'pets-api listening', 60_000);
  return { api, base: String(ready.url) };
}

// `npm run start:api` with no DATASTORE_URL: a real PostgreSQL engine (PGlite)
// that needs no server and downloads nothing, kept on disk across restarts.
describe('the embedded default datastore (built API, no DATASTORE_URL)', () => {
  const tempDir = mkdtempSync(join(tmpdir(), 'pets-embedded-'));
  afterAll(() => rmSync(tempDir, { recursive: true, force: true }));

  it('serves the API, keeps the data across a restart, and stops with the API', async () => {
    const dataDir = join(tempDir, 'pglite');

    const first = await startApi(dataDir);
    expect(
      first.api.logs.some(
        (l) => l.service === 'embedded-datastore' && l.msg === 'embedded datastore listening',
      ),
    ).toBe(true);
    const created = await fetch(`${first.base}/v2/pets`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Persistent', location: { name: 'house' }, tags: ['kept'] }),
    });
    expect(created.status).toBe(201);
    const pet = (await created.json()) as { id: string };
    expect((await fetch(`${first.base}/readyz`)).status).toBe(200);
    expect((await first.api.stop()).code).toBe(0);
    expect(first.api.logs.some((l) => l.msg === 'embedded datastore stopping')).toBe(true);
    expect(existsSync(`${dataDir}.server.json`)).toBe(false);

    const second = await startApi(dataDir);
    const read = await fetch(`${second.base}/v2/pets/${pet.id}`);
    expect(read.status).toBe(200);
    expect(await read.json()).toMatchObject({ name: 'Persistent', tags: ['kept'], version: 1 });
    expect((await second.api.stop()).code).toBe(0);
  }, 120_000);
});
