import { PostgresAggregatesStore } from '@pets/pet-aggregates';
import { PostgresStreamStateStore } from '@pets/streaming';
import { DatastoreConnection } from '@pets/datastore';
import { parse as parseYaml } from 'yaml';
import { call, expectProblem } from '../support/http-client';
import { startTestApi, type TestApi } from '../support/test-api';

// The read side of the aggregates through the API. The counts are folded in
// here by the same store code the worker runs (the worker itself is tested in
// apps/aggregation-worker).
describe('tags and aggregates: /v1/tags, /v1/aggregates/status, /admin/aggregates/rebuild', () => {
  let api: TestApi;

  // Until nothing is pending: a change is only readable once every older
  // transaction on the server has ended, and suites running alongside this
  // one may hold some open for a moment.
  async function foldEverything(): Promise<void> {
    const connection = api.app.get(DatastoreConnection);
    const streams = new PostgresStreamStateStore(connection);
    const grant = (await streams.acquire('pet-aggregates', 'test-folder', 'update', 30_000))!;
    const store = new PostgresAggregatesStore(connection);
    const deadline = Date.now() + 20_000;
    while ((await store.lag()).changes > 0) {
      if (Date.now() > deadline) throw new Error('changes still pending after 20 s');
      if ((await store.applyNextBatch(grant, 1000)).applied === 0) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    }
    await streams.release(grant);
  }

  beforeAll(async () => {
    api = await startTestApi();
    const pets = [
      { name: 'a', location: 'house', tags: ['mammal', 'cat'] },
      { name: 'b', location: 'house', tags: ['mammal'] },
      { name: 'c', location: 'backyard', tags: ['mammal', 'dog'] },
      { name: 'd', location: 'frontyard', tags: ['bird'] },
    ];
    for (const body of pets) await call(api.url, 'POST', '/v1/pets', { body, auth: true });
    await foldEverything();
  });
  afterAll(async () => {
    await api.close();
  });

  it("answers a tag's counts in the article's shape, JSON and YAML", async () => {
    const answer = await call(api.url, 'GET', '/v1/tags/mammal');
    expect(answer.status).toBe(200);
    expect(answer.json).toEqual({ tag: 'mammal', location: { house: 2, backyard: 1 } });
    const yaml = await call(api.url, 'GET', '/v1/tags/MAMMAL', { headers: { accept: 'application/yaml' } });
    expect(parseYaml(yaml.text)).toEqual({ tag: 'mammal', location: { house: 2, backyard: 1 } });
  });

  it('leaves out locations whose count fell to zero, and 404s a tag no pet has', async () => {
    const dog = (await call(api.url, 'GET', '/v1/pets?tag=dog')).json.items[0];
    await call(api.url, 'PATCH', `/v1/pets/${dog.id}`, { body: { tags: ['mammal'] }, auth: true });
    await foldEverything();
    expectProblem(await call(api.url, 'GET', '/v1/tags/dog'), 404);
    expectProblem(await call(api.url, 'GET', '/v1/tags/never-used'), 404);
    expect((await call(api.url, 'GET', '/v1/tags/mammal')).json.location).toEqual({ house: 2, backyard: 1 });
  });

  it('refuses a malformed tag with 400', async () => {
    const answer = await call(api.url, 'GET', `/v1/tags/${encodeURIComponent('two words')}`);
    expectProblem(answer, 400);
    expect(answer.json.errors).toEqual([
      { path: 'tag', message: 'must be a single word without spaces or control characters' },
    ]);
  });

  it('pages through every tag in order', async () => {
    const first = await call(api.url, 'GET', '/v1/tags?limit=2');
    const second = await call(api.url, 'GET', `/v1/tags?limit=2&cursor=${first.json.nextCursor}`);
    expect(first.json.items.map((i: { tag: string }) => i.tag)).toEqual(['bird', 'cat']);
    expect(second.json).toEqual({
      items: [{ tag: 'mammal', location: { house: 2, backyard: 1 } }],
      nextCursor: null,
    });
    expectProblem(await call(api.url, 'GET', '/v1/tags?limit=0'), 400);
    expectProblem(await call(api.url, 'GET', '/v1/tags?cursor=%%%'), 400);
  });

  it('reports the aggregation status', async () => {
    const answer = await call(api.url, 'GET', '/v1/aggregates/status');
    expect(answer.status).toBe(200);
    expect(answer.json).toMatchObject({
      lag: { changes: 0, seconds: 0 },
      lock: null,
      rebuildRequested: false,
      appliedTotal: 5, // four creates and one retag
      lastBatch: { size: expect.any(Number), durationMs: expect.any(Number) },
    });
    await call(api.url, 'POST', '/v1/pets', {
      body: { name: 'e', location: 'den', tags: ['new'] },
      auth: true,
    });
    expect((await call(api.url, 'GET', '/v1/aggregates/status')).json.lag.changes).toBe(1);
    await foldEverything();
  });

  it('queues a rebuild (202 + Location), needs the token, and reports the job', async () => {
    expectProblem(await call(api.url, 'POST', '/admin/aggregates/rebuild'), 401);
    const queued = await call(api.url, 'POST', '/admin/aggregates/rebuild', { auth: true });
    expect(queued.status).toBe(202);
    expect(queued.json).toMatchObject({ status: 'queued', progress: { phase: 'queued' } });
    expect(queued.headers.get('location')).toBe(`/admin/aggregates/rebuild/${queued.json.id}`);
    const job = await call(api.url, 'GET', `/admin/aggregates/rebuild/${queued.json.id}`, { auth: true });
    expect(job.json).toEqual(queued.json);
    expect((await call(api.url, 'GET', '/v1/aggregates/status')).json.rebuildRequested).toBe(true);
    expectProblem(
      await call(api.url, 'GET', '/admin/aggregates/rebuild/01936b2e-6a4b-7cc1-9b52-4f0a6a7e1c2d', {
        auth: true,
      }),
      404,
    );
    expectProblem(await call(api.url, 'GET', '/admin/aggregates/rebuild/not-a-uuid', { auth: true }), 400);
  });
});
