import { instanceToPlain, plainToInstance } from 'class-transformer';
import { validateSync, type ValidationError } from '@pets/validation';
import { Merger } from '@pets/deepmerge';
import { ConfigError } from './config.error';
import { readConfigFile } from './config-file.reader';
import { envBindingsOf, isSecret, sectionBindingsOf } from './setting.decorators';

export interface LoadConfigOptions {
  /** Where environment variables come from; `process.env` by default. */
  env?: NodeJS.ProcessEnv;
}

type Plain = Record<string, unknown>;

// Layers merge record by record; a list or scalar from a later layer replaces
// the earlier one (API_TOKENS from the environment must not add to the file's).
const layerMerger = new Merger([[Object, ['merge']]], ['override'], ['override']);

/**
 * Builds the settings of one process: the class's defaults, then the optional
 * file named by CONFIG_FILE, then environment variables; validates the result
 * and returns it frozen. Throws ConfigError naming every bad setting.
 */
export function loadConfig<T extends object>(settingsClass: new () => T, options: LoadConfigOptions = {}): T {
  const env = options.env ?? process.env;
  const defaults = instanceToPlain(new settingsClass()) as Plain;
  const configFile = env.CONFIG_FILE?.trim();
  const fromFile = configFile ? readConfigFile(configFile) : {};
  const envSources = new Map<string, string>();
  const fromEnv = readEnvironment(settingsClass, env, [], envSources);

  const plain = layerMerger.merged(defaults, fromFile, fromEnv) as Plain;
  const settings = plainToInstance(settingsClass, plain);
  const errors = validateSync(settings, { whitelist: true, forbidNonWhitelisted: true });
  if (errors.length > 0) {
    const describe = (path: string): string =>
      envSources.get(path) ?? (configFile && hasPath(fromFile, path) ? `${configFile}: ${path}` : path);
    throw new ConfigError(
      flatten(errors, []).map(({ path, reason, value }) => `${describe(path)} ${reason}${shown(value)}`),
    );
  }
  return deepFreeze(settings);
}

function readEnvironment(
  settingsClass: object,
  env: NodeJS.ProcessEnv,
  prefix: string[],
  sources: Map<string, string>,
): Plain {
  const layer: Plain = {};
  for (const { property, variable, parse } of envBindingsOf(settingsClass)) {
    const raw = env[variable];
    if (raw === undefined) continue;
    const value = parse(raw);
    if (value === undefined) continue;
    layer[property] = value;
    sources.set([...prefix, property].join('.'), variable);
  }
  for (const { property, section } of sectionBindingsOf(settingsClass)) {
    const nested = readEnvironment(section(), env, [...prefix, property], sources);
    if (Object.keys(nested).length > 0) layer[property] = nested;
  }
  return layer;
}

interface Problem {
  path: string;
  reason: string;
  value: unknown;
}

function flatten(errors: readonly ValidationError[], prefix: string[]): Problem[] {
  return errors.flatMap((error) => {
    const path = [...prefix, error.property];
    const secret = error.target !== undefined && isSecret(error.target.constructor, error.property);
    // One reason per setting: the top-most decorator's, which is listed last and
    // is by convention the type check ("must be an integer" before "must be >= 1").
    const [rule, message] = Object.entries(error.constraints ?? {}).at(-1) ?? [];
    const own =
      rule === undefined || message === undefined
        ? []
        : [
            {
              path: path.join('.'),
              reason:
                rule === 'whitelistValidation'
                  ? 'is not a known setting'
                  : stripSubject(message, error.property),
              value: secret ? undefined : (error.value as unknown),
            },
          ];
    return [...own, ...flatten(error.children ?? [], path)];
  });
}

// class-validator messages start with the property name ("port must be ...");
// the caller prefixes the setting's real name instead.
function stripSubject(message: string, property: string): string {
  return message.startsWith(`${property} `) ? message.slice(property.length + 1) : message;
}

function shown(value: unknown): string {
  if (value === undefined || (typeof value === 'object' && value !== null)) return '';
  return ` (got ${JSON.stringify(value)})`;
}

function hasPath(source: Plain, path: string): boolean {
  let node: unknown = source;
  for (const key of path.split('.')) {
    if (typeof node !== 'object' || node === null || !Object.prototype.hasOwnProperty.call(node, key))
      return false;
    node = (node as Plain)[key];
  }
  return true;
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const key of Object.keys(value)) deepFreeze((value as Plain)[key]);
  }
  return value;
}
