import {
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
  type FastifyServerOptions,
  LogController,
} from 'fastify';
import type { LoggerRegistry } from '../logger.registry';
import { logAnsweredRequest } from './access-log';
import { enterRequestContext } from '../request-context';
import { lazyChildrenOf } from './lazy-request-logger';
import { REQUEST_ID_HEADER, requestIdFrom } from './request-id';

/**
 * Fastify server options that make Fastify log through the process logger
 * (module `http`) and take the request id from `x-request-id`.
 */
export function fastifyLoggingOptions(
  registry: LoggerRegistry,
): Pick<FastifyServerOptions, 'loggerInstance' | 'logController' | 'genReqId'> {
  return {
    loggerInstance: lazyChildrenOf(registry.forModule('http')),
    // Access lines are ours (module `access`), one per request, so they can
    // be turned down with LOG_LEVELS=access=warn without silencing Fastify.
    logController: new LogController({ disableRequestLogging: true, requestIdLogLabel: 'reqId' }),
    genReqId: (request) => requestIdFrom(request.headers[REQUEST_ID_HEADER]),
  };
}

/** Request logging's per-request work, for a caller that runs it inside hooks of its own. */
export interface RequestLoggingSteps {
  /** Echo the request id on the response (and enter the request context). */
  onRequest(request: FastifyRequest, reply: FastifyReply): void;
  /** One access line. */
  onResponse(request: FastifyRequest, reply: FastifyReply): void;
}

/**
 * The request id on every response, one access line per request and, with
 * `registry.requestContext`, each request run in a request context so any
 * module's log lines carry `reqId`. Registers on `fastify` only what needs a
 * hook of its own (entering the context again before validation); answers the
 * rest as steps for the caller's hooks, so that it pays for no extra hook on
 * every request: a server with no hooks of its own runs them from two
 * (see the README).
 */
export function requestLoggingSteps(fastify: FastifyInstance, registry: LoggerRegistry): RequestLoggingSteps {
  const access = registry.forModule('access');
  const withContext = registry.requestContext;
  if (withContext) {
    // Body parsing resumes from socket callbacks that lost the context set in
    // onRequest; entering it again here covers validation and the handler.
    fastify.addHook('preValidation', (request, _reply, done) => {
      enterRequestContext({ reqId: request.id });
      done();
    });
  }
  return {
    onRequest(request, reply) {
      void reply.header(REQUEST_ID_HEADER, request.id);
      if (withContext) enterRequestContext({ reqId: request.id });
    },
    onResponse(request, reply) {
      logAnsweredRequest(access, {
        reqId: request.id,
        method: request.method,
        url: request.url,
        route: request.routeOptions.url,
        status: reply.statusCode,
        ms: reply.elapsedTime,
      });
    },
  };
}
