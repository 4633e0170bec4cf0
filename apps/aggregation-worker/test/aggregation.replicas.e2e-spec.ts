import { AggregationHarness, describeEachStore } from './support/aggregation.harness';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const LEASE_MS = 1_000;

// Test 4: several replicas; one works, the others take over when it dies.
describeEachStore('aggregation: replicas', (kind) => {
  it.each([2, 3])(
    'with %i replicas: one holder at a time, takeover within lease + 1 s, exact',
    async (replicas) => {
      const harness = await AggregationHarness.start(kind, `replicas${replicas}`, LEASE_MS);
      try {
        for (let i = 1; i <= replicas; i++) harness.startWorker(`replica-${i}`);
        harness.startWorkload();
        const takeovers: number[] = [];
        for (let round = 0; round < 2; round++) {
          await sleep(700);
          let holder = await harness.probe.holder();
          while (!holder) {
            await sleep(20);
            holder = await harness.probe.holder();
          }
          const victim = harness.workers.get(holder)!;
          const killedAt = Date.now();
          victim.process.kill('SIGKILL');
          let successor = await harness.probe.holder();
          while (!successor || successor === holder) {
            await sleep(10);
            successor = await harness.probe.holder();
          }
          takeovers.push(Date.now() - killedAt);
          harness.startWorker(`${holder}-again`); // back to full strength
        }
        await harness.stopWorkload();
        await harness.waitForCatchUp();

        for (const takeover of takeovers) expect(takeover).toBeLessThanOrEqual(LEASE_MS + 1_000);
        expect(await harness.probe.counts()).toEqual(await harness.probe.recount());
        await harness.assertNeverTwoHolders();
      } finally {
        await harness.close();
      }
    },
    90_000,
  );
});
