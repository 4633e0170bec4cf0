import fc from 'fast-check';
import { call } from '../support/http-client';
import { startTestApi, type TestApi } from '../support/test-api';

// Generated input that is invalid by construction: each case must be refused
// with a 4xx, never a 5xx, and nothing may be written.

const ALLOWED_V1 = new Set(['name', 'location', 'tags']);
const notAString = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string(), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 3 }),
);
const notAListOfStrings = fc.oneof(
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.string(),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 3 }),
  fc.array(fc.oneof(fc.integer(), fc.constant(null), fc.boolean(), fc.object({ maxDepth: 1 })), {
    minLength: 1,
    maxLength: 3,
  }),
);
const wrongTypeFor = (key: string) => (key === 'tags' ? notAListOfStrings : notAString);
const operator = fc
  .record({
    op: fc.constantFrom('$gt', '$ne', '$regex', '$where', '$in'),
    value: fc.oneof(fc.string(), fc.integer(), fc.constant(null)),
  })
  .map(({ op, value }) => ({ [op]: value }));
const badLocation = fc.oneof(
  fc.constant(''),
  fc.string({ minLength: 33, maxLength: 60 }).map((s) => `loc${s.replace(/[^a-z]/g, 'a')}`.padEnd(33, 'a')),
  fc.constantFrom('in the house', 'yard!', 'häus', 'a/b', 'x_y', 'tab\tyard', 'new\nline'),
);
const badTag = fc.oneof(
  fc.constant(''),
  fc.constant('two words'),
  fc.string({ minLength: 65, maxLength: 80 }).map((s) => `t${s}`.padEnd(65, 't')),
  fc.constant('ctl\u0007'),
);
const badName = fc.oneof(
  fc.constant(''),
  fc.constant('   '),
  fc.string({ minLength: 101, maxLength: 140 }).map((s) => `n${s}`.padEnd(101, 'n')),
  fc.constant('bell\u0007'),
);

const validV1 = fc.record({
  name: fc.constantFrom('Rex', 'Tom'),
  location: fc.constantFrom('house', 'backyard'),
  tags: fc.constantFrom(['dog'], [], ['a', 'b']),
});

/** A v1 body with one thing wrong, wrong for any write (POST or PATCH). */
const invalidV1Patch = fc.oneof(
  fc
    .constantFrom('name', 'location', 'tags')
    .chain((key) => fc.tuple(validV1, fc.constant(key), fc.oneof(wrongTypeFor(key), operator)))
    .map(([body, key, value]) => ({ ...body, [key]: value })),
  fc.tuple(validV1, badName).map(([body, name]) => ({ ...body, name })),
  fc.tuple(validV1, badLocation).map(([body, location]) => ({ ...body, location })),
  fc.tuple(validV1, badTag).map(([body, tag]) => ({ ...body, tags: ['ok', tag] })),
  fc
    .tuple(
      validV1,
      fc
        .string({ minLength: 1, maxLength: 12 })
        .filter((k) => !ALLOWED_V1.has(k) && !['__proto__', 'constructor'].includes(k)),
      fc.jsonValue(),
    )
    .map(([body, key, value]) => ({ ...body, [key]: value })),
  fc
    .array(
      fc
        .constantFrom('name', 'location', 'tags')
        .chain((key) => fc.tuple(fc.constant(key), fc.oneof(wrongTypeFor(key), operator))),
      { minLength: 1, maxLength: 3 },
    )
    .map((pairs) => Object.fromEntries(pairs)),
  fc.oneof(
    fc.array(fc.jsonValue(), { maxLength: 3 }),
    fc.string(),
    fc.integer(),
    fc.constant(null),
    fc.boolean(),
  ),
);

/** For POST also: a required field left out (a partial PATCH may leave it out). */
const invalidV1Body = fc.oneof(
  invalidV1Patch,
  fc.tuple(validV1, fc.constantFrom('name', 'location')).map(([body, key]) => {
    const copy: Record<string, unknown> = { ...body };
    delete copy[key];
    return copy;
  }),
);

/** The same, in v2's shape (location is an object). */
const toV2 = (body: unknown): unknown => {
  if (typeof body !== 'object' || body === null || Array.isArray(body) || !('location' in body)) return body;
  const { location, ...rest } = body as Record<string, unknown>;
  return {
    ...rest,
    location:
      typeof location === 'string' && location !== '' && !/\s|[^a-z0-9-]|.{33}/.test(location)
        ? location
        : { name: location },
  };
};
const invalidV2Body = invalidV1Body.map(toV2);
const invalidV2Patch = invalidV1Patch.map(toV2);

/** Query strings for GET /vN/pets that must be refused. */
const invalidQuery = fc.oneof(
  fc
    .string({ minLength: 1, maxLength: 10 })
    .filter((k) => /^[a-z]+$/.test(k) && !['tag', 'location', 'limit', 'cursor'].includes(k))
    .map((k) => `${k}=1`),
  fc
    .oneof(
      fc.integer({ max: 0 }),
      fc.integer({ min: 501 }),
      fc.constantFrom('abc', '1.5', '', '1e3', '-0', ' 7'),
    )
    .map((v) => `limit=${encodeURIComponent(String(v))}`),
  fc.string({ minLength: 1, maxLength: 40 }).map((v) => `cursor=${encodeURIComponent(v)}`),
  fc
    .tuple(fc.constantFrom('tag', 'location'), fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }))
    .map(([k, a, b]) => `${k}=${encodeURIComponent(a)}&${k}=${encodeURIComponent(b)}`),
  badTag.map((t) => `tag=${encodeURIComponent(t)}`),
  badLocation.map((l) => `location=${encodeURIComponent(l)}`),
);

describe('fuzz: generated malformed input never causes a 5xx or a write', () => {
  let api: TestApi;
  let petId: string;
  let snapshot: unknown;
  let requests = 0;

  beforeAll(async () => {
    api = await startTestApi();
    const created = await call(api.url, 'POST', '/v2/pets', {
      body: { name: 'Fixed', location: { name: 'house' }, tags: ['t'] },
      auth: true,
    });
    petId = created.json.id;
    snapshot = created.json;
  });
  afterAll(async () => {
    await api.close();
  });

  async function counts(): Promise<unknown> {
    const { rows } = await api.db.query(
      'SELECT (SELECT count(*) FROM pets)::int AS pets, (SELECT count(*) FROM pet_changes)::int AS changes',
    );
    return rows[0];
  }

  const refused = async (
    method: string,
    path: string,
    body: unknown,
    contentType = 'application/json',
  ): Promise<void> => {
    requests++;
    const raw = contentType === 'application/json' ? JSON.stringify(body) : (body as string);
    const answer = await call(api.url, method, path, {
      raw,
      headers: { 'content-type': contentType },
      auth: true,
    });
    if (answer.status < 400 || answer.status >= 500) {
      throw new Error(
        `${method} ${path} with ${raw.slice(0, 200)} answered ${answer.status}: ${answer.text.slice(0, 300)}`,
      );
    }
  };

  it('refuses 1,200+ generated bodies and query strings without writing anything', async () => {
    const before = await counts();
    await fc.assert(
      fc.asyncProperty(invalidV1Body, (body) => refused('POST', '/v1/pets', body)),
      { numRuns: 300 },
    );
    await fc.assert(
      fc.asyncProperty(invalidV2Body, (body) => refused('POST', '/v2/pets', body)),
      { numRuns: 250 },
    );
    await fc.assert(
      fc.asyncProperty(invalidV1Patch, (body) => refused('PATCH', `/v1/pets/${petId}`, body)),
      { numRuns: 150 },
    );
    await fc.assert(
      fc.asyncProperty(invalidV2Patch, (body) => refused('PATCH', `/v2/pets/${petId}`, body)),
      { numRuns: 150 },
    );
    // Arbitrary text as YAML or JSON: either unparseable or not a valid pet.
    await fc.assert(
      fc.asyncProperty(
        fc.string({ maxLength: 200 }),
        fc.constantFrom('application/yaml', 'application/json'),
        (text, type) => refused('POST', '/v1/pets', text, type),
      ),
      { numRuns: 150 },
    );
    await fc.assert(
      fc.asyncProperty(invalidQuery, fc.constantFrom('v1', 'v2'), async (query, version) => {
        requests++;
        const answer = await call(api.url, 'GET', `/${version}/pets?${query}`);
        if (answer.status !== 400)
          throw new Error(`GET /${version}/pets?${query} answered ${answer.status}: ${answer.text}`);
      }),
      { numRuns: 250 },
    );
    expect(requests).toBeGreaterThanOrEqual(1_200);
    expect(await counts()).toEqual(before);
    expect((await call(api.url, 'GET', `/v2/pets/${petId}`)).json).toEqual(snapshot);
  });

  it('never answers 5xx to arbitrary paths and query strings', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 60 }), fc.string({ maxLength: 60 }), async (segment, query) => {
        const answer = await call(
          api.url,
          'GET',
          `/v1/pets/${encodeURIComponent(segment)}?${encodeURIComponent(query)}=${encodeURIComponent(segment)}`,
        );
        if (answer.status >= 500) throw new Error(`answered ${answer.status}: ${answer.text}`);
      }),
      { numRuns: 200 },
    );
  });
});
