import { parse as parseYaml } from 'yaml';
import { call, expectProblem } from '../support/http-client';
import { startTestApi, type TestApi } from '../support/test-api';

describe('API v2 /v2/pets (real app, real database)', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(async () => {
    await api.close();
  });

  const create = (body: unknown) => call(api.url, 'POST', '/v2/pets', { body, auth: true });

  it('creates a pet with location as an object, version and timestamps, and an ETag', async () => {
    const answer = await create({ name: 'Rex', location: { name: 'House' }, tags: ['dog'] });
    expect(answer.status).toBe(201);
    expect(answer.json).toEqual({
      id: expect.any(String),
      name: 'Rex',
      location: { name: 'house' },
      tags: ['dog'],
      version: 1,
      createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      updatedAt: answer.json.createdAt,
    });
    expect(answer.headers.get('etag')).toBe('"1"');
    expect(answer.headers.get('location')).toBe(`/v2/pets/${answer.json.id}`);
  });

  it('shows the same pet through v1 and v2 (one internal model)', async () => {
    const { json: pet } = await create({ name: 'Both', location: { name: 'den' }, tags: ['a'] });
    const v1 = await call(api.url, 'GET', `/v1/pets/${pet.id}`);
    expect(v1.json).toEqual({ id: pet.id, name: 'Both', location: 'den', tags: ['a'] });
  });

  it('reads with an ETag and answers 304 to a matching If-None-Match', async () => {
    const { json: pet } = await create({ name: 'C', location: { name: 'house' } });
    const read = await call(api.url, 'GET', `/v2/pets/${pet.id}`);
    expect(read.headers.get('etag')).toBe('"1"');
    const fresh = await call(api.url, 'GET', `/v2/pets/${pet.id}`, { headers: { 'if-none-match': '"1"' } });
    expect(fresh.status).toBe(304);
    expect(fresh.text).toBe('');
    const stale = await call(api.url, 'GET', `/v2/pets/${pet.id}`, { headers: { 'if-none-match': '"7"' } });
    expect(stale.status).toBe(200);
  });

  it('patches with If-Match: 200 on the current version, 412 on a stale one', async () => {
    const { json: pet } = await create({ name: 'M', location: { name: 'house' } });
    const first = await call(api.url, 'PATCH', `/v2/pets/${pet.id}`, {
      body: { location: { name: 'backyard' } },
      headers: { 'if-match': '"1"' },
      auth: true,
    });
    expect(first.status).toBe(200);
    expect(first.json).toMatchObject({ location: { name: 'backyard' }, version: 2 });
    expect(first.headers.get('etag')).toBe('"2"');

    const stale = await call(api.url, 'PATCH', `/v2/pets/${pet.id}`, {
      body: { name: 'Lost update' },
      headers: { 'if-match': '"1"' },
      auth: true,
    });
    expectProblem(stale, 412);
    expect(stale.headers.get('etag')).toBe('"2"');
    expect((await call(api.url, 'GET', `/v2/pets/${pet.id}`)).json.name).toBe('M');
  });

  it('accepts If-Match: * and a list containing the current version; refuses weak tags', async () => {
    const { json: pet } = await create({ name: 'S', location: { name: 'house' } });
    const star = await call(api.url, 'PATCH', `/v2/pets/${pet.id}`, {
      body: { name: 'S2' },
      headers: { 'if-match': '*' },
      auth: true,
    });
    expect(star.status).toBe(200);
    const list = await call(api.url, 'PATCH', `/v2/pets/${pet.id}`, {
      body: { name: 'S3' },
      headers: { 'if-match': '"9", "2"' },
      auth: true,
    });
    expect(list.json.version).toBe(3);
    expectProblem(
      await call(api.url, 'PATCH', `/v2/pets/${pet.id}`, {
        body: { name: 'S4' },
        headers: { 'if-match': 'W/"3"' },
        auth: true,
      }),
      412,
    );
    const malformed = await call(api.url, 'PATCH', `/v2/pets/${pet.id}`, {
      body: { name: 'S5' },
      headers: { 'if-match': 'three' },
      auth: true,
    });
    expectProblem(malformed, 400);
    expect(malformed.json.errors).toEqual([
      { path: 'If-Match', message: 'must be "*" or a list of entity tags' },
    ]);
  });

  it('patches without If-Match (last writer wins) and bumps the version each time', async () => {
    const { json: pet } = await create({ name: 'N', location: { name: 'house' } });
    await call(api.url, 'PATCH', `/v2/pets/${pet.id}`, { body: { tags: ['x'] }, auth: true });
    const second = await call(api.url, 'PATCH', `/v2/pets/${pet.id}`, { body: { tags: ['y'] }, auth: true });
    expect(second.json).toMatchObject({ tags: ['y'], version: 3 });
    expect(new Date(second.json.updatedAt).getTime()).toBeGreaterThanOrEqual(
      new Date(pet.createdAt).getTime(),
    );
  });

  it('deletes with If-Match: 412 on a stale version, 204 on the current one', async () => {
    const { json: pet } = await create({ name: 'D', location: { name: 'house' } });
    expectProblem(
      await call(api.url, 'DELETE', `/v2/pets/${pet.id}`, { headers: { 'if-match': '"5"' }, auth: true }),
      412,
    );
    expect(
      (await call(api.url, 'DELETE', `/v2/pets/${pet.id}`, { headers: { 'if-match': '"1"' }, auth: true }))
        .status,
    ).toBe(204);
    expectProblem(
      await call(api.url, 'DELETE', `/v2/pets/${pet.id}`, { headers: { 'if-match': '"1"' }, auth: true }),
      404,
    );
  });

  it('reports the v2 path of a broken location rule', async () => {
    const answer = await create({ name: 'Bad', location: { name: 'the yard' }, tags: ['ok', 'not ok'] });
    expectProblem(answer, 400);
    expect(answer.json.errors).toEqual([
      {
        path: 'location.name',
        message: 'must be a lowercase word of letters, digits and dashes, such as "house" or "backyard"',
      },
      { path: 'tags[1]', message: 'must be a single word without spaces or control characters' },
    ]);
  });

  it('validates the nested location object', async () => {
    const missing = await create({ name: 'X' });
    expectProblem(missing, 400);
    expect(missing.json.errors).toEqual([{ path: 'location', message: 'is required' }]);
    const flat = await create({ name: 'X', location: 'house' });
    expect(flat.json.errors).toEqual([{ path: 'location', message: 'must be an object' }]);
    const extra = await create({ name: 'X', location: { name: 'house', floor: 2 } });
    expect(extra.json.errors).toEqual([{ path: 'location.floor', message: 'is not allowed' }]);
  });

  it('lists and pages in JSON and YAML', async () => {
    const tag = `v2list-${Date.now()}`;
    for (const name of ['a', 'b', 'c']) await create({ name, location: { name: 'house' }, tags: [tag] });
    const first = await call(api.url, 'GET', `/v2/pets?tag=${tag}&limit=2`);
    expect(first.json.items).toHaveLength(2);
    expect(first.json.items[0]).toMatchObject({ location: { name: 'house' }, version: 1 });
    const rest = await call(api.url, 'GET', `/v2/pets?tag=${tag}&limit=2&cursor=${first.json.nextCursor}`, {
      headers: { accept: 'application/yaml' },
    });
    const parsed = parseYaml(rest.text) as { items: unknown[]; nextCursor: null };
    expect(parsed.items).toHaveLength(1);
    expect(parsed.nextCursor).toBeNull();
  });
});
