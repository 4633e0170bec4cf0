/** The upstream could not be reached, reset the connection, or answered with a server error. */
export class UpstreamFailedError extends Error {
  constructor(reason: string, options?: { cause?: unknown }) {
    super(`upstream failed: ${reason}`, options);
    this.name = 'UpstreamFailedError';
  }
}

/** The upstream did not answer within UPSTREAM_TIMEOUT_MS. */
export class UpstreamTimeoutError extends Error {
  constructor(readonly timeoutMs: number) {
    super(`upstream did not answer within ${timeoutMs} ms`);
    this.name = 'UpstreamTimeoutError';
  }
}

/** Recent requests failed: the circuit is open and no request is sent. */
export class UpstreamUnavailableError extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super('upstream circuit open');
    this.name = 'UpstreamUnavailableError';
  }
}
