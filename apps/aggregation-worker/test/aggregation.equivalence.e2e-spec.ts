import { AggregationHarness, describeEachStore } from './support/aggregation.harness';

// Test 1: a random workload from 8 concurrent writers, through the API.
describeEachStore('aggregation: equivalence with a recount', (kind) => {
  let harness: AggregationHarness;
  beforeAll(async () => {
    harness = await AggregationHarness.start(kind, 'equivalence', 2_000);
  });
  afterAll(async () => {
    await harness.close();
  });

  it('folds creates, moves, retags and deletes from 8 writers into exactly the recounted counts', async () => {
    harness.startWorker('worker-1');
    const writes = await harness.runWorkload(60);
    expect(writes).toBe(480);
    await harness.waitForCatchUp();
    const counts = await harness.probe.counts();
    expect(Object.keys(counts).length).toBeGreaterThan(10);
    expect(counts).toEqual(await harness.probe.recount());
  }, 60_000);
});
