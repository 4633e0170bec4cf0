import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { FastifyInstance, FastifyServerOptions } from 'fastify';
import {
  enterRequestContext,
  type Logger,
  type LoggerRegistry,
  logAnsweredRequest,
  REQUEST_ID_HEADER,
  requestIdFrom,
} from '@pets/logging';
import { acceptsJsonAsIs, isNegotiated, VARY_ACCEPT } from '../content/content-negotiation.step';
import type { ApiMetrics } from '../metrics/api-metrics';
import { mapErrorToProblem } from '../problem/problem.mapper';
import { PROBLEM_CONTENT_TYPE } from '../problem/problem-details';

/**
 * Answers one GET with a value to send as JSON (through JSON.stringify: the
 * route's response schema is Fastify's and is not applied here, so the value
 * must already be what the schema says); a rejection is answered as a
 * problem document.
 */
export type FastLaneHandler = (reqId: string) => Promise<unknown>;

type RequestListener = (request: IncomingMessage, response: ServerResponse) => void;

// As Fastify writes them for a string body.
const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';
const PROBLEM_CONTENT_TYPE_UTF8 = `${PROBLEM_CONTENT_TYPE}; charset=utf-8`;

/**
 * GETs of a few hot routes answered straight from node:http's `request`
 * event, ahead of Fastify. Fastify's per-request machinery (its request and
 * reply objects, router, hooks, reply listeners) costs the benchmark route
 * about 6% of its throughput against the same handler on bare node:http
 * (`npm run bench:side-by-side -- --variants baseline-1,fastify-1`), more than
 * the 5% the platform allows itself there.
 *
 * A lane route keeps what every route has: the request id (taken from
 * x-request-id or made, echoed, given to the handler), the request context of
 * the logs, `Vary: Accept`, the metrics, the access line, problem documents
 * for errors (the same mapper as the exception filter). It takes only the
 * plain case, though: exactly its path (no query), no body, and an Accept
 * that JSON answers as is. Everything else (HEAD, YAML, an Accept to
 * negotiate, a query string) goes on to Fastify, where the same route is
 * registered for them with its schema, and so do all requests once the
 * server is closing (Fastify answers those 503 and closes the connection).
 */
export class HttpFastLane {
  private readonly routes = new Map<string, FastLaneHandler>();
  private readonly access: Logger;
  private readonly http: Logger;
  private readonly withContext: boolean;
  private closing = false;
  private answeredCount = 0;

  constructor(
    private readonly metrics: ApiMetrics,
    logging: LoggerRegistry,
  ) {
    this.access = logging.forModule('access');
    this.http = logging.forModule('http');
    this.withContext = logging.requestContext;
  }

  /** Requests this lane has answered (the rest went to Fastify). */
  get answered(): number {
    return this.answeredCount;
  }

  /** Serves GET `path` (exactly) in the lane. The same route must also be registered on Fastify. */
  get(path: string, handler: FastLaneHandler): void {
    // Lane answers always say `Vary: Accept`, as Fastify's only do on negotiated resources.
    if (!isNegotiated(path)) throw new Error(`the fast lane serves API resources (/v<n>/...), not ${path}`);
    this.routes.set(path, handler);
  }

  /**
   * Fastify's `serverFactory`: the HTTP/1 server Fastify would make, with
   * the same timeouts (Fastify leaves them to whoever makes the server),
   * whose requests pass this lane first.
   */
  readonly serverFactory = (fastifyListener: RequestListener, options: FastifyServerOptions): Server => {
    const server = createServer((request, response) => {
      if (!this.took(request, response)) fastifyListener(request, response);
    });
    if (options.keepAliveTimeout !== undefined) server.keepAliveTimeout = options.keepAliveTimeout;
    if (options.requestTimeout !== undefined) server.requestTimeout = options.requestTimeout;
    if (options.connectionTimeout !== undefined) server.setTimeout(options.connectionTimeout);
    if (options.maxRequestsPerSocket) server.maxRequestsPerSocket = options.maxRequestsPerSocket;
    return server;
  };

  /** Sends every request to Fastify once `fastify` starts closing. */
  attachTo(fastify: FastifyInstance): void {
    fastify.addHook('preClose', (done) => {
      this.closing = true;
      done();
    });
  }

  private took(request: IncomingMessage, response: ServerResponse): boolean {
    if (request.method !== 'GET' || this.closing) return false;
    const handler = this.routes.get(request.url!);
    if (handler === undefined) return false;
    const headers = request.headers;
    if (!acceptsJsonAsIs(headers.accept)) return false;
    if (headers['content-length'] !== undefined || headers['transfer-encoding'] !== undefined) return false;
    this.serve(request, response, handler);
    return true;
  }

  private serve(request: IncomingMessage, response: ServerResponse, handler: FastLaneHandler): void {
    const started = performance.now();
    const reqId = requestIdFrom(request.headers[REQUEST_ID_HEADER]);
    if (this.withContext) enterRequestContext({ reqId });
    let answer: Promise<unknown>;
    try {
      answer = handler(reqId);
    } catch (error) {
      this.fail(request, response, started, reqId, error);
      return;
    }
    answer.then(
      (value) => this.send(request, response, started, reqId, 200, JSON_CONTENT_TYPE, JSON.stringify(value)),
      (error: unknown) => this.fail(request, response, started, reqId, error),
    );
  }

  /** The problem document the exception filter would send for `error`. */
  private fail(
    request: IncomingMessage,
    response: ServerResponse,
    started: number,
    reqId: string,
    error: unknown,
  ): void {
    const { problem, headers, unexpected } = mapErrorToProblem(error, reqId);
    if (unexpected) this.http.error({ err: error, reqId }, 'request failed unexpectedly');
    for (const [name, value] of Object.entries(headers)) response.setHeader(name, value);
    const body = JSON.stringify(problem);
    this.send(request, response, started, reqId, problem.status, PROBLEM_CONTENT_TYPE_UTF8, body);
  }

  private send(
    request: IncomingMessage,
    response: ServerResponse,
    started: number,
    reqId: string,
    status: number,
    contentType: string,
    body: string,
  ): void {
    // writeHead's object goes straight to the head of the message: no header map is kept.
    response.writeHead(status, {
      [REQUEST_ID_HEADER]: reqId,
      vary: VARY_ACCEPT,
      'content-type': contentType,
      'content-length': Buffer.byteLength(body),
    });
    response.end(body);
    this.answeredCount++;
    const ms = performance.now() - started;
    const route = request.url!;
    this.metrics.observe('GET', route, status, ms / 1000);
    logAnsweredRequest(this.access, { reqId, method: 'GET', url: route, route, status, ms });
  }
}
