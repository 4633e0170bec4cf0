import { IsBoolean, IsIn } from '@pets/validation';
import { asBoolean, asKeyValueMap } from '../parsers/env-parsers';
import { Env } from '../setting.decorators';
import { IsLogLevelMap, LOG_LEVELS, type LogLevelName } from './log-level';

/** Logging, shared by every process of the platform. */
export class LoggingSettings {
  /** The process-wide level. */
  @Env('LOG_LEVEL', (raw) => raw.trim().toLowerCase())
  @IsIn(LOG_LEVELS)
  level: LogLevelName = 'info';

  /** Per-module overrides, e.g. `datastore=debug,access=warn`. */
  @Env('LOG_LEVELS', asKeyValueMap)
  @IsLogLevelMap()
  levels: Record<string, LogLevelName> = {};

  /**
   * Give every line written while a request is served its reqId, whichever
   * module writes it (AsyncLocalStorage). Off by default: on Node 20 it costs
   * about 10% of throughput (measured with wrk on /v1/upstream); without it,
   * the HTTP layer's lines and ours carry reqId explicitly, and the upstream
   * call can send it as x-request-id (UPSTREAM_FORWARD_REQUEST_ID).
   */
  @Env('LOG_REQUEST_CONTEXT', asBoolean)
  @IsBoolean()
  requestContext = false;

  /** Human-readable lines instead of JSON; for a terminal, never for production. */
  @Env('LOG_PRETTY', asBoolean)
  @IsBoolean()
  pretty = false;
}
