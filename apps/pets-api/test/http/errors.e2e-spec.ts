import { call, expectProblem } from '../support/http-client';
import { startTestApi, type TestApi } from '../support/test-api';

const VALID = { name: 'Rex', location: 'house', tags: ['dog'] };

describe('errors: every one is problem+json, none writes anything, none is a 5xx', () => {
  let api: TestApi;
  let petId: string;

  beforeAll(async () => {
    api = await startTestApi();
    petId = (await call(api.url, 'POST', '/v1/pets', { body: VALID, auth: true })).json.id;
  });
  afterAll(async () => {
    await api.close();
  });

  async function counts(): Promise<{ pets: number; changes: number }> {
    const { rows } = await api.db.query<{ pets: number; changes: number }>(
      'SELECT (SELECT count(*) FROM pets)::int AS pets, (SELECT count(*) FROM pet_changes)::int AS changes',
    );
    return rows[0];
  }

  /** Runs a request that must fail, and checks the database did not move. */
  async function refused(status: number, method: string, path: string, options: Parameters<typeof call>[3]) {
    const before = await counts();
    const answer = await call(api.url, method, path, options);
    expectProblem(answer, status);
    expect(await counts()).toEqual(before);
    return answer;
  }

  describe('authentication', () => {
    it.each([
      ['POST', '/v1/pets'],
      ['POST', '/v2/pets'],
    ])('%s %s without a token is 401 with a Bearer challenge', async (method, path) => {
      const answer = await refused(401, method, path, { body: VALID });
      expect(answer.headers.get('www-authenticate')).toBe('Bearer realm="pets-api"');
    });

    it('PATCH and DELETE need a token too', async () => {
      await refused(401, 'PATCH', `/v1/pets/${petId}`, { body: { name: 'x' } });
      await refused(401, 'DELETE', `/v1/pets/${petId}`, {});
      await refused(401, 'PATCH', `/v2/pets/${petId}`, { body: { name: 'x' } });
      await refused(401, 'DELETE', `/v2/pets/${petId}`, {});
    });

    it('a wrong token is 403', async () => {
      await refused(403, 'POST', '/v1/pets', {
        body: VALID,
        headers: { authorization: 'Bearer not-the-token' },
      });
      await refused(403, 'DELETE', `/v2/pets/${petId}`, {
        headers: { authorization: 'Bearer not-the-token' },
      });
    });

    it('a malformed Authorization header is 401', async () => {
      await refused(401, 'POST', '/v1/pets', {
        body: VALID,
        headers: { authorization: 'Basic dXNlcjpwYXNz' },
      });
      await refused(401, 'POST', '/v1/pets', { body: VALID, headers: { authorization: 'Bearer' } });
    });

    it('reads are public', async () => {
      expect((await call(api.url, 'GET', `/v1/pets/${petId}`)).status).toBe(200);
      expect((await call(api.url, 'GET', '/v2/pets')).status).toBe(200);
    });

    it('checks the token before the body', async () => {
      await refused(401, 'POST', '/v1/pets', { body: { nonsense: true } });
    });
  });

  describe('media types', () => {
    it.each([
      'text/plain',
      'application/x-www-form-urlencoded',
      'application/xml',
      'multipart/form-data; boundary=x',
    ])('a %s body is 415', async (type) => {
      await refused(415, 'POST', '/v1/pets', {
        raw: 'name=Rex',
        headers: { 'content-type': type },
        auth: true,
      });
    });

    it('an Accept the API cannot serve is 406, and the write does not happen', async () => {
      const answer = await refused(406, 'POST', '/v1/pets', {
        body: VALID,
        headers: { accept: 'text/html' },
        auth: true,
      });
      expect(answer.json.detail).toContain('application/yaml');
      await refused(406, 'GET', `/v2/pets/${petId}`, { headers: { accept: 'image/png' } });
    });

    it('Accept with quality values picks YAML or JSON', async () => {
      const yaml = await call(api.url, 'GET', `/v1/pets/${petId}`, {
        headers: { accept: 'application/json;q=0.5, application/yaml' },
      });
      expect(yaml.headers.get('content-type')).toMatch(/^application\/yaml/);
      const json = await call(api.url, 'GET', `/v1/pets/${petId}`, {
        headers: { accept: 'text/html, application/*;q=0.8' },
      });
      expect(json.headers.get('content-type')).toMatch(/^application\/json/);
    });
  });

  describe('bodies', () => {
    it('over 64 KiB is 413', async () => {
      const big = { ...VALID, name: 'x'.repeat(70 * 1024) };
      await refused(413, 'POST', '/v1/pets', { body: big, auth: true });
      await refused(413, 'POST', '/v1/pets', {
        raw: `name: ${'y'.repeat(70 * 1024)}\nlocation: house\n`,
        headers: { 'content-type': 'application/yaml' },
        auth: true,
      });
    });

    it('just under 64 KiB is read (and refused by the name rule, not by size)', async () => {
      const answer = await refused(400, 'POST', '/v1/pets', {
        body: { ...VALID, name: 'x'.repeat(60 * 1024) },
        auth: true,
      });
      expect(answer.json.errors).toEqual([{ path: 'name', message: 'must be at most 100 characters' }]);
    });

    it('malformed JSON and YAML are 400', async () => {
      await refused(400, 'POST', '/v1/pets', {
        raw: '{"name": "Rex",',
        headers: { 'content-type': 'application/json' },
        auth: true,
      });
      await refused(400, 'POST', '/v1/pets', {
        raw: 'name: [unclosed',
        headers: { 'content-type': 'application/yaml' },
        auth: true,
      });
      await refused(400, 'POST', '/v1/pets', {
        raw: '',
        headers: { 'content-type': 'application/json' },
        auth: true,
      });
    });

    it('a body that is not an object is 400', async () => {
      for (const raw of ['[1,2]', '"Rex"', 'null', '42']) {
        const answer = await refused(400, 'POST', '/v1/pets', {
          raw,
          headers: { 'content-type': 'application/json' },
          auth: true,
        });
        expect(answer.json.errors).toEqual([
          { path: '', message: expect.stringMatching(/^(the body must be an object|a body is required)$/) },
        ]);
      }
    });

    it('an operator where a value belongs is 400 naming the field', async () => {
      const answer = await refused(400, 'POST', '/v1/pets', {
        body: { name: { $gt: '' }, location: 'house' },
        auth: true,
      });
      expect(answer.json.errors).toEqual([{ path: 'name', message: 'must be a string' }]);
      const patch = await refused(400, 'PATCH', `/v1/pets/${petId}`, {
        body: { location: { $ne: null } },
        auth: true,
      });
      expect(patch.json.errors).toEqual([{ path: 'location', message: 'must be a string' }]);
      const query = await refused(400, 'GET', '/v1/pets?tag[$ne]=x', {});
      expect(query.json.errors[0].path).toMatch(/^tag/);
    });

    it('prototype keys are refused in JSON and YAML', async () => {
      await refused(400, 'POST', '/v1/pets', {
        raw: '{"name":"Rex","location":"house","__proto__":{"admin":true}}',
        headers: { 'content-type': 'application/json' },
        auth: true,
      });
      await refused(400, 'POST', '/v1/pets', {
        raw: '{"name":"Rex","location":"house","constructor":{"prototype":{"admin":true}}}',
        headers: { 'content-type': 'application/json' },
        auth: true,
      });
      await refused(400, 'POST', '/v1/pets', {
        raw: 'name: Rex\nlocation: house\n__proto__:\n  admin: true\n',
        headers: { 'content-type': 'application/yaml' },
        auth: true,
      });
      expect(({} as Record<string, unknown>).admin).toBeUndefined();
    });

    it('YAML alias bombs, custom tags and duplicate keys are 400', async () => {
      const laughs = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
      for (let level = 1; level < 9; level++) {
        laughs.push(
          `${String.fromCharCode(97 + level)}: &${String.fromCharCode(97 + level)} [${Array(9)
            .fill(`*${String.fromCharCode(96 + level)}`)
            .join(',')}]`,
        );
      }
      await refused(400, 'POST', '/v1/pets', {
        raw: laughs.join('\n'),
        headers: { 'content-type': 'application/yaml' },
        auth: true,
      });
      await refused(400, 'POST', '/v1/pets', {
        raw: 'name: !!js/function "function(){}"\nlocation: house\n',
        headers: { 'content-type': 'application/yaml' },
        auth: true,
      });
      await refused(400, 'POST', '/v1/pets', {
        raw: 'name: a\nname: b\nlocation: house\n',
        headers: { 'content-type': 'application/yaml' },
        auth: true,
      });
    });

    it('unknown fields are 400, listed with every other failing field', async () => {
      const answer = await refused(400, 'POST', '/v1/pets', {
        body: { name: 7, location: ['house'], tags: 'dog', owner: 'me', id: 'forged' },
        auth: true,
      });
      expect(answer.json.errors).toEqual(
        expect.arrayContaining([
          { path: 'name', message: 'must be a string' },
          { path: 'location', message: 'must be a string' },
          { path: 'tags', message: 'must be an array' },
          { path: 'owner', message: 'is not allowed' },
          { path: 'id', message: 'is not allowed' },
        ]),
      );
      expect(answer.json.errors).toHaveLength(5);
    });

    // Found by the fuzz test: each was once accepted.
    it('null is not "left out": an explicit null is 400', async () => {
      const answer = await refused(400, 'POST', '/v1/pets', { body: { ...VALID, tags: null }, auth: true });
      expect(answer.json.errors).toEqual([{ path: 'tags', message: 'must be an array' }]);
      await refused(400, 'PATCH', `/v1/pets/${petId}`, { body: { name: null, location: 'den' }, auth: true });
    });

    it('keys named after Object.prototype members are refused, at any depth', async () => {
      const answer = await refused(400, 'POST', '/v1/pets', { body: { ...VALID, toString: [] }, auth: true });
      expect(answer.json.errors).toEqual([{ path: 'toString', message: 'is not allowed' }]);
      const nested = await refused(400, 'POST', '/v2/pets', {
        body: { name: 'x', location: { name: 'house', valueOf: 1 } },
        auth: true,
      });
      expect(nested.json.errors).toEqual([{ path: 'location.valueOf', message: 'is not allowed' }]);
    });

    it.each(['%207', '0x10', '1e2', '7.0'])('limit=%s is 400: digits only', async (limit) => {
      const answer = await refused(400, 'GET', `/v1/pets?limit=${limit}`, {});
      expect(answer.json.errors).toEqual([{ path: 'limit', message: 'must be an integer number' }]);
    });

    it('breaking the pet rules is 400 with one entry per field', async () => {
      const answer = await refused(400, 'POST', '/v1/pets', {
        body: { name: '   ', location: 'Back Yard', tags: ['ok', 'x'.repeat(65), 'tab\there'] },
        auth: true,
      });
      expect(answer.json.errors).toEqual([
        { path: 'name', message: 'must not be empty' },
        {
          path: 'location',
          message: 'must be a lowercase word of letters, digits and dashes, such as "house" or "backyard"',
        },
        { path: 'tags[1]', message: 'must be at most 64 characters' },
        { path: 'tags[2]', message: 'must be a single word without spaces or control characters' },
      ]);
    });

    it('more than 50 tags is 400', async () => {
      const tags = Array.from({ length: 51 }, (_, index) => `t${index}`);
      const answer = await refused(400, 'POST', '/v1/pets', { body: { ...VALID, tags }, auth: true });
      expect(answer.json.errors).toEqual([
        { path: 'tags', message: 'must contain no more than 50 elements' },
      ]);
    });
  });

  describe('routes', () => {
    it('an unknown route is a 404 problem', async () => {
      const answer = await call(api.url, 'GET', '/v3/pets');
      expectProblem(answer, 404);
    });

    it('every problem carries the request id', async () => {
      const answer = await call(api.url, 'GET', '/v1/pets/nope', {
        headers: { 'x-request-id': 'find-me-42' },
      });
      expect(answer.json.requestId).toBe('find-me-42');
      expect(answer.headers.get('x-request-id')).toBe('find-me-42');
    });
  });
});
