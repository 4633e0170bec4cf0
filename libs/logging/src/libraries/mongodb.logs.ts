import type { LoggerRegistry } from '../logger.registry';
import type { LogLevel } from '../logging.options';

// The driver's severities, from its structured-logging specification.
type DriverSeverity =
  'off' | 'emergency' | 'alert' | 'critical' | 'error' | 'warn' | 'notice' | 'info' | 'debug' | 'trace';

const SEVERITY_FOR_LEVEL: Record<LogLevel, DriverSeverity> = {
  silent: 'off',
  fatal: 'critical',
  error: 'error',
  warn: 'warn',
  info: 'notice',
  debug: 'debug',
  trace: 'trace',
};

type PinoMethod = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace';
const LEVEL_FOR_SEVERITY: Record<string, PinoMethod> = {
  emergency: 'fatal',
  alert: 'fatal',
  critical: 'fatal',
  error: 'error',
  warn: 'warn',
  notice: 'info',
  info: 'info',
  debug: 'debug',
  trace: 'trace',
};

interface DriverLog {
  t: Date;
  c: string;
  s: string;
  message?: string;
  [field: string]: unknown;
}

/**
 * MongoClient options that route the driver's own structured logs into the
 * `mongodb` module logger, at the level configured for that module.
 */
export function mongodbLoggerOptions(registry: LoggerRegistry): {
  mongodbLogPath: { write(log: DriverLog): void };
  mongodbLogComponentSeverities: { default: DriverSeverity };
} {
  const log = registry.forModule('mongodb');
  return {
    mongodbLogPath: {
      write: ({ t: _time, c: component, s: severity, message, ...fields }: DriverLog) => {
        log[LEVEL_FOR_SEVERITY[severity] ?? 'info']({ component, ...fields }, message ?? component);
      },
    },
    mongodbLogComponentSeverities: { default: SEVERITY_FOR_LEVEL[registry.levelOf('mongodb')] },
  };
}
