import type { FastifyBaseLogger } from 'fastify';
import { type Bindings, type ChildLoggerOptions, type Level, type Logger, symbols } from 'pino';

/**
 * Fastify gives every request its own child logger (bound to reqId). A pino
 * child is not free, with redaction set up it is one of the larger costs of a
 * request, and most requests never log anything. This stands in for it and
 * makes the real child only when a line is actually written.
 *
 * It is reached through `child()` of the logger Fastify is given
 * (`lazyChildrenOf`), not through Fastify's `childLoggerFactory` option:
 * Fastify checks every logger a custom factory returns, on every request
 * (an array of seven names filtered, 0.3 us), and trusts `child()`.
 */
class LazyChildLogger {
  constructor(
    private readonly parent: Logger | LazyChildLogger,
    private readonly bindings: Bindings,
    private readonly options: ChildLoggerOptions | undefined,
    private made?: Logger,
  ) {}

  get level(): string {
    return this.options?.level ?? this.parent.level;
  }

  isLevelEnabled(level: string): boolean {
    return this.options?.level === undefined
      ? this.parent.isLevelEnabled(level)
      : this.real().isLevelEnabled(level);
  }

  /** The pino child this stands for, made the first time it is needed. */
  real(): Logger {
    if (this.made === undefined) {
      const parent = this.parent instanceof LazyChildLogger ? this.parent.real() : this.parent;
      this.made = parent.child(this.bindings, this.options);
    }
    return this.made;
  }

  private write(level: Level, args: unknown[]): void {
    if (!this.isLevelEnabled(level)) return;
    const real = this.real();
    Reflect.apply(real[level], real, args);
  }

  fatal(...args: unknown[]): void {
    this.write('fatal', args);
  }
  error(...args: unknown[]): void {
    this.write('error', args);
  }
  warn(...args: unknown[]): void {
    this.write('warn', args);
  }
  info(...args: unknown[]): void {
    this.write('info', args);
  }
  debug(...args: unknown[]): void {
    this.write('debug', args);
  }
  trace(...args: unknown[]): void {
    this.write('trace', args);
  }
  silent(): void {}

  child(bindings: Bindings, options?: ChildLoggerOptions): FastifyBaseLogger {
    return new LazyChildLogger(this, bindings, options);
  }
}

/**
 * The logger to give Fastify as `loggerInstance`: `logger` itself, except
 * that its children (Fastify's server logger, and through it each request's)
 * are made only when they write a line.
 */
export function lazyChildrenOf(logger: Logger): FastifyBaseLogger {
  const root = new LazyChildLogger(logger, {}, undefined, logger);
  // Fastify keeps a pino instance's serializers over its own (it reads them by pino's symbol).
  Object.defineProperty(root, symbols.serializersSym, {
    value: (logger as unknown as Record<symbol, unknown>)[symbols.serializersSym],
  });
  return root;
}
