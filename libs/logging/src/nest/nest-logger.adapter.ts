import type { LoggerService, LogLevel as NestLogLevel } from '@nestjs/common';
import type { Level } from 'pino';
import type { LoggerRegistry } from '../logger.registry';

const NEST_TO_PINO: Record<NestLogLevel, Level> = {
  fatal: 'fatal',
  error: 'error',
  warn: 'warn',
  log: 'info',
  debug: 'debug',
  verbose: 'trace',
};

/**
 * Nest's own logs (bootstrap, routes, lifecycle, `new Logger(ctx)` calls)
 * written through the process's pino logger: the Nest context becomes the
 * module, so its level follows LOG_LEVELS like any other module.
 */
export class NestLoggerAdapter implements LoggerService {
  constructor(private readonly registry: LoggerRegistry) {}

  log(message: unknown, ...params: unknown[]): void {
    this.write('log', message, params);
  }
  error(message: unknown, ...params: unknown[]): void {
    this.write('error', message, params);
  }
  warn(message: unknown, ...params: unknown[]): void {
    this.write('warn', message, params);
  }
  debug(message: unknown, ...params: unknown[]): void {
    this.write('debug', message, params);
  }
  verbose(message: unknown, ...params: unknown[]): void {
    this.write('verbose', message, params);
  }
  fatal(message: unknown, ...params: unknown[]): void {
    this.write('fatal', message, params);
  }

  private write(level: NestLogLevel, message: unknown, params: unknown[]): void {
    // Nest passes the context last; `error` may pass a stack trace before it.
    const context =
      params.length > 0 && typeof params[params.length - 1] === 'string' ? params.pop() : undefined;
    const logger = this.registry.forModule(typeof context === 'string' ? context : 'nest');
    const method = NEST_TO_PINO[level];
    if (!logger.isLevelEnabled(method)) return;
    const stack = params.find((p): p is string => typeof p === 'string' && p.includes('\n'));
    if (message instanceof Error) {
      logger[method]({ err: message }, message.message);
    } else if (typeof message === 'object' && message !== null) {
      logger[method](message);
    } else if (stack) {
      logger[method]({ err: { stack } }, String(message));
    } else {
      logger[method](String(message));
    }
  }
}
