import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { ConfigError } from './config.error';

/**
 * Reads the optional settings file (YAML or JSON; JSON is valid YAML, but a
 * `.json` file is parsed strictly so its errors point at JSON syntax).
 */
export function readConfigFile(path: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConfigError([`CONFIG_FILE ${path} cannot be read (${(error as NodeJS.ErrnoException).code})`]);
  }
  let parsed: unknown;
  try {
    parsed = extname(path) === '.json' ? JSON.parse(text) : parseYaml(text);
  } catch (error) {
    const reason = (error as Error).message.split('\n')[0];
    throw new ConfigError([
      `CONFIG_FILE ${path} is not valid ${extname(path) === '.json' ? 'JSON' : 'YAML'}: ${reason}`,
    ]);
  }
  if (parsed === null || parsed === undefined) return {};
  if (typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new ConfigError([`CONFIG_FILE ${path} must hold a mapping of settings`]);
  }
  return parsed as Record<string, unknown>;
}
