import { parse as parseYaml } from 'yaml';
import { call, expectProblem } from '../support/http-client';
import { startTestApi, type TestApi } from '../support/test-api';

describe('API v1 /v1/pets (real app, real database)', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(async () => {
    await api.close();
  });

  const create = (body: unknown) => call(api.url, 'POST', '/v1/pets', { body, auth: true });

  it('creates a pet: 201, Location, normalised fields', async () => {
    const answer = await create({ name: '  Rex ', location: 'House', tags: ['Dog', 'mammal', 'dog'] });
    expect(answer.status).toBe(201);
    expect(answer.json).toEqual({
      id: expect.any(String),
      name: 'Rex',
      location: 'house',
      tags: ['dog', 'mammal'],
    });
    expect(answer.headers.get('location')).toBe(`/v1/pets/${answer.json.id}`);
    expect(answer.headers.get('content-type')).toMatch(/^application\/json/);
  });

  it('creates from YAML and answers in YAML when asked', async () => {
    const answer = await call(api.url, 'POST', '/v1/pets', {
      raw: 'name: Tom\nlocation: backyard\ntags:\n  - cat\n',
      headers: { 'content-type': 'application/yaml', accept: 'application/yaml' },
      auth: true,
    });
    expect(answer.status).toBe(201);
    expect(answer.headers.get('content-type')).toMatch(/^application\/yaml/);
    expect(parseYaml(answer.text)).toEqual({
      id: expect.any(String),
      name: 'Tom',
      location: 'backyard',
      tags: ['cat'],
    });
  });

  it('defaults tags to none', async () => {
    const answer = await create({ name: 'Solo', location: 'frontyard' });
    expect(answer.json.tags).toEqual([]);
  });

  it('reads a pet in JSON and YAML', async () => {
    const { json: pet } = await create({ name: 'Bo', location: 'house', tags: ['fish'] });
    const json = await call(api.url, 'GET', `/v1/pets/${pet.id}`);
    expect(json.status).toBe(200);
    expect(json.json).toEqual(pet);
    const yaml = await call(api.url, 'GET', `/v1/pets/${pet.id}`, {
      headers: { accept: 'application/yaml' },
    });
    expect(parseYaml(yaml.text)).toEqual(pet);
    expect(yaml.headers.get('vary')).toBe('Accept');
  });

  it('answers 404 for a pet that does not exist and 400 for a malformed id', async () => {
    expectProblem(await call(api.url, 'GET', '/v1/pets/01936b2e-6a4b-7cc1-9b52-4f0a6a7e1c2d'), 404);
    const bad = await call(api.url, 'GET', '/v1/pets/42');
    expectProblem(bad, 400);
    expect(bad.json.errors).toEqual([{ path: 'id', message: 'must be a UUID' }]);
  });

  it('patches any single field and keeps the others', async () => {
    const { json: pet } = await create({ name: 'Kit', location: 'house', tags: ['cat'] });
    const moved = await call(api.url, 'PATCH', `/v1/pets/${pet.id}`, {
      body: { location: 'Backyard' },
      auth: true,
    });
    expect(moved.status).toBe(200);
    expect(moved.json).toEqual({ ...pet, location: 'backyard' });
    const retagged = await call(api.url, 'PATCH', `/v1/pets/${pet.id}`, {
      body: { tags: ['cat', 'kitten'] },
      auth: true,
    });
    expect(retagged.json).toEqual({ ...pet, location: 'backyard', tags: ['cat', 'kitten'] });
    const renamed = await call(api.url, 'PATCH', `/v1/pets/${pet.id}`, {
      body: { name: 'Kitty' },
      auth: true,
    });
    expect(renamed.json).toEqual({ ...pet, name: 'Kitty', location: 'backyard', tags: ['cat', 'kitten'] });
    expect((await call(api.url, 'GET', `/v1/pets/${pet.id}`)).json).toEqual(renamed.json);
  });

  it('patches from YAML', async () => {
    const { json: pet } = await create({ name: 'Y', location: 'house' });
    const answer = await call(api.url, 'PATCH', `/v1/pets/${pet.id}`, {
      raw: 'location: frontyard\n',
      headers: { 'content-type': 'application/yaml' },
      auth: true,
    });
    expect(answer.json.location).toBe('frontyard');
  });

  it('refuses an empty patch and a patch of a missing pet', async () => {
    const { json: pet } = await create({ name: 'E', location: 'house' });
    const empty = await call(api.url, 'PATCH', `/v1/pets/${pet.id}`, { body: {}, auth: true });
    expectProblem(empty, 400);
    expect(empty.json.errors).toEqual([
      { path: '', message: 'must change at least one of name, location, tags' },
    ]);
    expectProblem(
      await call(api.url, 'PATCH', '/v1/pets/01936b2e-6a4b-7cc1-9b52-4f0a6a7e1c2d', {
        body: { name: 'x' },
        auth: true,
      }),
      404,
    );
  });

  it('deletes a pet: 204, then 404', async () => {
    const { json: pet } = await create({ name: 'Gone', location: 'house' });
    const deleted = await call(api.url, 'DELETE', `/v1/pets/${pet.id}`, { auth: true });
    expect(deleted.status).toBe(204);
    expect(deleted.text).toBe('');
    expectProblem(await call(api.url, 'GET', `/v1/pets/${pet.id}`), 404);
    expectProblem(await call(api.url, 'DELETE', `/v1/pets/${pet.id}`, { auth: true }), 404);
  });

  describe('listing', () => {
    const tag = `list-${Date.now()}`;
    const ids: string[] = [];
    beforeAll(async () => {
      for (let index = 0; index < 5; index++) {
        const { json } = await create({
          name: `L${index}`,
          location: index < 2 ? 'den' : 'house',
          tags: [tag],
        });
        ids.push(json.id);
      }
      ids.sort();
    });

    it('filters by tag and location, in id order', async () => {
      const byTag = await call(api.url, 'GET', `/v1/pets?tag=${tag}`);
      expect(byTag.status).toBe(200);
      expect(byTag.json.items.map((p: { id: string }) => p.id)).toEqual(ids);
      expect(byTag.json.nextCursor).toBeNull();
      const both = await call(api.url, 'GET', `/v1/pets?tag=${tag}&location=den`);
      expect(both.json.items).toHaveLength(2);
      expect(both.json.items.every((p: { location: string }) => p.location === 'den')).toBe(true);
    });

    it('normalises filter values like stored values', async () => {
      const answer = await call(api.url, 'GET', `/v1/pets?tag=${tag.toUpperCase()}&location=DEN`);
      expect(answer.json.items).toHaveLength(2);
    });

    it('pages with limit and cursor', async () => {
      const first = await call(api.url, 'GET', `/v1/pets?tag=${tag}&limit=2`);
      const second = await call(
        api.url,
        'GET',
        `/v1/pets?tag=${tag}&limit=2&cursor=${first.json.nextCursor}`,
      );
      const third = await call(
        api.url,
        'GET',
        `/v1/pets?tag=${tag}&limit=2&cursor=${second.json.nextCursor}`,
      );
      const seen = [...first.json.items, ...second.json.items, ...third.json.items].map(
        (p: { id: string }) => p.id,
      );
      expect(seen).toEqual(ids);
      expect(third.json.nextCursor).toBeNull();
    });

    it('lists in YAML', async () => {
      const answer = await call(api.url, 'GET', `/v1/pets?tag=${tag}&limit=1`, {
        headers: { accept: 'application/yaml' },
      });
      expect(parseYaml(answer.text)).toMatchObject({
        items: [{ id: ids[0] }],
        nextCursor: expect.any(String),
      });
    });

    it.each([
      ['limit=0', 'limit', 'must not be less than 1'],
      ['limit=501', 'limit', 'must not be greater than 500'],
      ['limit=abc', 'limit', 'must be an integer number'],
      ['cursor=garbage', 'cursor', 'is not a cursor this API issued'],
      ['sort=name', 'sort', 'is not allowed'],
      ['tag=a&tag=b', 'tag', 'must be a string'],
      ['tag=has%20space', 'tag', 'must be a single word without spaces or control characters'],
      [
        'location=in%20the%20house',
        'location',
        'must be a lowercase word of letters, digits and dashes, such as "house" or "backyard"',
      ],
    ])('refuses %s', async (query, path, message) => {
      const answer = await call(api.url, 'GET', `/v1/pets?${query}`);
      expectProblem(answer, 400);
      expect(answer.json.errors).toEqual([{ path, message }]);
    });
  });
});
