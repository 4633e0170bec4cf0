import { durationMs, loadSettings } from '../lib/settings';

type SettingsModule = typeof import('../lib/settings');
type Env = Record<string, string>;
type K6Globals = { __ENV?: Env };

const globals = globalThis as K6Globals;

/** Loads a fresh copy of k6/lib/settings.js the way k6 does: with __ENV set beforehand. */
function importWithEnv(env: Env | undefined): SettingsModule {
  if (env === undefined) delete globals.__ENV;
  else globals.__ENV = env;
  let loaded: SettingsModule | undefined;
  jest.isolateModules(() => {
    loaded = jest.requireActual<SettingsModule>('../lib/settings');
  });
  return loaded!;
}

function problemOf(run: () => unknown): { name: string; message: string; problems: string[] } {
  try {
    run();
  } catch (error) {
    return error as { name: string; message: string; problems: string[] };
  }
  throw new Error('expected a SettingsError');
}

afterEach(() => {
  delete globals.__ENV;
});

describe('settings read from __ENV', () => {
  it('has the defaults when __ENV sets nothing', () => {
    expect(importWithEnv({}).settings).toEqual({
      baseUrl: 'http://localhost:3000',
      vus: 400,
      duration: '20s',
      p99Ms: 250,
      p95Ms: 150,
      writeP99Ms: 500,
      apiToken: null,
      variant: 'pets-api',
      summaryFile: 'bench-result.json',
      checkEvery: 10,
      poolSize: 50,
    });
  });

  it('has the defaults without any __ENV (plain Node)', () => {
    expect(importWithEnv(undefined).settings.vus).toBe(400);
  });

  it('reads every variable, trimmed; a trailing slash of BASE_URL is dropped', () => {
    const { settings } = importWithEnv({
      BASE_URL: 'https://pets.example.com/',
      VUS: ' 50 ',
      DURATION: '1m30s',
      P99_MS: '99.5',
      P95_MS: '40',
      WRITE_P99_MS: '800',
      API_TOKEN: 'secret-token',
      VARIANT: 'pets-api:gke',
      SUMMARY_FILE: 'results/run-1.json',
      CHECK_EVERY: '1',
      POOL_SIZE: '200',
    });

    expect(settings).toEqual({
      baseUrl: 'https://pets.example.com',
      vus: 50,
      duration: '1m30s',
      p99Ms: 99.5,
      p95Ms: 40,
      writeP99Ms: 800,
      apiToken: 'secret-token',
      variant: 'pets-api:gke',
      summaryFile: 'results/run-1.json',
      checkEvery: 1,
      poolSize: 200,
    });
  });

  it('treats an empty variable as unset', () => {
    expect(importWithEnv({ VUS: '', API_TOKEN: '  ' }).settings).toMatchObject({ vus: 400, apiToken: null });
  });

  it('keeps a path prefix of BASE_URL (an ingress serving the API under /pets)', () => {
    expect(importWithEnv({ BASE_URL: 'http://ingress.local/pets' }).settings.baseUrl).toBe(
      'http://ingress.local/pets',
    );
  });

  it('is frozen', () => {
    expect(Object.isFrozen(importWithEnv({}).settings)).toBe(true);
  });

  it.each<[string, string, string]>([
    ['VUS', 'abc', 'VUS must be a whole number from 1 to 100000 (got "abc")'],
    ['VUS', '0', 'VUS must be a whole number from 1 to 100000 (got "0")'],
    ['VUS', '1.5', 'VUS must be a whole number from 1 to 100000 (got "1.5")'],
    ['VUS', '12abc', 'VUS must be a whole number from 1 to 100000 (got "12abc")'],
    ['P99_MS', 'fast', 'P99_MS must be a number of milliseconds greater than 0, e.g. 250 (got "fast")'],
    ['P99_MS', '0', 'P99_MS must be a number of milliseconds greater than 0, e.g. 250 (got "0")'],
    ['P99_MS', '-5', 'P99_MS must be a number of milliseconds greater than 0, e.g. 250 (got "-5")'],
    ['DURATION', '20', 'DURATION must be a k6 duration greater than 0, e.g. 20s or 1m30s (got "20")'],
    ['DURATION', '0s', 'DURATION must be a k6 duration greater than 0, e.g. 20s or 1m30s (got "0s")'],
    [
      'BASE_URL',
      'pets.example.com',
      'BASE_URL must be an http:// or https:// URL without query, e.g. https://pets.example.com (got "pets.example.com")',
    ],
    [
      'VARIANT',
      'pets api',
      'VARIANT must be a label of 1 to 64 characters without spaces or "|", e.g. pets-api (got "pets api")',
    ],
    [
      'SUMMARY_FILE',
      'stdout',
      'SUMMARY_FILE must be a file path (stdout and stderr are already used) (got "stdout")',
    ],
    ['CHECK_EVERY', 'often', 'CHECK_EVERY must be a whole number from 1 to 1000000 (got "often")'],
    ['POOL_SIZE', '5000', 'POOL_SIZE must be a whole number from 1 to 1000 (got "5000")'],
  ])('refuses %s=%p when the module loads', (name, value, problem) => {
    const error = problemOf(() => importWithEnv({ [name]: value }));

    expect(error.name).toBe('SettingsError');
    expect(error.problems).toEqual([problem]);
    expect(error.message).toBe(`Invalid k6 settings: ${problem}`);
  });

  it('names every bad variable at once', () => {
    const error = problemOf(() => importWithEnv({ VUS: 'many', P99_MS: 'soon' }));

    expect(error.problems).toEqual([
      'VUS must be a whole number from 1 to 100000 (got "many")',
      'P99_MS must be a number of milliseconds greater than 0, e.g. 250 (got "soon")',
    ]);
  });

  it('never echoes API_TOKEN', () => {
    const error = problemOf(() => importWithEnv({ VUS: 'x', API_TOKEN: 'secret-token' }));

    expect(error.message).not.toContain('secret-token');
  });
});

describe('loadSettings', () => {
  it('takes per-script defaults (pets.js names its own variant and file), the environment still wins', () => {
    const defaults = { VARIANT: 'pets-mixed', SUMMARY_FILE: 'pets-result.json' };

    expect(loadSettings({}, defaults)).toMatchObject({
      variant: 'pets-mixed',
      summaryFile: 'pets-result.json',
    });
    expect(loadSettings({ VARIANT: 'mine' }, defaults).variant).toBe('mine');
  });

  it('accepts no environment at all', () => {
    expect(loadSettings(undefined).baseUrl).toBe('http://localhost:3000');
  });
});

describe('durationMs', () => {
  it.each<[string, number]>([
    ['20s', 20000],
    ['500ms', 500],
    ['1m30s', 90000],
    ['1.5m', 90000],
    ['2h', 7200000],
  ])('reads %p as %p ms', (text, ms) => {
    expect(durationMs(text)).toBe(ms);
  });

  it.each(['', '20', 's', '20 s', '1d', '-1s'])('refuses %p', (text) => {
    expect(durationMs(text)).toBeNaN();
  });
});
