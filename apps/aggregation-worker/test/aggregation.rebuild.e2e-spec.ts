import { AggregationHarness, describeEachStore } from './support/aggregation.harness';
import { call } from '../../pets-api/test/support/http-client';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// Test 3: rebuilds (through the API and through `npm run rebuild`) race with
// the writers and with the update worker.
describeEachStore('aggregation: rebuild racing with writes and the update worker', (kind) => {
  let harness: AggregationHarness;
  beforeAll(async () => {
    harness = await AggregationHarness.start(kind, 'rebuild', 1_000);
  });
  afterAll(async () => {
    await harness.close();
  });

  it('ends exact, every rebuild succeeds, and the lock never has two holders', async () => {
    harness.startWorker('updater');
    harness.startWorkload();
    const jobs: string[] = [];
    for (let i = 0; i < 3; i++) {
      await sleep(300 + Math.random() * 500);
      jobs.push(await harness.rebuildThroughApi());
    }
    const command = harness.runRebuildCommand();
    const { code } = await command.exited;
    expect({ code, stderr: command.stderr.join('\n') }).toMatchObject({ code: 0 });
    expect(command.stderr.some((line) => line.startsWith('[rebuild] done:'))).toBe(true);
    await sleep(500);
    await harness.stopWorkload();
    await harness.waitForCatchUp(60_000);

    for (const id of jobs) {
      const job = await call(harness.api.url, 'GET', `/admin/aggregates/rebuild/${id}`, { auth: true });
      expect(job.json).toMatchObject({ id, status: 'succeeded', progress: { phase: 'done' } });
    }
    expect(await harness.probe.counts()).toEqual(await harness.probe.recount());
    const acquisitions = await harness.assertNeverTwoHolders();
    if (acquisitions !== undefined) expect(acquisitions).toBeGreaterThanOrEqual(5);
  }, 120_000);
});
