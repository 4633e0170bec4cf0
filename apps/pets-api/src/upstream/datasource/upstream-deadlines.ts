/** A call the deadlines watch (the upstream client's handler); the fields are the watch's own. */
export interface WatchedCall {
  /** The tick of the call's last sign of life. */
  lastSeenTick: number;
  watched: boolean;
  previousWatched: WatchedCall | undefined;
  nextWatched: WatchedCall | undefined;
  /** Gives up on the call: nothing came from the upstream for the whole timeout. */
  expire(): void;
}

/**
 * The upstream client's timeouts: a call expires when the upstream has sent
 * nothing for `timeoutMs`, neither its response headers nor the next piece of
 * its body. Calls wait in one list, in the order of their last sign of life,
 * and one interval (a quarter of the timeout) expires those at its head whose
 * time is up, so a call expires between 1 and 1.25 times the timeout after it
 * fell silent.
 *
 * Why not undici's headersTimeout and bodyTimeout: undici makes a timer
 * object for every request, and its fast timers keep each one for the next
 * half-second tick of their clock, long enough for the garbage collector to
 * move it to the old generation. On the benchmark route those were the
 * largest share of what an API worker promoted, and promoted garbage is what
 * makes it run a mark-compact every few seconds under load. Measured side by
 * side against undici's timers: see README.md, Benchmarks.
 *
 * The interval starts with the first call (never before the workers fork) and
 * is unref'd: it never keeps a process alive.
 */
export class UpstreamDeadlines {
  private head: WatchedCall | undefined;
  private tail: WatchedCall | undefined;
  private tick = 0;
  private timer: NodeJS.Timeout | undefined;
  private readonly periodMs: number;
  private readonly silentTicksAllowed: number;

  constructor(timeoutMs: number) {
    this.periodMs = Math.max(5, Math.ceil(timeoutMs / 4));
    // A call seen just after a tick has waited almost a period more than the ticks count.
    this.silentTicksAllowed = Math.ceil(timeoutMs / this.periodMs);
  }

  /** Starts, or starts again, the call's clock: it began, or the upstream sent it something. */
  touch(call: WatchedCall): void {
    if (call.watched) this.unlink(call);
    call.lastSeenTick = this.tick;
    call.watched = true;
    call.previousWatched = this.tail;
    call.nextWatched = undefined;
    if (this.tail === undefined) this.head = call;
    else this.tail.nextWatched = call;
    this.tail = call;
    if (this.timer === undefined) {
      this.timer = setInterval(() => this.advance(), this.periodMs);
      this.timer.unref();
    }
  }

  /** Stops watching the call (it ended). */
  release(call: WatchedCall): void {
    if (call.watched) this.unlink(call);
  }

  /** Stops the interval (once no call is left to time out: see UpstreamClient.close). */
  close(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  /** One tick of the clock: expires every call silent for longer than the timeout. */
  advance(): void {
    this.tick++;
    while (this.head !== undefined && this.tick - this.head.lastSeenTick > this.silentTicksAllowed) {
      const expired = this.head;
      this.unlink(expired);
      expired.expire();
    }
  }

  private unlink(call: WatchedCall): void {
    if (call.previousWatched === undefined) this.head = call.nextWatched;
    else call.previousWatched.nextWatched = call.nextWatched;
    if (call.nextWatched === undefined) this.tail = call.previousWatched;
    else call.nextWatched.previousWatched = call.previousWatched;
    call.previousWatched = undefined;
    call.nextWatched = undefined;
    call.watched = false;
  }
}
