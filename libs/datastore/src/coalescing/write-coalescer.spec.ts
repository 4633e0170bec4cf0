import fc from 'fast-check';
import { WriteCoalescer } from './write-coalescer';

interface Item {
  key: string;
  value: number;
}

/** A batch runner whose batches end only when the test says so. */
function controlledRunner() {
  const batches: { items: readonly Item[]; finish: () => void; fail: (error: unknown) => void }[] = [];
  const run = (items: readonly Item[]) =>
    new Promise<readonly number[]>((resolve, reject) => {
      batches.push({ items, finish: () => resolve(items.map((i) => i.value * 10)), fail: reject });
    });
  return { batches, run };
}

const flush = () => new Promise((resolve) => setImmediate(resolve));
const item = (key: string, value = 1): Item => ({ key, value });

describe('WriteCoalescer', () => {
  it('runs an item at once, alone, while a slot is free', async () => {
    const { batches, run } = controlledRunner();
    const coalescer = new WriteCoalescer<Item, number>(
      { maxInFlight: 2, maxBatch: 8, keyOf: (i) => i.key },
      run,
    );
    const answer = coalescer.submit(item('a', 4));
    expect(batches.map((b) => b.items)).toEqual([[item('a', 4)]]);
    batches[0].finish();
    await expect(answer).resolves.toBe(40);
  });

  it('gathers what arrives while every slot is busy into the next batch, in arrival order', async () => {
    const { batches, run } = controlledRunner();
    const coalescer = new WriteCoalescer<Item, number>(
      { maxInFlight: 1, maxBatch: 3, keyOf: (i) => i.key },
      run,
    );
    const answers = ['a', 'b', 'c', 'd', 'e'].map((key, index) => coalescer.submit(item(key, index)));
    expect(batches).toHaveLength(1);
    expect(coalescer.queued).toBe(4);
    batches[0].finish();
    await flush();
    expect(batches[1].items.map((i) => i.key)).toEqual(['b', 'c', 'd']);
    batches[1].finish();
    await flush();
    expect(batches[2].items.map((i) => i.key)).toEqual(['e']);
    batches[2].finish();
    await expect(Promise.all(answers)).resolves.toEqual([0, 10, 20, 30, 40]);
  });

  it('never puts two items with one key in a batch, and keeps their order', async () => {
    const { batches, run } = controlledRunner();
    const coalescer = new WriteCoalescer<Item, number>(
      { maxInFlight: 1, maxBatch: 10, keyOf: (i) => i.key },
      run,
    );
    void coalescer.submit(item('first'));
    for (const [key, value] of [
      ['x', 1],
      ['y', 2],
      ['x', 3],
      ['x', 4],
      ['z', 5],
    ] as const) {
      void coalescer.submit(item(key, value));
    }
    batches[0].finish();
    await flush();
    expect(batches[1].items).toEqual([item('x', 1), item('y', 2), item('z', 5)]);
    batches[1].finish();
    await flush();
    expect(batches[2].items).toEqual([item('x', 3)]);
    batches[2].finish();
    await flush();
    expect(batches[3].items).toEqual([item('x', 4)]);
  });

  it('answers a failed batch with its error, unless the error is one to retry each item alone for', async () => {
    const { batches, run } = controlledRunner();
    const coalescer = new WriteCoalescer<Item, number>(
      {
        maxInFlight: 1,
        maxBatch: 10,
        keyOf: (i) => i.key,
        retryAloneWhen: (error) => (error as Error).message === 'refused one',
      },
      run,
    );
    void coalescer.submit(item('busy'));
    const down = [coalescer.submit(item('a')), coalescer.submit(item('b'))];
    batches[0].finish();
    await flush();
    batches[1].fail(new Error('store down'));
    for (const answer of down) await expect(answer).rejects.toThrow('store down');
    await flush();

    void coalescer.submit(item('busy again'));
    const mixed = [coalescer.submit(item('good', 1)), coalescer.submit(item('bad', 2))];
    batches[2].finish();
    await flush();
    batches[3].fail(new Error('refused one'));
    await flush();
    // Alone, one at a time in the same slot.
    expect(batches[4].items).toEqual([item('good', 1)]);
    expect(batches).toHaveLength(5);
    batches[4].finish();
    await flush();
    expect(batches[5].items).toEqual([item('bad', 2)]);
    batches[5].fail(new Error('refused one'));
    await expect(mixed[0]).resolves.toBe(10);
    await expect(mixed[1]).rejects.toThrow('refused one');
  });

  it('rejects every item of a batch that answers the wrong number of outputs', async () => {
    const { batches, run } = controlledRunner();
    const coalescer = new WriteCoalescer<Item, number>(
      { maxInFlight: 1, maxBatch: 4, keyOf: (i) => i.key },
      async (items) => (items.length === 1 ? run(items) : [7]),
    );
    void coalescer.submit(item('busy'));
    const answers = [coalescer.submit(item('a')), coalescer.submit(item('b'))];
    batches[0].finish();
    for (const answer of answers) await expect(answer).rejects.toThrow('a batch of 2 answered 1 outputs');
  });

  it('under any arrival pattern: every item answered once with its own output, limits and keys respected', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f'), fc.nat(3)), { maxLength: 60 }),
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 1, max: 5 }),
        async (arrivals, maxInFlight, maxBatch) => {
          let running = 0;
          let mostRunning = 0;
          const seen: number[] = [];
          const coalescer = new WriteCoalescer<Item, number>(
            { maxInFlight, maxBatch, keyOf: (i) => i.key },
            async (items) => {
              running++;
              mostRunning = Math.max(mostRunning, running);
              expect(items.length).toBeLessThanOrEqual(maxBatch);
              expect(new Set(items.map((i) => i.key)).size).toBe(items.length);
              await flush();
              running--;
              seen.push(...items.map((i) => i.value));
              return items.map((i) => -i.value);
            },
          );
          const answers: Promise<number>[] = [];
          for (const [index, [key, pause]] of arrivals.entries()) {
            answers.push(coalescer.submit(item(key, index)));
            for (let p = 0; p < pause; p++) await Promise.resolve();
          }
          const outputs = await Promise.all(answers);
          expect(outputs).toEqual(arrivals.map((_, index) => -index));
          expect(seen.sort((x, y) => x - y)).toEqual(arrivals.map((_, index) => index));
          expect(mostRunning).toBeLessThanOrEqual(maxInFlight);
        },
      ),
      { numRuns: 200 },
    );
  });
});
