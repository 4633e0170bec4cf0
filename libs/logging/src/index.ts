export type { LoggingOptions, LogLevel } from './logging.options';
export { createRootLogger } from './root-logger.factory';
export { LoggerRegistry } from './logger.registry';
export { getLogger, initLogging, loggerRegistry } from './process-logging';
export {
  currentRequestContext,
  enterRequestContext,
  runInRequestContext,
  type RequestContext,
} from './request-context';
export { REDACTED_PATHS, redactUrlCredentials } from './redaction';
export { NestLoggerAdapter } from './nest/nest-logger.adapter';
export {
  fastifyLoggingOptions,
  requestLoggingSteps,
  type RequestLoggingSteps,
} from './http/fastify-request-logging';
export { type AnsweredRequest, logAnsweredRequest } from './http/access-log';
export { REQUEST_ID_HEADER, requestIdFrom } from './http/request-id';
export { forwardUndiciLogs } from './libraries/undici.logs';
export { mongodbLoggerOptions } from './libraries/mongodb.logs';
export type { Logger } from 'pino';
