import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { loadConfigOrExit } from '@pets/config';
import { getLogger, initLogging, NestLoggerAdapter } from '@pets/logging';
import { closeOnSignals } from '@pets/runtime';
import { WorkerSettings } from './config/worker.settings';
import { WorkerModule } from './worker.module';

async function main(): Promise<void> {
  const settings = loadConfigOrExit(WorkerSettings);
  const logging = initLogging({ service: 'aggregation-worker', ...settings.logging });
  // A standalone application context: the worker's only HTTP is its metrics port.
  const app = await NestFactory.createApplicationContext(
    WorkerModule.forRoot({ settings, logging, runLoop: true }),
    {
      logger: new NestLoggerAdapter(logging),
    },
  );
  const log = getLogger('aggregation-worker');
  closeOnSignals(app, { log, deadlineMs: 30_000 });
  log.info('aggregation-worker started');
}

main().catch((error: unknown) => {
  getLogger('aggregation-worker').fatal({ err: error }, 'aggregation-worker failed to start');
  process.exitCode = 1;
});
