import type { UpstreamSettings } from '../../config/upstream.settings';
import { UpstreamFailedError, UpstreamTimeoutError } from '../internal/upstream.errors';
import { type Dispatcher, errors, Pool } from './undici-pool';
import { UpstreamDeadlines, type WatchedCall } from './upstream-deadlines';

export interface UpstreamAnswer {
  status: number;
  /** Bytes in the body. */
  length: number;
}

/**
 * One GET in flight: counts the body's bytes as they arrive and settles once.
 * undici's dispatch interface, not `request()`: the route only needs the
 * status and the length, and `request()` wraps every body in a Readable
 * stream that the caller then drains through an async iterator (several
 * objects, promises and ticks per response, on the benchmark's hot path).
 *
 * The handler has undici's first form (onConnect, onHeaders, onData,
 * onComplete, onError), the one undici's own `request()` and `stream()`
 * implement, which its types mark deprecated in favour of onRequestStart,
 * onResponseStart... A handler of that newer form is wrapped by undici in an
 * adapter that parses every response's raw headers (and trailers) into an
 * object first: 2.5-3 µs a response in a CPU profile of the benchmark route,
 * about 3% of what a request costs, for headers this route never reads.
 */
class UpstreamGet implements Dispatcher.DispatchHandler, WatchedCall {
  private status = 0;
  private length = 0;
  private abort: ((reason: Error) => void) | undefined = undefined;
  // The deadlines' fields (WatchedCall).
  lastSeenTick = 0;
  watched = false;
  previousWatched: WatchedCall | undefined = undefined;
  nextWatched: WatchedCall | undefined = undefined;

  constructor(
    private readonly deadlines: UpstreamDeadlines,
    private readonly timeoutMs: number,
    private readonly resolve: (answer: UpstreamAnswer) => void,
    private readonly reject: (error: Error) => void,
    private readonly settled: ((failed: boolean) => void) | undefined,
  ) {}

  onConnect(abort: (reason: Error) => void): void {
    // A retried request (undici replays idempotent ones) starts counting afresh.
    this.status = 0;
    this.length = 0;
    this.abort = abort;
    // The request is being written: from now on the upstream has timeoutMs to answer.
    this.deadlines.touch(this);
  }

  onHeaders(statusCode: number): boolean {
    this.status = statusCode;
    this.deadlines.touch(this);
    return true;
  }

  onData(chunk: Buffer): boolean {
    this.length += chunk.length;
    this.deadlines.touch(this);
    return true;
  }

  onComplete(): void {
    this.deadlines.release(this);
    const failed = this.status >= 500;
    this.settled?.(failed);
    if (failed) this.reject(new UpstreamFailedError(`answered ${this.status}`));
    else this.resolve({ status: this.status, length: this.length });
  }

  onError(error: Error): void {
    this.deadlines.release(this);
    this.settled?.(true);
    this.reject(
      error instanceof UpstreamTimeoutError
        ? error
        : error instanceof errors.ConnectTimeoutError
          ? new UpstreamTimeoutError(this.timeoutMs)
          : new UpstreamFailedError(error.message, { cause: error }),
    );
  }

  /** The deadlines gave up on this call: undici ends it with onError(reason) and drops its connection. */
  expire(): void {
    this.abort?.(new UpstreamTimeoutError(this.timeoutMs));
  }
}

/**
 * One keep-alive connection pool to the upstream per process, created when
 * the process starts serving (never before a fork), closed at shutdown. The
 * benchmark's framework-free baseline uses this same client, so that the
 * comparison measures the framework and nothing else.
 */
export class UpstreamClient {
  private readonly pool: InstanceType<typeof Pool>;
  private readonly path: string;
  private readonly deadlines: UpstreamDeadlines;

  constructor(private readonly settings: Pick<UpstreamSettings, 'url' | 'timeoutMs' | 'connections'>) {
    const url = new URL(settings.url);
    this.path = `${url.pathname}${url.search}`;
    this.deadlines = new UpstreamDeadlines(settings.timeoutMs);
    this.pool = new Pool(url.origin, {
      connections: settings.connections,
      pipelining: 1,
      connect: { timeout: settings.timeoutMs },
      // Timed by UpstreamDeadlines instead (see there why).
      headersTimeout: 0,
      bodyTimeout: 0,
      keepAliveTimeout: 30_000,
    });
  }

  /**
   * One GET; `reqId` goes along as x-request-id, so the upstream's logs (and
   * undici's) can be joined with ours. A 5xx answer, a failed connection and
   * a timeout reject (UpstreamFailedError, UpstreamTimeoutError).
   * `settled`, when given, learns the outcome first, once: `true` exactly
   * when the promise will reject (a circuit breaker's report).
   */
  get(reqId?: string, settled?: (failed: boolean) => void): Promise<UpstreamAnswer> {
    return new Promise((resolve, reject) => {
      // undici hands every dispatch error (a closed pool too) to the handler, which settles once.
      this.pool.dispatch(
        {
          path: this.path,
          method: 'GET',
          headers: reqId === undefined ? undefined : { 'x-request-id': reqId },
        },
        new UpstreamGet(this.deadlines, this.settings.timeoutMs, resolve, reject, settled),
      );
    });
  }

  /** Waits for the calls in flight, which still time out meanwhile, then stops the deadlines' interval. */
  close(): Promise<void> {
    return this.pool.close().finally(() => this.deadlines.close());
  }
}
