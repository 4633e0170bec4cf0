export type BreakerState = 'closed' | 'open' | 'half-open';

export interface LeanCircuitBreakerOptions {
  /** Open when at least this share of calls in the window failed... */
  failureRatio: number;
  /** ...and the window holds at least this many calls. */
  minimumCalls: number;
  /** The rolling window, in `buckets` slices. */
  windowMs: number;
  buckets: number;
  /** How long the circuit stays open before one trial call. */
  resetMs: number;
  now?: () => number;
  /** The error a call refused by an open circuit fails with (default: CircuitOpenError). */
  refusal?: () => Error;
}

/** How a call tells the breaker its outcome, once: `true` when it failed. */
export type OutcomeReport = (failed: boolean) => void;

export class CircuitOpenError extends Error {
  constructor() {
    super('circuit open');
    this.name = 'CircuitOpenError';
  }
}

/**
 * A circuit breaker for a path that runs tens of thousands of times a second:
 * through `runReporting`, a successful call costs two array writes and no
 * promise or event. opossum (used for the datastore) measured about 6 µs a
 * call here, 7% of the whole request's CPU on the benchmark route. Same
 * states: closed, open (fail fast for `resetMs`), half-open (one trial call
 * decides). A call is counted in the window when its outcome is known.
 */
export class LeanCircuitBreaker {
  private readonly totals: Float64Array;
  private readonly failures: Float64Array;
  private readonly stamps: Float64Array;
  private readonly bucketMs: number;
  private readonly now: () => number;
  private stateValue: BreakerState = 'closed';
  private openedAt = 0;
  private trialInFlight = false;
  private readonly listeners: ((state: BreakerState) => void)[] = [];

  constructor(private readonly options: LeanCircuitBreakerOptions) {
    this.totals = new Float64Array(options.buckets);
    this.failures = new Float64Array(options.buckets);
    this.stamps = new Float64Array(options.buckets).fill(-1);
    this.bucketMs = options.windowMs / options.buckets;
    this.now = options.now ?? Date.now;
  }

  get state(): BreakerState {
    return this.stateValue;
  }

  onStateChange(listener: (state: BreakerState) => void): void {
    this.listeners.push(listener);
  }

  /** Runs `call` unless the circuit refuses it; its promise's rejection counts as a failure. */
  run<T>(call: () => Promise<T>): Promise<T> {
    // A call that throws is counted by runReporting.
    return this.runReporting((report) =>
      call().then(
        (result) => {
          report(false);
          return result;
        },
        (error: unknown) => {
          report(true);
          throw error;
        },
      ),
    );
  }

  /**
   * Runs `call` unless the circuit refuses it, for a caller that learns the
   * outcome before its promise settles (the upstream client's response
   * handler does) and reports it exactly once. On the hot path this adds no
   * promise and no microtask to the call's own: `run` needs both, about
   * 0.5 us a call with what they allocate (CPU profile of the benchmark route).
   * A call that throws counts as failed.
   */
  runReporting<T>(call: (report: OutcomeReport) => Promise<T>): Promise<T> {
    let report: OutcomeReport = this.reportWhileClosed;
    if (this.stateValue !== 'closed') {
      if (this.stateValue === 'open' && this.now() - this.openedAt >= this.options.resetMs)
        this.transition('half-open');
      if (this.stateValue === 'open' || this.trialInFlight) {
        return Promise.reject(this.options.refusal?.() ?? new CircuitOpenError());
      }
      // Half-open: this call is the one trial that decides.
      this.trialInFlight = true;
      report = this.reportTrial;
    }
    try {
      return call(report);
    } catch (error) {
      report(true);
      return Promise.reject(asError(error));
    }
  }

  // Both made once: while half-open there is one trial at a time.
  private readonly reportWhileClosed = (failed: boolean): void => {
    const now = this.now();
    if (this.record(now, failed)) this.open(now);
  };

  private readonly reportTrial = (failed: boolean): void => {
    this.trialInFlight = false;
    if (failed) this.open(this.now());
    else this.close();
  };

  /** Counts the call; on a failure, answers whether the window now says "open". */
  private record(now: number, failed: boolean): boolean {
    const slot = Math.floor(now / this.bucketMs);
    const index = slot % this.options.buckets;
    if (this.stamps[index] !== slot) {
      this.stamps[index] = slot;
      this.totals[index] = 0;
      this.failures[index] = 0;
    }
    this.totals[index]++;
    if (!failed) return false;
    this.failures[index]++;
    let total = 0;
    let failedCalls = 0;
    const oldest = slot - this.options.buckets + 1;
    for (let i = 0; i < this.options.buckets; i++) {
      if (this.stamps[i] >= oldest) {
        total += this.totals[i];
        failedCalls += this.failures[i];
      }
    }
    return total >= this.options.minimumCalls && failedCalls / total >= this.options.failureRatio;
  }

  private open(now: number): void {
    this.openedAt = now;
    this.transition('open');
  }

  private close(): void {
    this.stamps.fill(-1);
    this.transition('closed');
  }

  private transition(state: BreakerState): void {
    if (this.stateValue === state) return;
    this.stateValue = state;
    for (const listener of this.listeners) listener(state);
  }
}

function asError(thrown: unknown): Error {
  return thrown instanceof Error ? thrown : new Error(String(thrown));
}
