import { AggregationHarness, describeEachStore } from './support/aggregation.harness';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// Test 2: the worker is killed with SIGKILL at random moments while it holds
// the lock (between batches or in the middle of one) while writers keep writing.
describeEachStore('aggregation: exact through SIGKILL crashes', (kind) => {
  let harness: AggregationHarness;
  beforeAll(async () => {
    harness = await AggregationHarness.start(kind, 'crashes', 600);
  });
  afterAll(async () => {
    await harness.close();
  });

  it('neither loses nor repeats a change across 20+ kills and restarts', async () => {
    harness.startWorkload();
    let kills = 0;
    let worker = harness.startWorker('crashy-0');
    while (kills < 22) {
      await worker.waitForLog((l) => l.msg === 'lock acquired', 30_000);
      await sleep(Math.random() * 600);
      worker.process.kill('SIGKILL');
      await worker.exited;
      kills++;
      worker = harness.startWorker(`crashy-${kills}`);
    }
    const writes = await harness.stopWorkload();
    await harness.waitForCatchUp(60_000);

    expect(kills).toBeGreaterThanOrEqual(20);
    expect(writes).toBeGreaterThan(200);
    expect(await harness.probe.counts()).toEqual(await harness.probe.recount());
    const acquisitions = await harness.assertNeverTwoHolders();
    if (acquisitions !== undefined) expect(acquisitions).toBeGreaterThanOrEqual(22);
  }, 120_000);
});
