import { type FastifyInstance, type FastifyServerOptions, LogController } from 'fastify';
import type { LoggerRegistry } from '../logger.registry';
import { enterRequestContext } from '../request-context';
import { lazyRequestLoggerFactory } from './lazy-request-logger';
import { REQUEST_ID_HEADER, requestIdFrom } from './request-id';

/**
 * Fastify server options that make Fastify log through the process logger
 * (module `http`) and take the request id from `x-request-id`.
 */
export function fastifyLoggingOptions(
  registry: LoggerRegistry,
): Pick<FastifyServerOptions, 'loggerInstance' | 'logController' | 'genReqId' | 'childLoggerFactory'> {
  return {
    loggerInstance: registry.forModule('http'),
    childLoggerFactory: lazyRequestLoggerFactory,
    // Access lines are ours (module `access`), one per request, so they can
    // be turned down with LOG_LEVELS=access=warn without silencing Fastify.
    logController: new LogController({ disableRequestLogging: true, requestIdLogLabel: 'reqId' }),
    genReqId: (request) => requestIdFrom(request.headers[REQUEST_ID_HEADER]),
  };
}

/**
 * Returns the request id on every response and writes one access line per
 * request. With `registry.requestContext`, also runs each request in a request
 * context, so any module's log lines carry `reqId`.
 */
export function registerRequestLogging(fastify: FastifyInstance, registry: LoggerRegistry): void {
  const access = registry.forModule('access');

  if (registry.requestContext) {
    fastify.addHook('onRequest', (request, reply, done) => {
      void reply.header(REQUEST_ID_HEADER, request.id);
      enterRequestContext({ reqId: request.id });
      done();
    });
    // Body parsing resumes from socket callbacks that lost the context set in
    // onRequest; entering it again here covers validation and the handler.
    fastify.addHook('preValidation', (request, _reply, done) => {
      enterRequestContext({ reqId: request.id });
      done();
    });
  } else {
    fastify.addHook('onRequest', (request, reply, done) => {
      void reply.header(REQUEST_ID_HEADER, request.id);
      done();
    });
  }

  fastify.addHook('onResponse', (request, reply, done) => {
    const status = reply.statusCode;
    const level = status >= 500 ? 'error' : 'info';
    if (access.isLevelEnabled(level)) {
      access[level](
        {
          reqId: request.id,
          method: request.method,
          url: request.url,
          route: request.routeOptions.url,
          status,
          ms: Math.round(reply.elapsedTime * 100) / 100,
        },
        'request completed',
      );
    }
    done();
  });
}
