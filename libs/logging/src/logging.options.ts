import type { DestinationStream, LevelWithSilent } from 'pino';

export type LogLevel = LevelWithSilent;

export interface LoggingOptions {
  /** The `service` field of every line, e.g. `pets-api`. */
  service: string;
  /** Process-wide level. */
  level: LogLevel;
  /** Per-module levels, keyed by module name (case-insensitive). */
  levels?: Readonly<Record<string, LogLevel>>;
  /** Put every line written during a request in its context (AsyncLocalStorage); see LoggingSettings. */
  requestContext?: boolean;
  /** Human-readable output for a terminal. */
  pretty?: boolean;
  /** Where lines go; stdout by default. Tests pass a capturing stream. */
  destination?: DestinationStream;
}
