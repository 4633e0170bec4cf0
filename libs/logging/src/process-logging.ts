import type { Logger } from 'pino';
import { LoggerRegistry } from './logger.registry';
import type { LoggingOptions } from './logging.options';
import { createRootLogger } from './root-logger.factory';

let registry: LoggerRegistry | undefined;

/**
 * Sets up the process's logging once, at start-up, from its settings. Later
 * calls replace it (tests do this to capture output).
 */
export function initLogging(options: LoggingOptions): LoggerRegistry {
  registry = new LoggerRegistry(createRootLogger(options), options.levels, options.requestContext ?? false);
  return registry;
}

export function loggerRegistry(): LoggerRegistry {
  // A library used before start-up finished still logs somewhere sensible.
  registry ??= new LoggerRegistry(createRootLogger({ service: 'pets-platform', level: 'info' }));
  return registry;
}

/** The logger of one module of this process. */
export function getLogger(module: string): Logger {
  return loggerRegistry().forModule(module);
}
