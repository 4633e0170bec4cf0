export interface WriteCoalescerOptions<I> {
  /** Batches running at once. Items that come while all are busy wait and go in the next batch. */
  readonly maxInFlight: number;
  /** Most items in one batch. */
  readonly maxBatch: number;
  /** Items with the same key never share a batch (two updates of one row, say). */
  readonly keyOf: (item: I) => string;
  /**
   * When a batch of several fails with an error this accepts, each of its
   * items is run again alone, so one item the store refuses does not fail
   * the others. Errors that would fail every item anyway (the store is down)
   * should not be retried: they are answered to the whole batch at once.
   */
  readonly retryAloneWhen?: (error: unknown) => boolean;
}

interface Waiting<I, O> {
  readonly item: I;
  readonly resolve: (output: O) => void;
  readonly reject: (error: unknown) => void;
}

/**
 * Group commit for independent writes. While fewer than `maxInFlight` batches
 * run, an item starts at once, alone: light load waits for no timer and no
 * neighbour. Under load, items queue while every slot is busy, and each slot
 * that frees takes up to `maxBatch` of them in one go, so the round trips,
 * statements and commits per item fall as the load rises. Each item still
 * gets its own outcome: `runBatch` answers one output per input, in order.
 */
export class WriteCoalescer<I, O> {
  private waiting: Waiting<I, O>[] = [];
  private inFlight = 0;

  constructor(
    private readonly options: WriteCoalescerOptions<I>,
    private readonly runBatch: (items: readonly I[]) => Promise<readonly O[]>,
  ) {
    if (options.maxInFlight < 1 || options.maxBatch < 1) {
      throw new RangeError('maxInFlight and maxBatch must be at least 1');
    }
  }

  submit(item: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.waiting.push({ item, resolve, reject });
      this.startBatches();
    });
  }

  /** Items waiting for a slot (for tests and metrics). */
  get queued(): number {
    return this.waiting.length;
  }

  private startBatches(): void {
    while (this.inFlight < this.options.maxInFlight && this.waiting.length > 0) {
      this.inFlight++;
      void this.run(this.takeBatch());
    }
  }

  /** The oldest waiting items with distinct keys, in arrival order; the others keep their places. */
  private takeBatch(): Waiting<I, O>[] {
    const batch: Waiting<I, O>[] = [];
    const keys = new Set<string>();
    const left: Waiting<I, O>[] = [];
    let index = 0;
    for (; index < this.waiting.length && batch.length < this.options.maxBatch; index++) {
      const waiting = this.waiting[index];
      const key = this.options.keyOf(waiting.item);
      if (keys.has(key)) {
        left.push(waiting);
      } else {
        keys.add(key);
        batch.push(waiting);
      }
    }
    this.waiting = index === this.waiting.length ? left : left.concat(this.waiting.slice(index));
    return batch;
  }

  private async run(batch: Waiting<I, O>[]): Promise<void> {
    try {
      await this.settle(batch);
    } finally {
      this.inFlight--;
      this.startBatches();
    }
  }

  private async settle(batch: Waiting<I, O>[]): Promise<void> {
    let outputs: readonly O[];
    try {
      outputs = await this.runBatch(batch.map((waiting) => waiting.item));
    } catch (error) {
      if (batch.length > 1 && this.options.retryAloneWhen?.(error)) {
        // One after the other, in this batch's slot: the slot stays one connection.
        for (const waiting of batch) await this.settle([waiting]);
      } else {
        for (const waiting of batch) waiting.reject(error);
      }
      return;
    }
    if (outputs.length !== batch.length) {
      const error = new Error(`a batch of ${batch.length} answered ${outputs.length} outputs`);
      for (const waiting of batch) waiting.reject(error);
      return;
    }
    batch.forEach((waiting, index) => waiting.resolve(outputs[index]));
  }
}
