// bench.js and pets.js run under Node with stand-ins for the k6 modules ('k6', 'k6/http'): this
// checks their options, the requests they make and their handleSummary, not k6 itself.
import { fixture } from './fixtures';

interface FakeResponse {
  status: number;
  body: string | null;
  headers: Record<string, string>;
  error: string;
}
interface Params {
  tags?: Record<string, string>;
  headers?: Record<string, string>;
  responseType?: string;
  responseCallback?: unknown;
}
type CheckSet = Record<string, (value: FakeResponse) => boolean>;
interface ScriptOptions {
  discardResponseBodies?: boolean;
  scenarios: Record<string, { executor: string; vus: number; duration: string }>;
  summaryTrendStats: string[];
  systemTags?: string[];
  thresholds: Record<string, string[]>;
}
interface Script {
  options: ScriptOptions;
  default: (data?: { ids: string[] }) => void;
  setup?: () => { ids: string[] };
  teardown?: (data: { ids: string[] }) => void;
  handleSummary: (data: unknown) => Record<string, string>;
}
type K6Globals = { __ENV?: Record<string, string>; __ITER?: number; __VU?: number };

const mockGet = jest.fn<FakeResponse, [string, Params?]>();
const mockPost = jest.fn<FakeResponse, [string, string, Params?]>();
const mockPatch = jest.fn<FakeResponse, [string, string, Params?]>();
const mockDel = jest.fn<FakeResponse, [string, null, Params?]>();
const checkResults: Record<string, boolean[]> = {};

jest.mock(
  'k6',
  () => ({
    check: (value: FakeResponse, checks: CheckSet) =>
      Object.entries(checks)
        .map(([name, fn]) => {
          const ok = fn(value);
          (checkResults[name] ??= []).push(ok);
          return ok;
        })
        .every(Boolean),
  }),
  { virtual: true },
);
jest.mock(
  'k6/http',
  () => ({
    __esModule: true,
    default: {
      get: (url: string, params?: Params) => mockGet(url, params),
      post: (url: string, body: string, params?: Params) => mockPost(url, body, params),
      patch: (url: string, body: string, params?: Params) => mockPatch(url, body, params),
      del: (url: string, body: null, params?: Params) => mockDel(url, body, params),
      expectedStatuses: (...statuses: number[]) => ({ expectedStatuses: statuses }),
    },
  }),
  { virtual: true },
);

const globals = globalThis as K6Globals;

function response(status: number, body?: unknown, headers: Record<string, string> = {}): FakeResponse {
  return {
    status,
    body: body === undefined ? null : typeof body === 'string' ? body : JSON.stringify(body),
    headers,
    error: '',
  };
}

function load(script: 'bench' | 'pets', env: Record<string, string> = {}): Script {
  globals.__ENV = env;
  let loaded: Script | undefined;
  jest.isolateModules(() => {
    loaded = jest.requireActual<Script>(`../${script}`);
  });
  return loaded!;
}

beforeEach(() => {
  jest.resetAllMocks();
  for (const name of Object.keys(checkResults)) delete checkResults[name];
  globals.__VU = 1;
  globals.__ITER = 0;
});

afterEach(() => {
  delete globals.__ENV;
  delete globals.__ITER;
  delete globals.__VU;
  jest.restoreAllMocks();
});

describe('bench.js', () => {
  it("runs the article's load: 400 VUs for 20s, no failed request, p99 under 250 ms, every check passing", () => {
    expect(load('bench').options).toEqual({
      discardResponseBodies: true,
      scenarios: { upstream: { executor: 'constant-vus', vus: 400, duration: '20s' } },
      summaryTrendStats: ['min', 'med', 'avg', 'max', 'p(90)', 'p(99)', 'p(99.9)'],
      thresholds: {
        http_req_failed: ['rate==0'],
        http_req_duration: ['p(99)<250'],
        checks: ['rate==1'],
      },
    });
  });

  it('takes VUS, DURATION and P99_MS from the settings', () => {
    const { options } = load('bench', { VUS: '50', DURATION: '1m', P99_MS: '400' });

    expect(options.scenarios.upstream).toEqual({ executor: 'constant-vus', vus: 50, duration: '1m' });
    expect(options.thresholds.http_req_duration).toEqual(['p(99)<400']);
  });

  it('refuses to start with a bad setting', () => {
    expect(() => load('bench', { VUS: 'lots' })).toThrow('VUS must be a whole number');
  });

  it('keeps and checks the body on the sampled iterations', () => {
    const bench = load('bench', { BASE_URL: 'https://pets.example.com/' });
    mockGet.mockReturnValue(response(200, { status: 200, length: 615 }));

    bench.default();

    expect(mockGet).toHaveBeenCalledWith('https://pets.example.com/v1/upstream', {
      tags: { name: 'GET /v1/upstream' },
      responseType: 'text',
    });
    expect(checkResults).toEqual({
      'upstream: status is 200': [true],
      'upstream: JSON body with numeric status and length': [true],
    });
  });

  it('checks only the status, with the body discarded, on the other iterations', () => {
    const bench = load('bench', { CHECK_EVERY: '5' });
    mockGet.mockReturnValue(response(200));

    for (let iteration = 1; iteration < 5; iteration += 1) {
      globals.__ITER = iteration;
      bench.default();
    }

    expect(mockGet).toHaveBeenCalledTimes(4);
    expect(mockGet).toHaveBeenLastCalledWith('http://localhost:3000/v1/upstream', {
      tags: { name: 'GET /v1/upstream' },
    });
    expect(checkResults).toEqual({ 'upstream: status is 200': [true, true, true, true] });
  });

  it('fails both checks on a problem document', () => {
    const bench = load('bench');
    mockGet.mockReturnValue(response(502, { type: 'about:blank', title: 'Bad Gateway', status: 502 }));

    bench.default();

    expect(checkResults).toEqual({
      'upstream: status is 200': [false],
      'upstream: JSON body with numeric status and length': [false],
    });
  });

  it('writes the table to stdout and the result to SUMMARY_FILE', () => {
    const bench = load('bench', { VARIANT: 'pets-api:gke', SUMMARY_FILE: 'out.json' });

    const outputs = bench.handleSummary(fixture('bench-pass'));

    expect(Object.keys(outputs).sort()).toEqual(['out.json', 'stdout']);
    expect(outputs.stdout).toContain('pets-api:gke 1.87 41.11 96.73 171.25 287.42 43.22    20.07   184396');
    expect(JSON.parse(outputs['out.json'])).toMatchObject({
      result: { variant: 'pets-api:gke', requests: 184396 },
    });
  });
});

describe('pets.js', () => {
  const token = { API_TOKEN: 'write-token' };
  let nextId = 0;

  function created(url: string, body: string): FakeResponse {
    nextId += 1;
    const pet = { id: `p${nextId}`, ...(JSON.parse(body) as object) };
    return response(201, pet, { Location: `/v1/pets/p${nextId}` });
  }

  beforeEach(() => {
    nextId = 0;
  });

  it('has thresholds per op tag, a failure budget, p(95) in the summary and no url system tag', () => {
    const { options } = load('pets', token);

    expect(options.scenarios.mixed).toEqual({ executor: 'constant-vus', vus: 400, duration: '20s' });
    expect(options.thresholds).toEqual({
      'http_req_duration{op:read}': ['p(95)<150', 'p(99)<250'],
      'http_req_duration{op:write}': ['p(99)<500'],
      http_req_failed: ['rate<0.01'],
      checks: ['rate>0.99'],
    });
    expect(options.summaryTrendStats).toEqual([
      'min',
      'med',
      'avg',
      'max',
      'p(90)',
      'p(95)',
      'p(99)',
      'p(99.9)',
    ]);
    expect(options.systemTags).not.toContain('url');
    expect(options.systemTags).toEqual(expect.arrayContaining(['name', 'status', 'expected_response']));
  });

  it('refuses to set up without API_TOKEN', () => {
    const pets = load('pets');

    expect(() => pets.setup!()).toThrow('needs a write token: k6 run -e API_TOKEN=<token>');
    expect(mockPost).not.toHaveBeenCalled();
  });

  it('creates the pool of pets with the token, tagged as setup', () => {
    const pets = load('pets', { ...token, POOL_SIZE: '3', BASE_URL: 'http://api:3000' });
    mockPost.mockImplementation(created);

    expect(pets.setup!()).toEqual({ ids: ['p1', 'p2', 'p3'] });
    expect(mockPost).toHaveBeenCalledTimes(3);
    const [url, body, params] = mockPost.mock.calls[0];
    expect(url).toBe('http://api:3000/v1/pets');
    expect(JSON.parse(body)).toEqual({
      name: expect.stringMatching(/ k6-pool-0$/) as string,
      location: expect.any(String) as string,
      tags: expect.any(Array) as string[],
    });
    expect(params).toEqual({
      headers: { 'Content-Type': 'application/json', Authorization: 'Bearer write-token' },
      tags: { name: 'POST /v1/pets', op: 'setup' },
    });
  });

  it('stops setup on a refused create, deleting what it created, with a hint about the token', () => {
    const pets = load('pets', { ...token, POOL_SIZE: '3' });
    mockPost
      .mockImplementationOnce(created)
      .mockReturnValueOnce(response(401, { title: 'Unauthorized', status: 401 }));
    mockDel.mockReturnValue(response(204));

    expect(() => pets.setup!()).toThrow(
      /answered 401: .*Unauthorized.*is API_TOKEN a valid write token.*created 1 of 3 pool pets and deleted them again$/,
    );
    expect(mockDel).toHaveBeenCalledWith('http://localhost:3000/v1/pets/p1', null, {
      headers: { 'Content-Type': 'application/json', Authorization: 'Bearer write-token' },
      tags: { name: 'DELETE /v1/pets/{id}', op: 'setup' },
      responseCallback: { expectedStatuses: [204, 404] },
    });
  });

  it.each<[string, number, () => void, () => void]>([
    [
      'reads a pet',
      0.1,
      () =>
        mockGet.mockReturnValue(response(200, { id: 'p2', name: 'Rex', location: 'house', tags: ['dog'] })),
      () => {
        expect(mockGet).toHaveBeenCalledWith('http://localhost:3000/v1/pets/p2', {
          tags: { name: 'GET /v1/pets/{id}', op: 'read' },
        });
      },
    ],
    [
      'lists pets by tag',
      0.5,
      () => mockGet.mockReturnValue(response(200, { items: [], nextCursor: null })),
      () => {
        expect(mockGet).toHaveBeenCalledWith(expect.stringMatching(/\/v1\/pets\?tag=[a-z]+&limit=20$/), {
          tags: { name: 'GET /v1/pets?tag', op: 'read' },
        });
      },
    ],
    [
      'reads tag counts, where 404 is an expected answer',
      0.65,
      () => mockGet.mockReturnValue(response(404, { title: 'Not Found', status: 404 })),
      () => {
        expect(mockGet).toHaveBeenCalledWith(expect.stringMatching(/\/v1\/tags\/[a-z]+$/), {
          tags: { name: 'GET /v1/tags/{tag}', op: 'read' },
          responseCallback: { expectedStatuses: [200, 404] },
        });
      },
    ],
    [
      'moves a pet',
      0.8,
      () =>
        mockPatch.mockImplementation((_url: string, body: string) =>
          response(200, { id: 'p2', name: 'Rex', tags: ['dog'], ...(JSON.parse(body) as object) }),
        ),
      () => {
        const [url, body, params] = mockPatch.mock.calls[0];
        expect(url).toBe('http://localhost:3000/v1/pets/p2');
        expect(Object.keys(JSON.parse(body) as object)).toEqual(['location']);
        expect(params?.tags).toEqual({ name: 'PATCH /v1/pets/{id}', op: 'write' });
        expect(params?.headers?.Authorization).toBe('Bearer write-token');
      },
    ],
    [
      'creates and deletes a pet',
      0.95,
      () => {
        mockPost.mockImplementation(created);
        mockDel.mockReturnValue(response(204));
      },
      () => {
        expect(mockPost.mock.calls[0][2]?.tags).toEqual({ name: 'POST /v1/pets', op: 'write' });
        expect(JSON.parse(mockPost.mock.calls[0][1])).toMatchObject({
          name: expect.stringMatching(/ k6-vu1-0$/),
        });
        expect(mockDel).toHaveBeenCalledWith('http://localhost:3000/v1/pets/p1', null, {
          headers: { 'Content-Type': 'application/json', Authorization: 'Bearer write-token' },
          tags: { name: 'DELETE /v1/pets/{id}', op: 'write' },
        });
      },
    ],
  ])('%s', (_name, draw, arrange, verify) => {
    const pets = load('pets', token);
    arrange();
    // The first draw picks the operation, the next ones the pet (p2 of three) and the rest.
    jest.spyOn(Math, 'random').mockReturnValueOnce(draw).mockReturnValue(0.5);

    pets.default({ ids: ['p1', 'p2', 'p3'] });

    verify();
    const results = Object.values(checkResults).flat();
    expect(results.length).toBeGreaterThan(0);
    expect(results.every(Boolean)).toBe(true);
  });

  it('fails the read check when the pet answered is not the one asked for', () => {
    const pets = load('pets', token);
    mockGet.mockReturnValue(response(200, { id: 'p9', name: 'Rex', location: 'house', tags: [] }));
    jest.spyOn(Math, 'random').mockReturnValueOnce(0.1).mockReturnValue(0.5);

    pets.default({ ids: ['p1', 'p2', 'p3'] });

    expect(checkResults).toEqual({ 'get pet: status is 200': [true], 'get pet: the pet asked for': [false] });
  });

  it('deletes the pool in teardown', () => {
    const pets = load('pets', token);
    mockDel.mockReturnValueOnce(response(204)).mockReturnValueOnce(response(404));

    pets.teardown!({ ids: ['p1', 'p2'] });

    expect(mockDel.mock.calls.map(([url]) => url)).toEqual([
      'http://localhost:3000/v1/pets/p1',
      'http://localhost:3000/v1/pets/p2',
    ]);
  });

  it('summarises as pets-mixed into pets-result.json', () => {
    const outputs = load('pets', token).handleSummary(fixture('pets-mixed'));

    expect(Object.keys(outputs).sort()).toEqual(['pets-result.json', 'stdout']);
    expect(outputs.stdout).toContain('pets-mixed 0.91 12.41 88.90 240.12 612.30 16.80    30.41    57443');
  });
});
