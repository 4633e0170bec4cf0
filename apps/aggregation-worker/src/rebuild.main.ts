import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { loadConfigOrExit } from '@pets/config';
import { initLogging, NestLoggerAdapter } from '@pets/logging';
import { RebuildJobs, type RebuildProgress } from '@pets/pet-aggregates';
import { WorkerSettings } from './config/worker.settings';
import { RebuildRunner } from './runner/rebuild.runner';
import { WorkerModule } from './worker.module';

// `npm run rebuild`: recompute every tag count from the pets, now, with
// progress on the terminal. Waits for the update worker to yield the lock;
// changes written meanwhile are applied after the rebuild, not lost.

const say = (line: string): boolean => process.stderr.write(`[rebuild] ${line}\n`);

function describe(progress: RebuildProgress): string {
  const elapsed = progress.elapsedMs === undefined ? '' : ` (${(progress.elapsedMs / 1000).toFixed(1)} s)`;
  switch (progress.phase) {
    case 'counting':
      return progress.pets === undefined
        ? 'counting pets...'
        : `counting the tags of ${progress.pets.toLocaleString('en')} pets${elapsed}`;
    case 'writing':
      return `writing ${progress.counts?.toLocaleString('en') ?? ''} tag/location counts${elapsed}`;
    case 'done':
      return `done: ${progress.counts?.toLocaleString('en')} counts for ${progress.pets?.toLocaleString('en')} pets${elapsed}`;
    default:
      return progress.phase;
  }
}

async function main(): Promise<void> {
  const settings = loadConfigOrExit(WorkerSettings);
  const logging = initLogging({
    service: 'rebuild',
    ...settings.logging,
    level: settings.logging.level === 'info' ? 'warn' : settings.logging.level,
  });
  const app = await NestFactory.createApplicationContext(
    WorkerModule.forRoot({ settings, logging, runLoop: false }),
    {
      logger: new NestLoggerAdapter(logging),
    },
  );
  try {
    const jobs = app.get(RebuildJobs);
    const runner = app.get(RebuildRunner);
    const job = await jobs.createRunning('npm run rebuild', settings.aggregation.ownerId());
    say(`job ${job.id}: waiting for the lock (the update worker yields it between batches)`);
    const deadline = Date.now() + settings.aggregation.leaseMs * 3 + 30_000;
    for (;;) {
      const attempt = await runner.attempt(job.id, { claim: false, onProgress: (p) => say(describe(p)) });
      if (attempt.ran) break;
      if (Date.now() > deadline) throw new Error('could not get the lock: is another rebuild running?');
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  } finally {
    await app.close();
  }
}

main().catch((error: unknown) => {
  say(`failed: ${(error as Error).message}`);
  process.exitCode = 1;
});
