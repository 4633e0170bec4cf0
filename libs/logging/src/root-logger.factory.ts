import { hostname } from 'node:os';
import pino, { type DestinationStream, type Logger } from 'pino';
import type { LoggingOptions } from './logging.options';
import { REDACTED_PATHS, REDACTION_CENSOR, redactUrlCredentials } from './redaction';
import { currentRequestContext } from './request-context';

/**
 * The one pino logger of a process. Every line is JSON with `time`, `level`
 * (as a word), `service`, `pid`, `hostname` and `msg`, plus `reqId` when it is
 * written while a request is being served, whoever writes it.
 */
export function createRootLogger(options: LoggingOptions): Logger {
  return pino(
    {
      level: options.level,
      base: { service: options.service, pid: process.pid, hostname: hostname() },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      mixin: () => {
        const context = currentRequestContext();
        return context ? { reqId: context.reqId } : {};
      },
      redact: { paths: REDACTED_PATHS, censor: REDACTION_CENSOR },
      hooks: { streamWrite: redactUrlCredentials },
    },
    options.destination ?? defaultDestination(options.pretty ?? false),
  );
}

function defaultDestination(pretty: boolean): DestinationStream {
  if (pretty) {
    // Loaded only when asked for: pino-pretty is a development convenience.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const pinoPretty = require('pino-pretty') as typeof import('pino-pretty');
    return pinoPretty({ sync: true, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname' });
  }
  // Asynchronous writes keep logging off the request path; pino flushes the
  // buffer when the process exits normally.
  return pino.destination({ dest: 1, sync: false });
}
