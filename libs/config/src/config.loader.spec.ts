import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { IsInt, IsString, Max, Min } from '@pets/validation';
import { ConfigError } from './config.error';
import { loadConfig } from './config.loader';
import { asList, asNumber } from './parsers/env-parsers';
import { DatastoreSettings } from './sections/datastore.settings';
import { LoggingSettings } from './sections/logging.settings';
import { Env, Section, Secret } from './setting.decorators';

class ServerSettings {
  @Env('PORT', asNumber)
  @IsInt()
  @Min(1)
  @Max(65535)
  port = 3000;

  @Env('HOST')
  @IsString()
  host = '0.0.0.0';
}

class AuthSettings {
  @Env('API_TOKENS', asList)
  @Secret()
  @IsString({ each: true })
  tokens: string[] = [];
}

class TestSettings {
  @Section(() => LoggingSettings)
  logging = new LoggingSettings();

  @Section(() => ServerSettings)
  server = new ServerSettings();

  @Section(() => AuthSettings)
  auth = new AuthSettings();

  @Section(() => DatastoreSettings)
  datastore = new DatastoreSettings();
}

function configFile(name: string, text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'pets-config-')), name);
  writeFileSync(path, text);
  return path;
}

function problemOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).message;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('returns the defaults when nothing is set', () => {
    const settings = loadConfig(TestSettings, { env: {} });
    expect(settings.server).toEqual({ port: 3000, host: '0.0.0.0' });
    expect(settings.logging).toEqual({ level: 'info', levels: {}, pretty: false, requestContext: false });
    expect(settings.datastore.url).toBeUndefined();
    expect(settings).toBeInstanceOf(TestSettings);
    expect(settings.server).toBeInstanceOf(ServerSettings);
  });

  it('layers defaults, then the YAML file, then the environment', () => {
    const file = configFile(
      'settings.yaml',
      'server:\n  port: 4000\n  host: 127.0.0.1\nlogging:\n  level: debug\n',
    );
    const settings = loadConfig(TestSettings, { env: { CONFIG_FILE: file, PORT: '5000' } });
    expect(settings.server.port).toBe(5000);
    expect(settings.server.host).toBe('127.0.0.1');
    expect(settings.logging.level).toBe('debug');
  });

  it('reads a JSON file too', () => {
    const file = configFile('settings.json', JSON.stringify({ server: { port: 4100 } }));
    expect(loadConfig(TestSettings, { env: { CONFIG_FILE: file } }).server.port).toBe(4100);
  });

  it('lets a list from the environment replace the file list instead of appending to it', () => {
    const file = configFile('settings.yaml', 'auth:\n  tokens: [a, b]\n');
    expect(loadConfig(TestSettings, { env: { CONFIG_FILE: file } }).auth.tokens).toEqual(['a', 'b']);
    expect(loadConfig(TestSettings, { env: { CONFIG_FILE: file, API_TOKENS: 'c' } }).auth.tokens).toEqual([
      'c',
    ]);
  });

  it('parses per-module log levels', () => {
    const settings = loadConfig(TestSettings, {
      env: { LOG_LEVELS: 'datastore=debug, http=warn', LOG_LEVEL: 'WARN' },
    });
    expect(settings.logging.levels).toEqual({ datastore: 'debug', http: 'warn' });
    expect(settings.logging.level).toBe('warn');
  });

  it('names the environment variable and the reason on a bad value, on one line', () => {
    const message = problemOf(() => loadConfig(TestSettings, { env: { PORT: 'abc' } }));
    expect(message).toBe('Invalid configuration: PORT must be an integer number (got "abc")');
    expect(message).not.toContain('\n');
  });

  it('reports every bad setting at once', () => {
    const message = problemOf(() => loadConfig(TestSettings, { env: { PORT: '70000', LOG_LEVEL: 'loud' } }));
    expect(message).toContain('LOG_LEVEL must be one of the following values');
    expect(message).toContain('PORT must not be greater than 65535 (got 70000)');
  });

  it('names the file and key of a bad file value', () => {
    const file = configFile('settings.yaml', 'server:\n  port: -1\n');
    expect(problemOf(() => loadConfig(TestSettings, { env: { CONFIG_FILE: file } }))).toBe(
      `Invalid configuration: ${file}: server.port must not be less than 1 (got -1)`,
    );
  });

  it('rejects unknown keys in the file', () => {
    const file = configFile('settings.yaml', 'server:\n  prot: 1\n');
    expect(problemOf(() => loadConfig(TestSettings, { env: { CONFIG_FILE: file } }))).toContain(
      'server.prot is not a known setting',
    );
  });

  it('rejects a bad per-module level map', () => {
    expect(problemOf(() => loadConfig(TestSettings, { env: { LOG_LEVELS: 'datastore=chatty' } }))).toContain(
      'LOG_LEVELS must be a list of module=level pairs',
    );
  });

  it('rejects an unknown datastore scheme without echoing the URL', () => {
    const message = problemOf(() =>
      loadConfig(TestSettings, { env: { DATASTORE_URL: 'mysql://root:hunter2@db/pets' } }),
    );
    expect(message).toContain(
      'DATASTORE_URL must be a postgres://, postgresql://, mongodb:// or mongodb+srv:// URL',
    );
    expect(message).not.toContain('hunter2');
  });

  it('accepts the supported datastore schemes', () => {
    for (const url of [
      'postgres://u@h/db',
      'postgresql://h/db',
      'mongodb://h:27017/pets',
      'mongodb+srv://c.example/pets',
    ]) {
      expect(loadConfig(TestSettings, { env: { DATASTORE_URL: url } }).datastore.url).toBe(url);
    }
  });

  it('treats an empty variable as unset', () => {
    expect(loadConfig(TestSettings, { env: { DATASTORE_URL: '' } }).datastore.url).toBeUndefined();
  });

  it('explains an unreadable or malformed file', () => {
    expect(problemOf(() => loadConfig(TestSettings, { env: { CONFIG_FILE: '/nonexistent/x.yaml' } }))).toBe(
      'Invalid configuration: CONFIG_FILE /nonexistent/x.yaml cannot be read (ENOENT)',
    );
    const file = configFile('bad.json', '{"server": ');
    expect(problemOf(() => loadConfig(TestSettings, { env: { CONFIG_FILE: file } }))).toContain(
      'is not valid JSON',
    );
    const list = configFile('list.yaml', '- a\n- b\n');
    expect(problemOf(() => loadConfig(TestSettings, { env: { CONFIG_FILE: list } }))).toContain(
      'must hold a mapping',
    );
  });

  it('cannot be polluted through the file', () => {
    const file = configFile(
      'evil.json',
      '{"__proto__": {"polluted": true}, "server": {"__proto__": {"x": 1}}}',
    );
    loadConfig(TestSettings, { env: { CONFIG_FILE: file } });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('returns frozen settings', () => {
    const settings = loadConfig(TestSettings, { env: {} });
    expect(Object.isFrozen(settings)).toBe(true);
    expect(Object.isFrozen(settings.server)).toBe(true);
  });
});
