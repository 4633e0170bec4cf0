import type { Logger } from 'pino';
import type { LogLevel } from './logging.options';

/**
 * Hands out one child logger per module (`datastore`, `http`, `NestFactory`,
 * ...), each with the level configured for it, so `LOG_LEVELS=datastore=debug`
 * turns on one module's debug lines without the rest.
 */
export class LoggerRegistry {
  private readonly children = new Map<string, Logger>();
  private readonly levels: ReadonlyMap<string, LogLevel>;

  constructor(
    readonly root: Logger,
    levels: Readonly<Record<string, LogLevel>> = {},
    /** Whether request handling enters a request context (see LoggingOptions.requestContext). */
    readonly requestContext = false,
  ) {
    this.levels = new Map(Object.entries(levels).map(([module, level]) => [module.toLowerCase(), level]));
  }

  forModule(module: string): Logger {
    let child = this.children.get(module);
    if (!child) {
      const level = this.levels.get(module.toLowerCase());
      child = this.root.child({ module }, level ? { level } : undefined);
      this.children.set(module, child);
    }
    return child;
  }

  /** The level a module logs at, for libraries that take a threshold instead of a logger. */
  levelOf(module: string): LogLevel {
    return this.levels.get(module.toLowerCase()) ?? (this.root.level as LogLevel);
  }
}
