import { ConfigError } from './config.error';
import { loadConfig, type LoadConfigOptions } from './config.loader';

/** Exit status for a configuration error (sysexits.h EX_CONFIG). */
export const EXIT_CONFIG = 78;

/**
 * Loads settings at process start. A bad setting stops the process with one
 * line on stderr, before any logger, socket or pool exists.
 */
export function loadConfigOrExit<T extends object>(
  settingsClass: new () => T,
  options?: LoadConfigOptions,
): T {
  try {
    return loadConfig(settingsClass, options);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(EXIT_CONFIG);
  }
}
