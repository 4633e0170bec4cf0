import { AggregationHarness, describeEachStore } from './support/aggregation.harness';

// Test 5: a holder frozen past its lease (SIGSTOP), then thawed (SIGCONT),
// tries to write with its old token: the store refuses it.
describeEachStore('aggregation: a paused holder cannot write', (kind) => {
  let harness: AggregationHarness;
  beforeAll(async () => {
    harness = await AggregationHarness.start(kind, 'fencing', 1_000);
  });
  afterAll(async () => {
    await harness.close();
  });

  it('refuses the thawed holder through the fencing token, and the counts stay exact', async () => {
    // The hold gives a window between "my lease is valid" and "write": the
    // place where a real GC pause or a frozen VM hurts.
    const paused = harness.startWorker('paused', { WORKER_DEBUG_HOLD_BEFORE_WRITE_MS: '1500' });
    await paused.waitForLog((l) => l.msg === 'lock acquired');
    await harness.runWorkload(5);
    const holding = await paused.waitForLog((l) => l.msg === 'debug: holding before write');
    const staleToken = holding.fencingToken as number;
    paused.process.kill('SIGSTOP');

    const successor = harness.startWorker('successor');
    await successor.waitForLog(
      (l) => l.msg === 'lock acquired' && (l.fencingToken as number) > staleToken,
      20_000,
    );
    await harness.waitForCatchUp();
    const countsWhilePaused = await harness.probe.counts();

    paused.process.kill('SIGCONT');
    const refused = await paused.waitForLog((l) => l.msg === 'write refused by the fencing token', 20_000);
    expect(refused.fencingToken).toBe(staleToken);

    await harness.runWorkload(5);
    await harness.waitForCatchUp();
    expect(countsWhilePaused).not.toEqual({});
    expect(await harness.probe.counts()).toEqual(await harness.probe.recount());
    await harness.assertNeverTwoHolders();
  }, 60_000);
});
