import { SpawnedService } from '@pets/testing';

describe('aggregation-worker lifecycle (built app)', () => {
  it('starts, logs JSON, idles and stops cleanly on SIGTERM', async () => {
    const worker = SpawnedService.start('dist/apps/aggregation-worker/src/main.js', {
      env: { WORKER_METRICS_PORT: '0', EMBEDDED_DATA_DIR: 'memory://' },
    });
    await worker.waitForLog((l) => l.msg === 'aggregation-worker started', 60_000);
    await worker.waitForLog((l) => l.msg === 'lock acquired', 60_000);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(worker.process.exitCode).toBeNull();

    const { code, signal } = await worker.stop('SIGTERM');
    expect({ code, signal }).toEqual({ code: 0, signal: null });
    const messages = worker.logs.map((l) => l.msg);
    expect(messages).toEqual(
      expect.arrayContaining([
        'aggregation-worker started',
        'shutting down',
        'datastore connections closed',
        'shut down cleanly',
      ]),
    );
    // The embedded datastore it started logs as itself, into the same stream.
    for (const line of worker.logs)
      expect(['aggregation-worker', 'embedded-datastore']).toContain(line.service);
  });

  it('exits with status 78 and one line on a bad setting', async () => {
    const worker = SpawnedService.start('dist/apps/aggregation-worker/src/main.js', {
      env: { LOG_LEVEL: 'chatty' },
    });
    expect((await worker.exited).code).toBe(78);
    expect(worker.stderr).toHaveLength(1);
    expect(worker.stderr[0]).toMatch(/^Invalid configuration: LOG_LEVEL must be one of the following values/);
  });
});
